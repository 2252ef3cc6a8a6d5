/** The plan pages' pure rules: plan choice, number input, map counts, month grids, formats, file names. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { filenameOf } from "./planApi.js";
import { addMonths, dayOfInstant, monthGrid, monthRange } from "./planDates.js";
import { formatDay, formatPercent, idFromPath, nameOf, showValue } from "./planFormat.js";
import { fillForCount, measuresByMunicipality, pickPlan, planTitle, toNumber } from "./plan.logic.js";
import type { Overview, Plan } from "./plan.types.js";

const plan = (id: number, status: Plan["status"]): Plan => ({
  id,
  code: `p${id}`,
  title: `Plan ${id}`,
  titles: { fr: `Plan ${id}`, nl: `Plan ${id}`, en: `Plan ${id}` },
  startYear: 2017,
  endYear: 2020,
  status,
  isDemo: false,
  actions: ["read"],
});

describe("pickPlan", () => {
  const plans = [plan(1, "closed"), plan(2, "active"), plan(3, "active")];
  it("keeps the chosen plan while it exists", () => assert.equal(pickPlan(plans, 3)?.id, 3));
  it("falls back to the first active plan when nothing or an unknown plan was chosen", () => {
    assert.equal(pickPlan(plans, null)?.id, 2);
    assert.equal(pickPlan(plans, 99)?.id, 2);
  });
  it("takes the first plan when none is active, and nothing when there is no plan", () => {
    assert.equal(pickPlan([plan(7, "closed"), plan(8, "draft")], null)?.id, 7);
    assert.equal(pickPlan([], 1), null);
  });
});

describe("planTitle", () => {
  it("adds the years unless the title already says them", () => {
    assert.equal(planTitle({ title: "Plan global", startYear: 2021, endYear: 2024 }), "Plan global (2021-2024)");
    assert.equal(planTitle({ title: "PGSP 2017-2020", startYear: 2017, endYear: 2020 }), "PGSP 2017-2020");
  });
});

describe("toNumber", () => {
  it("reads numbers with a decimal point or comma", () => {
    assert.equal(toNumber("35"), 35);
    assert.equal(toNumber(" 12,5 "), 12.5);
    assert.equal(toNumber("0"), 0);
  });
  it("keeps anything else as typed, so the server names the field", () => {
    assert.equal(toNumber(""), "");
    assert.equal(toNumber("abc"), "abc");
    assert.equal(toNumber("1e999"), "1e999");
  });
});

describe("measuresByMunicipality", () => {
  const territorial: Overview["territorial"] = [
    { measureId: 1, code: "1.01", title: "A", status: "planned", territories: [{ level: "municipality", code: 21001 }, { level: "neighbourhood", code: 11 }] },
    { measureId: 2, code: "1.02", title: "B", status: "done", territories: [{ level: "neighbourhood", code: 12 }, { level: "neighbourhood", code: 40 }] },
    { measureId: 3, code: "1.03", title: "C", status: "delayed", territories: [{ level: "police_zone", code: 5341 }, { level: "neighbourhood", code: 999 }] },
  ];
  const neighbourhoods = new Map([
    [11, 21001],
    [12, 21001],
    [40, 21004],
  ]);
  const counts = measuresByMunicipality(territorial, neighbourhoods);
  it("counts a measure once per municipality, whether named directly or through its neighbourhoods", () => {
    assert.deepEqual([...counts.get(21001)!].sort(), [1, 2]);
    assert.deepEqual([...counts.get(21004)!], [2]);
  });
  it("leaves out police zones and unknown neighbourhoods (they are drawn, not counted)", () => {
    assert.deepEqual([...counts.keys()].sort(), [21001, 21004]);
  });
});

describe("fillForCount", () => {
  it("gives no-measure its own grey and darker classes up to four measures or more", () => {
    const colours = [0, 1, 2, 3, 4, 9].map(fillForCount);
    assert.equal(new Set(colours.slice(0, 5)).size, 5);
    assert.equal(colours[5], colours[4]);
    assert.equal(fillForCount(-1), colours[0]);
  });
});

describe("month grids", () => {
  it("starts weeks on Monday and pads the month with empty days", () => {
    const grid = monthGrid("2018-11"); // 1 November 2018 was a Thursday
    assert.equal(grid.length, 5);
    assert.deepEqual(grid[0], [null, null, null, "2018-11-01", "2018-11-02", "2018-11-03", "2018-11-04"]);
    assert.deepEqual(grid[4], ["2018-11-26", "2018-11-27", "2018-11-28", "2018-11-29", "2018-11-30", null, null]);
  });
  it("knows month lengths, leap years and year changes", () => {
    assert.deepEqual(monthRange("2020-02"), { from: "2020-02-01", to: "2020-02-29" });
    assert.deepEqual(monthRange("2019-02"), { from: "2019-02-01", to: "2019-02-28" });
    assert.equal(addMonths("2018-12", 1), "2019-01");
    assert.equal(addMonths("2019-01", -1), "2018-12");
    assert.equal(addMonths("2018-06", -18), "2016-12");
  });
  it("places a meeting on its Brussels day, not its UTC day", () => {
    assert.equal(dayOfInstant("2018-11-12T23:30:00Z"), "2018-11-13");
    assert.equal(dayOfInstant("2018-07-01T21:59:00Z"), "2018-07-01");
  });
});

describe("formats", () => {
  it("writes days in Belgian order and progress with one decimal", () => {
    assert.equal(formatDay("fr", "2019-01-31"), "31/01/2019");
    assert.equal(formatDay("nl", null), "–");
    assert.match(formatPercent("fr", 41.53), /^41,5\s%$/);
    assert.match(formatPercent("en", 35), /^35\s?%$/);
    assert.equal(formatPercent("nl", null), "–");
  });
  it("reads ids from addresses, refusing anything but a positive integer", () => {
    assert.equal(idFromPath("/plan/measures/12", "/plan/measures/"), 12);
    assert.equal(idFromPath("/plan/measures/0", "/plan/measures/"), null);
    assert.equal(idFromPath("/plan/measures/12a", "/plan/measures/"), null);
    assert.equal(idFromPath("/plan/measures/-3", "/plan/measures/"), null);
    assert.equal(idFromPath("/plan/rounds/3", "/plan/measures/"), null);
  });
  it("shows names and values sent in several shapes", () => {
    assert.equal(nameOf({ id: 1, name: "Els" }), "Els");
    assert.equal(nameOf("BPS"), "BPS");
    assert.equal(nameOf(null), "");
    assert.equal(showValue(null), "–");
    assert.equal(showValue(42), "42");
    assert.equal(showValue({ a: 1 }), '{"a":1}');
  });
});

describe("filenameOf", () => {
  it("prefers the UTF-8 name of a Content-Disposition header", () => {
    assert.equal(filenameOf(`attachment; filename="import-errors.xlsx"; filename*=UTF-8''erreurs%20d%C3%A9tect%C3%A9es.xlsx`), "erreurs détectées.xlsx");
    assert.equal(filenameOf('attachment; filename="rapport.xlsx"'), "rapport.xlsx");
    assert.equal(filenameOf(null), null);
    assert.equal(filenameOf("attachment"), null);
  });
});
