/** Measures, milestones and indicators on a real database: references checked per field, links replaced, audit entries written. */
import assert from "node:assert/strict";
import { it } from "node:test";
import type { Transaction } from "kysely";
import type { Db } from "../../server/db/database.js";
import type { Database } from "../../server/db/schema.js";
import { listAudit } from "../audit/audit.service.js";
import { rejectsWith } from "../../../test/helpers/assertions.js";
import { forEachDatabase } from "../../../test/helpers/databases.js";
import { actorOf, agencyAdmin, contextOf, organisationIdOf } from "../../../test/helpers/access.builders.js";
import { buildMeasure, buildPlan, type BuiltPlan } from "../../../test/helpers/plan.builders.js";
import { getMeasureDetail } from "./measure-detail.service.js";
import { listMeasureRows } from "./measure-list.service.js";
import { createMeasure, updateMeasure, type NewMeasure } from "./measures.service.js";
import { attainment, createIndicator, createMilestone, deleteIndicator, deleteMilestone, updateIndicator, updateMilestone } from "./milestones-indicators.service.js";

const auditOf = async (db: Db, entityType: string, id: number) => listAudit(db, { entityType, entityId: String(id), limit: 20 });

function newMeasure(plan: BuiltPlan, leadOrganisationId: number, extra: Partial<NewMeasure> = {}): NewMeasure {
  return { code: `C-${Math.random().toString(36).slice(2, 8)}`, themeId: plan.themes[1]!, titleFr: "Mesure", titleNl: "Maatregel", pillar: "reaction", approach: "territorial", leadOrganisationId, ...extra };
}

