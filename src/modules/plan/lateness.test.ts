/** When milestones, action items and updates are late: the pure rules, the Brussels day boundary, and the SQL twin on a real database. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { forEachDatabase } from "../../../test/helpers/databases.js";
import { buildMeasure, buildPlan } from "../../../test/helpers/plan.builders.js";
import { daysBetween, isActionItemLate, isMilestoneLate, isUpdateLate, milestoneDaysLate, milestoneIsLateSql } from "./lateness.js";
import { brusselsDay } from "./plan.common.js";

describe("milestone lateness", () => {
  it("is late once the due day has passed and it is not done", () => {
    assert.equal(isMilestoneLate("2018-09-14", null, "2018-09-15"), true);
    assert.equal(isMilestoneLate("2018-09-15", null, "2018-09-15"), false, "due today is not late yet");
    assert.equal(isMilestoneLate("2018-09-16", null, "2018-09-15"), false);
    assert.equal(isMilestoneLate("2018-01-31", "2018-02-02", "2018-09-15"), false, "done, even after its due day");
  });

  it("counts the days overdue, 0 when not late", () => {
    assert.equal(milestoneDaysLate("2018-09-01", null, "2018-09-15"), 14);
    assert.equal(milestoneDaysLate("2018-09-15", null, "2018-09-15"), 0);
    assert.equal(milestoneDaysLate("2018-01-31", "2018-02-02", "2018-09-15"), 0);
  });

  it("counts whole days between two Brussels days, across the summer-time change", () => {
    assert.equal(daysBetween("2018-03-20", "2018-03-30"), 10);
    assert.equal(daysBetween("2018-10-27", "2018-10-29"), 2);
    assert.equal(daysBetween("2018-09-15", "2018-09-15"), 0);
  });
});

describe("action item lateness", () => {
  const TODAY = "2018-12-15";
  it("is late only while open after its due date", () => {
    assert.equal(isActionItemLate("2018-12-14", "open", TODAY), true);
    assert.equal(isActionItemLate(TODAY, "open", TODAY), false);
    assert.equal(isActionItemLate("2018-01-01", "done", TODAY), false);
    assert.equal(isActionItemLate("2018-01-01", "cancelled", TODAY), false);
  });
});

describe("update lateness", () => {
  it("is late when not submitted after the deadline day, on time until then", () => {
    assert.equal(isUpdateLate("2018-12-31", null, "2018-12-31"), false);
    assert.equal(isUpdateLate("2018-12-31", null, "2019-01-01"), true);
    assert.equal(isUpdateLate("2018-06-30", null, "2018-06-30"), false);
    assert.equal(isUpdateLate("2018-06-30", null, "2018-07-01"), true);
  });

  it("counts the Brussels day of the first submission, winter and summer time, whatever today is", () => {
    // 23:30 in Brussels on the deadline day (UTC+1), then 00:30 the day after.
    assert.equal(isUpdateLate("2024-03-10", "2024-03-10T22:30:00.000Z", "2030-01-01"), false);
    assert.equal(isUpdateLate("2024-03-10", "2024-03-10T23:30:00.000Z", "2000-01-01"), true);
    // Summer time (UTC+2): 21:59Z is 23:59 on the deadline day, 22:00Z is already the next day.
    assert.equal(isUpdateLate("2024-07-15", "2024-07-15T21:59:00.000Z", "2030-01-01"), false);
    assert.equal(isUpdateLate("2024-07-15", "2024-07-15T22:00:00.000Z", "2000-01-01"), true);
    assert.equal(isUpdateLate("2018-06-30", "2018-06-30T21:59:00Z", "2018-08-01"), false, "23:59 in Brussels");
    assert.equal(isUpdateLate("2018-06-30", "2018-06-30T22:30:00Z", "2018-08-01"), true, "already 1 July in Brussels");
  });

  it("takes today as a Brussels day: just after midnight in Brussels is already the next day", () => {
    // 22:30Z on 30 June is 00:30 on 1 July in Brussels (UTC+2): a 30 June deadline has passed there.
    const today = brusselsDay(new Date("2018-06-30T22:30:00Z"));
    assert.equal(today, "2018-07-01");
    assert.equal(isUpdateLate("2018-06-30", null, today), true);
    assert.equal(isMilestoneLate("2018-06-30", null, today), true);
    assert.equal(isActionItemLate("2018-06-30", "open", today), true);
    // 22:59Z on 31 December is still 23:59 that day in Brussels (UTC+1).
    const newYearsEve = brusselsDay(new Date("2018-12-31T22:59:00Z"));
    assert.equal(newYearsEve, "2018-12-31");
    assert.equal(isUpdateLate("2018-12-31", null, newYearsEve), false);
    assert.equal(isMilestoneLate("2018-12-31", null, newYearsEve), false);
  });
});

forEachDatabase("milestone lateness in SQL", (ctx) => {
  it("selects exactly the milestones isMilestoneLate calls late", async () => {
    const today = "2018-09-15";
    const plan = await buildPlan(ctx.db);
    const measure = await buildMeasure(ctx.db, plan, {
      milestones: [{ due: "2018-09-14" }, { due: today }, { due: "2018-09-16" }, { due: "2018-01-31", done: "2018-02-02" }, { due: "2017-12-31" }],
    });
    const all = await ctx.db.selectFrom("plan_milestones").selectAll().where("measure_id", "=", measure.id).orderBy("id").execute();
    const expected = all.filter((m) => isMilestoneLate(m.due_date, m.done_date, today)).map((m) => m.id);
    assert.deepEqual(expected, [measure.milestones[0], measure.milestones[4]]);
    const byTable = await ctx.db.selectFrom("plan_milestones").select("id").where("measure_id", "=", measure.id).where(milestoneIsLateSql(today)).orderBy("id").execute();
    assert.deepEqual(byTable.map((r) => r.id), expected);
    const byAlias = await ctx.db.selectFrom("plan_milestones as ms").select("ms.id").where("ms.measure_id", "=", measure.id).where(milestoneIsLateSql(today, "ms")).orderBy("ms.id").execute();
    assert.deepEqual(byAlias.map((r) => r.id), expected);
  });
});
