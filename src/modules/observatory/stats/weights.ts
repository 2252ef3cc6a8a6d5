/**
 * Spatial weights for the observatory: queen and rook contiguity from polygons,
 * k-nearest neighbours on centroids, row-standardised and binary forms, islands flagged.
 * Polygons come as GeoJSON MultiPolygon coordinates (WGS84 [lon, lat], territory.geo.ts)
 * and are projected to Belgian Lambert 2008 (EPSG:3812) before any comparison, so the
 * snapping tolerance and the centroid distances are in metres. Pure: no I/O.
 * Formulas and conventions: docs/statistics.md, "Spatial weights".
 */
import type { MultiPolygon, Position } from "../../territory/territory.geo.js";

// ---- Lambert Conformal Conic (2SP), EPSG Guidance Note 7-2 §3.2.1.1 ----------------

export interface LambertParameters {
  /** semi-major axis, in the unit of the projected coordinates */
  a: number;
  inverseFlattening: number;
  /** degrees */
  latitudeOfOrigin: number;
  longitudeOfOrigin: number;
  standardParallel1: number;
  standardParallel2: number;
  falseEasting: number;
  falseNorthing: number;
}

/** EPSG:3812, GRS80; origin 50°47'52.134"N 4°21'33.177"E (the EPSG definition, in DMS). */
export const LAMBERT_2008: LambertParameters = {
  a: 6378137,
  inverseFlattening: 298.257222101,
  latitudeOfOrigin: 50 + 47 / 60 + 52.134 / 3600,
  longitudeOfOrigin: 4 + 21 / 60 + 33.177 / 3600,
  standardParallel1: 49 + 50 / 60,
  standardParallel2: 51 + 10 / 60,
  falseEasting: 649328,
  falseNorthing: 665262,
};

export interface Projection {
  /** [lon, lat] degrees -> [easting, northing] */
  forward(lon: number, lat: number): Position;
  /** [easting, northing] -> [lon, lat] degrees */
  inverse(easting: number, northing: number): Position;
}

const RAD = Math.PI / 180;

export function lambertConformalConic(p: LambertParameters): Projection {
  const f = 1 / p.inverseFlattening;
  const e = Math.sqrt(2 * f - f * f);
  const m = (phi: number) => Math.cos(phi) / Math.sqrt(1 - e * e * Math.sin(phi) ** 2);
  const t = (phi: number) => {
    const es = e * Math.sin(phi);
    return Math.tan(Math.PI / 4 - phi / 2) / ((1 - es) / (1 + es)) ** (e / 2);
  };
  const phi1 = p.standardParallel1 * RAD, phi2 = p.standardParallel2 * RAD;
  const n = (Math.log(m(phi1)) - Math.log(m(phi2))) / (Math.log(t(phi1)) - Math.log(t(phi2)));
  const F = m(phi1) / (n * t(phi1) ** n);
  const r = (phi: number) => p.a * F * t(phi) ** n;
  const rF = r(p.latitudeOfOrigin * RAD);
  const lambdaF = p.longitudeOfOrigin * RAD;
  return {
    forward(lon, lat) {
      const theta = n * (lon * RAD - lambdaF);
      const rr = r(lat * RAD);
      return [p.falseEasting + rr * Math.sin(theta), p.falseNorthing + rF - rr * Math.cos(theta)];
    },
    inverse(easting, northing) {
      const dx = easting - p.falseEasting, dy = rF - (northing - p.falseNorthing);
      const sign = n < 0 ? -1 : 1;
      const rr = sign * Math.sqrt(dx * dx + dy * dy);
      const theta = Math.atan2(sign * dx, sign * dy);
      const tt = (rr / (p.a * F)) ** (1 / n);
      let phi = Math.PI / 2 - 2 * Math.atan(tt);
      for (let i = 0; i < 20; i++) {
        const es = e * Math.sin(phi);
        const next = Math.PI / 2 - 2 * Math.atan(tt * ((1 - es) / (1 + es)) ** (e / 2));
        if (Math.abs(next - phi) < 1e-14) { phi = next; break; }
        phi = next;
      }
      return [(theta / n + lambdaF) / RAD, phi / RAD];
    },
  };
}

export const lambert2008 = lambertConformalConic(LAMBERT_2008);

export function projectShape(shape: MultiPolygon, projection: Projection = lambert2008): MultiPolygon {
  return shape.map((polygon) => polygon.map((ring) => ring.map(([lon, lat]) => projection.forward(lon, lat))));
}

// ---- sparse weights -------------------------------------------------------------------

export type WeightsKind = "queen" | "rook" | "knn";

/** Neighbour lists (ascending indices) and matching weights; unit i's row is neighbours[i]. */
export interface SpatialWeights {
  n: number;
  kind: WeightsKind;
  transform: "binary" | "row";
  neighbours: number[][];
  weights: number[][];
  /** units without any neighbour: kept, flagged, left out of local inference */
  islands: number[];
}

/** Default snapping grid for contiguity: 0.1 m in Lambert 2008 (input is 1e-6° ≈ 0.07-0.11 m). */
export const SNAP_METRES = 0.1;

export interface ContiguityOptions {
  /** grid size in metres to which projected vertices are rounded before matching */
  snap?: number;
  projection?: Projection;
}

