/**
 * Spatial autocorrelation: global Moran's I (analytical moments under normality and
 * randomisation, permutation pseudo-p), local Moran (LISA, PySAL form) and Getis-Ord Gi*
 * (ArcGIS / spdep / PySAL z-score) with conditional-permutation pseudo-p values.
 * Permutations use a seeded generator, so every result reproduces from its seed.
 * Formulas and sources: docs/statistics.md ("Moran's I", "Local Moran", "Getis-Ord Gi*").
 */
import { createRng, sampleInPlace, shuffleInPlace, type Rng } from "./random.js";
import { twoSidedP } from "./special.js";
import { rowStandardise, type SpatialWeights } from "./weights.js";

export const DEFAULT_PERMUTATIONS = 999;
export const DEFAULT_SEED = 20260101;

export interface PermutationOptions {
  /** 0 to skip; 999 by default, 9,999 for publication */
  permutations?: number;
  seed?: number;
}

/** (M + 1) / (R + 1), M = simulations at least as extreme in the tail of the observed value. */
function foldedPseudoP(atLeast: number, permutations: number): number {
  const larger = permutations - atLeast < atLeast ? permutations - atLeast : atLeast;
  return (larger + 1) / (permutations + 1);
}

const mean = (x: ArrayLike<number>) => { let s = 0; for (let i = 0; i < x.length; i++) s += x[i]!; return s / x.length; };

// ---- global Moran's I -------------------------------------------------------------------

export interface MoranResult {
  I: number;
  expected: number;
  varianceNormal: number;
  varianceRandom: number;
  zNormal: number;
  zRandom: number;
  pNormal: number;
  pRandom: number;
  /** null when permutations = 0 */
  pseudoP: number | null;
  permutations: number;
  seed: number;
}

/** S0, S1, S2 of a sparse weights matrix (w_ij as given: pass row-standardised or binary). */
export function weightSums(w: SpatialWeights): { s0: number; s1: number; s2: number } {
  const lookup = w.neighbours.map((row, i) => new Map(row.map((j, k) => [j, w.weights[i]![k]!])));
  const colSums = new Array<number>(w.n).fill(0);
  let s0 = 0, s1 = 0;
  w.neighbours.forEach((row, i) => row.forEach((j, k) => {
    const wij = w.weights[i]![k]!;
    s0 += wij;
    colSums[j] = colSums[j]! + wij;
    const wji = lookup[j]!.get(i) ?? 0;
    // S1 = 1/2 sum over ordered pairs: a link present both ways is visited twice (half each),
    // a one-way link once, standing for both ordered pairs (wij + 0)^2 and (0 + wij)^2
    s1 += wji === 0 ? wij * wij : ((wij + wji) ** 2) / 2;
  }));
  let s2 = 0;
  for (let i = 0; i < w.n; i++) s2 += (w.weights[i]!.reduce((s, v) => s + v, 0) + colSums[i]!) ** 2;
  return { s0, s1, s2 };
}

function crossProduct(w: SpatialWeights, z: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < w.n; i++) {
    const row = w.neighbours[i]!, weights = w.weights[i]!;
    let lag = 0;
    for (let k = 0; k < row.length; k++) lag += weights[k]! * z[row[k]!]!;
    total += z[i]! * lag;
  }
  return total;
}