forEachDatabase("measure service", (ctx) => {
  const create = async (planId: number, input: NewMeasure) => {
    const admin = await agencyAdmin(ctx.db);
    return ctx.db.transaction().execute((trx) => createMeasure(trx, admin, planId, input));
  };
  const update = async (id: number, changes: Parameters<typeof updateMeasure>[3]) => {
    const admin = await agencyAdmin(ctx.db);
    return ctx.db.transaction().execute((trx) => updateMeasure(trx, admin, id, changes));
  };

  it("creates a measure with its links, defaults and one audit entry", async () => {
    const plan = await buildPlan(ctx.db);
    const lead = await organisationIdOf(ctx.db, "mun-21001");
    const stib = await organisationIdOf(ctx.db, "stib");
    const id = await create(plan.id, newMeasure(plan, lead, {
      goalIds: [plan.goals[2]!, plan.goals[0]!, plan.goals[2]!],
      priorityIds: [plan.priorities[4]!],
      partnerOrganisationIds: [stib],
      scope: "territories",
      territories: [{ level: "municipality", code: 21001 }, { level: "police_zone", code: 5342 }, { level: "municipality", code: 21001 }],
    }));
    const detail = await getMeasureDetail(ctx.db, (await agencyAdmin(ctx.db)).actor, id, "2018-01-01");
    assert.equal(detail.measure.status, "planned");
    assert.equal(detail.measure.progress, 0);
    assert.equal(detail.measure.weight, 1);
    assert.equal(detail.measure.theme_number, 2);
    assert.deepEqual(detail.goals.map((g) => g.number), [1, 3], "duplicates dropped, in number order");
    assert.deepEqual(detail.priorities.map((p) => p.number), [5]);
    assert.deepEqual(detail.partners.map((p) => p.code), ["stib"]);
    assert.deepEqual(detail.territories.map((t) => [t.level, t.code, t.names.fr]), [["police_zone", 5342, detail.territories[0]!.names.fr], ["municipality", 21001, "Anderlecht"]]);
    assert.notEqual(detail.territories[0]!.names.fr, "5342", "police zone named from the reference table");
    const [entry, ...rest] = await auditOf(ctx.db, "measure", id);
    assert.equal(rest.length, 0);
    assert.equal(entry?.action, "measure.created");
    const diff = entry!.diff;
    assert.deepEqual(diff.goalIds?.[1], [plan.goals[0], plan.goals[2]]);
    assert.equal(diff.lead_organisation_id?.[1], lead);
  });

  it("answers 409 on body.code for a code already used in the plan, but not for another plan's", async () => {
    const plan = await buildPlan(ctx.db);
    const other = await buildPlan(ctx.db);
    const bps = await organisationIdOf(ctx.db, "bps");
    const existing = await buildMeasure(ctx.db, plan);
    await rejectsWith(create(plan.id, newMeasure(plan, bps, { code: existing.code })), "conflict", ["body.code"]);
    const elsewhere = await create(other.id, newMeasure(other, bps, { code: existing.code }));
    assert.ok(elsewhere > 0);
  });

  it("names every bad reference at once: other plan's theme, goal, priority, unknown organisations and territories", async () => {
    const plan = await buildPlan(ctx.db);
    const other = await buildPlan(ctx.db);
    const bps = await organisationIdOf(ctx.db, "bps");
    const error = await rejectsWith(
      create(plan.id, newMeasure(plan, 99_999_999, {
        themeId: other.themes[0]!,
        goalIds: [plan.goals[0]!, other.goals[0]!],
        priorityIds: [other.priorities[1]!],
        partnerOrganisationIds: [bps, 88_888_888],
        scope: "territories",
        territories: [{ level: "municipality", code: 21001 }, { level: "neighbourhood", code: 999_999 }, { level: "police_zone", code: 21001 }],
      })),
      "validation_failed",
      ["body.themeId", "body.goalIds.1", "body.priorityIds.0", "body.leadOrganisationId", "body.partnerOrganisationIds.1", "body.territories.1.code", "body.territories.2.code"],
    );
    assert.equal(error.options.fields?.[0]?.key, "planMeasures.validation.themeNotInPlan");
    assert.equal(error.options.fields?.[5]?.key, "planMeasures.validation.unknownTerritory");
    assert.equal((await listMeasureRows(ctx.db, plan.id, {}, "2018-01-01")).length, 0, "nothing written");
  });

  it("asks for territories with scope territories, and none with scope region", async () => {
    const plan = await buildPlan(ctx.db);
    const bps = await organisationIdOf(ctx.db, "bps");
    await rejectsWith(create(plan.id, newMeasure(plan, bps, { scope: "territories" })), "validation_failed", ["body.territories"]);
    await rejectsWith(create(plan.id, newMeasure(plan, bps, { territories: [{ level: "municipality", code: 21004 }] })), "validation_failed", ["body.territories"]);
  });

  it("changes only the fields given, replaces the links given, and clears territories when moving to the whole region", async () => {
    const plan = await buildPlan(ctx.db);
    const bps = await organisationIdOf(ctx.db, "bps");
    const id = await create(plan.id, newMeasure(plan, bps, { goalIds: [plan.goals[0]!], scope: "territories", territories: [{ level: "municipality", code: 21004 }] }));
    await update(id, { progress: 40, status: "in_progress", goalIds: [plan.goals[3]!] });
    let detail = await getMeasureDetail(ctx.db, (await agencyAdmin(ctx.db)).actor, id, "2018-01-01");
    assert.deepEqual([detail.measure.progress, detail.measure.status, detail.measure.pillar], [40, "in_progress", "reaction"]);
    assert.deepEqual(detail.goals.map((g) => g.id), [plan.goals[3]]);
    assert.equal(detail.territories.length, 1, "territories not given: kept");

    await update(id, { scope: "region" });
    detail = await getMeasureDetail(ctx.db, (await agencyAdmin(ctx.db)).actor, id, "2018-01-01");
    assert.equal(detail.territories.length, 0);
    const [last] = await auditOf(ctx.db, "measure", id);
    const diff = last!.diff;
    assert.deepEqual(Object.keys(diff).sort(), ["scope", "territories", "updated_at"]);
    assert.deepEqual(diff.territories, [[{ level: "municipality", code: 21004 }], []]);

    await update(id, {});
    assert.equal((await auditOf(ctx.db, "measure", id)).length, 3, "an empty change writes nothing");
  });

  it("keeps a measure's own code, refuses another's, and checks a new theme against the measure's plan", async () => {
    const plan = await buildPlan(ctx.db);
    const other = await buildPlan(ctx.db);
    const a = await buildMeasure(ctx.db, plan);
    const b = await buildMeasure(ctx.db, plan);
    await update(a.id, { code: a.code, titleFr: "Renommée" });
    await rejectsWith(update(a.id, { code: b.code }), "conflict", ["body.code"]);
    await rejectsWith(update(a.id, { themeId: other.themes[0]! }), "validation_failed", ["body.themeId"]);
    await rejectsWith(update(99_999_999, { progress: 1 }), "not_found");
  });

  it("lets only agency coordinators and admins write", async () => {
    const plan = await buildPlan(ctx.db);
    const municipality = contextOf(await actorOf(ctx.db, "admin@anderlecht.demo"));
    const bps = await organisationIdOf(ctx.db, "bps");
    await rejectsWith(ctx.db.transaction().execute((trx) => createMeasure(trx, municipality, plan.id, newMeasure(plan, bps))), "forbidden");
    const coordinator = contextOf(await actorOf(ctx.db, "coordinator@bps.demo"));
    assert.ok((await ctx.db.transaction().execute((trx) => createMeasure(trx, coordinator, plan.id, newMeasure(plan, bps)))) > 0);
  });
});

