import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { publicRates, suppressList, suppressTable } from "./disclosure.js";
import { createRng } from "./stats/random.js";
import { _, assertHonest, differencingAttack, P, protectionProblems, S, withPattern } from "../../../test/helpers/disclosure-check.js";

describe("primary and secondary suppression", () => {
  // Hand-worked example: cell (0,0) = 2 is primary; to rise to 5 it must take 3 from the row
  // and give 3 to the column, along a cycle. Candidates (cost = value + 1 per cell):
  // (2,0)=7, (2,2)=8, (0,2)=6 cost 8 + 9 + 7 = 24; through (1,0)=12 and (1,2)=20: 41;
  // through column 1 (30, 40): more. The cheapest cycle is chosen; it also lets (0,0) fall.
  const counts = [
    [2, 30, 6],
    [12, 15, 20],
    [7, 40, 8],
  ];

  it("suppresses below the threshold and completes the cheapest protecting cycle", () => {
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
    assert.deepEqual(protectionProblems(counts, t), []);
  });

  it("publishes zeros and counts at the threshold, and suppresses a small total like any count", () => {
    // Column 2 adds up to 4: that total is primary too. With (1,2) = 0 published, (0,2) equals
    // the column total, so (0,2) can only rise if a column total falls: the cheapest way is
    // column 1's total with (0,1) = 5 (a margin is a last resort, and here the only one).
    const table = [
      [0, 5, 4],
      [0, 9, 0],
    ];
    const t = suppressTable(table);
    assert.deepEqual(t.status, [
      ["published", "secondary", "primary"],
      ["published", "published", "published"],
    ]);
    assert.deepEqual(t.columnTotalStatus, ["published", "secondary", "primary"]);
    assert.deepEqual(t.columnTotals, [0, null, null]);
    assert.deepEqual([t.rowTotals, t.total], [[9, 9], 18]);
    assert.deepEqual(t.exposed, []);
    assert.deepEqual(protectionProblems(table, t), []);
  });

  it("honours another threshold", () => {
    const t = suppressTable([[9, 10, 20]], { threshold: 10 });
    assert.deepEqual(t.status[0], ["primary", "secondary", "published"]);
    assert.deepEqual(t.columnTotalStatus, ["primary", "secondary", "published"], "one row: each column total is its cell");
    assert.deepEqual(protectionProblems([[9, 10, 20]], t), []);
  });

  it("rejects ragged or non-integer tables and a bad threshold", () => {
    assert.throws(() => suppressTable([[1, 2], [3]]), RangeError);
    assert.throws(() => suppressTable([[1.5]]), RangeError);
    assert.throws(() => suppressTable([[-1]]), RangeError);
    assert.throws(() => suppressTable([[1]], { threshold: 0 }), RangeError);
  });
});


describe("tables the former line-by-line rule left exposed (its pattern fails the check, the new one passes)", () => {
  it("a line of zeros: row 1 adds up to 0, so its cells were known", () => {
    const counts = [
      [3, 3],
      [0, 0],
    ];
    // The former rule hid row 1 as complements and reported all four cells as exposed.
    assert.ok(protectionProblems(counts, withPattern(counts, [[P, P], [S, S]])).length > 0);
    const t = suppressTable(counts);
    assert.deepEqual(t.exposed, []);
    assert.deepEqual(t.columnTotalStatus, ["primary", "primary"], "each column adds up to 3: a small total");
    assert.deepEqual(protectionProblems(counts, t), []);
  });

  it("a bridge: column 1 is all zeros, so (0,0) + (1,0) = 5 pinned column 0 down", () => {
    const counts = [
      [3, 0, 5],
      [2, 0, 0],
    ];
    assert.ok(protectionProblems(counts, withPattern(counts, [[P, S, S], [P, S, S]])).length > 0);
    const t = suppressTable(counts);
    assert.deepEqual(t.exposed, []);
    assert.deepEqual(protectionProblems(counts, t), []);
  });

  it("two small counts sharing a column whose other cells are published: their sum (4) bounds both", () => {
    const counts = [
      [8, 2],
      [11, 2],
      [9, 12],
    ];
    assert.deepEqual(protectionProblems(counts, withPattern(counts, [[S, P], [S, P], [_, _]])), ["0,1 (primary 2) is at most 4", "1,1 (primary 2) is at most 4"]);
    const t = suppressTable(counts);
    assert.deepEqual(t.exposed, []);
    assert.deepEqual(protectionProblems(counts, t), []);
  });

  it("a zero complement: the small count could only rise, so it was known to be at least 3", () => {
    const counts = [
      [5, 0],
      [3, 8],
    ];
    assert.deepEqual(protectionProblems(counts, withPattern(counts, [[S, S], [P, S]])), ["1,0 (primary 3) is at least 3"]);
    const t = suppressTable(counts);
    assert.deepEqual(t.exposed, []);
    assert.deepEqual(protectionProblems(counts, t), []);
  });
});

