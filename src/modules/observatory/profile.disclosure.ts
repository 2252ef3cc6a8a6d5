/**
 * Disclosure control of the neighbourhood profile (docs/statistics.md, "Neighbourhood
 * profile"). The profile of ANY neighbourhood shows its yearly counts next to those of its
 * primary municipality and of the region, so an attacker holding every profile sees three
 * linked tables. For one category they are protected together, once, over a fixed frame of
 * years; every answer (any neighbourhood, any window of years) is a slice of that one pattern.
 *
 * The published figures give these equations (T and R published, M possibly suppressed):
 *   row n        sum_y x[n][y]                  = T[n]   a neighbourhood's series and its total
 *   column m,y   sum_{n in m} x[n][y] - M[m][y] = 0      a municipality's count of year y
 *   year y       sum_m M[m][y]                  = R[y]   the region's count
 * Each count lies in exactly two equations; with M' = -M every coefficient is +1 on a
 * bipartite graph (rows and years on one side, municipality-years on the other). A row whose
 * total is not published has no equation: its counts join a "ground" vertex instead. A
 * suppressed count is then determined exactly when its edge is a bridge of the graph of
 * suppressed counts, after non-negativity has revealed the zeros of every equation whose
 * suppressed counts have one sign and sum to 0 (the audit repeats both until stable).
 *
 * The rule, repeated until nothing changes:
 *  1. primary: 0 < count < threshold, neighbourhoods and municipalities alike;
 *  2. an equation holding one suppressed count gets a complement: its smallest positive
 *     published count, zeros last (the rule disclosure.ts first used; disclosure.ts has
 *     since moved to a network method with exact bounds, which this table could reuse);
 *  3. an equation whose suppressed counts have one sign and sum to 0 gets its smallest
 *     positive published count;
 *  4. a bridge gets the cheapest published counts joining its two sides (a shortest path,
 *     a count costing its value + 1), which puts it on a cycle;
 *  5. when a neighbourhood's count is still determined, its row total is withdrawn;
 *  6. when anything is still determined, the category is withdrawn: every neighbourhood and
 *     municipality count suppressed, no row total (only the region stays).
 * Counts still determined afterwards are reported in `exposed`, never hidden. Over one year
 * no row total is published (it would be the count itself).
 */
import { DEFAULT_THRESHOLD, isPrimarySensitive, type CellStatus } from "./disclosure.js";

export interface LinkedCounts {
  /** counts[n][y]: neighbourhood n (any order), year index y of the frame. */
  neighbourhoods: readonly (readonly number[])[];
  /** The municipality index (0 .. municipalities-1) of each neighbourhood. */
  municipalityOf: readonly number[];
  municipalities: number;
}

export interface LinkedPattern {
  neighbourhoods: CellStatus[][];
  /** municipalities[m][y], for the sums of the neighbourhoods of m. */
  municipalities: CellStatus[][];
  /** Per neighbourhood: whether its total over the frame is published. */
  rowTotals: boolean[];
  /** Suppressed counts the published figures still determine: [kind, index, year]. Empty unless the data cannot be protected at all. */
  exposed: ["neighbourhood" | "municipality", number, number][];
  threshold: number;
}

interface Edge {
  value: number;
  /** Ends: a row, year or ground vertex, then a municipality-year vertex. */
  a: number;
  b: number;
  /** Sign of the count in equation b (municipality counts enter their column with -1). */
  signB: 1 | -1;
}

interface Graph {
  edges: Edge[];
  incident: number[][];
  /** The vertex without an equation; vertices below it have one. */
  ground: number;
}

