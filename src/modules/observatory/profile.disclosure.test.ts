import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { determined, equation, type Equation } from "../../../test/helpers/disclosure-attack.js";
import type { CellStatus } from "./disclosure.js";
import { protectLinked, type LinkedCounts } from "./profile.disclosure.js";
import { createRng } from "./stats/random.js";

/**
 * The linked tables of the profile, attacked with every equation their published figures
 * give (neighbourhood totals, municipality = sum of its neighbourhoods, region = sum of
 * municipalities) and solved by linear algebra (test/helpers/disclosure-attack.ts), an
 * independent method from the bridges of profile.disclosure.ts.
 */
interface Pattern {
  neighbourhoods: CellStatus[][];
  municipalities: CellStatus[][];
  rowTotals: boolean[];
}

function municipalCounts(input: LinkedCounts): number[][] {
  const years = input.neighbourhoods[0]!.length;
  const out = Array.from({ length: input.municipalities }, () => new Array<number>(years).fill(0));
  input.neighbourhoods.forEach((row, i) => row.forEach((v, y) => (out[input.municipalityOf[i]!]![y]! += v)));
  return out;
}

/** The suppressed counts an attacker holding every published figure can work out. */
function attack(input: LinkedCounts, pattern: Pattern): string[] {
  const years = input.neighbourhoods[0]!.length;
  const municipal = municipalCounts(input);
  const x = (n: number, y: number): [string, number] | number => (pattern.neighbourhoods[n]![y] === "published" ? input.neighbourhoods[n]![y]! : [`x${n}.${y}`, 1]);
  const m = (k: number, y: number): [string, number] | number => (pattern.municipalities[k]![y] === "published" ? municipal[k]![y]! : [`m${k}.${y}`, 1]);
  const build = (terms: ([string, number] | number)[], signs: number[], rhs: number): Equation => {
    const unknown: [string, number][] = [];
    terms.forEach((t, k) => (typeof t === "number" ? (rhs -= signs[k]! * t) : unknown.push([t[0], signs[k]!])));
    return equation(unknown, rhs);
  };
  const equations: Equation[] = [];
  input.neighbourhoods.forEach((row, n) => pattern.rowTotals[n] && equations.push(build(row.map((_, y) => x(n, y)), row.map(() => 1), row.reduce((s, v) => s + v, 0))));
  for (let y = 0; y < years; y++) {
    for (let k = 0; k < input.municipalities; k++) {
      const members = input.municipalityOf.flatMap((mk, n) => (mk === k ? [n] : []));
      equations.push(build([...members.map((n) => x(n, y)), m(k, y)], [...members.map(() => 1), -1], 0));
    }
    const region = municipal.reduce((s, row) => s + row[y]!, 0);
    equations.push(build(municipal.map((_, k) => m(k, y)), municipal.map(() => 1), region));
  }
  return [...determined(equations)].sort();
}

/** Suppression of each series on its own (primary, then one complement per series), as a list per area would do. */
function perSeries(input: LinkedCounts): Pattern {
  const list = (row: readonly number[]): CellStatus[] => {
    const status: CellStatus[] = row.map((v) => (v > 0 && v < 5 ? "primary" : "published"));
    if (status.filter((s) => s !== "published").length === 1) {
      const open = row.map((v, y) => [v, y] as const).filter(([, y]) => status[y] === "published");
      const [, y] = open.sort((a, b) => (a[0] || Infinity) - (b[0] || Infinity))[0] ?? [0, -1];
      if (y >= 0) status[y] = "secondary";
    }
    return status;
  };
  return { neighbourhoods: input.neighbourhoods.map(list), municipalities: municipalCounts(input).map(list), rowTotals: input.neighbourhoods.map(() => true) };
}

const suppressedNames = (pattern: Pattern) => [
  ...pattern.neighbourhoods.flatMap((row, n) => row.flatMap((s, y) => (s === "published" ? [] : [`x${n}.${y}`]))),
  ...pattern.municipalities.flatMap((row, k) => row.flatMap((s, y) => (s === "published" ? [] : [`m${k}.${y}`]))),
];

