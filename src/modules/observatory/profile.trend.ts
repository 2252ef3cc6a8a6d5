/**
 * The trend flag of the neighbourhood profile: the Mann-Kendall test (stats/rates.ts
 * `mannKendall`: S, tie-corrected Var(S), continuity-corrected z) with an EXACT p-value for
 * short series without ties, where the normal approximation is poor (Kendall 1975 tabulates
 * the exact distribution up to n = 10, the usual limit).
 *
 * Exact distribution: for n distinct values in random order, S = n(n-1)/2 - 2 I with I the
 * number of inversions, whose counts over the n! orders are the Mahonian numbers
 * M(n, i) = sum_{j=0..min(i, n-1)} M(n-1, i-j). Two-sided p = P(|S| >= |s|).
 */
import { mannKendall } from "./stats/rates.js";

/** Longest series given an exact p (without ties); longer ones, or ties, use z. */
export const EXACT_MAX_N = 10;

export interface Trend {
  /** What was tested: the yearly rate per 1,000. */
  measure: "rate";
  n: number;
  s: number;
  z: number;
  pValue: number;
  /** True when pValue is the exact permutation p, false when from z. */
  exact: boolean;
  tau: number;
  /** The sign of S; `none` for S = 0. */
  direction: "increasing" | "decreasing" | "none";
  significant: boolean;
}

/** Two-sided exact p of Mann-Kendall's S for n distinct values: P(|S| >= |s|) under random order. */
export function kendallExactP(n: number, s: number): number {
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`n must be an integer >= 2 (got ${n})`);
  let counts = [1];
  for (let size = 2; size <= n; size++) {
    const next = new Array<number>(counts.length + size - 1).fill(0);
    counts.forEach((c, i) => {
      for (let j = 0; j < size; j++) next[i + j]! += c;
    });
    counts = next;
  }
  const pairs = (n * (n - 1)) / 2;
  let total = 0;
  let tail = 0;
  counts.forEach((c, inversions) => {
    total += c;
    if (Math.abs(pairs - 2 * inversions) >= Math.abs(s)) tail += c;
  });
  return tail / total;
}

/** Mann-Kendall on a series in time order, exact p when short and without ties. */
export function mannKendallTrend(series: number[], alpha: number): Trend {
  const test = mannKendall(series);
  const exact = series.length <= EXACT_MAX_N && new Set(series).size === series.length;
  const pValue = exact ? kendallExactP(series.length, test.s) : test.pValue;
  return {
    measure: "rate",
    n: test.n,
    s: test.s,
    z: test.z,
    pValue,
    exact,
    tau: test.tau,
    direction: test.s > 0 ? "increasing" : test.s < 0 ? "decreasing" : "none",
    significant: pValue < alpha,
  };
}
