/** Snapshots on a real database: what they freeze, their numbering and hash, that they never change, and their diff. */
import assert from "node:assert/strict";
import { it } from "node:test";
import type { Db } from "../../server/db/database.js";
import { AppError } from "../../shared/errors.js";
import { listAudit } from "../audit/audit.service.js";
import { forEachDatabase } from "../../../test/helpers/databases.js";
import { agencyAdmin, organisationIdOf, unique } from "../../../test/helpers/access.builders.js";
import { buildMeasure, buildPlan, type BuiltPlan } from "../../../test/helpers/plan.builders.js";
import { brusselsDay } from "./plan.common.js";
import { reportPdf } from "./report-pdf.js";
import { diffSnapshots, getSnapshot, listSnapshots, sha256Of, takeSnapshot } from "./snapshot.service.js";

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();

/** A body of the plan with one meeting and its decisions. */
async function buildMeeting(db: Db, plan: BuiltPlan, options: { startsAt: string; status?: string; decisions: { fr: string; nl: string; measureId?: number }[] }) {
  const body = await db
    .insertInto("plan_bodies")
    .values({ plan_id: plan.id, kind: "coordination_committee", theme_id: null, name_fr: "Comité de coordination", name_nl: "Coördinatiecomité", name_en: "Coordination Committee" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const meeting = await db
    .insertInto("plan_meetings")
    .values({ body_id: body.id, starts_at: options.startsAt, location: "Bruxelles", status: options.status ?? "held", minutes_fr: "", minutes_nl: "" })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const d of options.decisions) {
    await db.insertInto("plan_decisions").values({ meeting_id: meeting.id, agenda_item_id: null, measure_id: d.measureId ?? null, text_fr: d.fr, text_nl: d.nl }).execute();
  }
  return meeting.id;
}

/** A reporting round with updates in the given states. */
async function buildRound(db: Db, plan: BuiltPlan, deadline: string, updates: { measureId: number; state: string; firstSubmittedAt: string | null }[]) {
  const organisationId = await organisationIdOf(db, "bps");
  const round = await db
    .insertInto("plan_rounds")
    .values({ plan_id: plan.id, name_fr: "Rapport S1", name_nl: "Rapport S1 NL", name_en: "Report H1", period_label: "2018-S1", opens_on: "2000-01-01", deadline, status: "open", created_by: null, created_at: new Date().toISOString() })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const u of updates) {
    await db
      .insertInto("plan_updates")
      .values({
        round_id: round.id, measure_id: u.measureId, organisation_id: organisationId, state: u.state, version: u.firstSubmittedAt ? 1 : 0, status: null,
        progress: null, narrative: "", narrative_lang: null, first_submitted_at: u.firstSubmittedAt, submitted_at: u.firstSubmittedAt, submitted_by: null,
        validated_at: null, validated_by: null, updated_at: new Date().toISOString(),
      })
      .execute();
  }
}