/** Global Moran's I with w as given (PySAL's default is row-standardised: pass rowStandardise(w)). */
export function moran(x: number[], w: SpatialWeights, options: PermutationOptions = {}): MoranResult {
  const { permutations = DEFAULT_PERMUTATIONS, seed = DEFAULT_SEED } = options;
  const n = x.length;
  if (n !== w.n) throw new RangeError(`${n} values for ${w.n} units`);
  const m = mean(x);
  const z = Float64Array.from(x, (v) => v - m);
  let m2 = 0, m4 = 0;
  for (const v of z) { m2 += v * v; m4 += v ** 4; }
  const { s0, s1, s2 } = weightSums(w);
  const I = ((n / s0) * crossProduct(w, z)) / m2;
  const expected = -1 / (n - 1);
  const varianceNormal = (n * n * s1 - n * s2 + 3 * s0 * s0) / ((n - 1) * (n + 1) * s0 * s0) - expected ** 2;
  const b2 = (m4 / n) / (m2 / n) ** 2;
  const varianceRandom =
    (n * ((n * n - 3 * n + 3) * s1 - n * s2 + 3 * s0 * s0) - b2 * ((n * n - n) * s1 - 2 * n * s2 + 6 * s0 * s0)) /
      ((n - 1) * (n - 2) * (n - 3) * s0 * s0) - expected ** 2;
  const zNormal = (I - expected) / Math.sqrt(varianceNormal);
  const zRandom = (I - expected) / Math.sqrt(varianceRandom);
  let pseudoP: number | null = null;
  if (permutations > 0) {
    const rng = createRng(seed);
    const shuffled = Float64Array.from(z);
    let atLeast = 0;
    for (let r = 0; r < permutations; r++) {
      shuffleInPlace(rng, shuffled as unknown as number[]);
      if (((n / s0) * crossProduct(w, shuffled)) / m2 >= I) atLeast++;
    }
    pseudoP = foldedPseudoP(atLeast, permutations);
  }
  return { I, expected, varianceNormal, varianceRandom, zNormal, zRandom, pNormal: twoSidedP(zNormal), pRandom: twoSidedP(zRandom), pseudoP, permutations, seed };
}

// ---- conditional permutation (shared by local Moran and Gi*) ----------------------------

/**
 * For each non-island unit i: keep i fixed, draw |N(i)| of the other n-1 values without
 * replacement, R times, and count simulated statistics >= the observed one. The statistic
 * is sum_k weights[k] * values[drawn_k] (a lag), compared with the observed lag, which
 * orders the simulated I_i / Gi* the same way as the statistic itself (given the sign).
 * As in esda's conditional randomisation (crand), one table of R draws of max |N(i)|
 * indices among n-1 is made and shared by all units (index d stands for unit d if d < i,
 * d + 1 otherwise): each unit's draws are uniform, and the cost is R * max|N(i)| draws.
 */
function conditionalCounts(values: Float64Array, w: SpatialWeights, observedLag: Float64Array, direction: Float64Array, permutations: number, rng: Rng): number[] {
  const n = w.n;
  const maxCard = w.neighbours.reduce((m, row) => Math.max(m, row.length), 0);
  const pool = Int32Array.from({ length: n - 1 }, (_, d) => d);
  const draws = new Int32Array(permutations * maxCard);
  for (let r = 0; r < permutations; r++) {
    sampleInPlace(rng, pool, n - 1, maxCard);
    draws.set(pool.subarray(0, maxCard), r * maxCard);
  }
  return w.neighbours.map((row, i) => {
    const k = row.length;
    if (k === 0) return 0;
    const weights = Float64Array.from(w.weights[i]!), sign = direction[i]!;
    const observed = sign * observedLag[i]!;
    let atLeast = 0;
    for (let r = 0, base = 0; r < permutations; r++, base += maxCard) {
      let lag = 0;
      for (let q = 0; q < k; q++) {
        const d = draws[base + q]!;
        lag += weights[q]! * values[d < i ? d : d + 1]!;
      }
      if (sign * lag >= observed) atLeast++;
    }
    return atLeast;
  });
}

// ---- local Moran ------------------------------------------------------------------------

export type Quadrant = "HH" | "LH" | "LL" | "HL";

export interface LocalMoranResult {
  /** I_i per unit (0 for islands) */
  Is: number[];
  quadrants: (Quadrant | null)[];
  /** conditional-permutation pseudo-p; null for islands or when permutations = 0 */
  pseudoP: (number | null)[];
  islands: number[];
  permutations: number;
  seed: number;
}

