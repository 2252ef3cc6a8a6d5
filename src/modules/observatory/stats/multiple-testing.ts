/**
 * Multiple-testing control for the many local tests of a hot-spot map.
 * Benjamini-Hochberg (1995) step-up controls the false-discovery rate; Bonferroni the
 * family-wise error rate (stricter). Null p-values (islands, untested units) are left out
 * of the family and never rejected. Sources: docs/statistics.md, "Multiple testing".
 */

export interface MultipleTestResult {
  /** adjusted p-values (R p.adjust "BH" / "bonferroni"); null where the input was null */
  adjusted: (number | null)[];
  rejected: boolean[];
  /** number of p-values in the family (non-null) */
  m: number;
  alpha: number;
}

function family(p: (number | null)[]): number[] {
  return p.flatMap((v, i) => (v === null || Number.isNaN(v) ? [] : [i]));
}

/**
 * Step-up: sort p ascending, k* = max k with p_(k) <= k alpha / m, reject the k* smallest.
 * Adjusted p_(k) = min over j >= k of min(1, m p_(j) / j); rejected <=> adjusted <= alpha.
 */
export function benjaminiHochberg(p: (number | null)[], alpha = 0.05): MultipleTestResult {
  const idx = family(p).sort((a, b) => p[a]! - p[b]! || a - b);
  const m = idx.length;
  const adjusted: (number | null)[] = p.map(() => null);
  let running = 1;
  for (let k = m; k >= 1; k--) {
    const i = idx[k - 1]!;
    running = Math.min(running, (m * p[i]!) / k);
    adjusted[i] = running;
  }
  let kStar = 0;
  for (let k = m; k >= 1; k--) {
    if (p[idx[k - 1]!]! <= (k * alpha) / m) { kStar = k; break; }
  }
  const rejected = p.map(() => false);
  for (let k = 0; k < kStar; k++) rejected[idx[k]!] = true;
  return { adjusted, rejected, m, alpha };
}

/** Reject p <= alpha / m; adjusted min(1, m p). */
export function bonferroni(p: (number | null)[], alpha = 0.05): MultipleTestResult {
  const m = family(p).length;
  const adjusted = p.map((v) => (v === null || Number.isNaN(v) ? null : Math.min(1, m * v)));
  return { adjusted, rejected: p.map((v) => v !== null && v <= alpha / m), m, alpha };
}
