import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import { forEachDatabase } from "../../../test/helpers/databases.js";
import { openDatabase } from "../../server/db/database.js";
import { migrateToLatest } from "../../server/db/migrate.js";
import { seed } from "../../server/seed.js";
import { seedDemoAccounts } from "../access/access.seed.js";
import { demoRounds } from "./demo/reference.js";
import { planReporting } from "./demo/reporting.js";
import { planMeasures } from "./demo/timeline.js";
import { brusselsDay } from "./plan.common.js";
import { demoMeasuresByTheme, seedPlanDemo } from "./plan.demo.js";
import type { Db } from "../../server/db/database.js";

const count = <T>(items: T[], pick: (item: T) => unknown) => {
  const out = new Map<unknown, number>();
  for (const item of items) out.set(pick(item), (out.get(pick(item)) ?? 0) + 1);
  return out;
};

async function demo(db: Db) {
  const plan = await db.selectFrom("plans").selectAll().where("code", "=", "gvpp-2017-2020").executeTakeFirstOrThrow();
  const measures = await db
    .selectFrom("plan_measures as m")
    .innerJoin("plan_themes as t", "t.id", "m.theme_id")
    .innerJoin("organisations as o", "o.id", "m.lead_organisation_id")
    .selectAll("m")
    .select(["t.number as theme", "o.code as lead"])
    .where("m.plan_id", "=", plan.id)
    .orderBy("m.id")
    .execute();
  const ids = measures.map((m) => m.id);
  const rounds = await db.selectFrom("plan_rounds").selectAll().where("plan_id", "=", plan.id).orderBy("opens_on").execute();
  const updates = await db.selectFrom("plan_updates").selectAll().where("round_id", "in", rounds.map((r) => r.id)).orderBy("id").execute();
  const updateIds = updates.map((u) => u.id);
  return {
    plan, measures, rounds, updates,
    milestones: await db.selectFrom("plan_milestones").selectAll().where("measure_id", "in", ids).execute(),
    indicators: await db.selectFrom("plan_indicators").selectAll().where("measure_id", "in", ids).execute(),
    partners: await db.selectFrom("plan_measure_partners").selectAll().where("measure_id", "in", ids).execute(),
    goals: await db.selectFrom("plan_measure_goals").selectAll().where("measure_id", "in", ids).execute(),
    territories: await db.selectFrom("plan_measure_territories").selectAll().where("measure_id", "in", ids).execute(),
    updateMilestones: await db.selectFrom("plan_update_milestones").selectAll().where("update_id", "in", updateIds).execute(),
    updateValues: await db.selectFrom("plan_update_indicator_values").selectAll().where("update_id", "in", updateIds).execute(),
    comments: await db.selectFrom("plan_update_comments").selectAll().where("update_id", "in", updateIds).orderBy("id").execute(),
    revisions: await db.selectFrom("plan_update_revisions").selectAll().where("update_id", "in", updateIds).orderBy("id").execute(),
    users: await db.selectFrom("users as u").innerJoin("organisations as o", "o.id", "u.organisation_id").select(["u.id", "u.email", "u.role", "u.organisation_id", "o.kind"]).execute(),
  };
}

describe("demo plan content (pure)", () => {
  it("is the same on every run: no clock, no unseeded randomness", () => {
    const once = planReporting(planMeasures(demoMeasuresByTheme()), "2017-02-02T10:00:00.000Z");
    const again = planReporting(planMeasures(demoMeasuresByTheme()), "2017-02-02T10:00:00.000Z");
    assert.deepEqual(JSON.parse(JSON.stringify(once.updates)), JSON.parse(JSON.stringify(again.updates)));
    assert.deepEqual([...once.stored], [...again.stored]);
  });
});

