import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { MultiPolygon } from "../territory/territory.geo.js";
import { analysisWeights, COMBINATIONS, proposePriorityZones, subsetWeights, type Observation } from "./priority-zones.js";
import { createRng } from "./stats/random.js";
import type { SpatialWeights } from "./stats/weights.js";

/**
 * A 12 x 12 grid of square neighbourhoods near Brussels (code = 100 row + col), five years
 * 2014-2018, background rates drawn uniformly in 5-15 per 1,000 (seeded), with three planted
 * 3 x 3 clusters:
 * - A (rows 1-3, cols 1-3): 40 per 1,000 on 5,000 residents every year -> proposed;
 * - B (rows 1-3, cols 8-10): 40 per 1,000 only in 2014 and 2015 -> hot 2 of 5 years;
 * - C (rows 8-10, cols 1-3): 1 event on 25 residents (40 per 1,000) -> hot on raw rates only, since
 *   Empirical Bayes shrinks such small populations to the mean.
 * The expectations follow from the construction (planted signal), not from the engine.
 */
const SIZE = 12;
const YEARS = [2014, 2015, 2016, 2017, 2018];
const code = (row: number, col: number) => 100 * row + col;
const inBlock = (row: number, col: number, r0: number, c0: number) => row >= r0 && row < r0 + 3 && col >= c0 && col < c0 + 3;

function square(row: number, col: number): MultiPolygon {
  const lon = (c: number) => (430 + c) / 100, lat = (r: number) => (5080 + r) / 100;
  return [[[[lon(col), lat(row)], [lon(col + 1), lat(row)], [lon(col + 1), lat(row + 1)], [lon(col), lat(row + 1)], [lon(col), lat(row)]]]];
}

function grid() {
  const units: { code: number; shape: MultiPolygon }[] = [];
  for (let row = 0; row < SIZE; row++) for (let col = 0; col < SIZE; col++) units.push({ code: code(row, col), shape: square(row, col) });
  const rng = createRng(11);
  const observations: Observation[] = [];
  for (const year of YEARS) {
    for (let row = 0; row < SIZE; row++) {
      for (let col = 0; col < SIZE; col++) {
        let rate = 5 + 10 * rng.next(), population = 3000 + Math.floor(4000 * rng.next());
        if (inBlock(row, col, 1, 1)) [rate, population] = [40, 5000];
        if (inBlock(row, col, 1, 8) && year <= 2015) [rate, population] = [40, 5000];
        if (inBlock(row, col, 8, 1)) [rate, population] = [40, 25];
        observations.push({ code: code(row, col), year, count: Math.round((rate * population) / 1000), population });
      }
    }
  }
  return { weights: analysisWeights(units), observations };
}

const { weights, observations } = grid();
const result = proposePriorityZones(observations, weights);
const proposedCodes = result.proposals.map((p) => p.code);
const assessed = (c: number) => result.assessed.find((a) => a.code === c)!;

describe("priority intervention zones", () => {
  it("uses the documented defaults: last 5 years, 3 required, alpha 0.05, 999 permutations, seed 2018", () => {
    assert.deepEqual(result.years, YEARS);
    assert.deepEqual(result.options, { years: 5, required: 3, alpha: 0.05, permutations: 999, seed: 2018, lastYear: 2018 });
  });

  it("proposes the planted cluster present every year, with the evidence of all four tests", () => {
    const centre = result.proposals.find((p) => p.code === code(2, 2));
    assert.ok(centre, `proposed: ${proposedCodes.join(",")}`);
    assert.deepEqual(centre.qualifyingYears, YEARS);
    for (const year of centre.evidence) {
      for (const c of COMBINATIONS) {
        const t = year.tests[c]!;
        assert.ok(t.hot && t.z > 0 && t.q <= 0.05 && t.p <= t.q, `${year.year} ${c} ${JSON.stringify(t)}`);
        assert.ok(t.bin >= 2);
      }
    }
  });

  it("does not propose a cluster hot in only 2 of the 5 years when 3 are required, but does when 2 suffice", () => {
    assert.deepEqual(assessed(code(2, 9)).qualifyingYears, [2014, 2015]);
    assert.ok(!proposedCodes.includes(code(2, 9)));
    const lenient = proposePriorityZones(observations, weights, { required: 2 });
    assert.ok(lenient.proposals.some((p) => p.code === code(2, 9)));
  });

  it("does not propose a cluster hot for raw rates only (small populations, smoothed away)", () => {
    const c = assessed(code(9, 2));
    for (const year of c.evidence) {
      assert.equal(year.tests["raw/queen"]!.hot, true, `${year.year} raw/queen`);
      assert.equal(year.tests["smoothed/queen"]!.hot, false, `${year.year} smoothed/queen`);
      assert.equal(year.qualifies, false);
    }
    assert.ok(!proposedCodes.includes(code(9, 2)));
  });

  it("proposes nothing outside the planted clusters", () => {
    const outside = proposedCodes.filter((c) => !inBlock(Math.floor(c / 100), c % 100, 1, 1));
    assert.deepEqual(outside, []);
  });

  it("is deterministic for a seed", () => {
    assert.deepEqual(proposePriorityZones(observations, weights), result);
  });

  it("leaves units without population that year out of the tests", () => {
    const gap = observations.map((o) => (o.code === code(2, 2) && o.year === 2016 ? { ...o, population: null } : o));
    const year = proposePriorityZones(gap, weights).assessed.find((a) => a.code === code(2, 2))!.evidence.find((e) => e.year === 2016)!;
    assert.equal(year.qualifies, false);
    assert.deepEqual(Object.values(year.tests), [null, null, null, null]);
  });
});

describe("subsetWeights", () => {
  // hand-worked: chain 0-1-2-3, keeping {0, 2, 3} leaves 2-3 linked and 0 an island
  it("keeps the induced links only and flags new islands", () => {
    const chain: SpatialWeights = { n: 4, kind: "queen", transform: "binary", neighbours: [[1], [0, 2], [1, 3], [2]], weights: [[1], [1, 1], [1, 1], [1]], islands: [] };
    const sub = subsetWeights(chain, [0, 2, 3]);
    assert.deepEqual(sub.neighbours, [[], [2], [1]]);
    assert.deepEqual(sub.islands, [0]);
  });

  it("builds queen links on the grid: 8 for an inner square, 3 for a corner", () => {
    assert.equal(weights.queen.neighbours[weights.codes.indexOf(code(5, 5))]!.length, 8);
    assert.equal(weights.queen.neighbours[weights.codes.indexOf(code(0, 0))]!.length, 3);
  });
});