describe("differencing attacks on one table (seeded random tables, brute-force check)", () => {
  it("no suppressed count is determined, and no primary count is pinned below the threshold", () => {
    const rng = createRng(4242);
    let primaries = 0;
    let secondaries = 0;
    let suppressedTotals = 0;
    for (let n = 0; n < 200; n++) {
      const height = 2 + rng.int(3);
      const width = 2 + rng.int(3);
      const counts = Array.from({ length: height }, () => Array.from({ length: width }, () => (rng.next() < 0.3 ? 1 + rng.int(4) : rng.int(9))));
      const t = suppressTable(counts);
      assertHonest(counts, t);
      assert.deepEqual(t.exposed, [], `table ${n}: ${JSON.stringify(counts)}`);
      assert.deepEqual(protectionProblems(counts, t), [], `table ${n}: ${JSON.stringify(counts)}`);
      const attacked = differencingAttack(t);
      t.status.forEach((row, i) => row.forEach((s, c) => s !== "published" && assert.equal(attacked[i]![c], null, `table ${n}: cell ${i},${c} recovered`)));
      primaries += t.status.flat().filter((s) => s === "primary").length;
      secondaries += t.status.flat().filter((s) => s === "secondary").length;
      suppressedTotals += [...t.rowTotalStatus, ...t.columnTotalStatus, t.totalStatus].filter((s) => s !== "published").length;
    }
    assert.ok(primaries > 300 && secondaries > 100, `the tables exercise both rules (${primaries} primary, ${secondaries} secondary)`);
    assert.ok(suppressedTotals > 0, "some tables have small totals");
  });

  it("sparse tables full of zeros and ones (hardest for complements)", () => {
    const rng = createRng(7);
    for (let n = 0; n < 120; n++) {
      const height = 2 + rng.int(2);
      const width = 2 + rng.int(3);
      const counts = Array.from({ length: height }, () => Array.from({ length: width }, () => [0, 0, 0, 1, 2, 6, 11][rng.int(7)]!));
      const t = suppressTable(counts);
      assertHonest(counts, t);
      assert.deepEqual(protectionProblems(counts, t), [], `table ${n}: ${JSON.stringify(counts)}`);
    }
  });

  it("protects a table the size of the public one (145 neighbourhoods x 12 categories)", () => {
    const rng = createRng(2018);
    const counts = Array.from({ length: 145 }, () => Array.from({ length: 12 }, () => (rng.next() < 0.15 ? rng.int(5) : rng.int(80))));
    const t = suppressTable(counts);
    assertHonest(counts, t);
    assert.deepEqual(t.exposed, []);
    const attacked = differencingAttack(t);
    t.status.forEach((row, i) => row.forEach((s, c) => s !== "published" && assert.equal(attacked[i]![c], null)));
    assert.ok(t.rowTotals.every((v) => v !== null) && t.columnTotals.every((v) => v !== null), "large margins stay published");
  });
});

