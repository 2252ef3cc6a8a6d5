/**
 * Checks of disclosure-controlled tables for the tests (src/modules/observatory/disclosure.ts):
 * the attacker's differencing attack, the exact range each suppressed count may take given the
 * published cells and margins (brute force), and a hand-made suppression pattern.
 */
import assert from "node:assert/strict";
import type { CellStatus, SuppressedTable } from "../../src/modules/observatory/disclosure.js";

/**
 * The attacker's differencing attack: repeatedly, in any row or column with exactly one
 * unknown cell and a published total, the cell equals the total minus the known cells.
 */
export function differencingAttack(table: SuppressedTable): (number | null)[][] {
  const known = table.cells.map((row) => [...row]);
  const height = known.length;
  const width = known[0]?.length ?? 0;
  let progress = true;
  while (progress) {
    progress = false;
    for (let i = 0; i < height; i++) {
      const unknown = known[i]!.flatMap((v, c) => (v === null ? [c] : []));
      const total = table.rowTotals[i];
      if (unknown.length === 1 && total !== null && total !== undefined) {
        known[i]![unknown[0]!] = total - known[i]!.reduce<number>((s, v) => s + (v ?? 0), 0);
        progress = true;
      }
    }
    for (let c = 0; c < width; c++) {
      const unknown = known.flatMap((row, i) => (row[c] === null ? [i] : []));
      const total = table.columnTotals[c];
      if (unknown.length === 1 && total !== null && total !== undefined) {
        known[unknown[0]!]![c] = total - known.reduce<number>((s, row) => s + (row[c] ?? 0), 0);
        progress = true;
      }
    }
  }
  return known;
}

/** Values a suppressed count may take, by key `i,c` (a row total is `i,W`, a column total `H,c`, the grand total `H,W`). */
type Feasible = Map<string, Set<number>>;

/**
 * Independent check by brute force: every non-negative integer filling of the suppressed
 * cells (each at most `cap`) that agrees with every published cell and total; the possible
 * values of each suppressed cell and total are collected. `cap` stands in for "unbounded"
 * only where no published total bounds a cell.
 */
export function feasibleValues(table: SuppressedTable, cap: number): Feasible {
  const height = table.cells.length;
  const width = table.cells[0]?.length ?? 0;
  const unknown: [number, number][] = [];
  table.cells.forEach((row, i) => row.forEach((v, c) => v === null && unknown.push([i, c])));
  const known = (line: (number | null)[]) => line.reduce<number>((s, v) => s + (v ?? 0), 0);
  // Running sums of each row, column and the whole table (published cells first).
  const rowSum = table.cells.map(known);
  const colSum = Array.from({ length: width }, (_, c) => known(table.cells.map((row) => row[c]!)));
  let sum = known(table.cells.flat());
  const lastInRow = unknown.map(([i], k) => !unknown.slice(k + 1).some(([r]) => r === i));
  const lastInColumn = unknown.map(([, c], k) => !unknown.slice(k + 1).some(([, col]) => col === c));
  const values: Feasible = new Map();
  const note = (key: string, v: number) => (values.get(key) ?? values.set(key, new Set()).get(key)!).add(v);
  const chosen: number[] = [];
  const walk = (k: number): void => {
    if (k === unknown.length) {
      if (table.total !== null && sum !== table.total) return;
      unknown.forEach(([i, c], j) => note(`${i},${c}`, chosen[j]!));
      table.rowTotals.forEach((t, i) => t === null && note(`${i},${width}`, rowSum[i]!));
      table.columnTotals.forEach((t, c) => t === null && note(`${height},${c}`, colSum[c]!));
      if (table.total === null) note(`${height},${width}`, sum);
      return;
    }
    const [i, c] = unknown[k]!;
    const rowTotal = table.rowTotals[i]!;
    const colTotal = table.columnTotals[c]!;
    let low = 0;
    let high = Math.min(cap, rowTotal === null ? cap : rowTotal - rowSum[i]!, colTotal === null ? cap : colTotal - colSum[c]!, table.total === null ? cap : table.total - sum);
    // The last unknown of a line with a published total is forced: prune the search there.
    if (lastInRow[k] && rowTotal !== null) low = Math.max(low, rowTotal - rowSum[i]!);
    if (lastInColumn[k] && colTotal !== null) low = Math.max(low, colTotal - colSum[c]!);
    if (lastInRow[k] && rowTotal !== null) high = Math.min(high, rowTotal - rowSum[i]!);
    if (lastInColumn[k] && colTotal !== null) high = Math.min(high, colTotal - colSum[c]!);
    for (let v = low; v <= high; v++) {
      rowSum[i]! += v;
      colSum[c]! += v;
      sum += v;
      chosen[k] = v;
      walk(k + 1);
      rowSum[i]! -= v;
      colSum[c]! -= v;
      sum -= v;
    }
  };
  walk(0);
  return values;
}

