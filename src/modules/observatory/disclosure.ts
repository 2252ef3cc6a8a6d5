/**
 * Disclosure control for public (anonymous) observatory tables, as pure functions
 * (docs/statistics.md, section "Disclosure control").
 *
 * 1. Primary suppression: a cell with 0 < count < threshold (default 5, the usual rule of
 *    public crime and statistics portals) is suppressed. Zeros are published: a zero names
 *    no victim and no suspect.
 * 2. Secondary (complementary) suppression for a table published with its row and column
 *    totals: every row and every column holding a suppressed cell must hold at least two,
 *    so that no suppressed cell equals "total - published cells". Complements are chosen
 *    among the published cells of the line, smallest positive count first (a zero
 *    complement would reveal that the primary cell equals the residual), then zeros; the
 *    rule is applied to rows and columns in turn until nothing changes. Totals stay
 *    published.
 * Limits (tested, documented): two tables whose margins differ by one neighbourhood or
 * one month can be subtracted from each other; bounds from non-negativity are not
 * checked; cells the margins still determine (a line of zeros, a "bridge" of suppressed
 * cells) are reported in `exposed`, never hidden.
 */

export const DEFAULT_THRESHOLD = 5;

export type CellStatus = "published" | "primary" | "secondary";

export interface SuppressedTable {
  /** The cells, null where suppressed. */
  cells: (number | null)[][];
  status: CellStatus[][];
  /** Totals computed from the unsuppressed counts; always published. */
  rowTotals: number[];
  columnTotals: number[];
  total: number;
  threshold: number;
  /**
   * Suppressed cells whose value the published cells and totals still determine exactly
   * (a suppressed cell that lies on no cycle of suppressed cells alternating rows and
   * columns). Empty for every table the rule protects; reported rather than hidden.
   */
  exposed: [number, number][];
}

/** True when a count must be suppressed on its own: 0 < count < threshold. */
export function isPrimarySensitive(count: number, threshold = DEFAULT_THRESHOLD): boolean {
  return count > 0 && count < threshold;
}

/** Primary then secondary suppression of a rows x columns table of counts with margins. */
export function suppressTable(counts: number[][], options: { threshold?: number } = {}): SuppressedTable {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  if (!(threshold >= 1)) throw new RangeError(`threshold must be >= 1 (got ${threshold})`);
  const width = counts[0]?.length ?? 0;
  if (counts.some((row) => row.length !== width)) throw new RangeError("ragged counts table");
  for (const row of counts) {
    for (const v of row) if (!Number.isInteger(v) || v < 0) throw new RangeError(`counts must be non-negative integers (got ${v})`);
  }
  const height = counts.length;
  const status: CellStatus[][] = counts.map((row) => row.map((v) => (isPrimarySensitive(v, threshold) ? "primary" : "published")));

  // One pass over rows then columns; repeat until stable (each pass only adds suppressions).
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 0; i < height; i++) {
      changed = protectLine(width, (c) => counts[i]![c]!, (c) => status[i]![c]!, (c) => (status[i]![c] = "secondary")) || changed;
    }
    for (let c = 0; c < width; c++) {
      changed = protectLine(height, (i) => counts[i]![c]!, (i) => status[i]![c]!, (i) => (status[i]![c] = "secondary")) || changed;
    }
  }

  const rowTotals = counts.map((row) => row.reduce((s, v) => s + v, 0));
  const columnTotals = Array.from({ length: width }, (_, c) => counts.reduce((s, row) => s + row[c]!, 0));
  return {
    cells: counts.map((row, i) => row.map((v, c) => (status[i]![c] === "published" ? v : null))),
    status,
    rowTotals,
    columnTotals,
    total: rowTotals.reduce((s, v) => s + v, 0),
    threshold,
    exposed: exposedCells(status, counts),
  };
}

/** Adds one complement to a line with exactly one suppressed cell; true when it did. */
function protectLine(length: number, value: (k: number) => number, statusOf: (k: number) => CellStatus, suppress: (k: number) => void): boolean {
  let suppressed = 0;
  for (let k = 0; k < length; k++) if (statusOf(k) !== "published") suppressed += 1;
  if (suppressed !== 1) return false;
  let best = -1;
  for (let k = 0; k < length; k++) {
    if (statusOf(k) !== "published") continue;
    if (best < 0 || rank(value(k)) < rank(value(best))) best = k;
  }
  // A line of one cell equals its total: nothing can protect it but the total itself,
  // which we publish; the cell is reported in `exposed`.
  if (best < 0) return false;
  suppress(best);
  return true;
}

/** Smallest positive count first, zeros last. */
const rank = (v: number): number => (v > 0 ? v : Number.POSITIVE_INFINITY);

