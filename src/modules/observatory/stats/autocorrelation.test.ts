import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { confidenceBin, getisOrdGiStar, localMoran, moran, weightSums } from "./autocorrelation.js";
import { createRng } from "./random.js";
import { contiguity, nearestNeighbours, rowStandardise, type SpatialWeights } from "./weights.js";
import type { MultiPolygon } from "../../territory/territory.geo.js";

/**
 * References: hand computations (shown in comments) and independent brute force in this
 * file — exhaustive enumeration of permutations / subsets, Monte Carlo for the normality
 * variance, dense-matrix definitions of S0, S1, S2. The esda reference data (St Louis
 * homicides, stl.gal) was not available offline.
 */
const close = (a: number, b: number, tol = 1e-9, msg = "") => assert.ok(Math.abs(a - b) <= tol, `${msg} ${a} vs ${b}`);
const path = (n: number): SpatialWeights => {
  const neighbours = Array.from({ length: n }, (_, i) => [i - 1, i + 1].filter((j) => j >= 0 && j < n));
  return { n, kind: "rook", transform: "binary", neighbours, weights: neighbours.map((r) => r.map(() => 1)), islands: [] };
};
const dense = (w: SpatialWeights) => {
  const m = Array.from({ length: w.n }, () => new Array<number>(w.n).fill(0));
  w.neighbours.forEach((row, i) => row.forEach((j, k) => (m[i]![j] = w.weights[i]![k]!)));
  return m;
};
function* permutations(a: number[]): Generator<number[]> {
  if (a.length <= 1) { yield a; return; }
  for (let i = 0; i < a.length; i++) for (const rest of permutations([...a.slice(0, i), ...a.slice(i + 1)])) yield [a[i]!, ...rest];
}
function* subsets(a: number[], k: number, start = 0): Generator<number[]> {
  if (k === 0) { yield []; return; }
  for (let i = start; i <= a.length - k; i++) for (const rest of subsets(a, k - 1, i + 1)) yield [a[i]!, ...rest];
}
const bruteI = (x: number[], m: number[][]) => {
  const n = x.length, mu = x.reduce((s, v) => s + v, 0) / n, z = x.map((v) => v - mu);
  let num = 0, s0 = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) { num += m[i]![j]! * z[i]! * z[j]!; s0 += m[i]![j]!; }
  return ((n / s0) * num) / z.reduce((s, v) => s + v * v, 0);
};
const meanVar = (v: number[]) => {
  const mu = v.reduce((s, a) => s + a, 0) / v.length;
  return [mu, v.reduce((s, a) => s + (a - mu) ** 2, 0) / v.length] as const;
};
/** Asymmetric, row-standardised weights on 6 scattered points (k = 2 nearest). */
const points6: [number, number][] = [[0, 0], [1, 0.2], [2.5, 0], [0.3, 1.4], [1.8, 1.1], [3, 2]];
const w6 = rowStandardise(nearestNeighbours(points6, 2));
const x6 = [3, 7, 1, 9, 4, 12];