/** Every suppressed count of `counts`, with its status, keyed as in `feasibleValues`. */
export function suppressedCounts(counts: number[][], t: SuppressedTable): { key: string; value: number; status: CellStatus }[] {
  const height = counts.length;
  const width = counts[0]!.length;
  const out: { key: string; value: number; status: CellStatus }[] = [];
  t.status.forEach((row, i) => row.forEach((s, c) => s !== "published" && out.push({ key: `${i},${c}`, value: counts[i]![c]!, status: s })));
  const rowTotals = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const columnTotals = counts[0]!.map((_, c) => counts.reduce((a, row) => a + row[c]!, 0));
  t.rowTotalStatus.forEach((s, i) => s !== "published" && out.push({ key: `${i},${width}`, value: rowTotals[i]!, status: s }));
  t.columnTotalStatus.forEach((s, c) => s !== "published" && out.push({ key: `${height},${c}`, value: columnTotals[c]!, status: s }));
  if (t.totalStatus !== "published") out.push({ key: `${height},${width}`, value: rowTotals.reduce((a, b) => a + b, 0), status: t.totalStatus });
  return out;
}

/**
 * The protection promised, checked by brute force: every suppressed count has two possible
 * values or more; a primary one can be at least the threshold and below its true value.
 * Returns the problems found (empty when protected).
 */
export function protectionProblems(counts: number[][], t: SuppressedTable): string[] {
  const cap = t.threshold + Math.max(0, ...counts.flat());
  const possible = feasibleValues(t, cap);
  return suppressedCounts(counts, t).flatMap(({ key, value, status }) => {
    const values = [...(possible.get(key) ?? [])];
    if (!values.includes(value)) return [`${key}: the true value ${value} is not among the possible ones`];
    if (values.length < 2) return [`${key} (${status}) is determined: ${value}`];
    if (status === "primary" && Math.max(...values) < t.threshold) return [`${key} (primary ${value}) is at most ${Math.max(...values)}`];
    if (status === "primary" && Math.min(...values) >= value) return [`${key} (primary ${value}) is at least ${value}`];
    return [];
  });
}

/** The published figures equal the true ones, and every count below the threshold is hidden. */
export function assertHonest(counts: number[][], t: SuppressedTable): void {
  counts.forEach((row, i) =>
    row.forEach((v, c) => {
      if (t.status[i]![c] === "published") assert.equal(t.cells[i]![c], v);
      else assert.equal(t.cells[i]![c], null);
      if (v > 0 && v < t.threshold) assert.equal(t.status[i]![c], "primary");
    }),
  );
  const published = [...t.rowTotals, ...t.columnTotals, t.total].filter((v): v is number => v !== null);
  for (const v of published) assert.ok(v === 0 || v >= t.threshold, `a published total ${v} is below the threshold`);
}

/** A table suppressed by hand with the given cell statuses, every total published (as the former rule did). */
export function withPattern(counts: number[][], status: CellStatus[][]): SuppressedTable {
  const rowTotals = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const columnTotals = counts[0]!.map((_, c) => counts.reduce((a, row) => a + row[c]!, 0));
  return {
    cells: counts.map((row, i) => row.map((v, c) => (status[i]![c] === "published" ? v : null))),
    status,
    rowTotals,
    rowTotalStatus: rowTotals.map(() => "published"),
    columnTotals,
    columnTotalStatus: columnTotals.map(() => "published"),
    total: rowTotals.reduce((a, b) => a + b, 0),
    totalStatus: "published",
    threshold: 5,
    exposed: [],
  };
}

export const P = "primary";
export const S = "secondary";
export const _ = "published";