/** Protects one category's linked tables; see the header for the rule. */
export function protectLinked(input: LinkedCounts, options: { threshold?: number } = {}): LinkedPattern {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const n = input.neighbourhoods.length;
  const years = input.neighbourhoods[0]?.length ?? 0;
  const graph = linkedGraph(input);
  const status: CellStatus[] = graph.edges.map((e) => (isPrimarySensitive(e.value, threshold) ? "primary" : "published"));
  const rowTotals = input.neighbourhoods.map(() => years > 1);
  if (years <= 1) for (let i = 0; i < n; i++) withdrawTotal(graph, i);

  // Nothing small: nothing to protect.
  let exposed = status.includes("primary") ? settle(graph, status) : [];
  const rows = new Set(exposed.filter((k) => k < n * years).map((k) => Math.floor(k / years)));
  if (rows.size) {
    for (const i of rows) (rowTotals[i] = false), withdrawTotal(graph, i);
    exposed = settle(graph, status);
  }
  if (exposed.length) {
    status.forEach((s, k) => (status[k] = s === "published" ? "secondary" : s));
    for (let i = 0; i < n; i++) (rowTotals[i] = false), withdrawTotal(graph, i);
    exposed = determinedCounts(graph, (k) => status[k] !== "published");
  }

  const cells = n * years;
  return {
    neighbourhoods: input.neighbourhoods.map((row, i) => row.map((_, y) => status[i * years + y]!)),
    municipalities: Array.from({ length: input.municipalities }, (_, m) => Array.from({ length: years }, (_, y) => status[cells + m * years + y]!)),
    rowTotals,
    exposed: exposed.map((k) => (k < cells ? ["neighbourhood", Math.floor(k / years), k % years] : ["municipality", Math.floor((k - cells) / years), (k - cells) % years])),
    threshold,
  };
}

/**
 * Vertices: rows 0..n-1, years n..n+Y-1, municipality-years, then the ground vertex. Edges:
 * the neighbourhood counts (index n * Y + y), then the municipality counts.
 */
function linkedGraph(input: LinkedCounts): Graph {
  const n = input.neighbourhoods.length;
  const years = input.neighbourhoods[0]?.length ?? 0;
  const column = (m: number, y: number) => n + years + m * years + y;
  const ground = n + years + input.municipalities * years;
  const municipal = Array.from({ length: input.municipalities }, () => new Array<number>(years).fill(0));
  input.neighbourhoods.forEach((row, i) => row.forEach((v, y) => (municipal[input.municipalityOf[i]!]![y]! += v)));
  const edges: Edge[] = [
    ...input.neighbourhoods.flatMap((row, i) => row.map((value, y): Edge => ({ value, a: i, b: column(input.municipalityOf[i]!, y), signB: 1 }))),
    ...municipal.flatMap((row, m) => row.map((value, y): Edge => ({ value, a: n + y, b: column(m, y), signB: -1 }))),
  ];
  const incident: number[][] = Array.from({ length: ground + 1 }, () => []);
  edges.forEach((e, k) => {
    incident[e.a]!.push(k);
    incident[e.b]!.push(k);
  });
  return { edges, incident, ground };
}

/** Row i's total is not published: its equation goes, its counts join the ground vertex. */
function withdrawTotal(graph: Graph, i: number): void {
  for (const k of graph.incident[i]!) {
    graph.edges[k]!.a = graph.ground;
    graph.incident[graph.ground]!.push(k);
  }
  graph.incident[i] = [];
}

/** Rules 2-4 until stable; returns the counts still determined. */
function settle(graph: Graph, status: CellStatus[]): number[] {
  const { edges, incident, ground } = graph;
  const hidden = (k: number) => status[k] !== "published";
  const complement = (candidates: number[], allowZero: boolean) => {
    let best = -1;
    for (const k of candidates) {
      const v = edges[k]!.value;
      if (hidden(k) || (v === 0 && !allowZero)) continue;
      if (best < 0 || rank(v) < rank(edges[best]!.value)) best = k;
    }
    if (best >= 0) status[best] = "secondary";
    return best >= 0;
  };
  const protectEquation = (v: number) => {
    const suppressed = incident[v]!.filter(hidden);
    if (suppressed.length === 1) return complement(incident[v]!, true);
    return suppressed.length > 1 && revealsZeros(graph, suppressed, v) && complement(incident[v]!, false);
  };
  const joinBridge = () => {
    for (const k of bridges(graph, hidden)) {
      const path = cheapestJoin(graph, k, hidden);
      for (const j of path) status[j] = "secondary";
      if (path.length) return true;
    }
    return false;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (let v = 0; v < ground; v++) changed = protectEquation(v) || changed;
    if (!changed) changed = joinBridge();
  }
  return determinedCounts(graph, hidden);
}

/** Suppressed counts with one sign in equation v, all 0: non-negativity gives them away. */
function revealsZeros(graph: Graph, suppressed: number[], v: number): boolean {
  const sign = (k: number) => (graph.edges[k]!.b === v ? graph.edges[k]!.signB : 1);
  return suppressed.every((k) => sign(k) === sign(suppressed[0]!) && graph.edges[k]!.value === 0);
}