function fromNeighbourSets(kind: WeightsKind, sets: Set<number>[]): SpatialWeights {
  const neighbours = sets.map((s) => [...s].sort((a, b) => a - b));
  return {
    n: sets.length,
    kind,
    transform: "binary",
    neighbours,
    weights: neighbours.map((row) => row.map(() => 1)),
    islands: neighbours.flatMap((row, i) => (row.length === 0 ? [i] : [])),
  };
}

/**
 * Contiguity weights. Queen: the polygons share at least one (snapped) vertex. Rook: they
 * share an edge, i.e. two vertices consecutive in a ring of each (a vertex lying on the
 * other polygon's edge without being one of its vertices does not count, as in PySAL).
 */
export function contiguity(shapes: MultiPolygon[], rule: "queen" | "rook", options: ContiguityOptions = {}): SpatialWeights {
  const snap = options.snap ?? SNAP_METRES;
  const projection = options.projection ?? lambert2008;
  const owners = new Map<string, Set<number>>();
  const add = (key: string, unit: number) => {
    let set = owners.get(key);
    if (!set) owners.set(key, (set = new Set()));
    set.add(unit);
  };
  shapes.forEach((shape, unit) => {
    for (const polygon of shape) {
      for (const ring of polygon) {
        const keys = ring.map(([lon, lat]) => {
          const [x, y] = projection.forward(lon, lat);
          return `${Math.round(x / snap)},${Math.round(y / snap)}`;
        });
        for (let k = 0; k < keys.length; k++) {
          if (rule === "queen") add(keys[k]!, unit);
          else {
            const a = keys[k]!, b = keys[(k + 1) % keys.length]!;
            if (a !== b) add(a < b ? `${a}|${b}` : `${b}|${a}`, unit);
          }
        }
      }
    }
  });
  const sets = shapes.map(() => new Set<number>());
  for (const units of owners.values()) {
    if (units.size < 2) continue;
    for (const i of units) for (const j of units) if (i !== j) sets[i]!.add(j);
  }
  return fromNeighbourSets(rule, sets);
}

/** Area-weighted centroid of a projected multipolygon (holes subtracted). */
export function centroid(shape: MultiPolygon): Position {
  let area = 0, cx = 0, cy = 0;
  for (const polygon of shape) {
    polygon.forEach((ring, r) => {
      let a = 0, x = 0, y = 0;
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]!, [xj, yj] = ring[j]!;
        const cross = xj * yi - xi * yj;
        a += cross;
        x += (xj + xi) * cross;
        y += (yj + yi) * cross;
      }
      // outer ring counts positive, holes negative, whatever the ring orientation
      const sign = (r === 0 ? 1 : -1) * Math.sign(a);
      area += sign * a / 2;
      cx += (sign * x) / 6;
      cy += (sign * y) / 6;
    });
  }
  return [cx / area, cy / area];
}

/**
 * k nearest neighbours by Euclidean distance between points (projected centroids);
 * ties in distance are broken by the lower unit index. Not symmetric in general.
 */
export function nearestNeighbours(points: Position[], k = 6): SpatialWeights {
  if (k >= points.length) throw new RangeError(`k = ${k} needs more than ${points.length} units`);
  const sets = points.map(([xi, yi], i) => {
    const others = points
      .map(([xj, yj], j) => ({ j, d: Math.hypot(xj - xi, yj - yi) }))
      .filter((o) => o.j !== i)
      .sort((a, b) => a.d - b.d || a.j - b.j);
    return new Set(others.slice(0, k).map((o) => o.j));
  });
  return fromNeighbourSets("knn", sets);
}

/** k nearest neighbours between the Lambert 2008 centroids of WGS84 polygons. */
export function nearestNeighboursOfShapes(shapes: MultiPolygon[], k = 6, projection: Projection = lambert2008): SpatialWeights {
  return nearestNeighbours(shapes.map((s) => centroid(projectShape(s, projection))), k);
}

/** w_ij / W_i; islands keep an empty row. */
export function rowStandardise(w: SpatialWeights): SpatialWeights {
  return {
    ...w,
    transform: "row",
    weights: w.weights.map((row) => {
      const total = row.reduce((s, v) => s + v, 0);
      return row.map((v) => v / total);
    }),
  };
}

export function binary(w: SpatialWeights): SpatialWeights {
  return { ...w, transform: "binary", weights: w.neighbours.map((row) => row.map(() => 1)) };
}

/** j in N(i) <=> i in N(j) (the neighbour structure, not the weight values). */
export function isSymmetric(w: SpatialWeights): boolean {
  const has = w.neighbours.map((row) => new Set(row));
  return w.neighbours.every((row, i) => row.every((j) => has[j]!.has(i)));
}

export interface WeightsSummary {
  n: number;
  links: number;
  meanNeighbours: number;
  minNeighbours: number;
  maxNeighbours: number;
  islands: number;
}

export function summarise(w: SpatialWeights): WeightsSummary {
  const cards = w.neighbours.map((row) => row.length);
  const links = cards.reduce((s, c) => s + c, 0);
  return {
    n: w.n,
    links,
    meanNeighbours: links / w.n,
    minNeighbours: Math.min(...cards),
    maxNeighbours: Math.max(...cards),
    islands: w.islands.length,
  };
}
