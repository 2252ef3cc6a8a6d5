import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import {
  bboxOf,
  containsPoint,
  jenksBreaks,
  multiPolygonArea,
  pointInRing,
  prepareShape,
  quantileBreaks,
  ringArea,
  toMultiPolygon,
  validityProblems,
  type Geometry,
  type MultiPolygon,
  type Ring,
} from "./territory.geo.js";
import { simplifyLayer, simplifyLine } from "./territory.simplify.js";

const DATA = new URL("../../../data/brussels/", import.meta.url);
type Fc = { features: { properties: Record<string, unknown>; geometry: Geometry }[] };
const readFc = (path: string) => JSON.parse(readFileSync(new URL(path, DATA), "utf8")) as Fc;
const byCode = (fc: Fc) => new Map(fc.features.map((f) => [Number(f.properties.code), toMultiPolygon(f.geometry)]));

const square = (x: number, y: number, size: number): Ring => [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]];

describe("point in polygon", () => {
  const withHole: MultiPolygon = [[square(0, 0, 10), square(4, 4, 2)], [square(20, 0, 2)]];
  const shape = prepareShape(withHole);

  it("finds points inside, in holes, in other parts and outside", () => {
    assert.equal(containsPoint(shape, 1, 1), true);
    assert.equal(containsPoint(shape, 5, 5), false, "inside the hole");
    assert.equal(containsPoint(shape, 21, 1), true, "second part");
    assert.equal(containsPoint(shape, 15, 5), false, "between the parts");
    assert.equal(containsPoint(shape, -1, 5), false, "outside the bounding box");
  });

  it("handles concave rings", () => {
    const u: Ring = [[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]];
    assert.equal(pointInRing(0.5, 2, u), true);
    assert.equal(pointInRing(1.5, 2, u), false, "in the notch");
    assert.equal(pointInRing(2.5, 2, u), true);
  });

  it("computes bounding boxes", () => {
    assert.deepEqual(bboxOf(withHole), [0, 0, 22, 10]);
  });
});

describe("area", () => {
  it("measures a 0.01° square at Brussels' latitude like the ellipsoid does", () => {
    // Meridian arc ≈ 111,248 m per degree at 50.85°N; parallel ≈ 70,383 m per degree.
    const area = ringArea(square(4.35, 50.84, 0.01));
    assert.ok(Math.abs(area / (1112.48 * 703.83) - 1) < 0.001, `area ${area}`);
  });

  it("agrees with the portal's area of the 145 neighbourhoods within 0.3%", () => {
    for (const f of readFc("neighbourhoods/monitoring_quartiers_145.geojson").features) {
      const portal = Number(f.properties.area);
      const ours = multiPolygonArea(toMultiPolygon(f.geometry));
      assert.ok(Math.abs(ours / portal - 1) < 0.003, `mdzone ${f.properties.mdzone}: ${ours} vs ${portal}`);
    }
  });

  it("subtracts holes", () => {
    const outer = ringArea(square(4.3, 50.8, 0.01));
    const hole = ringArea(square(4.302, 50.802, 0.002));
    assert.ok(Math.abs(multiPolygonArea([[square(4.3, 50.8, 0.01), square(4.302, 50.802, 0.002)]]) - (outer - hole)) < 1e-6);
  });
});

describe("validity check", () => {
  it("accepts simple shapes, holes and parts touching at one point", () => {
    assert.deepEqual(validityProblems([[square(0, 0, 10), square(2, 2, 2)]]), []);
    assert.deepEqual(validityProblems([[square(0, 0, 1)], [square(1, 1, 1)]]), []);
  });

  it("finds self-intersections, crossing rings, spikes and short rings", () => {
    const finds = (shape: MultiPolygon, problem: RegExp) =>
      assert.ok(validityProblems(shape).some((p) => problem.test(p)), `${problem}: ${validityProblems(shape).join("; ")}`);
    finds([[[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]]], /self-intersection \(cross\)/);
    finds([[[[0, 0], [4, 0], [4, 2], [2, 2], [4, 4], [0, 4], [2, 2], [0, 2], [0, 0]]]], /self-intersection \(touch\)/);
    finds([[square(0, 0, 4), square(3, 1, 2)]], /rings 0 and 1: cross/);
    finds([[[[0, 0], [4, 0], [4, 4], [4, 6], [4, 4], [0, 4], [0, 0]]]], /self-intersection \(overlap\)/);
    finds([[[[0, 0], [1, 0], [0, 0]]]], /fewer than 4 points/);
    finds([[square(0, 0, 2)], [square(1, 0, 2)]], /overlap|cross/);
    finds([[[[0, 0], [1, 0], [1, 1], [0, 1]]]], /not closed/);
  });
});