describe("global Moran's I", () => {
  it("matches a hand computation on a 4-unit path", () => {
    // z = [-1.5, -0.5, 0.5, 1.5], sum z^2 = 5, sum w z z = 2 (0.75 - 0.25 + 0.75) = 2.5, S0 = 6
    // I = (4 / 6) * 2.5 / 5 = 1/3 ; E[I] = -1/3
    const r = moran([1, 2, 3, 4], path(4), { permutations: 0 });
    close(r.I, 1 / 3);
    close(r.expected, -1 / 3);
    assert.equal(r.pseudoP, null);
  });

  it("computes S0, S1, S2 as their dense definitions on asymmetric weights", () => {
    const m = dense(w6);
    let s0 = 0, s1 = 0, s2 = 0;
    for (let i = 0; i < 6; i++) {
      let row = 0, col = 0;
      for (let j = 0; j < 6; j++) { s0 += m[i]![j]!; s1 += 0.5 * (m[i]![j]! + m[j]![i]!) ** 2; row += m[i]![j]!; col += m[j]![i]!; }
      s2 += (row + col) ** 2;
    }
    const sums = weightSums(w6);
    close(sums.s0, s0, 1e-12); close(sums.s1, s1, 1e-12); close(sums.s2, s2, 1e-12);
  });

  it("gives E[I] and Var(I) under randomisation equal to the exact moments over all 720 permutations", () => {
    const m = dense(w6);
    const Is = [...permutations(x6)].map((p) => bruteI(p, m));
    const [mu, variance] = meanVar(Is);
    const r = moran(x6, w6, { permutations: 0 });
    close(r.I, bruteI(x6, m), 1e-12);
    close(r.expected, mu, 1e-12);
    close(r.varianceRandom, variance, 1e-12);
    close(r.zRandom, (r.I - mu) / Math.sqrt(variance), 1e-9);
  });

  it("gives Var(I) under normality matching Monte Carlo with Gaussian values (200,000 draws, 2 %)", () => {
    const rng = createRng(7), m = dense(w6);
    const gauss = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
    const Is = Array.from({ length: 200_000 }, () => bruteI(Array.from({ length: 6 }, gauss), m));
    const [mu, variance] = meanVar(Is);
    const r = moran(x6, w6, { permutations: 0 });
    close(mu, r.expected, 0.003);
    assert.ok(Math.abs(variance / r.varianceNormal - 1) < 0.02, `${variance} vs ${r.varianceNormal}`);
    assert.ok(Math.abs(r.varianceNormal - r.varianceRandom) > 1e-3); // the two forms differ here
  });

  it("gives a permutation pseudo-p close to the exact permutation p, reproducible from the seed", () => {
    const m = dense(w6), obs = bruteI(x6, m);
    const all = [...permutations(x6)].map((p) => bruteI(p, m));
    const ge = all.filter((v) => v >= obs - 1e-12).length / all.length;
    const exact = Math.min(ge, 1 - ge);
    const r = moran(x6, w6, { permutations: 9999, seed: 1 });
    close(r.pseudoP!, exact, 0.015);
    assert.equal(moran(x6, w6, { permutations: 999, seed: 5 }).pseudoP, moran(x6, w6, { permutations: 999, seed: 5 }).pseudoP);
    close(r.pNormal, Math.min(1, 2 * (1 - 0.5 * (1 + erfApprox(Math.abs(r.zNormal) / Math.SQRT2)))), 1e-6);
  });
});

/** Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7), independent of special.ts. */
function erfApprox(x: number): number {
  const t = 1 / (1 + 0.3275911 * x);
  const y = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return 1 - y * Math.exp(-x * x);
}

describe("local Moran", () => {
  it("matches a hand computation on a 4-unit path, with quadrants", () => {
    // z = [-1.5, -0.5, 0.5, 1.5], z~ = z / sqrt 1.25, sum z~^2 = 4, so I_i = (3/4) z~_i lag_i.
    // I_0 = 0.75 * (-1.5)(-0.5) / 1.25 = 0.45; lag_1 = (z~0 + z~2) / 2 = -0.5 / sqrt 1.25,
    // I_1 = 0.75 * (-0.5)(-0.5) / 1.25 = 0.15; by symmetry I_2 = 0.15, I_3 = 0.45
    const r = localMoran([1, 2, 3, 4], path(4), { permutations: 0 });
    close(r.Is[0]!, 0.45); close(r.Is[1]!, 0.15); close(r.Is[2]!, 0.15); close(r.Is[3]!, 0.45);
    assert.deepEqual(r.quadrants, ["LL", "LL", "HH", "HH"]);
    assert.deepEqual(localMoran([4, 1, 3, 2], path(4), { permutations: 0 }).quadrants, ["HL", "LH", "HL", "LH"]);
  });

  it("sums to (n-1) times the global I with row-standardised weights", () => {
    const r = localMoran(x6, w6, { permutations: 0 });
    close(r.Is.reduce((s, v) => s + v, 0), 5 * moran(x6, w6, { permutations: 0 }).I, 1e-12);
  });

  it("gives conditional pseudo-p values close to exact enumeration of the neighbour draws", () => {
    const r = localMoran(x6, w6, { permutations: 9999, seed: 3 });
    const mu = x6.reduce((s, v) => s + v, 0) / 6;
    for (let i = 0; i < 6; i++) {
      const others = x6.filter((_, j) => j !== i).map((v) => v - mu);
      const observed = (x6[i]! - mu) * w6.neighbours[i]!.reduce((s, j) => s + (x6[j]! - mu), 0);
      const draws = [...subsets(others, 2)].map((d) => (x6[i]! - mu) * (d[0]! + d[1]!));
      const ge = draws.filter((v) => v >= observed - 1e-12).length / draws.length;
      close(r.pseudoP[i]!, Math.min(ge, 1 - ge), 0.015, `unit ${i}`);
    }
  });

  it("leaves islands out of inference", () => {
    const w = path(4);
    const withIsland: SpatialWeights = { ...w, n: 5, neighbours: [...w.neighbours, []], weights: [...w.weights, []], islands: [4] };
    const r = localMoran([1, 2, 3, 4, 9], withIsland, { permutations: 99 });
    assert.equal(r.pseudoP[4], null);
    assert.equal(r.quadrants[4], null);
    assert.ok(r.pseudoP[0]! > 0);
  });
});

