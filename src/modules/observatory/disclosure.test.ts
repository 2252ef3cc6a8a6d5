import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { exposedCells, publicRates, suppressList, suppressTable, type SuppressedTable } from "./disclosure.js";
import { createRng } from "./stats/random.js";

/**
 * The attacker's differencing attack: repeatedly, in any row or column with exactly one
 * unknown cell, the cell equals the published total minus the known cells.
 */
function differencingAttack(table: SuppressedTable): (number | null)[][] {
  const known = table.cells.map((row) => [...row]);
  const height = known.length;
  const width = known[0]?.length ?? 0;
  let progress = true;
  while (progress) {
    progress = false;
    for (let i = 0; i < height; i++) {
      const unknown = known[i]!.flatMap((v, c) => (v === null ? [c] : []));
      if (unknown.length === 1) {
        known[i]![unknown[0]!] = table.rowTotals[i]! - known[i]!.reduce<number>((s, v) => s + (v ?? 0), 0);
        progress = true;
      }
    }
    for (let c = 0; c < width; c++) {
      const unknown = known.flatMap((row, i) => (row[c] === null ? [i] : []));
      if (unknown.length === 1) {
        known[unknown[0]!]![c] = table.columnTotals[c]! - known.reduce<number>((s, row) => s + (row[c] ?? 0), 0);
        progress = true;
      }
    }
  }
  return known;
}

/**
 * Independent check by brute force: enumerate every non-negative integer filling of the
 * suppressed cells consistent with the published totals and collect each cell's possible values.
 */
function feasibleValues(table: SuppressedTable): Map<string, Set<number>> {
  const unknown: [number, number][] = [];
  table.cells.forEach((row, i) => row.forEach((v, c) => v === null && unknown.push([i, c])));
  const rowLeft = table.rowTotals.map((t, i) => t - table.cells[i]!.reduce<number>((s, v) => s + (v ?? 0), 0));
  const colLeft = table.columnTotals.map((t, c) => t - table.cells.reduce<number>((s, row) => s + (row[c] ?? 0), 0));
  const values = new Map(unknown.map(([i, c]) => [`${i},${c}`, new Set<number>()]));
  const chosen: number[] = [];
  const walk = (k: number): void => {
    if (k === unknown.length) {
      if (rowLeft.every((v) => v === 0) && colLeft.every((v) => v === 0)) unknown.forEach(([i, c], j) => values.get(`${i},${c}`)!.add(chosen[j]!));
      return;
    }
    const [i, c] = unknown[k]!;
    // The last unknown of its row (or column) is forced: prune the search there.
    const lastInRow = !unknown.slice(k + 1).some(([r]) => r === i);
    const lastInColumn = !unknown.slice(k + 1).some(([, col]) => col === c);
    const high = Math.min(rowLeft[i]!, colLeft[c]!);
    const low = lastInRow ? rowLeft[i]! : lastInColumn ? colLeft[c]! : 0;
    for (let v = low; v <= high; v++) {
      rowLeft[i]! -= v;
      colLeft[c]! -= v;
      chosen[k] = v;
      walk(k + 1);
      rowLeft[i]! += v;
      colLeft[c]! += v;
    }
  };
  walk(0);
  return values;
}

describe("primary and secondary suppression", () => {
  // Hand-worked example: cell (0,0) = 2 is primary; row 0's smallest positive complement is
  // (0,2) = 6; column 0 then needs a complement: (2,0) = 7; column 2 has (0,2) and needs one
  // more: (2,2) = 8 (smaller than 9 and 20); row 2 then has two. Stable.
  const counts = [
    [2, 30, 6],
    [12, 15, 20],
    [7, 40, 8],
  ];

  it("suppresses below the threshold and completes every line to two suppressed cells", () => {
    const t = suppressTable(counts);
    assert.deepEqual(t.status, [
      ["primary", "published", "secondary"],
      ["published", "published", "published"],
      ["secondary", "published", "secondary"],
    ]);
    assert.deepEqual(t.rowTotals, [38, 47, 55]);
    assert.deepEqual(t.columnTotals, [21, 85, 34]);
    assert.equal(t.total, 140);
    assert.deepEqual(t.exposed, []);
  });

  it("publishes zeros and counts at the threshold, and uses a zero complement only when no positive cell is left", () => {
    const t = suppressTable([
      [0, 5, 4],
      [0, 9, 0],
    ]);
    assert.deepEqual(t.status[0], ["published", "secondary", "primary"]);
    // Column 2 then needs a complement: only (1,2) = 0 is left there.
    assert.deepEqual(t.status[1], ["published", "secondary", "secondary"]);
  });

  it("honours another threshold", () => {
    assert.deepEqual(suppressTable([[9, 10, 20]], { threshold: 10 }).status[0], ["primary", "secondary", "published"]);
  });

  it("rejects ragged or non-integer tables", () => {
    assert.throws(() => suppressTable([[1, 2], [3]]), RangeError);
    assert.throws(() => suppressTable([[1.5]]), RangeError);
  });

  it("reports a suppressed cell left on a bridge as exposed", () => {
    // Cells (0,0) and (0,1) suppressed alone in their columns: (0,0) = column total.
    assert.deepEqual(exposedCells([["primary", "secondary"], ["published", "published"]], [[1, 6], [7, 8]]).length, 2);
    assert.deepEqual(exposedCells([["primary", "secondary"], ["secondary", "secondary"]], [[1, 6], [7, 8]]), []);
    // A suppressed line of zeros is known to be zeros; the cells across from it become bridges.
    assert.equal(suppressTable([[3, 3], [0, 0]]).exposed.length, 4);
  });
});

