/** The "next plan" page's pure rules: default years, codes and titles, measures kept. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { keptByDefault, keptCodes, nextYears, setAll, shiftYears } from "./planNext.logic.js";

describe("next plan", () => {
  it("starts the year after the current plan ends, for four years", () => {
    assert.deepEqual(nextYears({ endYear: 2020 }), { startYear: 2021, endYear: 2024 });
  });

  it("moves the years named in a code or a title, once each", () => {
    const from = { startYear: 2017, endYear: 2020 };
    assert.equal(shiftYears("gvpp-2017-2020", from, { startYear: 2021, endYear: 2024 }), "gvpp-2021-2024");
    assert.equal(shiftYears("Plan 2017–2020", from, { startYear: 2020, endYear: 2023 }), "Plan 2020–2023");
    assert.equal(shiftYears("Plan global", from, { startYear: 2021, endYear: 2024 }), "");
    assert.equal(shiftYears("x20170", from, { startYear: 2021, endYear: 2024 }), "");
  });

  it("keeps by default the measures neither done nor stopped", () => {
    assert.deepEqual(
      (["planned", "in_progress", "delayed", "done", "stopped"] as const).map(keptByDefault),
      [true, true, true, false, false],
    );
  });

  it("sends the kept codes in the list's order and selects all or none of those shown", () => {
    const list = [{ code: "1.1" }, { code: "1.2" }, { code: "2.1" }];
    assert.deepEqual(keptCodes(list, new Set(["2.1", "1.1"])), ["1.1", "2.1"]);
    assert.deepEqual([...setAll(new Set(["2.1"]), list.slice(0, 2), true)].sort(), ["1.1", "1.2", "2.1"]);
    assert.deepEqual([...setAll(new Set(["1.1", "2.1"]), list.slice(0, 2), false)], ["2.1"]);
  });
});
