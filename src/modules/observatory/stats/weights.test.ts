import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import type { MultiPolygon } from "../../territory/territory.geo.js";
import {
  binary, centroid, contiguity, isSymmetric, lambert2008, lambertConformalConic, LAMBERT_2008,
  nearestNeighbours, nearestNeighboursOfShapes, rowStandardise, summarise, type Projection,
} from "./weights.js";

const identity: Projection = { forward: (x, y) => [x, y], inverse: (x, y) => [x, y] };
const square = (x: number, y: number, size = 1): MultiPolygon => [[[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]]];
/** 3x3 grid, unit index = row * 3 + column. */
const grid3 = (): MultiPolygon[] => Array.from({ length: 9 }, (_, i) => square(i % 3, Math.floor(i / 3)));

describe("Lambert Conformal Conic 2SP", () => {
  it("reproduces the EPSG Guidance Note 7-2 worked example (Texas South Central, NAD27)", () => {
    // Published: 28°30'N 96°00'W -> E = 2963503.91 ftUS, N = 254759.80 ftUS (GN 7-2 §3.2.1.1).
    const texas = lambertConformalConic({
      a: 20925832.16, inverseFlattening: 294.97870, latitudeOfOrigin: 27 + 50 / 60, longitudeOfOrigin: -99,
      standardParallel1: 28 + 23 / 60, standardParallel2: 30 + 17 / 60, falseEasting: 2000000, falseNorthing: 0,
    });
    const [e, n] = texas.forward(-96, 28.5);
    assert.ok(Math.abs(e - 2963503.91) < 0.01, `E ${e}`);
    assert.ok(Math.abs(n - 254759.80) < 0.01, `N ${n}`);
    const [lon, lat] = texas.inverse(2963503.91, 254759.80);
    assert.ok(Math.abs(lon + 96) < 1e-8 && Math.abs(lat - 28.5) < 1e-8);
  });

  it("maps the EPSG:3812 false origin to (649328, 665262) and round-trips across Belgium", () => {
    const [e, n] = lambert2008.forward(LAMBERT_2008.longitudeOfOrigin, LAMBERT_2008.latitudeOfOrigin);
    assert.ok(Math.abs(e - 649328) < 1e-6 && Math.abs(n - 665262) < 1e-6);
    for (const [lon, lat] of [[2.55, 51.09], [6.4, 49.5], [4.25, 50.76], [4.48, 50.91]] as const) {
      const [x, y] = lambert2008.forward(lon, lat);
      const [lon2, lat2] = lambert2008.inverse(x, y);
      assert.ok(Math.abs(lon2 - lon) < 1e-10 && Math.abs(lat2 - lat) < 1e-10);
    }
  });

  it("has scale factor 1 along the standard parallels (conformal, secant cone)", () => {
    // Independent check: a small step in longitude on the ellipsoid spans N(phi) cos(phi) dlambda metres.
    const f = 1 / LAMBERT_2008.inverseFlattening, e2 = 2 * f - f * f;
    for (const lat of [LAMBERT_2008.standardParallel1, LAMBERT_2008.standardParallel2]) {
      const phi = (lat * Math.PI) / 180, dl = 1e-4;
      const ground = (LAMBERT_2008.a / Math.sqrt(1 - e2 * Math.sin(phi) ** 2)) * Math.cos(phi) * ((dl * Math.PI) / 180);
      const [x1, y1] = lambert2008.forward(4.3, lat), [x2, y2] = lambert2008.forward(4.3 + dl, lat);
      assert.ok(Math.abs(Math.hypot(x2 - x1, y2 - y1) / ground - 1) < 1e-8);
    }
  });
});

describe("contiguity on a 3x3 grid", () => {
  it("gives the centre 8 queen and 4 rook neighbours, corners 3 and 2, edges 5 and 3", () => {
    const queen = contiguity(grid3(), "queen", { projection: identity });
    const rook = contiguity(grid3(), "rook", { projection: identity });
    assert.deepEqual(queen.neighbours[4], [0, 1, 2, 3, 5, 6, 7, 8]);
    assert.deepEqual(rook.neighbours[4], [1, 3, 5, 7]);
    assert.deepEqual(queen.neighbours.map((r) => r.length), [3, 5, 3, 5, 8, 5, 3, 5, 3]);
    assert.deepEqual(rook.neighbours.map((r) => r.length), [2, 3, 2, 3, 4, 3, 2, 3, 2]);
    assert.deepEqual(rook.neighbours[0], [1, 3]);
    assert.ok(isSymmetric(queen) && isSymmetric(rook));
    assert.equal(summarise(queen).links, 40); // 12 edges + 8 diagonal contacts, both ways
  });

  it("snaps vertices within the grid size and flags islands", () => {
    const shapes = grid3();
    shapes[1] = square(1.04, 0); // 4 cm gap: touches at 0.1 snap, not at 0.01
    shapes.push(square(10, 10));
    const coarse = contiguity(shapes, "rook", { projection: identity, snap: 0.1 });
    const fine = contiguity(shapes, "rook", { projection: identity, snap: 0.01 });
    assert.deepEqual(coarse.neighbours[1], [0, 2, 4]);
    assert.deepEqual(fine.neighbours[1], []);
    assert.deepEqual(coarse.islands, [9]);
    assert.deepEqual(fine.islands, [1, 9]);
  });

  it("row-standardises to rows summing to 1 and goes back to binary", () => {
    const w = rowStandardise(contiguity(grid3(), "queen", { projection: identity }));
    assert.equal(w.transform, "row");
    assert.deepEqual(w.weights[0], [1 / 3, 1 / 3, 1 / 3]);
    for (const row of w.weights) assert.ok(Math.abs(row.reduce((s, v) => s + v, 0) - 1) < 1e-12);
    assert.deepEqual(binary(w).weights[4], [1, 1, 1, 1, 1, 1, 1, 1]);
  });
});