describe("shipped geometries (data/brussels/derived)", () => {
  const layers = ["neighbourhoods", "municipalities", "police_zones"] as const;
  const counts = { neighbourhoods: 145, municipalities: 19, police_zones: 6 };

  for (const layer of layers) {
    it(`${layer}: full and simplified are valid, same parts and rings, 6 decimals, RFC 7946 winding`, () => {
      const full = byCode(readFc(`derived/${layer}.geojson`));
      const simplified = byCode(readFc(`derived/${layer}.simplified.geojson`));
      assert.equal(full.size, counts[layer]);
      assert.deepEqual([...simplified.keys()], [...full.keys()]);
      for (const [code, shape] of full) {
        const small = simplified.get(code)!;
        assert.deepEqual(validityProblems(shape), [], `${layer} ${code} full`);
        assert.deepEqual(validityProblems(small), [], `${layer} ${code} simplified`);
        assert.deepEqual(small.map((p) => p.length), shape.map((p) => p.length), `${layer} ${code}: no polygon or ring dropped`);
        assert.ok(Math.abs(multiPolygonArea(small) / multiPolygonArea(shape) - 1) < 0.02, `${layer} ${code} simplified area`);
        for (const polygon of shape) {
          polygon.forEach((ring, i) => {
            const signed = ring.reduce((s, p, k) => (k ? s + (ring[k - 1]![0] - p[0]) * (ring[k - 1]![1] + p[1]) : s), 0);
            assert.equal(signed > 0, i === 0, `${layer} ${code}: outer rings counter-clockwise, holes clockwise`);
            for (const [x, y] of ring) assert.ok(Math.abs(x * 1e6 - Math.round(x * 1e6)) < 1e-6 && Math.abs(y * 1e6 - Math.round(y * 1e6)) < 1e-6);
          });
        }
      }
    });
  }

  it("repaired neighbourhoods 109 and 905 are valid and keep their area within 1%", () => {
    const originals = new Map(
      readFc("neighbourhoods/monitoring_quartiers_145.geojson").features.map((f) => [Math.round(Number(f.properties.mdzone)), f]),
    );
    const full = byCode(readFc("derived/neighbourhoods.geojson"));
    for (const code of [109, 905]) {
      const original = originals.get(code)!;
      const repaired = full.get(code)!;
      assert.deepEqual(validityProblems(repaired), []);
      const before = multiPolygonArea(toMultiPolygon(original.geometry));
      assert.ok(Math.abs(multiPolygonArea(repaired) / before - 1) < 0.01);
      assert.ok(Math.abs(multiPolygonArea(repaired) / Number(original.properties.area) - 1) < 0.01);
    }
  });

  it("neighbourhoods, municipalities and zones cover the same region without gaps or overlaps", () => {
    // SOURCES.md gives 161.86 km² (turf.js, a sphere of radius 6,371 km); on the WGS84
    // ellipsoid the same shapes measure 0.36% more, 162.44 km².
    for (const layer of layers) {
      for (const file of [`derived/${layer}.geojson`, `derived/${layer}.simplified.geojson`]) {
        const total = [...byCode(readFc(file)).values()].reduce((s, shape) => s + multiPolygonArea(shape), 0) / 1e6;
        assert.ok(Math.abs(total - 162.44) < 0.1, `${file}: ${total} km²`);
      }
    }
  });

  it("derived files stay small", () => {
    const bytes = layers.flatMap((l) => [`${l}.geojson`, `${l}.simplified.geojson`]).reduce((s, f) => s + readFileSync(new URL(`derived/${f}`, DATA)).length, 0);
    assert.ok(bytes < 4 * 1024 * 1024, `${bytes} bytes`);
  });
});

describe("simplification", () => {
  it("Douglas-Peucker keeps the ends and the points beyond the tolerance", () => {
    const line: Ring = [[0, 0], [1, 0.01], [2, -0.01], [3, 1], [4, 0]];
    assert.deepEqual(simplifyLine(line, 0.1), [[0, 0], [2, -0.01], [3, 1], [4, 0]]);
    assert.deepEqual(simplifyLine(line, 2), [[0, 0], [4, 0]]);
  });

  it("keeps a boundary shared by two shapes identical on both sides", () => {
    const wiggle: [number, number][] = Array.from({ length: 21 }, (_, i) => [1 + (i % 2) * 0.001, i / 20]);
    const left: Ring = [[0, 0], ...wiggle, [0, 1], [0, 0]];
    const right: Ring = [[2, 0], [2, 1], ...[...wiggle].reverse(), [2, 0]];
    const [a, b] = simplifyLayer([[[left]], [[right]]], 0.01);
    const shared = (ring: Ring) => ring.filter(([x]) => x > 0.5 && x < 1.5).map((p) => p.join()).sort();
    assert.deepEqual(shared(a![0]![0]!), shared(b![0]![0]!));
    assert.ok(a![0]![0]!.length < left.length);
  });

  it("never drops a small ring: a hole too small for the tolerance keeps 4 points", () => {
    const [shape] = simplifyLayer([[[square(0, 0, 1), [[0.5, 0.5], [0.5001, 0.5], [0.5001, 0.5001], [0.5, 0.5001], [0.5, 0.5]]]]], 0.01);
    assert.equal(shape![0]!.length, 2);
    assert.equal(shape![0]![1]!.length, 5);
    assert.deepEqual(validityProblems(shape!), []);
  });
});

describe("class breaks", () => {
  const values = Array.from({ length: 101 }, (_, i) => i);

  it("quantiles: 6 limits for 5 classes, from min to max", () => {
    assert.deepEqual(quantileBreaks(values, 5), [0, 20, 40, 60, 80, 100]);
    assert.deepEqual(quantileBreaks([], 5), []);
    assert.deepEqual(quantileBreaks([7], 5), [7, 7, 7, 7, 7, 7]);
  });

  it("Jenks finds obvious clusters", () => {
    const clustered = [1, 2, 3, 10, 11, 12, 50, 51, 52, 100, 101, 200, 201];
    assert.deepEqual(jenksBreaks(clustered, 5), [1, 3, 12, 52, 101, 201]);
    assert.equal(jenksBreaks(values, 5).length, 6);
    assert.deepEqual(jenksBreaks([4, 4, 4], 5), [4, 4, 4, 4, 4, 4]);
  });
});
