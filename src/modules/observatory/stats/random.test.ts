import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createRng, sampleInPlace } from "./random.js";

describe("seeded generator", () => {
  it("reproduces a stream from its seed and differs between seeds", () => {
    const a = createRng(123), b = createRng(123), c = createRng(124);
    const sa = Array.from({ length: 5 }, () => a.next());
    assert.deepEqual(sa, Array.from({ length: 5 }, () => b.next()));
    assert.notDeepEqual(sa, Array.from({ length: 5 }, () => c.next()));
  });

  it("draws integers uniformly (chi-square over 7 cells, 70,000 draws)", () => {
    const rng = createRng(9), counts = new Array<number>(7).fill(0);
    for (let i = 0; i < 70_000; i++) counts[rng.int(7)]!++;
    const chi2 = counts.reduce((s, c) => s + (c - 10_000) ** 2 / 10_000, 0);
    assert.ok(chi2 < 22.46, `chi2 ${chi2}`); // 99.9 % quantile of chi-square(6)
  });

  it("samples without replacement with every subset equally likely", () => {
    // C(5, 2) = 10 subsets, 50,000 draws: chi-square(9) 99.9 % quantile 27.88
    const rng = createRng(5), pool = [0, 1, 2, 3, 4], counts = new Map<string, number>();
    for (let t = 0; t < 50_000; t++) {
      sampleInPlace(rng, pool, 5, 2);
      assert.notEqual(pool[0], pool[1]);
      const key = [pool[0]!, pool[1]!].sort().join();
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    assert.equal(counts.size, 10);
    const chi2 = [...counts.values()].reduce((s, c) => s + (c - 5000) ** 2 / 5000, 0);
    assert.ok(chi2 < 27.88, `chi2 ${chi2}`);
    assert.deepEqual([...pool].sort(), [0, 1, 2, 3, 4]);
  });
});