describe("k nearest neighbours", () => {
  it("breaks distance ties by the lower index, deterministically", () => {
    const centres = grid3().map((s) => centroid(s));
    assert.deepEqual(centres[4], [1.5, 1.5]);
    const w = nearestNeighbours(centres, 4);
    assert.deepEqual(w.neighbours[4], [1, 3, 5, 7]);
    // corner 0: 1 and 3 at distance 1, then 4 at sqrt 2, then 2 and 6 at distance 2 -> 2 wins
    assert.deepEqual(nearestNeighbours(centres, 4).neighbours[0], [1, 2, 3, 4]);
    // corner 8: 5 and 7, then 4, then 2 and 6 tie at distance 2 -> 2 (lower index) wins
    assert.deepEqual(nearestNeighbours(centres, 4).neighbours[8], [2, 4, 5, 7]);
  });

  it("computes the centroid of an L shape and subtracts holes", () => {
    const l: MultiPolygon = [[[[0, 0], [2, 0], [2, 1], [1, 1], [1, 2], [0, 2], [0, 0]]]];
    const c = centroid(l);
    assert.ok(Math.abs(c[0] - 5 / 6) < 1e-12 && Math.abs(c[1] - 5 / 6) < 1e-12); // (3 unit squares' mean centre)
    const holed: MultiPolygon = [[[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], [[0, 0], [0, 2], [2, 2], [2, 0], [0, 0]]]];
    const h = centroid(holed); // 16-area square minus 4-area corner: (16*2 - 4*1) / 12
    assert.ok(Math.abs(h[0] - 28 / 12) < 1e-12 && Math.abs(h[1] - 28 / 12) < 1e-12);
  });
});

describe("the 145 Brussels monitoring neighbourhoods", () => {
  const geojson = JSON.parse(readFileSync(new URL("../../../../data/brussels/derived/neighbourhoods.geojson", import.meta.url), "utf8"));
  const shapes: MultiPolygon[] = geojson.features.map((f: { geometry: { coordinates: MultiPolygon } }) => f.geometry.coordinates);

  it("gives symmetric queen and rook contiguity without islands (832 / 778 links)", () => {
    assert.equal(shapes.length, 145);
    const queen = contiguity(shapes, "queen"), rook = contiguity(shapes, "rook");
    assert.ok(isSymmetric(queen) && isSymmetric(rook));
    assert.deepEqual(summarise(queen), { n: 145, links: 832, meanNeighbours: 832 / 145, minNeighbours: 2, maxNeighbours: 11, islands: 0 });
    assert.equal(summarise(rook).links, 778);
    // rook is a subset of queen
    queen.neighbours.forEach((row, i) => rook.neighbours[i]!.forEach((j) => assert.ok(row.includes(j))));
  });

  it("agrees with brute force on exactly equal source vertices (independent of projection and snapping)", () => {
    const vertexSets = shapes.map((s) => new Set(s.flat(2).map(([x, y]) => `${x},${y}`)));
    const queen = contiguity(shapes, "queen");
    for (let i = 0; i < shapes.length; i++) {
      const expected: number[] = [];
      for (let j = 0; j < shapes.length; j++) {
        if (j !== i && [...vertexSets[i]!].some((v) => vertexSets[j]!.has(v))) expected.push(j);
      }
      assert.deepEqual(queen.neighbours[i], expected, `unit ${i}`);
    }
  });

  it("gives 6 nearest neighbours to every unit (not symmetric)", () => {
    const knn = nearestNeighboursOfShapes(shapes);
    assert.ok(knn.neighbours.every((row, i) => row.length === 6 && !row.includes(i)));
    assert.equal(isSymmetric(knn), false);
  });
});