forEachDatabase("plan demo content", (ctx) => {
  it("holds the 2017-2020 plan with its 10 themes, 5 transversal goals and 5 municipal priorities", async () => {
    const { plan } = await demo(ctx.db);
    assert.equal(plan.title_nl, "Globaal Veiligheids- en Preventieplan 2017-2020");
    assert.deepEqual([plan.start_year, plan.end_year, plan.status, plan.is_demo], [2017, 2020, "active", 1]);
    const themes = await ctx.db.selectFrom("plan_themes").selectAll().where("plan_id", "=", plan.id).orderBy("number").execute();
    assert.equal(themes.length, 10);
    assert.equal(themes[3]!.title_nl, "Mensenhandel en mensensmokkel");
    assert.equal(themes[9]!.title_en, "Crisis management and resilience");
    for (const table of ["plan_goals", "plan_priorities"] as const) {
      const rows = await ctx.db.selectFrom(table).selectAll().where("plan_id", "=", plan.id).execute();
      assert.deepEqual(rows.map((r) => r.number).sort(), [1, 2, 3, 4, 5]);
      assert.ok(rows.every((r) => r.title_fr && r.title_nl && r.title_en));
    }
  });

  it("has 119 demo measures coded by theme, in French and Dutch, led and partnered by seeded organisations", async () => {
    const { measures, partners, goals, territories } = await demo(ctx.db);
    assert.equal(measures.length, 119);
    assert.deepEqual([...count(measures, (m) => m.theme)].sort((a, b) => Number(a[0]) - Number(b[0])).map(([, n]) => n), [16, 14, 12, 9, 15, 11, 13, 10, 9, 10]);
    const perTheme = new Map<number, number>();
    for (const m of measures) {
      perTheme.set(m.theme, (perTheme.get(m.theme) ?? 0) + 1);
      assert.equal(m.code, `${m.theme}.${String(perTheme.get(m.theme)).padStart(2, "0")}`);
      assert.equal(m.is_demo, 1);
      assert.ok(m.title_fr && m.title_nl && m.description_fr.length > 40 && m.description_nl.length > 40, m.code);
      assert.notEqual(m.description_fr, m.description_nl);
    }
    assert.deepEqual([...new Set(measures.map((m) => m.pillar))].sort(), ["analysis_evaluation", "prevention", "reaction"]);
    assert.deepEqual([...new Set(measures.map((m) => m.approach))].sort(), ["territorial", "thematic", "transversal"]);
    const leads = count(measures, (m) => m.lead);
    assert.ok(leads.get("mun-21001")! >= 3 && leads.get("stib")! >= 2);
    const partnersOf = count(partners, (p) => p.measure_id);
    const goalsOf = count(goals, (g) => g.measure_id);
    for (const m of measures) {
      assert.ok((partnersOf.get(m.id) ?? 0) <= 4, m.code);
      assert.ok([1, 2].includes(goalsOf.get(m.id) ?? 0), m.code);
      assert.ok(!partners.some((p) => p.measure_id === m.id && p.organisation_id === m.lead_organisation_id), m.code);
      assert.equal(m.scope === "territories", territories.some((t) => t.measure_id === m.id), m.code);
    }
    const scoped = measures.filter((m) => m.scope === "territories").length;
    assert.ok(scoped >= 12 && scoped <= 18, `${scoped} territorial measures`);
    const known = {
      municipality: new Set((await ctx.db.selectFrom("municipalities").select("nis_code").execute()).map((r) => r.nis_code)),
      neighbourhood: new Set((await ctx.db.selectFrom("neighbourhoods").select("code").execute()).map((r) => r.code)),
      police_zone: new Set((await ctx.db.selectFrom("police_zones").select("id").execute()).map((r) => r.id)),
    };
    for (const t of territories) assert.ok(known[t.level as keyof typeof known].has(t.code), `${t.level} ${t.code}`);
  });

  it("gives every measure 1-4 milestones and 0-2 indicators consistent with its status as of end 2018", async () => {
    const { measures, milestones, indicators } = await demo(ctx.db);
    const statuses = count(measures, (m) => m.status);
    for (const s of ["planned", "in_progress", "done", "delayed", "stopped"]) assert.ok(statuses.get(s)! > 0, s);
    assert.ok(statuses.get("in_progress")! > statuses.get("done")! && statuses.get("stopped")! <= 10);
    for (const m of measures) {
      const own = milestones.filter((x) => x.measure_id === m.id).sort((a, b) => a.position - b.position);
      assert.ok(own.length >= 1 && own.length <= 4, m.code);
      assert.deepEqual(own.map((x) => x.position), own.map((_, i) => i + 1));
      for (const x of own) assert.ok(x.due_date >= "2017-01-01" && x.due_date <= "2020-12-31" && (x.done_date === null || x.done_date <= "2018-12-31"));
      if (m.status === "done") assert.ok(m.progress === 100 && own.every((x) => x.done_date), m.code);
      if (m.status === "planned") assert.ok(m.progress === 0 && own.every((x) => !x.done_date), m.code);
      if (["in_progress", "delayed"].includes(m.status)) assert.ok(m.progress > 0 && m.progress < 100, m.code);
      const ind = indicators.filter((i) => i.measure_id === m.id);
      assert.ok(ind.length <= 2 && ind.every((i) => i.baseline_value !== null && i.target_value !== null && (i.current_value === null) === (i.current_on === null)), m.code);
    }
    const late = milestones.filter((x) => x.due_date < "2018-12-31" && !x.done_date);
    assert.ok(late.length > 0 && late.some((x) => measures.find((m) => m.id === x.measure_id)!.status === "delayed"));
    assert.ok(indicators.some((i) => i.current_value !== null) && indicators.some((i) => i.current_value === null));
  });

  it("has 10 working groups of 11 to 40 active members, the Coordination Committee and the Council, with demo accounts sitting where they work", async () => {
    const { plan, users } = await demo(ctx.db);
    const bodies = await ctx.db.selectFrom("plan_bodies").selectAll().where("plan_id", "=", plan.id).execute();
    assert.equal(bodies.length, 12);
    assert.deepEqual([...count(bodies, (b) => b.kind)].sort(), [["coordination_committee", 1], ["security_council", 1], ["working_group", 10]]);
    const themes = await ctx.db.selectFrom("plan_themes").selectAll().where("plan_id", "=", plan.id).execute();
    const members = await ctx.db.selectFrom("plan_body_members").selectAll().where("body_id", "in", bodies.map((b) => b.id)).execute();
    const sizes = bodies.filter((b) => b.kind === "working_group").map((b) => {
      const theme = themes.find((t) => t.id === b.theme_id)!;
      assert.ok(b.name_nl.includes(theme.title_nl) && b.name_fr.includes(theme.title_fr));
      return members.filter((m) => m.body_id === b.id && m.active === 1).length;
    });
    assert.equal(new Set(bodies.map((b) => b.theme_id).filter(Boolean)).size, 10);
    assert.deepEqual([Math.min(...sizes), Math.max(...sizes)], [11, 40]);
    const user = (email: string) => users.find((u) => u.email === email)!;
    const groupsOf = (email: string) => members.filter((m) => m.user_id === user(email).id).map((m) => bodies.find((b) => b.id === m.body_id)!);
    assert.ok([1, 2].includes(groupsOf("editor@anderlecht.demo").filter((b) => b.kind === "working_group").length));
    assert.ok(groupsOf("editor@stib.demo").some((b) => themes.find((t) => t.id === b.theme_id)?.number === 6));
    assert.ok(members.filter((m) => m.user_id === user("coordinator@bps.demo").id && m.role === "secretary").length >= 3);
    for (const m of members.filter((x) => x.user_id !== null)) assert.equal(users.find((u) => u.id === m.user_id)!.organisation_id, m.organisation_id);
  });

  it("records the meetings: each working group in April 2017, November 2017 and November-December 2018, the Council 4 times in 2018", async () => {
    const { plan, measures } = await demo(ctx.db);
    const bodies = await ctx.db.selectFrom("plan_bodies").selectAll().where("plan_id", "=", plan.id).execute();
    const meetings = await ctx.db.selectFrom("plan_meetings").selectAll().where("body_id", "in", bodies.map((b) => b.id)).execute();
    const agenda = await ctx.db.selectFrom("plan_agenda_items").selectAll().where("meeting_id", "in", meetings.map((m) => m.id)).execute();
    const decisions = await ctx.db.selectFrom("plan_decisions").selectAll().where("meeting_id", "in", meetings.map((m) => m.id)).execute();
    const attendance = await ctx.db.selectFrom("plan_attendance").selectAll().where("meeting_id", "in", meetings.map((m) => m.id)).execute();
    const members = await ctx.db.selectFrom("plan_body_members").select(["id", "body_id"]).execute();
    const themes = await ctx.db.selectFrom("plan_themes").select(["id", "number"]).where("plan_id", "=", plan.id).execute();
    const month = (m: { starts_at: string }) => brusselsDay(new Date(m.starts_at)).slice(0, 7);
    for (const body of bodies) {
      const own = meetings.filter((m) => m.body_id === body.id);
      assert.ok(own.every((m) => m.status === "held" && m.minutes_fr && m.minutes_nl));
      for (const m of own) assert.equal(attendance.filter((a) => a.meeting_id === m.id).length, members.filter((x) => x.body_id === body.id).length);
      if (body.kind === "security_council") assert.deepEqual(own.map((m) => month(m).slice(0, 4)), ["2018", "2018", "2018", "2018"]);
      if (body.kind !== "working_group") continue;
      assert.deepEqual(own.map(month).sort().map((m, i) => (i === 2 ? ["2018-11", "2018-12"].includes(m) : m)), ["2017-04", "2017-11", true]);
      const theme = themes.find((t) => t.id === body.theme_id)!.number;
      for (const m of own) {
        const items = agenda.filter((a) => a.meeting_id === m.id && a.measure_id !== null);
        assert.ok(items.length >= 2 && items.every((a) => measures.find((x) => x.id === a.measure_id)!.theme === theme));
        const taken = decisions.filter((d) => d.meeting_id === m.id);
        assert.ok(taken.length >= 1 && taken.length <= 3 && taken.every((d) => items.some((a) => a.id === d.agenda_item_id && a.measure_id === d.measure_id)));
      }
    }
    const actions = await ctx.db.selectFrom("plan_action_items").selectAll().where("meeting_id", "in", meetings.map((m) => m.id)).execute();
    assert.ok(actions.some((a) => a.status === "open") && actions.some((a) => a.status === "done" && a.done_date));
    assert.ok(actions.every((a) => (a.status === "done") === (a.done_date !== null)));
  });

  it("holds two 2018 rounds: the first closed and mostly validated, the second open with every state; updates filed by the lead", async () => {
    const { measures, rounds, updates, comments, revisions, users, updateMilestones } = await demo(ctx.db);
    assert.deepEqual(rounds.map((r) => [r.deadline, r.status]), [["2018-07-15", "closed"], ["2019-01-31", "open"]]);
    assert.deepEqual(rounds.map((r) => r.name_fr), demoRounds.map((r) => r.name_fr));
    const of = (round: number) => updates.filter((u) => u.round_id === rounds[round]!.id);
    const late = (round: number) => of(round).filter((u) => u.first_submitted_at && brusselsDay(new Date(u.first_submitted_at)) > rounds[round]!.deadline);
    const first = count(of(0), (u) => u.state);
    assert.ok(first.get("validated")! >= 0.85 * of(0).length && !first.has("returned") && late(0).length >= 3);
    const second = count(of(1), (u) => u.state);
    for (const s of ["draft", "submitted", "returned", "validated"]) assert.ok(second.get(s)! >= 5, s);
    assert.ok(late(1).length >= 1);
    for (const round of [0, 1]) assert.equal(new Set(of(round).map((u) => u.measure_id)).size, of(round).length);
    const stopped = measures.filter((m) => m.status === "stopped").map((m) => m.id);
    assert.ok(stopped.length > 0 && of(1).every((u) => !stopped.includes(u.measure_id)));
    for (const u of updates) {
      const measure = measures.find((m) => m.id === u.measure_id)!;
      assert.equal(u.organisation_id, measure.lead_organisation_id);
      const own = revisions.filter((r) => r.update_id === u.id);
      assert.equal(own.filter((r) => r.action === "submitted").length, u.version, `update ${u.id}`);
      if (u.state === "draft") assert.ok(u.version === 0 && !u.first_submitted_at && own.length === 0);
      else assert.equal(own.at(-1)!.action, u.state === "validated" ? "validated" : u.state === "returned" ? "returned" : "submitted");
      if (u.submitted_by !== null) assert.equal(users.find((x) => x.id === u.submitted_by)!.organisation_id, u.organisation_id);
      if (u.state === "validated") {
        const judge = users.find((x) => x.id === u.validated_by)!;
        assert.ok(judge.kind === "agency" && ["coordinator", "admin"].includes(judge.role) && u.validated_at! > u.submitted_at!);
      }
      const open = comments.filter((c) => c.update_id === u.id && c.kind === "return" && !c.resolved);
      assert.equal(open.length > 0, u.state === "returned", `update ${u.id}`);
      for (const r of own) assert.equal(JSON.parse(r.payload).version, r.version);
      // Nothing is reported done after the day it was written.
      const written = brusselsDay(new Date(u.first_submitted_at ?? u.updated_at));
      for (const p of updateMilestones.filter((p) => p.update_id === u.id && p.done_date)) assert.ok(p.done_date! < written, `update ${u.id}`);
    }
  });

  it("attaches evidence files where organisations sent them, and one frozen snapshot for the interim review", async () => {
    const { plan, updates, comments } = await demo(ctx.db);
    const evidence = await ctx.db.selectFrom("plan_evidence").selectAll().where("update_id", "in", updates.map((u) => u.id)).execute();
    assert.ok(evidence.length >= 10);
    for (const e of evidence) {
      const u = updates.find((x) => x.id === e.update_id)!;
      assert.ok(u.state !== "draft" && e.uploaded_at <= u.submitted_at! && e.filename.endsWith(".csv") && e.content_type === "text/csv");
      const bytes = Buffer.from(e.content);
      assert.equal(e.size, bytes.length);
      assert.equal(e.sha256, createHash("sha256").update(bytes).digest("hex"));
    }
    const asked = comments.filter((c) => c.field === "evidence" && c.kind === "return");
    assert.ok(asked.length > 0);
    for (const c of asked) assert.equal(evidence.some((e) => e.update_id === c.update_id), c.resolved === 1);
    const snapshots = await ctx.db.selectFrom("plan_snapshots").selectAll().where("plan_id", "=", plan.id).execute();
    assert.equal(snapshots.length, 1);
    assert.equal(snapshots[0]!.sha256, createHash("sha256").update(snapshots[0]!.data).digest("hex"));
    assert.equal(JSON.parse(snapshots[0]!.data).snapshot.day, "2019-02-15");
  });

  it("keeps every measure's figures equal to its last validated update", async () => {
    const { measures, rounds, updates, milestones, indicators, updateMilestones, updateValues } = await demo(ctx.db);
    let checked = 0;
    for (const m of measures) {
      const last = updates.filter((u) => u.measure_id === m.id && u.state === "validated").sort((a, b) => rounds.findIndex((r) => r.id === b.round_id) - rounds.findIndex((r) => r.id === a.round_id))[0];
      if (!last) continue;
      const lastId: number = last.id;
      checked++;
      assert.deepEqual([m.status, m.progress], [last.status, last.progress], m.code);
      for (const x of milestones.filter((x) => x.measure_id === m.id)) {
        assert.equal(x.done_date, updateMilestones.find((p) => p.update_id === lastId && p.milestone_id === x.id)!.done_date, m.code);
      }
      for (const i of indicators.filter((i) => i.measure_id === m.id)) {
        const value = updateValues.find((v) => v.update_id === lastId && v.indicator_id === i.id);
        assert.equal(i.current_value, value ? value.value : null, m.code);
        if (value) assert.equal(i.current_on, brusselsDay(new Date(last.validated_at!)));
      }
    }
    assert.ok(checked >= 100, `${checked} measures checked`);
  });

  it("is created once: a second call does nothing and answers false", async () => {
    const before = (await demo(ctx.db)).updates.length;
    assert.equal(await ctx.db.transaction().execute((trx) => seedPlanDemo(trx)), false);
    assert.equal((await ctx.db.selectFrom("plans").select("id").where("code", "=", "gvpp-2017-2020").execute()).length, 1);
    assert.equal((await demo(ctx.db)).updates.length, before);
  });
});

describe("demo plan seeding time", () => {
  it("creates the whole demo plan well within 1.5 s on SQLite", async () => {
    const db = openDatabase(":memory:");
    try {
      await migrateToLatest(db);
      await seed(db, { demo: false });
      await db.transaction().execute((trx) => seedDemoAccounts(trx));
      const started = performance.now();
      assert.equal(await db.transaction().execute((trx) => seedPlanDemo(trx)), true);
      const elapsed = performance.now() - started;
      assert.ok(elapsed < 1500, `${Math.round(elapsed)} ms`);
    } finally {
      await db.destroy();
    }
  });
});
