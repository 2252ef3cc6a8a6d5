import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { planProgress, themeProgress, type RollUpMeasure } from "./progress.js";

const measure = (id: number, themeId: number, progress: number, weight = 1, status = "in_progress"): RollUpMeasure => ({
  id,
  label: `M${id}`,
  themeId,
  weight,
  progress,
  status,
});

describe("progress roll-up", () => {
  it("takes the weighted mean of a theme's measures and explains each contribution", () => {
    const e = themeProgress([measure(1, 1, 100, 3), measure(2, 1, 20, 1)]);
    assert.equal(e.value, 80);
    assert.deepEqual(e.parts.map((p) => p.contribution), [75, 5]);
    assert.equal(e.parts.reduce((s, p) => s + p.contribution, 0), e.value);
  });

  it("leaves stopped and zero-weight measures out, saying why", () => {
    const e = themeProgress([measure(1, 1, 50), measure(2, 1, 100, 1, "stopped"), measure(3, 1, 100, 0)]);
    assert.equal(e.value, 50);
    assert.deepEqual(e.parts.map((p) => [p.counted, p.reason]), [[true, undefined], [false, "stopped"], [false, "zero_weight"]]);
  });

  it("has no value for a theme whose measures are all stopped", () => {
    assert.equal(themeProgress([measure(1, 1, 50, 1, "stopped")]).value, null);
    assert.equal(themeProgress([]).value, null);
  });

  it("rolls themes up into the plan with theme weights, skipping themes without counted measures", () => {
    const themes = [
      { id: 1, label: "T1", weight: 1 },
      { id: 2, label: "T2", weight: 3 },
      { id: 3, label: "T3", weight: 1 },
    ];
    const e = planProgress(themes, [measure(1, 1, 40), measure(2, 2, 80), measure(3, 2, 60), measure(4, 3, 10, 1, "stopped")]);
    assert.equal(e.themes.get(2)!.value, 70);
    assert.equal(e.value, (1 * 40 + 3 * 70) / 4);
    assert.equal(e.parts.find((p) => p.id === 3)?.reason, "no_measures");
  });
});
