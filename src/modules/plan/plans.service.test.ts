/** Plans on a real database: creating one, and starting the next plan from an earlier one in one transaction. */
import assert from "node:assert/strict";
import { it } from "node:test";
import { AppError, type ErrorCode } from "../../shared/errors.js";
import { listAudit } from "../audit/audit.service.js";
import { forEachDatabase } from "../../../test/helpers/databases.js";
import { actorOf, agencyAdmin, contextOf, organisationIdOf, unique } from "../../../test/helpers/access.builders.js";
import { buildMeasure, buildPlan } from "../../../test/helpers/plan.builders.js";
import { getMeasureDetail } from "./measure-detail.service.js";
import { listMeasureRows } from "./measure-list.service.js";
import { createPlan, getPlanDetail, type NewPlan } from "./plans.service.js";

async function rejectsWith(promise: Promise<unknown>, code: ErrorCode, fields?: string[]): Promise<AppError> {
  let caught: unknown;
  await promise.catch((err: unknown) => (caught = err));
  assert.ok(caught instanceof AppError, `expected AppError ${code}, got ${String(caught)}`);
  assert.equal(caught.code, code);
  if (fields) assert.deepEqual(caught.options.fields?.map((f) => f.field), fields);
  return caught;
}

const newPlan = (extra: Partial<NewPlan> = {}): NewPlan => ({
  code: unique("pgsp"),
  titleFr: "Plan global 2021-2024",
  titleNl: "Globaal plan 2021-2024",
  titleEn: "Global plan 2021-2024",
  startYear: 2021,
  endYear: 2024,
  ...extra,
});

