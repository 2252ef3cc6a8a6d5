import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  betaInc,
  binomialCdf,
  binomialPmf,
  chiSquareQuantile,
  erf,
  erfc,
  gammaP,
  gammaQ,
  lnGamma,
  normalCdf,
  normalQuantile,
  normalSf,
  twoSidedP,
} from "./special.js";

/** |actual - expected| <= tol * |expected| (relative), or absolute when expected is 0. */
function close(actual: number, expected: number, tol: number, label = ""): void {
  const err = expected === 0 ? Math.abs(actual) : Math.abs((actual - expected) / expected);
  assert.ok(err <= tol, `${label} got ${actual}, expected ${expected} (relative error ${err.toExponential(2)})`);
}

// Unless said otherwise, reference values are computed independently with mpmath 1.3
// (arbitrary precision, 40 digits: mpmath.erfc, erfinv, gammainc, betainc, loggamma,
// exact binomial sums), printed to 17 significant digits.

describe("erfc / erf", () => {
  it("matches 40-digit values to 1e-14 relative, including deep tails", () => {
    const cases: [number, number][] = [
      [0.1, 0.8875370839817151],
      [0.5, 0.47950012218695346],
      [1, 0.15729920705028513], // also A&S Table 7.1: erf(1) = 0.8427007929
      [2, 0.0046777349810472658],
      [3, 2.2090496998585441e-5],
      [5, 1.5374597944280349e-12],
      [10, 2.0884875837625448e-45],
      [20, 5.3958656116079009e-176],
      [-1, 1.8427007929497149],
    ];
    for (const [x, expected] of cases) close(erfc(x), expected, 1e-14, `erfc(${x})`);
    close(erf(0.5), 1 - 0.47950012218695346, 1e-14, "erf(0.5)");
    assert.equal(erfc(0), 1);
    assert.equal(erfc(40), 0);
  });

  it("gives normal tails and the two-sided p-value from erfc", () => {
    close(normalCdf(1.959963984540054), 0.975, 1e-14);
    close(normalSf(1.959963984540054), 0.025, 1e-13);
    close(twoSidedP(-1.959963984540054), 0.05, 1e-13);
    close(twoSidedP(2.5758293035489008), 0.01, 1e-13);
    // Deep tail: 2 * Phi(-8) = erfc(8 / sqrt 2) = 1.2441921148543e-15 (mpmath)
    close(twoSidedP(8), 1.2441921148543e-15, 1e-12);
    assert.equal(twoSidedP(0), 1);
  });
});

describe("normalQuantile", () => {
  it("inverts Phi to full precision (R qnorm / mpmath)", () => {
    // qnorm(0.975) = 1.959964 and qnorm(0.995) = 2.575829 are the textbook values.
    close(normalQuantile(0.975), 1.9599639845400542, 1e-14);
    close(normalQuantile(0.995), 2.5758293035489008, 1e-14);
    close(normalQuantile(0.3), -0.52440051270804078, 1e-14);
    close(normalQuantile(1e-10), -6.3613409024040562, 1e-14);
    close(normalQuantile(1e-300), -37.047096299361199, 1e-13);
    assert.equal(normalQuantile(0.5), 0);
    assert.equal(normalQuantile(0), -Infinity);
    assert.ok(Number.isNaN(normalQuantile(1.5)));
  });
});

describe("lnGamma", () => {
  it("matches exact and 40-digit values", () => {
    close(lnGamma(0.5), 0.5 * Math.log(Math.PI), 1e-14, "ln sqrt(pi)");
    close(lnGamma(10), Math.log(362880), 1e-14, "ln 9!");
    close(lnGamma(100), 359.1342053695754, 1e-14);
    close(lnGamma(0.1), 2.2527126517342059, 1e-14);
    close(lnGamma(1e-5), 11.512919692895826, 1e-14);
    close(lnGamma(171.5), 709.14316303092824, 1e-14);
    close(lnGamma(-0.5), 1.2655121234846454, 1e-14); // ln|Gamma(-1/2)| = ln(2 sqrt(pi))
    assert.ok(Math.abs(lnGamma(1)) < 1e-14 && Math.abs(lnGamma(2)) < 1e-14);
  });
});

