/**
 * Shape simplification for the browser maps: Douglas-Peucker, applied to a whole layer
 * so that neighbours stay glued together, and checked so that no ring becomes invalid.
 * Used offline by `scripts/prepare-territory.ts`; pure, no I/O.
 */
import { validityProblems, type MultiPolygon, type Position, type Ring } from "./territory.geo.js";

function segmentDistance2(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  const ex = p[0] - a[0] - t * dx, ey = p[1] - a[1] - t * dy;
  return ex * ex + ey * ey;
}

/**
 * Douglas-Peucker on an open line: keeps both ends and every point farther than
 * `tolerance` (in coordinate units, here degrees) from the simplified line.
 */
export function simplifyLine(points: readonly Position[], tolerance: number): Position[] {
  if (points.length <= 2 || tolerance <= 0) return [...points];
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const tol2 = tolerance * tolerance;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop()!;
    let worst = -1, worstD = tol2;
    for (let i = first + 1; i < last; i++) {
      const d = segmentDistance2(points[i]!, points[first]!, points[last]!);
      if (d > worstD) {
        worstD = d;
        worst = i;
      }
    }
    if (worst > 0) {
      keep[worst] = 1;
      stack.push([first, worst], [worst, last]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

const keyOf = (p: Position) => `${p[0]},${p[1]}`;
const compareKeys = (a: Position, b: Position) => a[0] - b[0] || a[1] - b[1];

interface RingRef {
  shape: number;
  polygon: number;
  /** Open ring: the closing point dropped. */
  points: Position[];
  /** Indices of the points where the ring meets a different set of neighbours (chain ends). */
  nodes: number[];
}

/** Which rings pass through each vertex, so that shared boundaries can be recognised. */
function ringsByVertex(refs: RingRef[]): Map<string, number[]> {
  const owners = new Map<string, number[]>();
  refs.forEach((ref, id) =>
    ref.points.forEach((p) => {
      const k = keyOf(p);
      const list = owners.get(k);
      if (list) list.push(id);
      else owners.set(k, [id]);
    }),
  );
  return owners;
}

function findNodes(points: Position[], owners: Map<string, number[]>): number[] {
  const signature = points.map((p) => {
    const list = owners.get(keyOf(p))!;
    const unique = [...new Set(list)].sort((a, b) => a - b);
    // A ring passing twice through a vertex makes it a node too.
    return unique.length === list.length ? unique.join(",") : `!${unique.join(",")}`;
  });
  const n = points.length;
  const nodes = points.map((_, i) => i).filter((i) => {
    const s = signature[i]!;
    return s.startsWith("!") || s !== signature[(i + n - 1) % n] || s !== signature[(i + 1) % n];
  });
  if (nodes.length === 0) {
    // A boundary shared as a whole (an island and its hole): start at the same point on both sides.
    let lowest = 0;
    points.forEach((p, i) => {
      if (compareKeys(p, points[lowest]!) < 0) lowest = i;
    });
    nodes.push(lowest);
  }
  if (nodes.length === 1) {
    const start = points[nodes[0]!]!;
    let far = -1, farD = -1;
    points.forEach((p, i) => {
      const d = (p[0] - start[0]) ** 2 + (p[1] - start[1]) ** 2;
      if (d > farD || (d === farD && far >= 0 && compareKeys(p, points[far]!) < 0)) {
        far = i;
        farD = d;
      }
    });
    nodes.push(far);
    nodes.sort((a, b) => a - b);
  }
  return nodes;
}

/** The chains of a ring between consecutive nodes, each with an id that is the same seen from either side. */
function chainsOf(ref: RingRef): { id: string; points: Position[]; reversed: boolean }[] {
  const n = ref.points.length;
  return ref.nodes.map((from, k) => {
    const to = ref.nodes[(k + 1) % ref.nodes.length]!;
    const points: Position[] = [];
    for (let i = from; ; i = (i + 1) % n) {
      points.push(ref.points[i]!);
      if (i === to && points.length > 1) break;
    }
    const forward = points.map(keyOf).join(";");
    const backward = [...points].reverse().map(keyOf).join(";");
    const reversed = backward < forward;
    return { id: reversed ? backward : forward, points: reversed ? points.reverse() : points, reversed };
  });
}

/**
 * Simplifies every shape of a layer (e.g. the 145 neighbourhoods) with Douglas-Peucker,
 * keeping shared boundaries identical on both sides: rings are cut into chains at the
 * points where the set of neighbouring shapes changes, and each chain is simplified once.
 * When a shape comes out invalid (self-intersection, crossing rings, a ring with fewer
 * than 4 points), the tolerance of its chains is halved and the layer is redone, down to
 * the original points if need be. No polygon and no ring is ever dropped.
 */
export function simplifyLayer(shapes: readonly MultiPolygon[], tolerance: number): MultiPolygon[] {
  const refs: RingRef[] = [];
  shapes.forEach((shape, s) =>
    shape.forEach((polygon, p) => polygon.forEach((ring) => refs.push({ shape: s, polygon: p, points: ring.slice(0, -1), nodes: [] }))),
  );
  const owners = ringsByVertex(refs);
  for (const ref of refs) ref.nodes = findNodes(ref.points, owners);
  const chains = refs.map(chainsOf);
  const tolerances = new Map<string, number>();
  for (const list of chains) for (const c of list) tolerances.set(c.id, tolerance);
  const cache = new Map<string, Position[]>();

  const build = (): MultiPolygon[] => {
    const out: MultiPolygon[] = shapes.map((shape) => shape.map(() => []));
    refs.forEach((ref, r) => {
      const ring: Ring = [];
      for (const chain of chains[r]!) {
        const tol = tolerances.get(chain.id)!;
        const cacheKey = `${tol}|${chain.id}`;
        let simplified = cache.get(cacheKey);
        if (!simplified) cache.set(cacheKey, (simplified = simplifyLine(chain.points, tol)));
        const oriented = chain.reversed ? [...simplified].reverse() : simplified;
        ring.push(...oriented.slice(0, -1));
      }
      ring.push(ring[0]!);
      out[ref.shape]![ref.polygon]!.push(ring);
    });
    return out;
  };

  for (let round = 0; ; round++) {
    const result = build();
    const invalid = result.map((shape, s) => s).filter((s) => validityProblems(result[s]!).length > 0);
    if (!invalid.length) return result;
    if (round > 40) throw new Error(`simplification left shapes ${invalid.join(", ")} invalid`);
    for (const s of invalid) {
      refs.forEach((ref, r) => {
        if (ref.shape !== s) return;
        for (const chain of chains[r]!) {
          const tol = tolerances.get(chain.id)! / 2;
          tolerances.set(chain.id, tol < tolerance / 1024 ? 0 : tol);
        }
      });
    }
  }
}