/** I_i = (n-1) z~_i sum_j w*_ij z~_j / sum_k z~_k^2, w* row-standardised, z~ divisor-n standardised. */
export function localMoran(x: number[], w: SpatialWeights, options: PermutationOptions = {}): LocalMoranResult {
  const { permutations = DEFAULT_PERMUTATIONS, seed = DEFAULT_SEED } = options;
  const n = x.length;
  if (n !== w.n) throw new RangeError(`${n} values for ${w.n} units`);
  const ws = w.transform === "row" ? w : rowStandardise(w);
  const m = mean(x);
  const sd = Math.sqrt(x.reduce((s, v) => s + (v - m) ** 2, 0) / n);
  const z = Float64Array.from(x, (v) => (v - m) / sd);
  const den = z.reduce((s, v) => s + v * v, 0);
  const lag = Float64Array.from(ws.neighbours, (row, i) => row.reduce((s, j, k) => s + ws.weights[i]![k]! * z[j]!, 0));
  const Is = Array.from(z, (zi, i) => ((n - 1) * zi * lag[i]!) / den);
  const quadrants = Array.from(z, (zi, i): Quadrant | null => {
    if (ws.neighbours[i]!.length === 0) return null;
    const l = lag[i]!;
    return zi > 0 ? (l > 0 ? "HH" : "HL") : l > 0 ? "LH" : "LL";
  });
  let pseudoP: (number | null)[] = Is.map(() => null);
  if (permutations > 0) {
    // I_i sim >= I_i  <=>  z_i * lag_sim >= z_i * lag (the factor (n-1)/den is positive)
    const counts = conditionalCounts(z, ws, lag, z, permutations, createRng(seed));
    pseudoP = counts.map((c, i) => (ws.neighbours[i]!.length === 0 ? null : foldedPseudoP(c, permutations)));
  }
  return { Is, quadrants, pseudoP, islands: [...w.islands], permutations, seed };
}

// ---- Getis-Ord Gi* ----------------------------------------------------------------------

export type ConfidenceBin = -3 | -2 | -1 | 0 | 1 | 2 | 3;

export interface GiStarResult {
  /** z-scores; NaN where the denominator vanishes (N(i) with i covers every unit) */
  z: number[];
  bins: ConfidenceBin[];
  /** two-sided normal p of z */
  p: number[];
  /** conditional-permutation pseudo-p; null for islands or when permutations = 0 */
  pseudoP: (number | null)[];
  islands: number[];
  permutations: number;
  seed: number;
}

/** +-3 for |z| >= 2.576 (99 %), +-2 for >= 1.960 (95 %), +-1 for >= 1.645 (90 %), else 0. */
export function confidenceBin(z: number): ConfidenceBin {
  const a = Math.abs(z), s = z < 0 ? -1 : 1;
  if (!(a >= 1.645)) return 0;
  return (s * (a >= 2.576 ? 3 : a >= 1.96 ? 2 : 1)) as ConfidenceBin;
}

/**
 * Gi* with binary weights and the unit itself included (w_ii = 1):
 * z_i = (sum_j w_ij x_j - xbar W_i) / (S sqrt((n sum_j w_ij^2 - W_i^2) / (n-1))),
 * S = sqrt(sum x^2 / n - xbar^2) (divisor n). The weights' values are ignored (binary).
 */
export function getisOrdGiStar(x: number[], w: SpatialWeights, options: PermutationOptions = {}): GiStarResult {
  const { permutations = DEFAULT_PERMUTATIONS, seed = DEFAULT_SEED } = options;
  const n = x.length;
  if (n !== w.n) throw new RangeError(`${n} values for ${w.n} units`);
  const values = Float64Array.from(x);
  const xbar = mean(values);
  const S = Math.sqrt(values.reduce((s, v) => s + v * v, 0) / n - xbar * xbar);
  const neighbourSum = Float64Array.from(w.neighbours, (row) => row.reduce((s, j) => s + values[j]!, 0));
  const z = w.neighbours.map((row, i) => {
    const W = row.length + 1; // binary: W_i = sum w_ij = sum w_ij^2
    return (neighbourSum[i]! + values[i]! - xbar * W) / (S * Math.sqrt((n * W - W * W) / (n - 1)));
  });
  let pseudoP: (number | null)[] = z.map(() => null);
  if (permutations > 0) {
    const binaryWeights: SpatialWeights = { ...w, transform: "binary", weights: w.neighbours.map((row) => row.map(() => 1)) };
    const ones = new Float64Array(n).fill(1);
    const counts = conditionalCounts(values, binaryWeights, neighbourSum, ones, permutations, createRng(seed));
    pseudoP = counts.map((c, i) => (w.neighbours[i]!.length === 0 ? null : foldedPseudoP(c, permutations)));
  }
  return { z, bins: z.map(confidenceBin), p: z.map(twoSidedP), pseudoP, islands: [...w.islands], permutations, seed };
}