forEachDatabase("plan snapshots", (ctx) => {
  const take = async (plan: BuiltPlan, title = unique("Conseil")) => {
    const admin = await agencyAdmin(ctx.db);
    return ctx.db.transaction().execute((trx) => takeSnapshot(trx, admin, plan.id, title));
  };

  it("freezes progress, late milestones, recent decisions and round counts as they stand when taken", async () => {
    const plan = await buildPlan(ctx.db, { themes: 2 });
    await ctx.db.updateTable("plan_themes").set({ weight: 3 }).where("id", "=", plan.themes[1]!).execute();
    const m1 = await buildMeasure(ctx.db, plan, { progress: 50, milestones: [{ due: "2000-01-01" }, { due: "2999-01-01" }, { due: "2001-01-01", done: "2001-02-01" }] });
    const m2 = await buildMeasure(ctx.db, plan, { progress: 100, weight: 3, status: "done", leadOrganisationCode: "mun-21001" });
    await buildMeasure(ctx.db, plan, { progress: 0, status: "stopped" });
    const m4 = await buildMeasure(ctx.db, plan, { themeId: plan.themes[1]!, progress: 20 });
    await buildMeeting(ctx.db, plan, { startsAt: daysAgo(30), decisions: [{ fr: "Décision récente", nl: "Recente beslissing", measureId: m1.id }] });
    await buildMeeting(ctx.db, plan, { startsAt: daysAgo(240), decisions: [{ fr: "Trop ancienne", nl: "Te oud" }] });
    await buildMeeting(ctx.db, plan, { startsAt: daysAgo(20), status: "cancelled", decisions: [{ fr: "Annulée", nl: "Geannuleerd" }] });
    await buildMeeting(ctx.db, plan, { startsAt: new Date(Date.now() + 30 * DAY).toISOString(), status: "planned", decisions: [{ fr: "À venir", nl: "Later" }] });
    await buildRound(ctx.db, plan, "2018-07-15", [
      { measureId: m1.id, state: "draft", firstSubmittedAt: null },
      { measureId: m2.id, state: "submitted", firstSubmittedAt: "2018-07-20T10:00:00.000Z" },
      { measureId: m4.id, state: "validated", firstSubmittedAt: "2018-07-10T10:00:00.000Z" },
    ]);

    const id = await take(plan, "Conseil régional — juin");
    const { data, version, sha256, title } = await getSnapshot(ctx.db, id);
    assert.equal(version, 1);
    assert.equal(title, "Conseil régional — juin");
    assert.equal(data.snapshot.title, title);
    assert.equal(data.snapshot.day, brusselsDay(new Date(data.snapshot.takenAt)));
    assert.equal(data.themes[0]!.progress, 87.5); // (50*1 + 100*3) / 4, the stopped measure left out
    assert.equal(data.themes[1]!.progress, 20);
    assert.equal(data.progress, (87.5 * 1 + 20 * 3) / 4);
    assert.deepEqual(data.themes[0]!.byStatus, { planned: 0, in_progress: 1, done: 1, delayed: 0, stopped: 1 });
    assert.equal(data.themes[0]!.measureCount, 3);

    const first = data.measures.find((m) => m.code === m1.code)!;
    assert.deepEqual(first.milestones.map((m) => m.late), [true, false, false]);
    assert.ok(first.milestones[0]!.daysLate > 9000);
    assert.equal(data.measures.find((m) => m.code === m2.code)!.lead.code, "mun-21001");
    assert.ok(data.measures.find((m) => m.code === m2.code)!.lead.names.fr.length > 0);

    assert.deepEqual(data.decisions.map((d) => [d.texts.fr, d.measureCode]), [["Décision récente", m1.code]]);
    assert.equal(data.decisions[0]!.body.names.nl, "Coördinatiecomité");
    assert.deepEqual(data.rounds.map((r) => [r.periodLabel, r.total, r.counts]), [
      ["2018-S1", 3, { draft: 1, submitted: 1, returned: 0, validated: 1, late: 2 }],
    ]);
    const row = await ctx.db.selectFrom("plan_snapshots").select(["data", "sha256"]).where("id", "=", id).executeTakeFirstOrThrow();
    assert.equal(row.sha256, sha256Of(row.data));
    assert.equal(sha256, row.sha256);
    const audit = await listAudit(ctx.db, { entityType: "snapshot", entityId: String(id), limit: 5 });
    assert.deepEqual(audit.map((a) => a.action), ["snapshot.taken"]);
  });

  it("numbers snapshots per plan, even when taken at the same time, and lists them latest first", async () => {
    const plan = await buildPlan(ctx.db);
    const other = await buildPlan(ctx.db);
    await buildMeasure(ctx.db, plan);
    const ids = await Promise.all([take(plan), take(plan), take(plan)]);
    const otherId = await take(other);
    const listed = await listSnapshots(ctx.db, plan.id);
    assert.deepEqual(listed.map((s) => s.version), [3, 2, 1]);
    assert.deepEqual(new Set(listed.map((s) => s.id)), new Set(ids));
    assert.equal((await getSnapshot(ctx.db, otherId)).version, 1);
    assert.ok(listed[0]!.takenBy?.name, "taken by the agency admin, named");
    await assert.rejects(getSnapshot(ctx.db, 987_654), (e: unknown) => e instanceof AppError && e.code === "not_found");
    await assert.rejects(listSnapshots(ctx.db, 987_654), (e: unknown) => e instanceof AppError && e.code === "not_found");
  });

  it("leaves an earlier snapshot byte-identical, data and report, when the plan changes and a later one is taken", async () => {
    const plan = await buildPlan(ctx.db);
    const measure = await buildMeasure(ctx.db, plan, { progress: 10 });
    const firstId = await take(plan);
    const before = await ctx.db.selectFrom("plan_snapshots").selectAll().where("id", "=", firstId).executeTakeFirstOrThrow();
    const pdfBefore = await reportPdf((await getSnapshot(ctx.db, firstId)).data, "fr");

    await ctx.db.updateTable("plan_measures").set({ progress: 90, status: "done", title_fr: "Titre changé" }).where("id", "=", measure.id).execute();
    const secondId = await take(plan);

    const after = await ctx.db.selectFrom("plan_snapshots").selectAll().where("id", "=", firstId).executeTakeFirstOrThrow();
    assert.deepEqual(after, before);
    const pdfAfter = await reportPdf((await getSnapshot(ctx.db, firstId)).data, "fr");
    assert.ok(pdfAfter.equals(pdfBefore), "the earlier report pack changed");
    const second = await getSnapshot(ctx.db, secondId);
    assert.equal(second.data.measures[0]!.progress, 90);
    assert.notEqual(second.sha256, before.sha256);
  });

  it("compares two snapshots of a plan: progress, changed fields, added and removed measures; refuses two plans", async () => {
    const plan = await buildPlan(ctx.db, { themes: 2 });
    const kept = await buildMeasure(ctx.db, plan, { progress: 10, milestones: [{ due: "2000-01-01" }] });
    const dropped = await buildMeasure(ctx.db, plan, { progress: 30 });
    const unchanged = await buildMeasure(ctx.db, plan, { themeId: plan.themes[1]!, progress: 50 });
    const fromId = await take(plan);
    await ctx.db.updateTable("plan_measures").set({ progress: 60, status: "delayed" }).where("id", "=", kept.id).execute();
    await ctx.db.updateTable("plan_milestones").set({ done_date: "2001-01-01" }).where("measure_id", "=", kept.id).execute();
    await ctx.db.deleteFrom("plan_measures").where("id", "=", dropped.id).execute();
    const added = await buildMeasure(ctx.db, plan, { progress: 0 });
    const toId = await take(plan);

    const diff = diffSnapshots(await getSnapshot(ctx.db, fromId), await getSnapshot(ctx.db, toId), "nl");
    assert.deepEqual([diff.from.id, diff.from.version, diff.to.id, diff.to.version], [fromId, 1, toId, 2]);
    assert.deepEqual(diff.plan, { progressBefore: 35, progressAfter: 40 });
    assert.deepEqual(diff.themes.map((t) => [t.number, t.title, t.progressBefore, t.progressAfter]), [
      [1, "Thème 1 NL", 20, 30],
      [2, "Thème 2 NL", 50, 50],
    ]);
    assert.deepEqual(diff.measures, [
      {
        code: kept.code,
        title: `Maatregel ${kept.code}`,
        changes: [
          { field: "status", before: "in_progress", after: "delayed" },
          { field: "progress", before: 10, after: 60 },
          { field: "lateMilestones", before: 1, after: 0 },
        ],
      },
    ]);
    assert.deepEqual(diff.added, [added.code]);
    assert.deepEqual(diff.removed, [dropped.code]);
    assert.ok(!diff.measures.some((m) => m.code === unchanged.code));

    const elsewhere = await take(await buildPlan(ctx.db));
    const error = await Promise.resolve()
      .then(async () => diffSnapshots(await getSnapshot(ctx.db, elsewhere), await getSnapshot(ctx.db, toId), "fr"))
      .catch((e: unknown) => e);
    assert.ok(error instanceof AppError);
    assert.equal(error.code, "validation_failed");
    assert.equal(error.options.fields?.[0]?.field, "query.against");
  });
});