describe("Getis-Ord Gi*", () => {
  it("matches a hand computation on a 5-unit path", () => {
    // unit 0: sum over {0,1} = 3, xbar = 4, W = 2, n = 5; S = sqrt(130/5 - 16) = sqrt 10
    // z = (3 - 8) / (sqrt 10 * sqrt((10 - 4) / 4)) = -5 / sqrt 15
    const r = getisOrdGiStar([1, 2, 3, 4, 10], path(5), { permutations: 0 });
    close(r.z[0]!, -5 / Math.sqrt(15), 1e-12);
    // unit 4: sum over {3,4} = 14, z = (14 - 8) / sqrt 15
    close(r.z[4]!, 6 / Math.sqrt(15), 1e-12);
  });

  it("equals the z-score of the neighbourhood sum under full randomisation (exact enumeration)", () => {
    const square = (x: number, y: number): MultiPolygon => [[[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]]];
    const grid = Array.from({ length: 9 }, (_, i) => square(i % 3, Math.floor(i / 3)));
    const w = contiguity(grid, "rook", { projection: { forward: (a, b) => [a, b], inverse: (a, b) => [a, b] } });
    const x = [5, 1, 0, 8, 13, 2, 2, 7, 30];
    const r = getisOrdGiStar(x, w, { permutations: 0 });
    w.neighbours.forEach((row, i) => {
      const sums = [...subsets(x, row.length + 1)].map((s) => s.reduce((a, b) => a + b, 0));
      const [mu, variance] = meanVar(sums);
      const observed = row.reduce((s, j) => s + x[j]!, x[i]!);
      close(r.z[i]!, (observed - mu) / Math.sqrt(variance), 1e-9, `unit ${i}`);
    });
  });

  it("gives conditional pseudo-p values close to exact enumeration with x_i fixed", () => {
    const w = path(7), x = [2, 9, 11, 4, 0, 3, 6];
    const r = getisOrdGiStar(x, w, { permutations: 9999, seed: 11 });
    w.neighbours.forEach((row, i) => {
      const others = x.filter((_, j) => j !== i);
      const observed = row.reduce((s, j) => s + x[j]!, 0);
      const draws = [...subsets(others, row.length)].map((d) => d.reduce((a, b) => a + b, 0));
      const ge = draws.filter((v) => v >= observed).length / draws.length;
      close(r.pseudoP[i]!, Math.min(ge, 1 - ge), 0.015, `unit ${i}`);
    });
    assert.deepEqual(getisOrdGiStar(x, w, { permutations: 999, seed: 2 }).pseudoP, getisOrdGiStar(x, w, { permutations: 999, seed: 2 }).pseudoP);
  });

  it("bins z at 2.576 / 1.960 / 1.645", () => {
    assert.deepEqual([2.576, 2.575, 1.96, 1.959, 1.645, 1.644, 0, -1.7, -2, -3, NaN].map(confidenceBin), [3, 2, 2, 1, 1, 0, 0, -1, -2, -3, 0]);
  });
});
