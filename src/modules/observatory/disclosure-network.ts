/**
 * The protection engine of disclosure.ts: a table of counts and its margins as a bipartite
 * network, and the search that suppresses complementary counts until every suppressed count
 * is protected (docs/statistics.md, "Disclosure control").
 *
 * Moving from one table consistent with the published figures to another is a circulation on
 * the suppressed edges, so the most a suppressed count can rise (or fall) is a maximum flow
 * between the two ends of its edge through the other suppressed edges; the flow is bounded by
 * the counts that would have to fall below zero. The network is totally unimodular, so these
 * bounds are exact over the integers. A count lacking protection gets the cheapest path that
 * gives it (Dijkstra over the residual network of the current flow, suppressed edges costing
 * nothing), and the published counts on that path are suppressed too.
 */
export const DEFAULT_THRESHOLD = 5;

export type CellStatus = "published" | "primary" | "secondary";

/** True when a count must be suppressed on its own: 0 < count < threshold. */
export function isPrimarySensitive(count: number, threshold = DEFAULT_THRESHOLD): boolean {
  return count > 0 && count < threshold;
}

/**
 * One count of the system: an edge between vertex `u` (its row) and vertex `v` (its column).
 * At every vertex the counts, times their sign, add up to zero.
 */
export interface Entry {
  u: number;
  v: number;
  value: number;
  sign: 1 | -1;
  margin: boolean;
}

export interface Network {
  vertices: number;
  entries: Entry[];
  incident: number[][];
}

export function network(vertices: number, entries: Entry[]): Network {
  const incident: number[][] = Array.from({ length: vertices }, () => []);
  entries.forEach((e, k) => {
    incident[e.u]!.push(k);
    incident[e.v]!.push(k);
  });
  return { vertices, entries, incident };
}

/**
 * Residual capacity of entry `e` left from vertex `from`, given the flow already on it
 * (positive from u to v): a +1 count may rise without bound and fall by its value; a -1
 * margin the other way round.
 */
function capacity(e: Entry, flow: number, from: number): number {
  if (from === e.u) return (e.sign > 0 ? Infinity : e.value) - flow;
  return (e.sign > 0 ? e.value : Infinity) + flow;
}

const across = (e: Entry, from: number): number => (from === e.u ? e.v : e.u);

/**
 * Maximum flow from source to sink over the suppressed entries (`open[x]`: those at vertex x)
 * but `skip`, stopped at `limit` (Edmonds-Karp: shortest augmenting paths).
 */
function maxFlow(net: Network, open: number[][], skip: number, source: number, sink: number, limit: number): { amount: number; flow: Float64Array } {
  const flow = new Float64Array(net.entries.length);
  const via = new Int32Array(net.vertices);
  const queue = new Int32Array(net.vertices);
  let amount = 0;
  while (amount < limit) {
    via.fill(-1);
    via[source] = -2;
    queue[0] = source;
    for (let head = 0, tail = 1; head < tail && via[sink] === -1; head++) {
      const x = queue[head]!;
      for (const k of open[x]!) {
        if (k === skip) continue;
        const e = net.entries[k]!;
        const to = across(e, x);
        if (via[to] === -1 && capacity(e, flow[k]!, x) > 0) {
          via[to] = k;
          queue[tail++] = to;
        }
      }
    }
    if (via[sink] === -1) break;
    const path = walkBack(net, via, source, sink);
    let push = limit - amount;
    for (const [k, from] of path) push = Math.min(push, capacity(net.entries[k]!, flow[k]!, from));
    for (const [k, from] of path) flow[k]! += from === net.entries[k]!.u ? push : -push;
    amount += push;
  }
  return { amount, flow };
}

/** The entries of a path found by a search, each with the vertex it is left from. */
function walkBack(net: Network, via: ArrayLike<number>, source: number, sink: number): [number, number][] {
  const path: [number, number][] = [];
  for (let y = sink; y !== source; ) {
    const e = net.entries[via[y]!]!;
    const from = across(e, y);
    path.push([via[y]!, from]);
    y = from;
  }
  return path;
}

/** How much entry `k` must be able to move, and in which direction of its edge. */
interface Demand {
  source: number;
  sink: number;
  need: number;
}

