import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EXACT_MAX_N, kendallExactP, mannKendallTrend } from "./profile.trend.js";
import { mannKendall } from "./stats/rates.js";

/** S of a series, written out again: sum over pairs k < l of sign(x_l - x_k). */
const sOf = (x: number[]) => {
  let s = 0;
  for (let k = 0; k < x.length; k++) for (let l = k + 1; l < x.length; l++) s += Math.sign(x[l]! - x[k]!);
  return s;
};

/** Every order of 0..n-1 (Heap's algorithm). */
function permutations(n: number): number[][] {
  const a = Array.from({ length: n }, (_, i) => i);
  const out = [a.slice()];
  const c = new Array<number>(n).fill(0);
  for (let i = 0; i < n; ) {
    if (c[i]! < i) {
      const j = i % 2 === 0 ? 0 : c[i]!;
      [a[j], a[i]] = [a[i]!, a[j]!];
      out.push(a.slice());
      c[i]! += 1;
      i = 0;
    } else (c[i] = 0), (i += 1);
  }
  return out;
}

describe("profile trend: Mann-Kendall with an exact p for short series", () => {
  it("matches the distribution of S over every order of n distinct values (n = 2..8)", () => {
    for (let n = 2; n <= 8; n++) {
      const all = permutations(n).map(sOf);
      for (let s = -(n * (n - 1)) / 2; s <= (n * (n - 1)) / 2; s++) {
        const expected = all.filter((v) => Math.abs(v) >= Math.abs(s)).length / all.length;
        assert.ok(Math.abs(kendallExactP(n, s) - expected) < 1e-12, `n=${n} s=${s}`);
      }
    }
  });

  it("gives the extreme orders probability 2/n! and S = 0 probability 1", () => {
    const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
    for (const n of [4, 7, 10]) {
      assert.ok(Math.abs(kendallExactP(n, (n * (n - 1)) / 2) - 2 / factorial(n)) < 1e-18);
      assert.equal(kendallExactP(n, 0), 1);
    }
  });

  it("flags ten falling years as a significant decrease, with the exact p", () => {
    const rates = [9, 8.5, 8.7, 7.9, 7.5, 7.6, 6.8, 6.1, 6.3, 5.2];
    const trend = mannKendallTrend(rates, 0.05);
    assert.equal(trend.s, sOf(rates));
    assert.equal(trend.exact, true);
    assert.equal(trend.direction, "decreasing");
    assert.equal(trend.significant, true);
    assert.equal(trend.pValue, kendallExactP(10, trend.s));
    assert.equal(trend.z, mannKendall(rates).z);
  });

  it("uses the normal p with ties or beyond ten years", () => {
    const tied = [1, 2, 2, 3, 5];
    const withTies = mannKendallTrend(tied, 0.05);
    assert.equal(withTies.exact, false);
    assert.equal(withTies.pValue, mannKendall(tied).pValue);
    const long = Array.from({ length: EXACT_MAX_N + 1 }, (_, i) => (i % 3) + i / 10);
    const longTrend = mannKendallTrend(long, 0.05);
    assert.equal(longTrend.exact, false);
    assert.equal(longTrend.pValue, mannKendall(long).pValue);
  });

  it("a flat series has no direction and is not significant", () => {
    const trend = mannKendallTrend([3, 3, 3, 3], 0.05);
    assert.deepEqual([trend.s, trend.direction, trend.significant], [0, "none", false]);
  });
});