describe("differencing attacks on one table", () => {
  it("recover no suppressed cell, on 200 seeded random tables (checked by brute-force enumeration)", () => {
    const rng = createRng(4242);
    let primaries = 0;
    let exposedTables = 0;
    for (let n = 0; n < 200; n++) {
      const height = 2 + rng.int(3);
      const width = 2 + rng.int(3);
      const counts = Array.from({ length: height }, () => Array.from({ length: width }, () => (rng.next() < 0.3 ? 1 + rng.int(4) : rng.int(9))));
      const t = suppressTable(counts);
      if (t.exposed.length) exposedTables += 1;
      const attacked = differencingAttack(t);
      const possible = feasibleValues(t);
      t.status.forEach((row, i) =>
        row.forEach((s, c) => {
          if (s === "published") return;
          if (s === "primary") primaries += 1;
          assert.equal(attacked[i]![c], null, `table ${n}: cell ${i},${c} recovered by differencing`);
          if (t.exposed.length === 0) {
            assert.ok(possible.get(`${i},${c}`)!.size >= 2, `table ${n}: cell ${i},${c} determined by the margins`);
          }
        }),
      );
      // Bounds from non-negativity are a documented limit: a primary cell may still be
      // narrowed to an interval, but never to one value when no cell is exposed.
    }
    assert.ok(primaries > 80, "the random tables exercise primary suppression");
    assert.ok(exposedTables < 20, `few tables are left exposed (${exposedTables}), and those are reported`);
  });
});

describe("differencing across two tables (documented limits)", () => {
  it("two tables differing by one neighbourhood give that neighbourhood's suppressed counts back", () => {
    const all = [
      [2, 30, 6],
      [12, 15, 20],
      [7, 40, 8],
    ];
    const withoutFirst = all.slice(1);
    const a = suppressTable(all);
    const b = suppressTable(withoutFirst);
    // Column totals of A minus those of B are row 0 exactly, suppressed cells included:
    const recovered = a.columnTotals.map((t, c) => t - b.columnTotals[c]!);
    assert.deepEqual(recovered, all[0]);
    assert.equal(a.cells[0]![0], null);
  });

  it("a year table and its months give the suppressed month back", () => {
    // One neighbourhood, one category: 12 months, December = 3 (suppressed in the month table).
    const months = [9, 8, 10, 7, 6, 8, 9, 11, 12, 10, 9, 3];
    const monthly = suppressList(months);
    const year = months.reduce((s, v) => s + v, 0);
    // The month column's secondary suppression hides a second month, so the month table alone is safe …
    assert.deepEqual(monthly.status.flatMap((s, k) => (s === "published" ? [] : [k])), [4, 11], "the smallest month (May) and December");
    // … but with the yearly count published, a user who learns one of the two (e.g. May, from
    // a table that differs by one month: Jan-May minus Jan-Apr) gets December back:
    const may = months[4]!;
    const published = monthly.cells.reduce<number>((s, v) => s + (v ?? 0), 0);
    assert.equal(year - published - may, 3);
  });
});

describe("publicRates", () => {
  it("nulls the count and every figure derived from it, and protects the region total", () => {
    const rows = [1, 40, 12, 0, 9].map((count, i) => ({
      code: 1000 + i,
      count,
      population: 1000,
      ratePer1000: count,
      smoothedPer1000: count,
      interval: { lower: 0, upper: count + 1 },
    }));
    const { rows: out, threshold } = publicRates(rows);
    assert.equal(threshold, 5);
    assert.deepEqual(
      out.map((r) => [r.code, r.count, r.suppressed]),
      [
        [1000, null, true],
        [1001, 40, false],
        [1002, 12, false],
        [1003, 0, false],
        [1004, null, true], // the smallest positive complement
      ],
    );
    assert.equal(out[0]!.ratePer1000, null);
    assert.equal(out[0]!.smoothedPer1000, null);
    assert.equal(out[0]!.interval, null);
    assert.equal(out[0]!.population, 1000);
  });
});
