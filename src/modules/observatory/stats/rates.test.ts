import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  binomialTwoSidedP,
  empiricalBayesGlobal,
  locationQuotients,
  mannKendall,
  poissonExactInterval,
  ratePer1000,
  rateIntervalPer1000,
  yearOnYearTest,
} from "./rates.js";
import { binomialCdf } from "./special.js";

function close(actual: number | null | undefined, expected: number, tol: number, label = ""): void {
  assert.ok(typeof actual === "number", `${label} got ${actual}`);
  const err = expected === 0 ? Math.abs(actual) : Math.abs((actual - expected) / expected);
  assert.ok(err <= tol, `${label} got ${actual}, expected ${expected} (relative error ${err.toExponential(2)})`);
}

describe("rate per 1,000", () => {
  it("divides by the residents of the same year and refuses an empty population", () => {
    assert.equal(ratePer1000(30, 12_000), 2.5);
    assert.equal(ratePer1000(3, 0), null);
  });
});

describe("global Empirical Bayes (Marshall)", () => {
  it("shrinks small populations more, matching an exact rational hand computation", () => {
    // Reference: the STATISTICS.md formulas evaluated step by step with Python's
    // fractions.Fraction (exact rationals): r = 81/1750, s2 = 9551/12250000.
    const res = empiricalBayesGlobal([2, 40, 0, 30, 9], [100, 400, 50, 1000, 200]);
    close(res.globalRate, 81 / 1750, 1e-14, "r");
    close(res.priorVariance, 9551 / 12250000, 1e-12, "s2");
    const weights = [0.627488338479732, 0.8707662852714592, 0.4571825187879948, 0.9439612571654478, 0.7711125464233812];
    const smoothed = [0.029791735102818476, 0.09305830332315267, 0.025124694844669955, 0.030912630954734135, 0.045294283868884226];
    weights.forEach((w, i) => close(res.weights[i], w, 1e-12, `w${i}`));
    smoothed.forEach((v, i) => close(res.smoothed[i], v, 1e-12, `EB${i}`));
    // The zero-count unit is pulled up towards r, the largest rate down.
    assert.ok(res.smoothed[2]! > 0 && res.smoothed[1]! < 40 / 400);
  });

  it("clamps a negative moment estimate at 0, so every unit gets the global rate", () => {
    // Same exact computation gives s2 = -3.642e-5 < 0 here.
    const res = empiricalBayesGlobal([2, 10, 0, 30], [100, 400, 50, 1000]);
    assert.equal(res.priorVariance, 0);
    for (const v of res.smoothed) close(v, 42 / 1550, 1e-14);
  });

  it("leaves units without population out of the sums", () => {
    const res = empiricalBayesGlobal([2, 40, 0, 30, 9, 5], [100, 400, 50, 1000, 200, 0]);
    assert.equal(res.smoothed[5], null);
    close(res.globalRate, 81 / 1750, 1e-14);
    close(res.smoothed[0], 0.029791735102818476, 1e-12);
    const zero = empiricalBayesGlobal([0, 0], [10, 20]);
    assert.deepEqual(zero.smoothed, [0, 0]);
  });
});

describe("exact Poisson (Garwood) interval", () => {
  it("matches R poisson.test / scipy chi2.ppf limits for k = 0, 1, 5, 10", () => {
    // Reference: scipy 1.17 stats.chi2.ppf (an independent implementation), which agrees
    // with R poisson.test(k)$conf.int to the digits R prints (e.g. 1.623486 11.668332 for k = 5).
    const cases: [number, number, number][] = [
      [0, 0, 3.6888794541139354],
      [1, 0.025317807984289876, 5.571643390938898],
      [5, 1.6234863901184207, 11.66833207932267],
      [10, 4.7953886961324335, 18.39035604201778],
    ];
    for (const [k, lower, upper] of cases) {
      const ci = poissonExactInterval(k);
      close(ci.lower, lower, 1e-12, `lower(${k})`);
      close(ci.upper, upper, 1e-12, `upper(${k})`);
    }
    // k = 0 upper limit in closed form: -ln(0.025)
    close(poissonExactInterval(0).upper, -Math.log(0.025), 1e-13);
  });

  it("reproduces the rate interval printed in R's ?poisson.test example", () => {
    // poisson.test(137, 24.19893): 95 percent confidence interval 4.753125 6.692709
    const ci = poissonExactInterval(137);
    close(ci.lower / 24.19893, 4.753125, 1e-6);
    close(ci.upper / 24.19893, 6.692709, 1e-6);
    const perThousand = rateIntervalPer1000(137, 24_198.93)!;
    close(perThousand.lower, 4.75312480484875, 1e-11);
    assert.equal(rateIntervalPer1000(3, 0), null);
  });
});