forEachDatabase("milestones and indicators", (ctx) => {
  it("appends milestones, flags the late ones on a given day, and numbers again after a removal", async () => {
    const admin = await agencyAdmin(ctx.db);
    const plan = await buildPlan(ctx.db);
    const measure = await buildMeasure(ctx.db, plan, { milestones: [{ due: "2018-03-31" }] });
    const write = <T>(work: (trx: Transaction<Database>) => Promise<T>) => ctx.db.transaction().execute(work);
    const second = await write((trx) => createMilestone(trx, admin, measure.id, { titleFr: "Deux", titleNl: "Twee", dueDate: "2018-06-30" }));
    const third = await write((trx) => createMilestone(trx, admin, measure.id, { titleFr: "Trois", titleNl: "Drie", dueDate: "2018-12-31", doneDate: "2018-05-01" }));
    const at = async (today: string) => (await getMeasureDetail(ctx.db, admin.actor, measure.id, today)).milestones.map((m) => [m.position, m.late]);
    assert.deepEqual(await at("2018-07-01"), [[1, true], [2, true], [3, false]]);
    assert.deepEqual(await at("2018-06-30"), [[1, true], [2, false], [3, false]], "due today is not late yet");

    await write((trx) => updateMilestone(trx, admin, second, { doneDate: "2018-07-02" }));
    assert.deepEqual(await at("2018-07-03"), [[1, true], [2, false], [3, false]]);
    await write((trx) => updateMilestone(trx, admin, third, { doneDate: null }));
    assert.deepEqual(await at("2019-01-01"), [[1, true], [2, false], [3, true]], "doneDate null: not done again");

    await write((trx) => deleteMilestone(trx, admin, measure.milestones[0]!));
    const left = (await getMeasureDetail(ctx.db, admin.actor, measure.id, "2018-01-01")).milestones;
    assert.deepEqual(left.map((m) => [m.id, m.position]), [[second, 1], [third, 2]]);
    assert.deepEqual((await listAudit(ctx.db, { entityType: "milestone", entityId: String(measure.milestones[0]), limit: 5 })).map((e) => e.action), ["milestone.deleted"]);
    await rejectsWith(write((trx) => updateMilestone(trx, admin, measure.milestones[0]!, { titleFr: "x" })), "not_found");
  });

  it("adds, changes and removes indicators, auditing each", async () => {
    const admin = await agencyAdmin(ctx.db);
    const plan = await buildPlan(ctx.db);
    const measure = await buildMeasure(ctx.db, plan);
    const id = await ctx.db.transaction().execute((trx) =>
      createIndicator(trx, admin, measure.id, { nameFr: "Victimes", nameNl: "Slachtoffers", unit: "count", direction: "decrease", baselineValue: 120, baselineYear: 2016, targetValue: 80, targetYear: 2020 }),
    );
    await ctx.db.transaction().execute((trx) => updateIndicator(trx, admin, id, { targetValue: 60, baselineYear: null }));
    const [indicator] = (await getMeasureDetail(ctx.db, admin.actor, measure.id)).indicators;
    assert.deepEqual([indicator?.target_value, indicator?.baseline_year, indicator?.baseline_value, indicator?.name_nl], [60, null, 120, "Slachtoffers"]);
    await ctx.db.transaction().execute((trx) => deleteIndicator(trx, admin, id));
    assert.equal((await getMeasureDetail(ctx.db, admin.actor, measure.id)).indicators.length, 0);
    const actions = (await listAudit(ctx.db, { entityType: "indicator", entityId: String(id), limit: 5 })).map((e) => e.action);
    assert.deepEqual(actions, ["indicator.deleted", "indicator.updated", "indicator.created"]);
    await rejectsWith(ctx.db.transaction().execute((trx) => createIndicator(trx, admin, 99_999_999, { nameFr: "a", nameNl: "b", unit: "u", direction: "increase", baselineValue: null, baselineYear: null, targetValue: null, targetYear: null })), "not_found");
  });
});

it("measures attainment as the share of the way from baseline to target, clamped, for both directions", () => {
  const ind = (baseline: number | null, target: number | null, current: number | null, direction = "increase") => attainment({ direction, baseline_value: baseline, target_value: target, current_value: current });
  assert.equal(ind(10, 20, 15), 50);
  assert.equal(ind(120, 80, 110, "decrease"), 25);
  assert.equal(ind(10, 20, 5), 0, "moving away counts as 0");
  assert.equal(ind(10, 20, 30), 100, "beyond the target counts as 100");
  assert.equal(ind(0, 3, 1), 33.3);
  assert.equal(ind(10, 20, null), null);
  assert.equal(ind(null, 20, 12), null);
  assert.equal(ind(88, 88, 90, "maintain"), 0, "maintain: the value must hold");
  assert.equal(ind(88, 88, 88, "maintain"), 100);
  assert.equal(ind(50, 50, 55, "increase"), 100);
  assert.equal(ind(50, 50, 55, "decrease"), 0);
});
