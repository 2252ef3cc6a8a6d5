/**
 * Pure geometry for the reference geography: point in polygon, areas, a validity check
 * and class breaks for choropleth maps. Coordinates are WGS84 [lon, lat] (GeoJSON order).
 * No I/O, no database: the offline preparation script, the services and the tests share it.
 */

export type Position = [number, number];
export type Ring = Position[];
export type Polygon = Ring[];
export type MultiPolygon = Polygon[];
export type Geometry = { type: "Polygon"; coordinates: Polygon } | { type: "MultiPolygon"; coordinates: MultiPolygon };
/** [minLon, minLat, maxLon, maxLat] */
export type BBox = [number, number, number, number];

export function toMultiPolygon(geometry: Geometry): MultiPolygon {
  return geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
}

export function bboxOf(shape: MultiPolygon | Ring): BBox {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const visit = (p: Position) => {
    if (p[0] < minX) minX = p[0];
    if (p[0] > maxX) maxX = p[0];
    if (p[1] < minY) minY = p[1];
    if (p[1] > maxY) maxY = p[1];
  };
  if (isRing(shape)) shape.forEach(visit);
  else for (const polygon of shape) for (const ring of polygon) ring.forEach(visit);
  return [minX, minY, maxX, maxY];
}

function isRing(shape: MultiPolygon | Ring): shape is Ring {
  return typeof shape[0]?.[0] === "number";
}

const inBox = (b: BBox, lon: number, lat: number) => lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3];

// ---- point in polygon ------------------------------------------------------------

/** Ray casting (even-odd rule). Points exactly on an edge may fall either side. */
export function pointInRing(lon: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** A shape ready for repeated point queries: bounding boxes at the shape and polygon level. */
export interface PreparedShape {
  bbox: BBox;
  polygons: { bbox: BBox; rings: Ring[] }[];
}

export function prepareShape(shape: MultiPolygon): PreparedShape {
  return { bbox: bboxOf(shape), polygons: shape.map((rings) => ({ bbox: bboxOf(rings[0] ?? []), rings })) };
}

/** Inside the outer ring of one of the polygons and outside all of that polygon's holes. */
export function containsPoint(shape: PreparedShape, lon: number, lat: number): boolean {
  if (!inBox(shape.bbox, lon, lat)) return false;
  return shape.polygons.some(
    (p) => inBox(p.bbox, lon, lat) && pointInRing(lon, lat, p.rings[0]!) && !p.rings.slice(1).some((hole) => pointInRing(lon, lat, hole)),
  );
}

// ---- area ------------------------------------------------------------------------

const WGS84_A = 6378137;
const WGS84_E2 = 0.00669437999014;
const WGS84_E = Math.sqrt(WGS84_E2);
const RAD = Math.PI / 180;

/** Snyder's q(φ): on the ellipsoid, y = a·q/2 is the Lambert cylindrical equal-area ordinate. */
function authalicQ(latDeg: number): number {
  const s = Math.sin(latDeg * RAD);
  return (1 - WGS84_E2) * (s / (1 - WGS84_E2 * s * s) - (1 / (2 * WGS84_E)) * Math.log((1 - WGS84_E * s) / (1 + WGS84_E * s)));
}

/**
 * Area of a ring in m², on the WGS84 ellipsoid: the shoelace formula in the cylindrical
 * equal-area projection (exact for edges straight in that projection; at the scale of a
 * city block the difference with geodesic edges is negligible). Always positive.
 */
export function ringArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x1, y1] = ring[j]!;
    const [x2, y2] = ring[i]!;
    sum += (x2 - x1) * RAD * (authalicQ(y1) + authalicQ(y2));
  }
  return Math.abs((sum / 2) * WGS84_A * (WGS84_A / 2));
}

/** Outer rings minus holes, in m². */
export function multiPolygonArea(shape: MultiPolygon): number {
  let total = 0;
  for (const [outer, ...holes] of shape) {
    if (!outer) continue;
    total += ringArea(outer) - holes.reduce((s, h) => s + ringArea(h), 0);
  }
  return total;
}

// ---- validity --------------------------------------------------------------------

const orient = (a: Position, b: Position, c: Position) => (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
const onSegment = (a: Position, b: Position, p: Position) =>
  Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);
const same = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];

type Contact = "none" | "touch" | "cross" | "overlap";

/** How two segments meet: not at all, at one endpoint, properly crossing, or along a collinear stretch. */
export function segmentContact(a: Position, b: Position, c: Position, d: Position): Contact {
  const o1 = orient(a, b, c), o2 = orient(a, b, d), o3 = orient(c, d, a), o4 = orient(c, d, b);
  if (o1 === 0 && o2 === 0) {
    // Collinear: overlap when they share more than one point.
    const ends = [c, d].filter((p) => onSegment(a, b, p)).concat([a, b].filter((p) => onSegment(c, d, p)));
    const distinct = ends.filter((p, i) => ends.findIndex((q) => same(p, q)) === i);
    return distinct.length >= 2 ? "overlap" : distinct.length === 1 ? "touch" : "none";
  }
  if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))) return "cross";
  if ((o1 === 0 && onSegment(a, b, c)) || (o2 === 0 && onSegment(a, b, d)) || (o3 === 0 && onSegment(c, d, a)) || (o4 === 0 && onSegment(c, d, b))) {
    return "touch";
  }
  return "none";
}