/**
 * Suppressed cells the published cells and totals still determine exactly. First, a line
 * whose suppressed cells sum to 0 gives them all away (counts are non-negative): they are
 * treated as known. Then, in the bipartite graph rows - columns whose edges are the
 * unknown cells, a cell is determined exactly when its edge is a bridge (it lies on no
 * cycle). Bridges are found by removing each edge and testing connectivity (tables are
 * small). Other bounds from non-negativity (an interval narrower than the threshold) are
 * not checked.
 */
export function exposedCells(status: CellStatus[][], counts: number[][]): [number, number][] {
  const height = status.length;
  const known = status.map((row) => row.map((s) => s === "published"));
  const zeroLines = (cells: [number, number][][]) =>
    cells.filter((line) => line.some(([i, c]) => !known[i]![c]) && line.every(([i, c]) => known[i]![c] || counts[i]![c] === 0));
  const rows = status.map((row, i) => row.map((_, c): [number, number] => [i, c]));
  const columns = (status[0] ?? []).map((_, c) => status.map((_, i): [number, number] => [i, c]));
  const zeroKnown: [number, number][] = [];
  for (let lines = zeroLines([...rows, ...columns]); lines.length; lines = zeroLines([...rows, ...columns])) {
    for (const line of lines) for (const [i, c] of line) if (!known[i]![c]) (known[i]![c] = true), zeroKnown.push([i, c]);
  }
  const edges: [number, number][] = [];
  status.forEach((row, i) => row.forEach((_, c) => !known[i]![c] && edges.push([i, c])));
  const exposed: [number, number][] = [...zeroKnown];
  for (const [skip, [r0, c0]] of edges.entries()) {
    // Vertices: rows 0..height-1, columns height + c.
    const adjacency = new Map<number, number[]>();
    edges.forEach(([i, c], e) => {
      if (e === skip) return;
      (adjacency.get(i) ?? adjacency.set(i, []).get(i)!).push(height + c);
      (adjacency.get(height + c) ?? adjacency.set(height + c, []).get(height + c)!).push(i);
    });
    const seen = new Set<number>([r0]);
    const stack = [r0];
    while (stack.length) {
      for (const next of adjacency.get(stack.pop()!) ?? []) {
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      }
    }
    if (!seen.has(height + c0)) exposed.push([r0, c0]);
  }
  return exposed;
}

/**
 * Suppression of one list of counts published with its total (e.g. the neighbourhoods of
 * the region for one category and period): primary suppression, then, when exactly one
 * count is suppressed, the smallest positive other count (zeros last) as its complement.
 */
export function suppressList(counts: readonly number[], options: { threshold?: number } = {}): { cells: (number | null)[]; status: CellStatus[]; total: number; threshold: number } {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  if (!(threshold >= 1)) throw new RangeError(`threshold must be >= 1 (got ${threshold})`);
  for (const v of counts) if (!Number.isInteger(v) || v < 0) throw new RangeError(`counts must be non-negative integers (got ${v})`);
  const status: CellStatus[] = counts.map((v) => (isPrimarySensitive(v, threshold) ? "primary" : "published"));
  protectLine(counts.length, (k) => counts[k]!, (k) => status[k]!, (k) => (status[k] = "secondary"));
  return {
    cells: counts.map((v, k) => (status[k] === "published" ? v : null)),
    status,
    total: counts.reduce((s, v) => s + v, 0),
    threshold,
  };
}

/** A rate row as the explorer returns it (see explorer.service.ts). */
export interface RateRow {
  code: number;
  count: number;
  population: number | null;
  ratePer1000: number | null;
  smoothedPer1000: number | null;
  interval: { lower: number; upper: number } | null;
}

/** A rate row for anonymous users: the count and everything derived from it null when suppressed. */
export interface PublicRateRow {
  code: number;
  count: number | null;
  population: number | null;
  ratePer1000: number | null;
  smoothedPer1000: number | null;
  interval: { lower: number; upper: number } | null;
  suppressed: boolean;
}

/**
 * Applies disclosure control to the explorer's rates for one category: the neighbourhood
 * counts form one column whose total (the region) is published, so a suppressed count needs
 * a second one (secondary suppression); the rate, the smoothed rate and the interval are
 * derived from the count and are suppressed with it (each would give the count back).
 */
export function publicRates(rows: readonly RateRow[], options: { threshold?: number } = {}): { rows: PublicRateRow[]; threshold: number } {
  const table = suppressList(rows.map((r) => r.count), options);
  return {
    threshold: table.threshold,
    rows: rows.map((r, i) => {
      const suppressed = table.status[i] !== "published";
      return suppressed
        ? { code: r.code, count: null, population: r.population, ratePer1000: null, smoothedPer1000: null, interval: null, suppressed }
        : { ...r, suppressed };
    }),
  };
}
