/**
 * Rates and trends for the observatory, as pure functions (formulas and sources in
 * docs/statistics.md, section "Rates and trends"; conventions in STATISTICS.md "Rates").
 *
 * - rate per 1,000 = 1000 e / b (e registered facts, b residents of the same year);
 * - global Empirical Bayes smoothing (Marshall 1991, method of moments; PySAL
 *   esda.smoothing.Empirical_Bayes, spdep EBest);
 * - exact Poisson (Garwood 1936) interval, as R poisson.test;
 * - location quotients;
 * - year on year: conditional binomial test of k2 given k1 + k2, two-sided as R binom.test;
 * - Mann-Kendall trend test with the tie correction of Kendall (1975).
 */
import { binomialPmf, chiSquareQuantile, twoSidedP } from "./special.js";

/** Rate per 1,000 residents; null when there is no population. */
export function ratePer1000(events: number, population: number): number | null {
  return population > 0 ? (1000 * events) / population : null;
}

export interface EmpiricalBayesResult {
  /** Global rate r = sum e / sum b, per person (not per 1,000). */
  globalRate: number;
  /** Method-of-moments prior variance s2, clamped at 0. */
  priorVariance: number;
  /** Raw rates e_i / b_i per person; null where b_i <= 0. */
  raw: (number | null)[];
  /** Shrinkage weights w_i = s2 / (s2 + r / b_i); null where b_i <= 0. */
  weights: (number | null)[];
  /** Smoothed rates EB_i = w_i r_i + (1 - w_i) r, per person; null where b_i <= 0. */
  smoothed: (number | null)[];
}

/**
 * Global Empirical Bayes smoothing (Marshall): units with no population are left out of
 * every sum and get null. Rates are per person; multiply by 1000 for display.
 */
export function empiricalBayesGlobal(events: number[], populations: number[]): EmpiricalBayesResult {
  if (events.length !== populations.length) throw new RangeError("events and populations differ in length");
  const used = populations.map((b) => b > 0);
  let sumE = 0;
  let sumB = 0;
  let count = 0;
  events.forEach((e, i) => {
    if (!used[i]) return;
    sumE += e;
    sumB += populations[i]!;
    count += 1;
  });
  const raw = events.map((e, i) => (used[i] ? e / populations[i]! : null));
  if (count === 0) {
    const none = events.map(() => null);
    return { globalRate: NaN, priorVariance: NaN, raw, weights: none, smoothed: none };
  }
  const r = sumE / sumB;
  const meanB = sumB / count;
  let weighted = 0;
  raw.forEach((ri, i) => {
    if (ri !== null) weighted += populations[i]! * (ri - r) ** 2;
  });
  const s2 = Math.max(0, weighted / sumB - r / meanB);
  const weights = raw.map((ri, i) => {
    if (ri === null) return null;
    const denominator = s2 + r / populations[i]!;
    return denominator > 0 ? s2 / denominator : 0; // r = 0 and s2 = 0: all rates are 0
  });
  const smoothed = raw.map((ri, i) => {
    const w = weights[i];
    return ri === null || w === null || w === undefined ? null : w * ri + (1 - w) * r;
  });
  return { globalRate: r, priorVariance: s2, raw, weights, smoothed };
}

export interface Interval {
  lower: number;
  upper: number;
}

/**
 * Exact Poisson (Garwood) interval for a count k at the given confidence level:
 * [chi2_{a/2}(2k) / 2, chi2_{1-a/2}(2k + 2) / 2], lower = 0 when k = 0 (R poisson.test).
 */
