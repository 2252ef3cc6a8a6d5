/**
 * Disclosure control for public (anonymous) observatory tables, as pure functions
 * (docs/statistics.md, section "Disclosure control").
 *
 * 1. Primary suppression: a count c with 0 < c < threshold (default 5, the usual rule of
 *    public crime and statistics portals) is suppressed, margins included (a row total of 3
 *    is a count of 3). Zeros are published: a zero names no victim and no suspect.
 * 2. Protection: a table with its margins is one linear system (every row and column adds up
 *    to its total); what an attacker can learn about a suppressed count is the set of values
 *    it takes over all non-negative integer tables that agree with every published figure.
 *    We require, for every suppressed count, at least two possible values, and for a primary
 *    count x: possible values of at least the threshold (nobody can prove it was small) and
 *    below x (nobody can prove it was at least x).
 * 3. Method (disclosure-network.ts): rows and columns are vertices, counts are edges; how
 *    far a suppressed count can rise or fall is a maximum flow through the other suppressed
 *    counts (exact, non-negativity included). When a count lacks protection, the cheapest
 *    path that would give it is found (a published count costs its value + 1, a margin more
 *    than all cells together) and its published counts are suppressed too ("secondary");
 *    repeat until every suppressed count is protected. Protection only grows when more is
 *    suppressed, so this ends.
 * `exposed` re-checks every suppressed count at the end and must come back empty.
 * Limits (tested, documented): the pattern is cheap, not the optimum of tau-ARGUS-style
 * integer programming; two different tables (one neighbourhood or one month apart) can be
 * subtracted from each other, so only fixed geographies and calendar periods are published.
 */

import { DEFAULT_THRESHOLD, network, protect, type CellStatus, type Entry } from "./disclosure-network.js";

export { DEFAULT_THRESHOLD, isPrimarySensitive, type CellStatus } from "./disclosure-network.js";

export interface SuppressedTable {
  /** The cells, null where suppressed. */
  cells: (number | null)[][];
  status: CellStatus[][];
  /** Margins, computed from the counts; null where suppressed (only when small, or as a last resort). */
  rowTotals: (number | null)[];
  rowTotalStatus: CellStatus[];
  columnTotals: (number | null)[];
  columnTotalStatus: CellStatus[];
  total: number | null;
  totalStatus: CellStatus;
  threshold: number;
  /**
   * Suppressed counts still without the protection above, as [row, column]; row = number of
   * rows for a column total, column = number of columns for a row total. Always empty unless
   * this module is wrong: callers refuse to publish otherwise.
   */
  exposed: [number, number][];
}

export interface SuppressedList {
  cells: (number | null)[];
  status: CellStatus[];
  /** The sum of the counts; null when suppressed. */
  total: number | null;
  totalStatus: CellStatus;
  threshold: number;
  /** Indexes of suppressed counts without protection (the total is index `cells.length`); always empty. */
  exposed: number[];
}

function checkThreshold(options: { threshold?: number }): number {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  if (!(Number.isInteger(threshold) && threshold >= 1)) throw new RangeError(`threshold must be an integer >= 1 (got ${threshold})`);
  return threshold;
}

function checkCounts(values: readonly number[]): void {
  for (const v of values) if (!Number.isInteger(v) || v < 0) throw new RangeError(`counts must be non-negative integers (got ${v})`);
}

const shown = (value: number, status: CellStatus) => (status === "published" ? value : null);

/**
 * Disclosure control of a rows x columns table of counts published with its row totals,
 * column totals and grand total. Vertices: rows 0..H-1, the column-totals row H, then
 * columns H+1..H+W and the row-totals column H+1+W.
 */
export function suppressTable(counts: number[][], options: { threshold?: number } = {}): SuppressedTable {
  const threshold = checkThreshold(options);
  const height = counts.length;
  const width = counts[0]?.length ?? 0;
  if (counts.some((row) => row.length !== width)) throw new RangeError("ragged counts table");
  counts.forEach(checkCounts);
  const rowTotals = counts.map((row) => row.reduce((s, v) => s + v, 0));
  const columnTotals = Array.from({ length: width }, (_, c) => counts.reduce((s, row) => s + row[c]!, 0));
  const total = rowTotals.reduce((s, v) => s + v, 0);
  const column = (c: number) => height + 1 + c;
  const entries: Entry[] = [
    ...counts.flatMap((row, i) => row.map((value, c): Entry => ({ u: i, v: column(c), value, sign: 1, margin: false }))),
    ...rowTotals.map((value, i): Entry => ({ u: i, v: column(width), value, sign: -1, margin: true })),
    ...columnTotals.map((value, c): Entry => ({ u: height, v: column(c), value, sign: -1, margin: true })),
    { u: height, v: column(width), value: total, sign: 1, margin: true },
  ];
  const { status, exposed } = protect(network(height + width + 2, entries), threshold);
  const cellStatus = counts.map((row, i) => row.map((_, c) => status[i * width + c]!));
  const rowTotalStatus = rowTotals.map((_, i) => status[height * width + i]!);
  const columnTotalStatus = columnTotals.map((_, c) => status[height * width + height + c]!);
  const totalStatus = status[entries.length - 1]!;
  return {
    cells: counts.map((row, i) => row.map((v, c) => shown(v, cellStatus[i]![c]!))),
    status: cellStatus,
    rowTotals: rowTotals.map((v, i) => shown(v, rowTotalStatus[i]!)),
    rowTotalStatus,
    columnTotals: columnTotals.map((v, c) => shown(v, columnTotalStatus[c]!)),
    columnTotalStatus,
    total: shown(total, totalStatus),
    totalStatus,
    threshold,
    exposed: exposed.map((k) => {
      const e = entries[k]!;
      return [e.u, e.v - height - 1];
    }),
  };
}

/**
 * Disclosure control of one list of counts published with its total (e.g. the neighbourhoods
 * of the region for one category and year): the same rule on a network of two vertices, every
 * count an edge between them and the total the edge of opposite sign.
 */
export function suppressList(counts: readonly number[], options: { threshold?: number } = {}): SuppressedList {
  const threshold = checkThreshold(options);
  checkCounts(counts);
  const total = counts.reduce((s, v) => s + v, 0);
  const entries: Entry[] = [...counts.map((value): Entry => ({ u: 0, v: 1, value, sign: 1, margin: false })), { u: 0, v: 1, value: total, sign: -1, margin: true }];
  const { status, exposed } = protect(network(2, entries), threshold);
  const totalStatus = status[counts.length]!;
  return {
    cells: counts.map((v, k) => shown(v, status[k]!)),
    status: status.slice(0, counts.length),
    total: shown(total, totalStatus),
    totalStatus,
    threshold,
    exposed,
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
 * counts form one list whose total (the region) is published, so a suppressed count needs
 * protection by others (secondary suppression); the rate, the smoothed rate and the interval
 * are derived from the count and are suppressed with it (each would give the count back).
 */
export function publicRates(rows: readonly RateRow[], options: { threshold?: number } = {}): { rows: PublicRateRow[]; threshold: number; total: number | null } {
  const table = suppressList(rows.map((r) => r.count), options);
  return {
    threshold: table.threshold,
    total: table.total,
    rows: rows.map((r, i) => {
      const suppressed = table.status[i] !== "published";
      return suppressed
        ? { code: r.code, count: null, population: r.population, ratePer1000: null, smoothedPer1000: null, interval: null, suppressed }
        : { ...r, suppressed };
    }),
  };
}