describe("lists with a total", () => {
  /** Possible values of each suppressed entry of a list, by brute force (index n = the total). */
  function listProblems(counts: number[], threshold = 5): string[] {
    const l = suppressList(counts, { threshold });
    const hidden = l.status.flatMap((s, k) => (s === "published" ? [] : [k]));
    const rest = l.cells.reduce<number>((s, v) => s + (v ?? 0), 0);
    const cap = 3 * threshold + Math.max(0, ...counts);
    const values = new Map<number, Set<number>>();
    const walk = (k: number, sum: number, chosen: number[]) => {
      if (k === hidden.length) {
        if (l.total !== null && rest + sum !== l.total) return;
        hidden.forEach((h, j) => (values.get(h) ?? values.set(h, new Set()).get(h)!).add(chosen[j]!));
        if (l.total === null) (values.get(counts.length) ?? values.set(counts.length, new Set()).get(counts.length)!).add(rest + sum);
        return;
      }
      for (let v = 0; v <= cap; v++) walk(k + 1, sum + v, [...chosen, v]);
    };
    walk(0, 0, []);
    const entries = [...hidden.map((k) => [k, counts[k]!, l.status[k]!] as const)];
    const total = counts.reduce((a, b) => a + b, 0);
    if (l.total === null) entries.push([counts.length, total, l.totalStatus]);
    return entries.flatMap(([k, value, status]) => {
      const v = [...(values.get(k) ?? [])];
      if (v.length < 2) return [`${k} determined`];
      if (status === "primary" && (Math.max(...v) < threshold || Math.min(...v) >= value)) return [`${k} primary ${value} pinned to ${Math.min(...v)}..${Math.max(...v)}`];
      return [];
    });
  }

  it("adds the cheapest complement and withholds a small total", () => {
    assert.deepEqual(suppressList([1, 40, 12, 0, 9]).status, ["primary", "published", "published", "published", "secondary"]);
    // Two small counts whose sum (3) would pin both below 5: a third is hidden.
    assert.deepEqual(suppressList([1, 2, 50, 7]).status, ["primary", "primary", "published", "secondary"]);
    const small = suppressList([2, 1, 0]);
    assert.deepEqual([small.total, small.totalStatus], [null, "primary"]);
  });

  it("protects seeded random lists (brute-force check)", () => {
    const rng = createRng(99);
    for (let n = 0; n < 200; n++) {
      const counts = Array.from({ length: 2 + rng.int(3) }, () => (rng.next() < 0.4 ? 1 + rng.int(4) : rng.int(12)));
      assert.deepEqual(listProblems(counts), [], JSON.stringify(counts));
      assert.deepEqual(suppressList(counts).exposed, []);
    }
  });
});

describe("differencing across two tables (documented limits)", () => {
  it("two tables differing by one neighbourhood give that neighbourhood's suppressed counts back", () => {
    const all = [
      [2, 30, 6],
      [12, 15, 20],
      [7, 40, 8],
    ];
    const a = suppressTable(all);
    const b = suppressTable(all.slice(1));
    // Column totals of A minus those of B are row 0 exactly, suppressed cells included:
    const recovered = a.columnTotals.map((t, c) => t! - b.columnTotals[c]!);
    assert.deepEqual(recovered, all[0]);
    assert.equal(a.cells[0]![0], null);
  });

  it("a year table and its months give the suppressed month back", () => {
    // One neighbourhood, one category: 12 months, December = 3 (suppressed in the month table).
    const months = [9, 8, 10, 7, 6, 8, 9, 11, 12, 10, 9, 3];
    const monthly = suppressList(months);
    const year = months.reduce((s, v) => s + v, 0);
    // The month list hides a second month (the smallest that lets December reach 5), so the month table alone is safe …
    assert.deepEqual(monthly.status.flatMap((s, k) => (s === "published" ? [] : [k])), [4, 11], "May and December");
    // … but a user who learns May from a table that differs by one month (Jan-May minus
    // Jan-Apr) gets December back:
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
        [1004, null, true], // the cheapest complement able to carry 4
      ],
    );
    assert.equal(out[0]!.ratePer1000, null);
    assert.equal(out[0]!.smoothedPer1000, null);
    assert.equal(out[0]!.interval, null);
    assert.equal(out[0]!.population, 1000);
  });
});
