/** Reading measures: the list's filters and order, and the detail's updates, meetings and decisions as each caller may see them. */
import assert from "node:assert/strict";
import { it } from "node:test";
import type { Db } from "../../server/db/database.js";
import { forEachDatabase } from "../../../test/helpers/databases.js";
import { actorOf, organisationIdOf, unique } from "../../../test/helpers/access.builders.js";
import { buildMeasure, buildPlan } from "../../../test/helpers/plan.builders.js";
import { getMeasureDetail } from "./measure-detail.service.js";
import { listMeasureRows } from "./measure-list.service.js";

const now = new Date().toISOString();

async function round(db: Db, planId: number, deadline: string) {
  const name = unique("Tour");
  return (
    await db
      .insertInto("plan_rounds")
      .values({ plan_id: planId, name_fr: name, name_nl: `${name} NL`, name_en: `${name} EN`, period_label: deadline.slice(0, 7), opens_on: `${deadline.slice(0, 8)}01`, deadline, status: "open", created_by: null, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
}

async function update(db: Db, roundId: number, measureId: number, organisationId: number, firstSubmittedAt: string | null) {
  return (
    await db
      .insertInto("plan_updates")
      .values({
        round_id: roundId, measure_id: measureId, organisation_id: organisationId, state: firstSubmittedAt ? "submitted" : "draft", version: firstSubmittedAt ? 1 : 0,
        status: null, progress: firstSubmittedAt ? 30 : null, narrative: "", narrative_lang: null, first_submitted_at: firstSubmittedAt, submitted_at: firstSubmittedAt,
        submitted_by: null, validated_at: null, validated_by: null, updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
}

/** A body of the plan (with the given accounts as members), one meeting discussing the measure, and optionally a decision on it. */
async function meetingAbout(db: Db, planId: number, measureId: number, memberEmails: string[], startsAt: string, decision?: string) {
  const body = await db.insertInto("plan_bodies").values({ plan_id: planId, kind: "working_group", theme_id: null, name_fr: "GT", name_nl: "WG", name_en: "WG" }).returning("id").executeTakeFirstOrThrow();
  for (const email of memberEmails) {
    const user = await db.selectFrom("users").select(["id", "organisation_id"]).where("email", "=", email).executeTakeFirstOrThrow();
    await db.insertInto("plan_body_members").values({ body_id: body.id, organisation_id: user.organisation_id, person_name: email, user_id: user.id, role: "member", active: 1 }).execute();
  }
  const meeting = await db.insertInto("plan_meetings").values({ body_id: body.id, starts_at: startsAt, location: "", status: "held", minutes_fr: "", minutes_nl: "" }).returning("id").executeTakeFirstOrThrow();
  await db.insertInto("plan_agenda_items").values({ meeting_id: meeting.id, position: 1, title_fr: "Point mesure", title_nl: "Punt maatregel", measure_id: measureId }).execute();
  if (decision) await db.insertInto("plan_decisions").values({ meeting_id: meeting.id, agenda_item_id: null, measure_id: measureId, text_fr: decision, text_nl: `${decision} NL` }).execute();
  return meeting.id;
}

forEachDatabase("measure reading", (ctx) => {
  it("filters the list by theme, pillar, status, lead and words (accents ignored), in natural code order", async () => {
    const plan = await buildPlan(ctx.db);
    const a = await buildMeasure(ctx.db, plan, { code: "1.10", pillar: "reaction", status: "delayed", leadOrganisationCode: "stib" });
    const b = await buildMeasure(ctx.db, plan, { code: "1.2", milestones: [{ due: "2018-01-31" }, { due: "2018-02-28", done: "2018-02-01" }, { due: "2019-01-31" }] });
    const c = await buildMeasure(ctx.db, plan, { code: "0.1", themeId: plan.themes[2]! });
    await ctx.db.updateTable("plan_measures").set({ title_fr: "Sécurité routière aux abords des écoles" }).where("id", "=", a.id).execute();
    const codes = async (filter: Parameters<typeof listMeasureRows>[2]) => (await listMeasureRows(ctx.db, plan.id, filter, "2018-06-01")).map((m) => m.code);
    assert.deepEqual(await codes({}), ["1.2", "1.10", "0.1"], "theme number first, then natural code order");
    assert.deepEqual(await codes({ theme: plan.themes[2]! }), ["0.1"]);
    assert.deepEqual(await codes({ pillar: "reaction" }), ["1.10"]);
    assert.deepEqual(await codes({ status: "delayed" }), ["1.10"]);
    assert.deepEqual(await codes({ lead: await organisationIdOf(ctx.db, "stib") }), ["1.10"]);
    assert.deepEqual(await codes({ q: "SECURITE ecoles" }), ["1.10"]);
    assert.deepEqual(await codes({ q: "maatregel 0.1" }), ["0.1"], "Dutch title and code");
    const rows = await listMeasureRows(ctx.db, plan.id, {}, "2018-06-01");
    assert.deepEqual(rows.map((r) => r.late_milestones), [1, 0, 0]);
    assert.ok(b.id && c.id);
  });

  it("shows the updates filed for the measure to the agency, and to an organisation only those it filed", async () => {
    const plan = await buildPlan(ctx.db);
    const anderlecht = await organisationIdOf(ctx.db, "mun-21001");
    const stib = await organisationIdOf(ctx.db, "stib");
    const measure = await buildMeasure(ctx.db, plan, { leadOrganisationCode: "mun-21001" });
    const onTime = await update(ctx.db, await round(ctx.db, plan.id, "2018-06-30"), measure.id, anderlecht, "2018-06-30T21:00:00Z");
    const unfiled = await update(ctx.db, await round(ctx.db, plan.id, "2018-12-31"), measure.id, anderlecht, null);
    const byStib = await update(ctx.db, await round(ctx.db, plan.id, "2017-12-31"), measure.id, stib, "2018-01-05T10:00:00Z");

    const agency = await getMeasureDetail(ctx.db, await actorOf(ctx.db, "analyst@bps.demo"), measure.id, "2019-01-01");
    assert.deepEqual(agency.history.map((h) => [h.id, h.late]), [[unfiled, true], [onTime, false], [byStib, true]], "newest round first");
    const own = await getMeasureDetail(ctx.db, await actorOf(ctx.db, "editor@anderlecht.demo"), measure.id, "2018-12-31");
    assert.deepEqual(own.history.map((h) => [h.id, h.late]), [[unfiled, false], [onTime, false]]);
    const stranger = await getMeasureDetail(ctx.db, await actorOf(ctx.db, "viewer@police-school.demo"), measure.id);
    assert.equal(stranger.history.length, 0);
  });

  it("lists the meetings and decisions about the measure that the caller may read", async () => {
    const plan = await buildPlan(ctx.db);
    const measure = await buildMeasure(ctx.db, plan);
    const shared = await meetingAbout(ctx.db, plan.id, measure.id, ["editor@anderlecht.demo"], "2018-04-20T08:00:00.000Z");
    const closed = await meetingAbout(ctx.db, plan.id, measure.id, ["editor@stib.demo"], "2018-11-15T13:00:00.000Z", "Prolonger la mesure");

    const agency = await getMeasureDetail(ctx.db, await actorOf(ctx.db, "viewer@bps.demo"), measure.id);
    assert.deepEqual(agency.meetings.map((m) => m.meeting_id), [closed, shared], "latest first");
    assert.deepEqual(agency.decisions.map((d) => [d.meeting_id, d.text_fr]), [[closed, "Prolonger la mesure"]]);
    const member = await getMeasureDetail(ctx.db, await actorOf(ctx.db, "editor@anderlecht.demo"), measure.id);
    assert.deepEqual(member.meetings.map((m) => m.meeting_id), [shared]);
    assert.equal(member.decisions.length, 0);
    const stib = await getMeasureDetail(ctx.db, await actorOf(ctx.db, "editor@stib.demo"), measure.id);
    assert.deepEqual([stib.meetings.map((m) => m.meeting_id), stib.decisions.length], [[closed], 1]);
  });
});
