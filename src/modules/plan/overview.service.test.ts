/** The dashboard and the progress explanation on a real database, on a chosen day. */
import assert from "node:assert/strict";
import { before, it } from "node:test";
import type { Db } from "../../server/db/database.js";
import { AppError } from "../../shared/errors.js";
import { forEachDatabase } from "../../../test/helpers/databases.js";
import { actorOf, organisationIdOf, unique } from "../../../test/helpers/access.builders.js";
import { buildMeasure, buildPlan, type BuiltMeasure, type BuiltPlan } from "../../../test/helpers/plan.builders.js";
import { explainProgress, planOverview } from "./overview.service.js";

const TODAY = "2018-09-15";

async function round(db: Db, planId: number, opensOn: string, deadline: string, status: "open" | "closed") {
  const name = unique("Rapportage");
  const row = await db
    .insertInto("plan_rounds")
    .values({ plan_id: planId, name_fr: name, name_nl: name, name_en: name, period_label: opensOn.slice(0, 7), opens_on: opensOn, deadline, status, created_by: null, created_at: new Date().toISOString() })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function update(db: Db, roundId: number, measure: BuiltMeasure, state: string) {
  await db
    .insertInto("plan_updates")
    .values({
      round_id: roundId, measure_id: measure.id, organisation_id: measure.leadOrganisationId, state, version: state === "draft" ? 0 : 1, status: null, progress: null,
      narrative: "", narrative_lang: null, first_submitted_at: null, submitted_at: null, submitted_by: null, validated_at: null, validated_by: null, updated_at: new Date().toISOString(),
    })
    .execute();
}

forEachDatabase("plan overview", (ctx) => {
  let plan: BuiltPlan;
  const m: Record<string, BuiltMeasure> = {};

  before(async () => {
    const db = ctx.db;
    plan = await buildPlan(db);
    await db.updateTable("plan_themes").set({ weight: 3 }).where("id", "=", plan.themes[1]!).execute();
    const [t1, t2, t3] = plan.themes;
    m["1.1"] = await buildMeasure(db, plan, { code: "1.1", themeId: t1, progress: 40, leadOrganisationCode: "mun-21001", milestones: [{ due: "2018-09-01" }, { due: TODAY }, { due: "2018-01-31", done: "2018-02-02" }] });
    m["1.2"] = await buildMeasure(db, plan, { code: "1.2", themeId: t1, progress: 100, weight: 3, pillar: "reaction", status: "done", leadOrganisationCode: "stib" });
    m["1.3"] = await buildMeasure(db, plan, { code: "1.3", themeId: t1, progress: 90, status: "stopped" });
    m["2.1"] = await buildMeasure(db, plan, { code: "2.1", themeId: t2, progress: 20, pillar: "analysis_evaluation", status: "planned", leadOrganisationCode: "mun-21001", milestones: [{ due: "2018-03-31" }] });
    m["3.1"] = await buildMeasure(db, plan, { code: "3.1", themeId: t3, progress: 50, status: "stopped" });
    await db.updateTable("plan_measures").set({ scope: "territories" }).where("id", "=", m["2.1"].id).execute();
    await db.insertInto("plan_measure_territories").values([{ measure_id: m["2.1"].id, level: "police_zone", code: 5342 }, { measure_id: m["2.1"].id, level: "municipality", code: 21001 }]).execute();

    await round(db, plan.id, "2018-01-01", "2018-03-31", "closed");
    const current = await round(db, plan.id, "2018-09-01", "2018-09-30", "open");
    await round(db, plan.id, "2018-10-01", "2018-10-31", "open");
    await update(db, current, m["1.1"], "draft");
    await update(db, current, m["1.2"], "draft");
    await update(db, current, m["2.1"], "returned");
    await update(db, current, m["3.1"], "validated");
  });

  const overviewAs = async (email: string) => planOverview(ctx.db, await actorOf(ctx.db, email), "fr", plan.id, TODAY);

  it("rolls progress up by weight, theme by theme, leaving stopped measures and empty themes out", async () => {
    const view = await overviewAs("viewer@bps.demo");
    assert.equal(view.progress, 36.3, "(1 x 85 + 3 x 20) / 4 = 36.25, shown with one decimal");
    assert.deepEqual(view.themes.map((t) => [t.theme.number, t.progress, t.measureCount]), [[1, 85, 3], [2, 20, 1], [3, null, 1]]);
    const [first] = view.themes;
    assert.deepEqual(first!.byPillar.prevention, { total: 2, byStatus: { planned: 0, in_progress: 1, done: 0, delayed: 0, stopped: 1 } });
    assert.deepEqual(first!.byPillar.reaction.byStatus.done, 1);
    assert.equal(first!.byPillar.analysis_evaluation.total, 0);
  });

  it("lists late milestones, the longest overdue first, with days late", async () => {
    const view = await overviewAs("viewer@bps.demo");
    assert.deepEqual(view.lateMilestones.map((l) => [l.code, l.due_date, l.days_late]), [["2.1", "2018-03-31", 168], ["1.1", "2018-09-01", 14]]);
  });

  it("figures per lead organisation", async () => {
    const view = await overviewAs("viewer@bps.demo");
    assert.deepEqual(
      view.byLeadOrganisation.map((o) => [o.organisation.code, o.measures, o.progress, o.lateMilestones]),
      [["bps", 2, null, 0], ["mun-21001", 2, 30, 2], ["stib", 1, 100, 0]],
    );
  });

  it("shows the round open today and who still has to file, as far as the caller may see", async () => {
    const agency = await overviewAs("viewer@bps.demo");
    assert.equal(agency.currentRound?.round.deadline, "2018-09-30", "not the closed one, not the one opening later");
    assert.deepEqual(agency.currentRound?.missing.map((u) => u.code), ["1.1", "1.2", "2.1"]);
    assert.deepEqual((await overviewAs("editor@anderlecht.demo")).currentRound?.missing.map((u) => u.code), ["1.1", "2.1"]);
    assert.deepEqual((await overviewAs("editor@stib.demo")).currentRound?.missing.map((u) => [u.code, u.organisation_id]), [["1.2", await organisationIdOf(ctx.db, "stib")]]);
    const quiet = await buildPlan(ctx.db);
    assert.equal((await planOverview(ctx.db, await actorOf(ctx.db, "viewer@bps.demo"), "fr", quiet.id, TODAY)).currentRound, null);
  });

  it("lists the territorial measures with their territories", async () => {
    const view = await overviewAs("viewer@bps.demo");
    assert.deepEqual(view.territorial.map((t) => [t.measure.code, t.territories]), [["2.1", [{ level: "municipality", code: 21001 }, { level: "police_zone", code: 5342 }]]]);
  });

  it("explains the plan's figure and a theme's with exact parts that add up", async () => {
    const planFigure = await explainProgress(ctx.db, "fr", plan.id, "plan");
    assert.equal(planFigure.value, 36.25);
    assert.deepEqual(planFigure.parts.map((p) => [p.label, p.weight, p.value, p.contribution, p.counted, p.reason]), [
      ["1. Thème 1", 1, 85, 21.25, true, undefined],
      ["2. Thème 2", 3, 20, 15, true, undefined],
      ["3. Thème 3", 1, null, 0, false, "no_measures"],
    ]);
    const theme = await explainProgress(ctx.db, "nl", plan.id, "theme", plan.themes[0]);
    assert.equal(theme.value, 85);
    assert.deepEqual(theme.parts.map((p) => [p.label, p.contribution, p.reason]), [
      ["1.1 Maatregel 1.1", 10, undefined],
      ["1.2 Maatregel 1.2", 75, undefined],
      ["1.3 Maatregel 1.3", 0, "stopped"],
    ]);
    assert.equal(theme.parts.reduce((s, p) => s + p.contribution, 0), theme.value);
  });

  it("answers 404 for an unknown plan or a theme of another plan, 400 for a theme level without id", async () => {
    const other = await buildPlan(ctx.db);
    const codeOf = (p: Promise<unknown>) => p.then(() => "ok", (e: unknown) => (e instanceof AppError ? e.code : String(e)));
    assert.equal(await codeOf(explainProgress(ctx.db, "fr", plan.id, "theme", other.themes[0])), "not_found");
    assert.equal(await codeOf(explainProgress(ctx.db, "fr", plan.id, "theme")), "validation_failed");
    assert.equal(await codeOf(explainProgress(ctx.db, "fr", 99_999_999, "plan")), "not_found");
    assert.equal(await codeOf(planOverview(ctx.db, await actorOf(ctx.db, "viewer@bps.demo"), "fr", 99_999_999, TODAY)), "not_found");
  });
});