describe("location quotients", () => {
  it("compares a unit's category share with the overall share", () => {
    // Hand computation: totals rows 10, 30; columns 10, 30; grand 40.
    const lq = locationQuotients([
      [5, 5],
      [5, 25],
    ]);
    close(lq[0]![0], 0.5 / 0.25, 1e-15);
    close(lq[0]![1], 0.5 / 0.75, 1e-15);
    close(lq[1]![0], 5 / 30 / 0.25, 1e-15);
    close(lq[1]![1], 25 / 30 / 0.75, 1e-15);
    const empty = locationQuotients([
      [0, 0],
      [3, 0],
    ]);
    assert.deepEqual(empty, [
      [null, null],
      [1, null],
    ]);
  });
});

describe("year-on-year conditional binomial test", () => {
  it("reproduces R's ?binom.test example (Conover 1971): p-value 0.3825", () => {
    // binom.test(c(682, 243), p = 3/4): exposure shares 3 : 1. 0.38249155957485168 is
    // the same sum with R's 1 + 1e-7 rule in mpmath at 40 digits.
    const t = yearOnYearTest(243, 1, 682, 3);
    close(t.pValue, 0.3825, 1e-4);
    close(t.pValue, 0.38249155957485168, 1e-10);
    assert.equal(t.total, 925);
    close(t.expectedShare, 0.75, 1e-15);
    close(t.rateRatio, 682 / 3 / 243, 1e-15);
  });

  it("uses unequal exposures and sums both tails", () => {
    // mpmath, exact binomial sums with R's rule: k2 = 12 of 40, p0 = 110/210.
    close(yearOnYearTest(28, 100, 12, 110).pValue, 0.0063817794397876937, 1e-10);
    close(binomialTwoSidedP(30, 50, 0.5), 0.20263875106454066, 1e-10);
    assert.equal(yearOnYearTest(0, 5, 0, 5).pValue, 1);
  });

  it("counts the mirror outcome when exposures are equal (R's 1 + 1e-7 slack)", () => {
    // With p0 = 1/2 the law is symmetric, so the exact two-sided p is
    // min(1, 2 P(X <= min(k, n - k))), computed here from the incomplete beta instead.
    for (let n = 1; n <= 80; n++) {
      for (let k = 0; k <= n; k++) {
        const tail = binomialCdf(Math.min(k, n - k), n, 0.5);
        const expected = 2 * Math.min(k, n - k) === n ? 1 : Math.min(1, 2 * tail);
        close(yearOnYearTest(n - k, 7, k, 7).pValue, expected, 1e-9, `n=${n} k=${k}`);
      }
    }
    assert.equal(yearOnYearTest(0, 5, 4, 5).rateRatio, null);
  });
});

/** All permutations of a small array (for the exact null distribution of S). */
function permutations(values: number[]): number[][] {
  if (values.length <= 1) return [values];
  return values.flatMap((v, i) => permutations([...values.slice(0, i), ...values.slice(i + 1)]).map((p) => [v, ...p]));
}

describe("Mann-Kendall", () => {
  it("Var(S) with ties equals the exact permutation variance of S (brute-force enumeration)", () => {
    for (const values of [
      [1, 2, 3, 4, 5, 6],
      [1, 2, 2, 3, 3, 3, 4],
      [5, 5, 5, 1, 1, 9],
    ]) {
      const all = permutations(values).map((p) => mannKendall(p).s);
      const mean = all.reduce((a, b) => a + b, 0) / all.length;
      const variance = all.reduce((a, b) => a + (b - mean) ** 2, 0) / all.length;
      assert.ok(Math.abs(mean) < 1e-12);
      close(mannKendall(values).varS, variance, 1e-12, `Var(S) for ${values.join(",")}`);
    }
  });

  it("computes S, Z and the two-sided p for a series with ties", () => {
    // Brute-force pair count of [3, 1, 4, 4, 5, 9, 2, 6]: 20 increasing, 7 decreasing,
    // 1 tied pair, so S = 13; one tie group of 2: Var = (8*7*21 - 2*1*9) / 18 = 1158 / 18.
    const r = mannKendall([3, 1, 4, 4, 5, 9, 2, 6]);
    assert.equal(r.s, 13);
    close(r.varS, 1158 / 18, 1e-15);
    close(r.z, 12 / Math.sqrt(1158 / 18), 1e-15);
    // p = erfc(z / sqrt 2) for z = 1.4961089428620889, from mpmath at 40 digits
    close(r.pValue, 0.13462526785220613, 1e-12);
    const down = mannKendall([9, 7, 7, 4, 2]);
    assert.ok(down.s < 0 && down.z < 0);
    assert.equal(mannKendall([2, 2, 2]).z, 0);
  });
});