describe("regularised incomplete gamma", () => {
  it("gives P and Q on both sides of the series / continued fraction switch", () => {
    const cases: [number, number, number, number][] = [
      [0.5, 0.3, 0.56142197391900014, 0.43857802608099986],
      [3, 2.5, 0.45618688411667048, 0.54381311588332952],
      [10, 20, 0.99500458769169241, 0.0049954123083075872],
      [100, 90, 0.15822098918643017, 0.84177901081356983],
      [2.5, 10, 0.99875026943696862, 0.0012497305630313754],
    ];
    for (const [a, x, p, q] of cases) {
      close(gammaP(a, x), p, 1e-12, `P(${a}, ${x})`);
      close(gammaQ(a, x), q, 1e-12, `Q(${a}, ${x})`);
    }
    // Closed form: P(1, x) = 1 - e^{-x}
    close(gammaP(1, 0.7), -Math.expm1(-0.7), 1e-14);
    assert.throws(() => gammaP(0, 1), RangeError);
  });
});

describe("chiSquareQuantile", () => {
  it("matches R qchisq table values", () => {
    // Published table: qchisq(0.975, 10) = 20.48318, qchisq(0.025, 10) = 3.24697
    close(chiSquareQuantile(0.975, 10), 20.48318, 1e-6);
    close(chiSquareQuantile(0.025, 10), 3.24697, 1e-6);
    // 40-digit roots of P(df/2, x/2) = p
    close(chiSquareQuantile(0.975, 10), 20.483177350807394, 1e-13);
    close(chiSquareQuantile(0.975, 22), 36.780712084035554, 1e-13);
    close(chiSquareQuantile(0.999, 200), 267.54052782275719, 1e-12);
    close(chiSquareQuantile(0.025, 4000), 3826.597419251261, 1e-12);
  });

  it("agrees with closed forms for 1 and 2 degrees of freedom", () => {
    // df = 2 is exponential with mean 2: q = -2 ln(1 - p)
    for (const p of [0.001, 0.025, 0.5, 0.975, 0.999999]) close(chiSquareQuantile(p, 2), -2 * Math.log1p(-p), 1e-13, `df2 p=${p}`);
    // df = 1: q = qnorm((1 + p) / 2)^2; 0.45493642311957275 from mpmath
    close(chiSquareQuantile(0.5, 1), 0.45493642311957275, 1e-13);
    close(chiSquareQuantile(0.95, 1), 1.9599639845400542 ** 2, 1e-13);
    assert.equal(chiSquareQuantile(0, 3), 0);
  });
});

describe("incomplete beta and binomial", () => {
  it("gives I_x(a, b)", () => {
    close(betaInc(0.3, 2, 5), 0.579825, 1e-13); // exact: polynomial in x
    close(betaInc(0.9, 50, 3), 0.096633285137252209, 1e-12);
    close(betaInc(0.2, 0.5, 0.5), 0.29516723530086656, 1e-13); // = (2/pi) asin(sqrt 0.2)
    close(betaInc(0.99, 1, 3), 0.999999, 1e-13); // = 1 - 0.01^3
    close(betaInc(0.5, 10, 10), 0.5, 1e-14);
  });

  it("gives the binomial distribution function (exact sums)", () => {
    const cases: [number, number, number, number][] = [
      [3, 10, 0.4, 0.3822806016],
      [40, 100, 0.5, 0.028443966820490396],
      [0, 20, 0.1, 0.12157665459056929],
      [7, 30, 0.15, 0.93021501235226433],
      [250, 1000, 0.27, 0.081611370682287977],
    ];
    for (const [k, n, p, expected] of cases) close(binomialCdf(k, n, p), expected, 1e-11, `pbinom(${k}, ${n}, ${p})`);
    assert.equal(binomialCdf(-1, 10, 0.3), 0);
    assert.equal(binomialCdf(10, 10, 0.3), 1);
    close(binomialPmf(2, 4, 0.5), 6 / 16, 1e-14);
  });
});