/** The protection entry `k` still lacks: none, or the ways to obtain it (any one suffices). */
function unmet(net: Network, open: number[][], k: number, primary: boolean, threshold: number): Demand[] {
  const e = net.entries[k]!;
  const rise = e.sign > 0 ? { source: e.v, sink: e.u } : { source: e.u, sink: e.v };
  const fall = { source: rise.sink, sink: rise.source };
  const reach = (d: { source: number; sink: number }, need: number) => maxFlow(net, open, k, d.source, d.sink, need).amount >= need;
  if (primary) {
    const up = threshold - e.value;
    if (!reach(rise, up)) return [{ ...rise, need: up }];
    return reach(fall, 1) ? [] : [{ ...fall, need: 1 }];
  }
  if (reach(rise, 1) || (e.value > 0 && reach(fall, 1))) return [];
  return e.value > 0 ? [{ ...rise, need: 1 }, { ...fall, need: 1 }] : [{ ...rise, need: 1 }];
}

/**
 * The cheapest set of published entries whose suppression lets entry `k` move by at least one
 * more unit in the demanded direction: a shortest path in the residual network of the current
 * maximum flow, suppressed entries costing nothing.
 */
function cheapestPath(net: Network, open: number[][], unknown: boolean[], cost: number[], k: number, demand: Demand): { entries: number[]; cost: number } | null {
  const { flow } = maxFlow(net, open, k, demand.source, demand.sink, demand.need);
  const dist = new Float64Array(net.vertices).fill(Infinity);
  const via = new Int32Array(net.vertices).fill(-1);
  const done = new Uint8Array(net.vertices);
  dist[demand.source] = 0;
  for (;;) {
    let x = -1;
    for (let y = 0; y < net.vertices; y++) if (!done[y] && dist[y]! < Infinity && (x < 0 || dist[y]! < dist[x]!)) x = y;
    if (x < 0 || x === demand.sink) break;
    done[x] = 1;
    for (const g of net.incident[x]!) {
      if (g === k) continue;
      const e = net.entries[g]!;
      const to = across(e, x);
      const d = dist[x]! + (unknown[g] ? 0 : cost[g]!);
      if (d < dist[to]! && capacity(e, unknown[g] ? flow[g]! : 0, x) > 0) {
        dist[to] = d;
        via[to] = g;
      }
    }
  }
  if (dist[demand.sink] === Infinity) return null;
  const entries = walkBack(net, via, demand.source, demand.sink)
    .map(([g]) => g)
    .filter((g) => !unknown[g]);
  return { entries, cost: dist[demand.sink]! };
}

/** Primary suppression, then secondary suppressions until every suppressed entry is protected. */
export function protect(net: Network, threshold: number): { status: CellStatus[]; exposed: number[] } {
  const status: CellStatus[] = net.entries.map((e) => (isPrimarySensitive(e.value, threshold) ? "primary" : "published"));
  const unknown = status.map((s) => s !== "published");
  const open: number[][] = net.incident.map((ks) => ks.filter((k) => unknown[k]));
  const cellCost = net.entries.reduce((s, e) => s + (e.margin ? 0 : e.value + 1), 1);
  const cost = net.entries.map((e) => (e.margin ? cellCost + e.value : e.value + 1));
  const lacking = (k: number) => unmet(net, open, k, status[k] === "primary", threshold);
  const pending = status.flatMap((s, k) => (s === "primary" ? [k] : []));
  for (let next = 0; next < pending.length; next++) {
    const k = pending[next]!;
    for (let demands = lacking(k); demands.length; demands = lacking(k)) {
      const paths = demands.map((d) => cheapestPath(net, open, unknown, cost, k, d)).filter((p) => p !== null && p.entries.length > 0);
      const best = paths.reduce<(typeof paths)[number] | null>((a, p) => (a === null || p!.cost < a.cost ? p : a), null);
      if (!best) break;
      for (const g of best.entries) {
        status[g] = "secondary";
        unknown[g] = true;
        open[net.entries[g]!.u]!.push(g);
        open[net.entries[g]!.v]!.push(g);
        pending.push(g);
      }
    }
  }
  const exposed = status.flatMap((s, k) => (s !== "published" && lacking(k).length ? [k] : []));
  return { status, exposed };
}