forEachDatabase("plan service", (ctx) => {
  const create = async (input: NewPlan) => {
    const admin = await agencyAdmin(ctx.db);
    return ctx.db.transaction().execute((trx) => createPlan(trx, admin, input));
  };
  const planByCode = (code: string) => ctx.db.selectFrom("plans").selectAll().where("code", "=", code).executeTakeFirst();

  it("creates a draft plan with its themes, goals and priorities numbered in order", async () => {
    const input = newPlan({
      themes: [{ titleFr: "Drogues", titleNl: "Drugs", titleEn: "Drugs", weight: 2 }, { titleFr: "Cyber", titleNl: "Cyber", titleEn: "Cyber" }],
      goals: [{ titleFr: "Objectif", titleNl: "Doel", titleEn: "Goal" }],
    });
    const id = await create(input);
    const detail = await getPlanDetail(ctx.db, id);
    assert.deepEqual([detail.plan.status, detail.plan.previous_plan_id, detail.plan.is_demo], ["draft", null, 0]);
    assert.deepEqual(detail.themes.map((t) => [t.number, t.title_fr, t.weight]), [[1, "Drogues", 2], [2, "Cyber", 1]]);
    assert.deepEqual(detail.goals.map((g) => g.title_nl), ["Doel"]);
    assert.equal(detail.priorities.length, 0);
    const [entry] = await listAudit(ctx.db, { entityType: "plan", entityId: String(id), limit: 5 });
    assert.equal(entry?.action, "plan.created");
    assert.deepEqual(entry?.diff.themes, [null, ["Drogues", "Cyber"]]);
  });

  it("refuses a taken code (409), years in the wrong order, and copy options without a copy", async () => {
    const existing = await buildPlan(ctx.db);
    await rejectsWith(create(newPlan({ code: existing.code })), "conflict", ["body.code"]);
    await rejectsWith(create(newPlan({ startYear: 2024, endYear: 2021, keepMeasureCodes: ["1.1"] })), "validation_failed", ["body.endYear", "body.keepMeasureCodes"]);
    await rejectsWith(create(newPlan({ copyFromPlanId: existing.id, themes: [] })), "validation_failed", ["body.themes"]);
    await rejectsWith(create(newPlan({ copyFromPlanId: 99_999_999 })), "validation_failed", ["body.copyFromPlanId"]);
    const municipality = contextOf(await actorOf(ctx.db, "admin@anderlecht.demo"));
    await rejectsWith(ctx.db.transaction().execute((trx) => createPlan(trx, municipality, newPlan())), "forbidden");
  });

  it("starts the next plan from an earlier one: structure, kept measures with links, open milestones, indicators from where they stand", async () => {
    const source = await buildPlan(ctx.db);
    await ctx.db.updateTable("plan_themes").set({ weight: 3 }).where("id", "=", source.themes[1]!).execute();
    const kept = await buildMeasure(ctx.db, source, {
      code: unique("1.1"),
      themeId: source.themes[1]!,
      leadOrganisationCode: "mun-21001",
      status: "in_progress",
      progress: 60,
      weight: 2,
      milestones: [{ due: "2018-03-31", done: "2018-03-01" }, { due: "2020-12-31" }, { due: "2021-06-30" }],
      indicators: [{ baseline: 10, target: 20, current: 15 }, { baseline: 5, target: 1, current: null, direction: "decrease" }],
    });
    const dropped = await buildMeasure(ctx.db, source);
    await ctx.db.insertInto("plan_measure_goals").values({ measure_id: kept.id, goal_id: source.goals[3]! }).execute();
    await ctx.db.insertInto("plan_measure_priorities").values({ measure_id: kept.id, priority_id: source.priorities[0]! }).execute();
    await ctx.db.insertInto("plan_measure_partners").values({ measure_id: kept.id, organisation_id: await organisationIdOf(ctx.db, "stib") }).execute();
    await ctx.db.insertInto("plan_measure_territories").values({ measure_id: kept.id, level: "municipality", code: 21001 }).execute();

    const input = newPlan({ copyFromPlanId: source.id, keepMeasureCodes: [kept.code] });
    const id = await create(input);
    const plan = await getPlanDetail(ctx.db, id);
    assert.equal(plan.plan.previous_plan_id, source.id);
    assert.deepEqual(plan.themes.map((t) => [t.number, t.weight]), [[1, 1], [2, 3], [3, 1]]);
    assert.equal(plan.goals.length, 5);
    assert.ok(plan.themes.every((t) => !source.themes.includes(t.id)), "new theme rows");

    const measures = await listMeasureRows(ctx.db, id, {}, "2021-01-01");
    assert.deepEqual(measures.map((m) => m.code), [kept.code], "only the kept measure");
    const copy = await getMeasureDetail(ctx.db, (await agencyAdmin(ctx.db)).actor, measures[0]!.id, "2021-01-01");
    assert.deepEqual([copy.measure.status, copy.measure.progress, copy.measure.weight, copy.measure.theme_id], ["planned", 0, 2, plan.themes[1]!.id]);
    assert.deepEqual(copy.goals.map((g) => [g.id, g.number]), [[plan.goals[3]!.id, 4]]);
    assert.deepEqual(copy.priorities.map((p) => p.id), [plan.priorities[0]!.id]);
    assert.deepEqual(copy.partners.map((p) => p.code), ["stib"]);
    assert.deepEqual(copy.territories.map((t) => [t.level, t.code]), [["municipality", 21001]]);
    assert.deepEqual(copy.milestones.map((m) => [m.position, m.due_date, m.done_date, m.late]), [[1, "2020-12-31", null, true], [2, "2021-06-30", null, false]]);
    assert.deepEqual(
      copy.indicators.map((i) => [i.baseline_value, i.baseline_year, i.target_value, i.current_value, i.current_on]),
      [[15, 2018, 20, null, null], [5, 2016, 1, null, null]],
    );
    assert.equal((await getMeasureDetail(ctx.db, (await agencyAdmin(ctx.db)).actor, kept.id)).measure.progress, 60, "the source is untouched");

    const entries = await listAudit(ctx.db, { entityType: "plan", entityId: String(id), limit: 5 });
    assert.deepEqual(entries.map((e) => e.action), ["plan.copied", "plan.created"]);
    assert.deepEqual(entries[0]!.diff.measures, [null, [kept.code]]);
    assert.deepEqual([entries[0]!.diff.themes?.[1], entries[0]!.diff.milestones?.[1], entries[0]!.diff.indicators?.[1]], [3, 2, 2]);
    assert.ok(dropped.id > 0);
  });

  it("copies every measure when none are named, and copies nothing when a named code is unknown", async () => {
    const source = await buildPlan(ctx.db);
    const a = await buildMeasure(ctx.db, source);
    const b = await buildMeasure(ctx.db, source, { themeId: source.themes[2]! });
    const all = await create(newPlan({ copyFromPlanId: source.id }));
    assert.deepEqual((await listMeasureRows(ctx.db, all, {}, "2021-01-01")).map((m) => m.code).sort(), [a.code, b.code].sort());

    const input = newPlan({ copyFromPlanId: source.id, keepMeasureCodes: [a.code, "no-such-code"] });
    const error = await rejectsWith(create(input), "validation_failed", ["body.keepMeasureCodes.1"]);
    assert.equal(error.options.fields?.[0]?.key, "planMeasures.validation.unknownMeasureCode");
    assert.equal(await planByCode(input.code), undefined, "the whole copy rolled back");
  });
});