describe("profile disclosure: linked neighbourhood, municipality and region tables", () => {
  // Municipality 0: neighbourhoods 0 and 1; municipality 1: neighbourhood 2. Years 0-2.
  const small: LinkedCounts = {
    neighbourhoods: [
      [3, 20, 30],
      [50, 60, 70],
      [40, 40, 40],
    ],
    municipalityOf: [0, 0, 1],
    municipalities: 2,
  };

  it("the attack has teeth: suppressing each series on its own lets the municipality give a count back", () => {
    const naive = perSeries(small);
    assert.deepEqual(suppressedNames(naive), ["x0.0", "x0.1"]);
    // municipality 0 in year 0 (53, published) minus neighbourhood 1 (50) = 3.
    assert.deepEqual(attack(small, naive), ["x0.0", "x0.1"]);
  });

  it("protects the same figures together: nothing suppressed can be worked out", () => {
    const pattern = protectLinked(small);
    assert.equal(pattern.neighbourhoods[0]![0], "primary");
    assert.ok(pattern.neighbourhoods[1]![0] !== "published", "the other neighbourhood of the municipality in that year is a complement");
    assert.deepEqual(pattern.exposed, []);
    assert.deepEqual(attack(small, pattern), []);
  });

  it("suppresses small municipality counts and protects them through the region", () => {
    const input: LinkedCounts = {
      neighbourhoods: [
        [2, 9, 12],
        [0, 8, 15],
        [1, 7, 11],
        [25, 30, 35],
        [20, 22, 24],
      ],
      municipalityOf: [0, 0, 1, 2, 2],
      municipalities: 3,
    };
    const pattern = protectLinked(input);
    assert.equal(pattern.municipalities[0]![0], "primary", "municipality 0 has 2 in year 0");
    assert.equal(pattern.municipalities[1]![0], "primary", "municipality 1 has 1 in year 0");
    assert.deepEqual(pattern.exposed, []);
    assert.deepEqual(attack(input, pattern), []);
  });

  it("reports what cannot be protected instead of hiding it", () => {
    // One neighbourhood, one municipality: the region's count is the neighbourhood's.
    const alone: LinkedCounts = { neighbourhoods: [[3, 10]], municipalityOf: [0], municipalities: 1 };
    const pattern = protectLinked(alone);
    const exposed = pattern.exposed.map(([kind, i, y]) => `${kind === "neighbourhood" ? "x" : "m"}${i}.${y}`).sort();
    assert.deepEqual(exposed, attack(alone, pattern));
    assert.ok(exposed.includes("x0.0"));
  });

  it("over one year publishes no neighbourhood total (it would be the count itself)", () => {
    const input: LinkedCounts = { neighbourhoods: [[3], [9], [12], [7]], municipalityOf: [0, 0, 1, 1], municipalities: 2 };
    const pattern = protectLinked(input);
    assert.deepEqual(pattern.rowTotals, [false, false, false, false]);
    assert.deepEqual(pattern.exposed, []);
    assert.deepEqual(attack(input, pattern), []);
  });

  it("200 seeded random tables: primary counts suppressed, `exposed` equals what the attack finds, and is empty", () => {
    const rng = createRng(20260215);
    let naiveLeaks = 0;
    for (let t = 0; t < 200; t++) {
      const municipalities = 2 + rng.int(3);
      const municipalityOf = Array.from({ length: municipalities + 2 + rng.int(6) }, (_, n) => (n < municipalities ? n : rng.int(municipalities)));
      const years = 1 + rng.int(5);
      // Many small counts and zeros, some large ones.
      const draw = () => [0, 0, 1, 2, 3, 4, 6, 9, 15, 40][rng.int(10)]!;
      const input: LinkedCounts = { neighbourhoods: municipalityOf.map(() => Array.from({ length: years }, draw)), municipalityOf, municipalities };
      const pattern = protectLinked(input);
      input.neighbourhoods.forEach((row, n) => row.forEach((v, y) => v > 0 && v < 5 && assert.notEqual(pattern.neighbourhoods[n]![y], "published")));
      const exposed = pattern.exposed.map(([kind, i, y]) => `${kind === "neighbourhood" ? "x" : "m"}${i}.${y}`).sort();
      assert.deepEqual(attack(input, pattern), exposed, `table ${t}`);
      assert.deepEqual(exposed, [], `table ${t}: ${JSON.stringify(input)}`);
      if (attack(input, perSeries(input)).length) naiveLeaks += 1;
    }
    assert.ok(naiveLeaks > 20, `suppressing each series on its own leaks in ${naiveLeaks} of 200 tables`);
  });
});