/** The audit: zeros revealed by non-negativity, then bridges, repeated until stable; ascending edge indices. */
function determinedCounts(graph: Graph, hidden: (k: number) => boolean): number[] {
  const known = new Set<number>();
  const open = (k: number) => hidden(k) && !known.has(k);
  for (let grew = true; grew; ) {
    grew = false;
    for (let v = 0; v < graph.ground; v++) {
      const unknown = graph.incident[v]!.filter(open);
      if (unknown.length && revealsZeros(graph, unknown, v)) (grew = true), unknown.forEach((k) => known.add(k));
    }
    for (const k of bridges(graph, open)) (grew = true), known.add(k);
  }
  return [...known].sort((p, q) => p - q);
}

/** Smallest positive count first, zeros last. */
const rank = (v: number): number => (v > 0 ? v : Number.POSITIVE_INFINITY);

const across = (e: Edge, from: number) => (e.a === from ? e.b : e.a);

/**
 * The published counts that, suppressed, put bridge `k` on a cycle at the least cost: a
 * shortest path from one side of the bridge to the other (Dijkstra), suppressed counts free,
 * a published count costing its value + 1.
 */
function cheapestJoin(graph: Graph, k: number, hidden: (k: number) => boolean): number[] {
  const { edges, incident } = graph;
  const sideA = reach(graph, edges[k]!.a, k, hidden);
  const sideB = reach(graph, edges[k]!.b, k, hidden);
  const dist = new Float64Array(incident.length).fill(Infinity);
  const via = new Int32Array(incident.length).fill(-1);
  const done = new Uint8Array(incident.length);
  for (const v of sideA) dist[v] = 0;
  for (;;) {
    let v = -1;
    for (let w = 0; w < incident.length; w++) if (!done[w] && dist[w]! < Infinity && (v < 0 || dist[w]! < dist[v]!)) v = w;
    if (v < 0) return [];
    if (sideB.has(v)) {
      const path: number[] = [];
      for (let w = v; via[w]! >= 0; w = across(edges[via[w]!]!, w)) if (!hidden(via[w]!)) path.push(via[w]!);
      return path;
    }
    done[v] = 1;
    for (const j of incident[v]!) {
      const to = across(edges[j]!, v);
      const d = dist[v]! + (hidden(j) ? 0 : edges[j]!.value + 1);
      if (j !== k && d < dist[to]!) {
        dist[to] = d;
        via[to] = j;
      }
    }
  }
}

/** The vertices joined to `from` by suppressed counts, without edge `skip`. */
function reach(graph: Graph, from: number, skip: number, hidden: (k: number) => boolean): Set<number> {
  const seen = new Set<number>([from]);
  const stack = [from];
  while (stack.length) {
    const v = stack.pop()!;
    for (const k of graph.incident[v]!) {
      const next = across(graph.edges[k]!, v);
      if (k !== skip && hidden(k) && !seen.has(next)) seen.add(next), stack.push(next);
    }
  }
  return seen;
}

/** Bridges of the graph of suppressed counts (Tarjan's low-link, iterative), as ascending edge indices. */
function bridges(graph: Graph, hidden: (k: number) => boolean): number[] {
  const size = graph.incident.length;
  const order = new Array<number>(size).fill(-1);
  const low = new Array<number>(size).fill(0);
  const found: number[] = [];
  let clock = 0;
  for (let root = 0; root < size; root++) {
    if (order[root] !== -1) continue;
    order[root] = low[root] = clock++;
    // Frames: vertex, the edge it was entered by, position in its incident list.
    const stack: [number, number, number][] = [[root, -1, 0]];
    while (stack.length) {
      const frame = stack[stack.length - 1]!;
      const [v, via, next] = frame;
      const list = graph.incident[v]!;
      if (next < list.length) {
        frame[2] += 1;
        const k = list[next]!;
        if (k === via || !hidden(k)) continue;
        const w = across(graph.edges[k]!, v);
        if (order[w] === -1) {
          order[w] = low[w] = clock++;
          stack.push([w, k, 0]);
        } else low[v] = Math.min(low[v]!, order[w]!);
        continue;
      }
      stack.pop();
      const parent = stack[stack.length - 1];
      if (!parent) continue;
      low[parent[0]] = Math.min(low[parent[0]]!, low[v]!);
      if (low[v]! > order[parent[0]]!) found.push(via);
    }
  }
  return found.sort((p, q) => p - q);
}