interface Segment {
  a: Position;
  b: Position;
  ring: number;
  index: number;
  ringSize: number;
  minX: number;
  maxX: number;
}

/**
 * The OGC problems this check finds in a (multi)polygon: rings not closed or too short,
 * zero-area rings, a ring touching or crossing itself, two rings crossing or sharing an
 * edge (touching at single points is allowed between rings). It does not check that holes
 * lie inside their shell. Returns an empty list for a valid geometry.
 */
export function validityProblems(shape: MultiPolygon): string[] {
  const problems: string[] = [];
  const segments: Segment[] = [];
  let ringId = 0;
  shape.forEach((polygon, p) =>
    polygon.forEach((ring, r) => {
      const id = ringId++;
      const first = ring[0], last = ring[ring.length - 1];
      if (!first || !last || !same(first, last)) problems.push(`polygon ${p} ring ${r}: not closed`);
      const points = ring.filter((pt, i) => i === 0 || !same(pt, ring[i - 1]!));
      if (points.length < 4) return void problems.push(`polygon ${p} ring ${r}: fewer than 4 points`);
      if (ringArea(points) === 0) problems.push(`polygon ${p} ring ${r}: zero area`);
      for (let i = 0; i < points.length - 1; i++) {
        const a = points[i]!, b = points[i + 1]!;
        segments.push({ a, b, ring: id, index: i, ringSize: points.length - 1, minX: Math.min(a[0], b[0]), maxX: Math.max(a[0], b[0]) });
      }
    }),
  );
  segments.sort((s, t) => s.minX - t.minX);
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    for (let j = i + 1; j < segments.length && segments[j]!.minX <= s.maxX; j++) {
      const t = segments[j]!;
      if (Math.max(s.a[1], s.b[1]) < Math.min(t.a[1], t.b[1]) || Math.max(t.a[1], t.b[1]) < Math.min(s.a[1], s.b[1])) continue;
      const contact = segmentContact(s.a, s.b, t.a, t.b);
      if (contact === "none") continue;
      if (s.ring !== t.ring) {
        if (contact !== "touch") problems.push(`rings ${Math.min(s.ring, t.ring)} and ${Math.max(s.ring, t.ring)}: ${contact} near ${s.a.join(",")}`);
        continue;
      }
      const gap = Math.abs(s.index - t.index);
      const adjacent = gap === 1 || gap === s.ringSize - 1;
      if (adjacent && contact === "touch") continue;
      problems.push(`ring ${s.ring}: self-intersection (${contact}) near ${s.a.join(",")}`);
    }
  }
  return problems;
}

export const isValid = (shape: MultiPolygon) => validityProblems(shape).length === 0;

// ---- class breaks ----------------------------------------------------------------

/**
 * Quantile class limits: `classes + 1` values from the minimum to the maximum, each class
 * holding about the same number of values (linear interpolation between order statistics).
 */
export function quantileBreaks(values: readonly number[], classes = 5): number[] {
  const sorted = [...values].filter(Number.isFinite).sort((a, b) => a - b);
  if (!sorted.length) return [];
  return Array.from({ length: classes + 1 }, (_, i) => {
    const pos = ((sorted.length - 1) * i) / classes;
    const lo = Math.floor(pos);
    const hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
  });
}

/**
 * Jenks natural breaks (Fisher's exact optimisation, minimising the within-class sum of
 * squared deviations): `classes + 1` limits from the minimum to the maximum. O(k·n²).
 */
export function jenksBreaks(values: readonly number[], classes = 5): number[] {
  const data = [...values].filter(Number.isFinite).sort((a, b) => a - b);
  const n = data.length;
  if (!n) return [];
  const k = Math.min(classes, new Set(data).size);
  // cost[j][i]: best cost of putting data[0..i] into j+1 classes; from[j][i]: start of the last class.
  const cost = Array.from({ length: k }, () => new Float64Array(n).fill(Infinity));
  const from = Array.from({ length: k }, () => new Int32Array(n));
  const prefix = new Float64Array(n + 1), prefix2 = new Float64Array(n + 1);
  data.forEach((v, i) => {
    prefix[i + 1] = prefix[i]! + v;
    prefix2[i + 1] = prefix2[i]! + v * v;
  });
  const ssd = (lo: number, hi: number) => {
    const sum = prefix[hi + 1]! - prefix[lo]!;
    return prefix2[hi + 1]! - prefix2[lo]! - (sum * sum) / (hi - lo + 1);
  };
  for (let i = 0; i < n; i++) cost[0]![i] = ssd(0, i);
  for (let j = 1; j < k; j++) {
    for (let i = j; i < n; i++) {
      for (let start = j; start <= i; start++) {
        const c = cost[j - 1]![start - 1]! + ssd(start, i);
        if (c < cost[j]![i]!) {
          cost[j]![i] = c;
          from[j]![i] = start;
        }
      }
    }
  }
  const limits = [data[n - 1]!];
  for (let j = k - 1, end = n - 1; j > 0; j--) {
    const start = from[j]![end]!;
    limits.unshift(data[start - 1]!);
    end = start - 1;
  }
  limits.unshift(data[0]!);
  while (limits.length < classes + 1) limits.push(data[n - 1]!);
  return limits;
}
