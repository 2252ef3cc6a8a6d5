/** A plan's settings on a real database: titles, years and the one active plan; the frame of themes, goals and priorities saved as a whole. */
import assert from "node:assert/strict";
import { beforeEach, it } from "node:test";
import { rejectsWith } from "../../../test/helpers/assertions.js";
import { actorOf, agencyAdmin, contextOf } from "../../../test/helpers/access.builders.js";
import { forEachDatabase } from "../../../test/helpers/databases.js";
import { auditEntriesOf, buildBody } from "../../../test/helpers/plan-bodies.builders.js";
import { buildMeasure, buildPlan, type BuiltPlan } from "../../../test/helpers/plan.builders.js";
import type { PlanChanges, PlanFrame } from "./plan-settings.schema.js";
import { replacePlanFrame, updatePlan } from "./plan-settings.service.js";
import { getPlanDetail } from "./plans.service.js";

forEachDatabase("plan settings service", (ctx) => {
  const update = async (planId: number, changes: PlanChanges) => {
    const admin = await agencyAdmin(ctx.db);
    return ctx.db.transaction().execute((trx) => updatePlan(trx, admin, planId, changes));
  };
  const saveFrame = async (planId: number, frame: PlanFrame) => {
    const admin = await agencyAdmin(ctx.db);
    return ctx.db.transaction().execute((trx) => replacePlanFrame(trx, admin, planId, frame));
  };
  /** The plan's frame as it is, ready to send back (ids kept). */
  const frameOf = async (planId: number): Promise<PlanFrame> => {
    const detail = await getPlanDetail(ctx.db, planId);
    const items = (rows: typeof detail.themes) => rows.map((r) => ({ id: r.id, titleFr: r.title_fr, titleNl: r.title_nl, titleEn: r.title_en, weight: r.weight }));
    return { themes: items(detail.themes), goals: items(detail.goals), priorities: items(detail.priorities) };
  };
  const statusOf = async (planId: number) => (await getPlanDetail(ctx.db, planId)).plan.status;

  // Builders make active plans, and the seeded demo plan is active: each test starts with none active.
  beforeEach(async () => {
    await ctx.db.updateTable("plans").set({ status: "closed" }).where("status", "=", "active").execute();
  });

  it("changes titles and years, audits only what changed, and writes nothing when nothing changes", async () => {
    const plan = await buildPlan(ctx.db, { status: "draft" });
    await update(plan.id, { titleFr: "Plan 2021-2024", startYear: 2021, endYear: 2024 });
    const { plan: row } = await getPlanDetail(ctx.db, plan.id);
    assert.deepEqual([row.title_fr, row.title_nl, row.start_year, row.end_year, row.status], ["Plan 2021-2024", `Plan ${plan.code} NL`, 2021, 2024, "draft"]);
    await update(plan.id, { titleFr: "Plan 2021-2024", endYear: 2024 });
    const entries = await auditEntriesOf(ctx.db, "plan", plan.id);
    assert.deepEqual(entries.map((e) => e.action), ["plan.updated"], "the second call changed nothing");
    assert.deepEqual(entries[0]!.diff, { end_year: [2020, 2024], start_year: [2017, 2021], title_fr: [`Plan ${plan.code}`, "Plan 2021-2024"] });
  });

  it("refuses an end year before the start year (the one sent or the plan's), and people without plan.manage", async () => {
    const plan = await buildPlan(ctx.db, { status: "draft" });
    await rejectsWith(update(plan.id, { startYear: 2022, endYear: 2021 }), "validation_failed", "body.endYear");
    await rejectsWith(update(plan.id, { endYear: 2016 }), "validation_failed", "body.endYear");
    await rejectsWith(update(plan.id, { startYear: 2030 }), "validation_failed", "body.endYear");
    await rejectsWith(update(99_999_999, { titleFr: "x" }), "not_found");
    const municipality = contextOf(await actorOf(ctx.db, "admin@anderlecht.demo"));
    await rejectsWith(ctx.db.transaction().execute((trx) => updatePlan(trx, municipality, plan.id, { status: "closed" })), "forbidden");
    assert.equal((await auditEntriesOf(ctx.db, "plan", plan.id)).length, 0);
  });

  it("lets one plan be active at a time: activating another answers 409 naming body.status until the first is closed", async () => {
    const current = await buildPlan(ctx.db, { status: "active" });
    const next = await buildPlan(ctx.db, { status: "draft", startYear: 2021 });
    const error = await rejectsWith(update(next.id, { status: "active" }), "conflict", "body.status");
    assert.deepEqual([error.options.fields?.[0]?.key, error.options.fields?.[0]?.params], ["planSettings.validation.anotherActive", { code: current.code }]);
    assert.equal(await statusOf(next.id), "draft");

    await update(current.id, { titleEn: "Still active, renamed" });
    assert.equal(await statusOf(current.id), "active", "an active plan stays editable");
    await update(current.id, { status: "closed" });
    await update(next.id, { status: "active" });
    assert.deepEqual([await statusOf(current.id), await statusOf(next.id)], ["closed", "active"]);
    assert.deepEqual((await auditEntriesOf(ctx.db, "plan", next.id)).map((e) => e.diff.status), [["draft", "active"]]);
  });

  it("updates entries in place, appends new ones after the highest number kept, removes the others with their links, and audits each entry", async () => {
    const plan = await buildPlan(ctx.db);
    const measure = await buildMeasure(ctx.db, plan);
    await ctx.db.insertInto("plan_measure_goals").values([{ measure_id: measure.id, goal_id: plan.goals[4]! }, { measure_id: measure.id, goal_id: plan.goals[0]! }]).execute();
    await ctx.db.insertInto("plan_measure_priorities").values({ measure_id: measure.id, priority_id: plan.priorities[1]! }).execute();

    const frame = await frameOf(plan.id);
    frame.themes[1] = { ...frame.themes[1]!, titleFr: "Cybercriminalité", weight: 2.5 };
    frame.themes.splice(2, 1); // theme 3, without measures
    frame.themes.push({ titleFr: "Radicalisme", titleNl: "Radicalisme", titleEn: "Radicalism", weight: 1 });
    frame.goals = frame.goals.slice(0, 4); // goal 5, linked to the measure
    frame.goals.push({ titleFr: "Nouvel objectif", titleNl: "Nieuw doel", titleEn: "New goal" });
    frame.priorities = [frame.priorities[0]!, frame.priorities[2]!, frame.priorities[3]!, frame.priorities[4]!]; // priority 2, linked
    await saveFrame(plan.id, frame);

    const detail = await getPlanDetail(ctx.db, plan.id);
    assert.deepEqual(detail.themes.map((t) => [t.id, t.number, t.title_fr, t.weight]), [
      [plan.themes[0], 1, "Thème 1", 1],
      [plan.themes[1], 2, "Cybercriminalité", 2.5],
      [detail.themes[2]!.id, 3, "Radicalisme", 1],
    ]);
    assert.ok(!plan.themes.includes(detail.themes[2]!.id), "a new row, numbered after the highest kept");
    assert.deepEqual(detail.goals.map((g) => [g.number, g.title_fr]), [[1, "Objectif 1"], [2, "Objectif 2"], [3, "Objectif 3"], [4, "Objectif 4"], [5, "Nouvel objectif"]]);
    assert.deepEqual(detail.priorities.map((p) => p.number), [1, 3, 4, 5]);
    const goalLinks = await ctx.db.selectFrom("plan_measure_goals").select("goal_id").where("measure_id", "=", measure.id).execute();
    assert.deepEqual(goalLinks.map((l) => l.goal_id), [plan.goals[0]]);
    assert.equal((await ctx.db.selectFrom("plan_measure_priorities").select("priority_id").where("measure_id", "=", measure.id).execute()).length, 0);

    const [entry] = await auditEntriesOf(ctx.db, "plan", plan.id);
    assert.equal(entry?.action, "plan.frame_updated");
    assert.deepEqual(Object.keys(entry!.diff).sort(), ["goals.5", "measure_links_removed", "priorities.2", "themes.2", "themes.3"]);
    assert.deepEqual(entry!.diff["themes.2"]?.[1], { fr: "Cybercriminalité", nl: "Thème 2 NL", en: "Thème 2 EN", weight: 2.5 });
    assert.equal((entry!.diff["priorities.2"] as [unknown, unknown])[1], null);
    assert.deepEqual(entry!.diff.measure_links_removed, [null, { goals: 1, priorities: 1 }]);

    await saveFrame(plan.id, await frameOf(plan.id));
    assert.equal((await auditEntriesOf(ctx.db, "plan", plan.id)).length, 1, "saving the same frame records nothing");
  });

  it("refuses to remove a theme measures or a working group still belong to (409 naming body.themes.N), and changes nothing", async () => {
    const plan: BuiltPlan = await buildPlan(ctx.db, { themes: 4 });
    await buildMeasure(ctx.db, plan, { themeId: plan.themes[1]! });
    await buildMeasure(ctx.db, plan, { themeId: plan.themes[1]! });
    await buildBody(ctx.db, plan, { themeId: plan.themes[3]! });
    const frame = await frameOf(plan.id);
    const error = await rejectsWith(
      saveFrame(plan.id, { ...frame, themes: [frame.themes[0]!, { ...frame.themes[2]!, titleFr: "Renamed" }], goals: [] }),
      "conflict",
      ["body.themes.1", "body.themes.3"],
    );
    assert.deepEqual(
      error.options.fields?.map((f) => [f.key, f.params]),
      [["planSettings.validation.themeHasMeasures", { number: 2, count: 2 }], ["planSettings.validation.themeHasBodies", { number: 4, count: 1 }]],
    );
    const detail = await getPlanDetail(ctx.db, plan.id);
    assert.deepEqual([detail.themes.length, detail.themes[2]!.title_fr, detail.goals.length], [4, "Thème 3", 5]);
    assert.equal((await auditEntriesOf(ctx.db, "plan", plan.id)).length, 0);
  });

  it("names entries of another plan or given twice (400 body.<list>.N.id), and refuses people without plan.manage", async () => {
    const plan = await buildPlan(ctx.db);
    const other = await buildPlan(ctx.db);
    const frame = await frameOf(plan.id);
    const bad: PlanFrame = {
      themes: [...frame.themes, { ...frame.themes[0]!, titleFr: "twice" }],
      goals: [...frame.goals, { id: other.goals[0]!, titleFr: "a", titleNl: "b", titleEn: "c" }],
      priorities: frame.priorities,
    };
    await rejectsWith(saveFrame(plan.id, bad), "validation_failed", ["body.themes.3.id", "body.goals.5.id"]);
    await rejectsWith(saveFrame(99_999_999, frame), "not_found");
    const coordinatorElsewhere = contextOf(await actorOf(ctx.db, "editor@stib.demo"));
    await rejectsWith(ctx.db.transaction().execute((trx) => replacePlanFrame(trx, coordinatorElsewhere, plan.id, frame)), "forbidden");
  });
});
