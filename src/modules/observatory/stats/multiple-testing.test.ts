import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { benjaminiHochberg, bonferroni } from "./multiple-testing.js";
import { createRng } from "./random.js";

// Benjamini & Hochberg (1995), J. R. Statist. Soc. B 57(1), section 4.2: 15 p-values from a
// myocardial infarction trial; at q = 0.05 the step-up procedure rejects the 4 smallest,
// Bonferroni (0.05 / 15 = 0.0033) only the 3 smallest.
const BH_1995 = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528, 0.759, 1.0];

describe("Benjamini-Hochberg", () => {
  it("rejects the 4 smallest of the 1995 paper's example at 0.05", () => {
    const r = benjaminiHochberg(BH_1995, 0.05);
    assert.deepEqual(r.rejected.map((v, i) => (v ? i : -1)).filter((i) => i >= 0), [0, 1, 2, 3]);
    assert.equal(r.m, 15);
  });

  it("computes adjusted p as the running minimum of m p_(k) / k (hand computed)", () => {
    // p = [0.01, 0.04, 0.03, 0.2], m = 4: sorted 0.01, 0.03, 0.04, 0.2 -> 0.04, 0.06, 0.0533.., 0.2
    // running minimum from the top: 0.2, 0.05333, 0.05333, 0.04
    const r = benjaminiHochberg([0.01, 0.04, 0.03, 0.2], 0.05);
    const adj = r.adjusted as number[];
    [0.04, 0.16 / 3, 0.16 / 3, 0.2].forEach((v, i) => assert.ok(Math.abs(adj[i]! - v) < 1e-12, `${i}: ${adj[i]}`));
    assert.deepEqual(r.rejected, [true, false, false, false]);
  });

  it("agrees with its step-up definition on random families and leaves nulls out", () => {
    const rng = createRng(42);
    for (let t = 0; t < 200; t++) {
      const p = Array.from({ length: 1 + rng.int(30) }, () => (rng.next() < 0.3 ? rng.next() * 0.01 : rng.next()));
      const r = benjaminiHochberg(p, 0.1);
      const sorted = [...p].sort((a, b) => a - b);
      let kStar = 0;
      sorted.forEach((v, k) => { if (v <= ((k + 1) * 0.1) / p.length) kStar = k + 1; });
      const threshold = kStar > 0 ? sorted[kStar - 1]! : -1;
      assert.deepEqual(r.rejected, p.map((v) => v <= threshold));
      assert.deepEqual(r.rejected, r.adjusted.map((a) => a! <= 0.1));
    }
    const withNull = benjaminiHochberg([0.001, null, 0.02], 0.05);
    assert.equal(withNull.m, 2);
    assert.deepEqual(withNull.rejected, [true, false, true]);
    assert.equal(withNull.adjusted[1], null);
  });
});

describe("Bonferroni", () => {
  it("rejects the 3 smallest of the 1995 example and caps adjusted p at 1", () => {
    const r = bonferroni(BH_1995, 0.05);
    assert.deepEqual(r.rejected.map((v, i) => (v ? i : -1)).filter((i) => i >= 0), [0, 1, 2]);
    assert.ok(Math.abs(r.adjusted[2]! - 0.0285) < 1e-12);
    assert.equal(r.adjusted[14], 1);
  });
});