export function poissonExactInterval(k: number, level = 0.95): Interval {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`count must be a non-negative integer (got ${k})`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1) (got ${level})`);
  const alpha = 1 - level;
  const lower = k === 0 ? 0 : chiSquareQuantile(alpha / 2, 2 * k) / 2;
  const upper = chiSquareQuantile(1 - alpha / 2, 2 * k + 2) / 2;
  return { lower, upper };
}

/** Garwood interval of a rate per 1,000: the count interval scaled by 1000 / population. */
export function rateIntervalPer1000(events: number, population: number, level = 0.95): Interval | null {
  if (!(population > 0)) return null;
  const { lower, upper } = poissonExactInterval(events, level);
  return { lower: (1000 * lower) / population, upper: (1000 * upper) / population };
}

/**
 * Location quotients LQ_ic = (e_ic / e_i.) / (e_.c / e_..) for a units x categories
 * table of counts; null where a unit or a category has no event.
 */
export function locationQuotients(counts: number[][]): (number | null)[][] {
  const width = counts[0]?.length ?? 0;
  if (counts.some((row) => row.length !== width)) throw new RangeError("ragged counts table");
  const rowTotals = counts.map((row) => row.reduce((s, v) => s + v, 0));
  const columnTotals = Array.from({ length: width }, (_, c) => counts.reduce((s, row) => s + row[c]!, 0));
  const total = rowTotals.reduce((s, v) => s + v, 0);
  return counts.map((row, i) =>
    row.map((e, c) => {
      const rowTotal = rowTotals[i]!;
      const columnTotal = columnTotals[c]!;
      return rowTotal > 0 && columnTotal > 0 ? e / rowTotal / (columnTotal / total) : null;
    }),
  );
}

export interface YearOnYearTest {
  /** k1 + k2 */
  total: number;
  /** Share of k2 expected with equal rates: b2 / (b1 + b2). */
  expectedShare: number;
  /** Rate ratio (k2 / b2) / (k1 / b1); null when k1 = 0. */
  rateRatio: number | null;
  /** Two-sided exact p-value (R binom.test convention). */
  pValue: number;
}

/**
 * Conditional binomial test for a change between two years: given k1 + k2 = n events and
 * exposures b1, b2, under equal rates k2 ~ Bin(n, b2 / (b1 + b2)). Two-sided p sums the
 * probabilities of all outcomes no more likely than k2 (relative slack 1e-7, as R).
 */
export function yearOnYearTest(k1: number, b1: number, k2: number, b2: number): YearOnYearTest {
  if (!Number.isInteger(k1) || !Number.isInteger(k2) || k1 < 0 || k2 < 0) throw new RangeError("counts must be non-negative integers");
  if (!(b1 > 0) || !(b2 > 0)) throw new RangeError("exposures must be positive");
  const n = k1 + k2;
  const p = b2 / (b1 + b2);
  const rateRatio = k1 > 0 ? k2 / b2 / (k1 / b1) : null;
  return { total: n, expectedShare: p, rateRatio, pValue: binomialTwoSidedP(k2, n, p) };
}

/** Exact two-sided binomial p-value, R binom.test's rule: sum of P(i) <= P(k) (1 + 1e-7). */
export function binomialTwoSidedP(k: number, n: number, p: number): number {
  if (n === 0) return 1;
  const observed = binomialPmf(k, n, p);
  const threshold = observed * (1 + 1e-7);
  let sum = 0;
  for (let i = 0; i <= n; i++) {
    const d = binomialPmf(i, n, p);
    if (d <= threshold) sum += d;
  }
  return Math.min(1, sum);
}

export interface MannKendallResult {
  n: number;
  /** S = sum_{k<l} sign(x_l - x_k) */
  s: number;
  /** Var(S) with the tie correction. */
  varS: number;
  /** Continuity-corrected Z. */
  z: number;
  /** Two-sided normal p-value. */
  pValue: number;
  /** Kendall's tau-a = S / (n(n-1)/2). */
  tau: number;
}

/**
 * Mann-Kendall trend test on a series in time order: S, Var(S) = [n(n-1)(2n+5) -
 * sum_g t_g(t_g-1)(2t_g+5)] / 18 over groups of tied values, Z = (S -+ 1)/sqrt Var.
 */
export function mannKendall(series: number[]): MannKendallResult {
  const n = series.length;
  if (n < 2) throw new RangeError("Mann-Kendall needs at least 2 values");
  if (series.some((v) => !Number.isFinite(v))) throw new RangeError("Mann-Kendall needs finite values");
  let s = 0;
  for (let k = 0; k < n - 1; k++) {
    for (let l = k + 1; l < n; l++) s += Math.sign(series[l]! - series[k]!);
  }
  const ties = new Map<number, number>();
  for (const v of series) ties.set(v, (ties.get(v) ?? 0) + 1);
  let tieTerm = 0;
  for (const t of ties.values()) tieTerm += t * (t - 1) * (2 * t + 5);
  const varS = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  let z = 0;
  if (varS > 0 && s > 0) z = (s - 1) / Math.sqrt(varS);
  else if (varS > 0 && s < 0) z = (s + 1) / Math.sqrt(varS);
  return { n, s, varS, z, pValue: twoSidedP(z), tau: s / ((n * (n - 1)) / 2) };
}
