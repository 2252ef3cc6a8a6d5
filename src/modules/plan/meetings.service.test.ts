/** Meetings on a real database: scheduling, who reads them, the calendar, and saving a whole meeting. */
import assert from "node:assert/strict";
import { it } from "node:test";
import { rejectsWith } from "../../../test/helpers/assertions.js";
import { forEachDatabase } from "../../../test/helpers/databases.js";
import { actorOf, agencyAdmin, organisationIdOf } from "../../../test/helpers/access.builders.js";
import { buildMeasure, buildPlan } from "../../../test/helpers/plan.builders.js";
import { auditEntriesOf, buildBody, buildMeeting, buildMember } from "../../../test/helpers/plan-bodies.builders.js";
import type { MeetingDocument } from "./bodies.schema.js";
import { presentMeeting } from "./bodies.presenter.js";
import { replaceMeeting } from "./meeting-document.service.js";
import { calendar, calendarRange, createMeeting, getMeeting } from "./meetings.service.js";

const TODAY = "2018-12-15";

forEachDatabase("plan meetings service", (ctx) => {
  /** A body with an agency chair, an Anderlecht member with the editor's account, and a meeting. */
  async function setting() {
    const plan = await buildPlan(ctx.db);
    const measure = await buildMeasure(ctx.db, plan, { leadOrganisationCode: "mun-21001" });
    const body = await buildBody(ctx.db, plan);
    const editor = await actorOf(ctx.db, "editor@anderlecht.demo");
    const chair = await buildMember(ctx.db, body, { role: "chair" });
    const anderlechtMember = await buildMember(ctx.db, body, { organisationCode: "mun-21001", userId: editor.userId });
    const meetingId = await buildMeeting(ctx.db, body);
    return { plan, measure, body, editor, chair, anderlechtMember, meetingId, anderlecht: await organisationIdOf(ctx.db, "mun-21001") };
  }

  function documentFor(s: Awaited<ReturnType<typeof setting>>): MeetingDocument {
    return {
      startsAt: "2018-11-20T10:30:00+01:00",
      location: "Botanique",
      status: "held",
      minutesFr: "Procès-verbal",
      minutesNl: "Notulen",
      agenda: [
        { titleFr: "Ouverture", titleNl: "Opening" },
        { titleFr: "Mesure", titleNl: "Maatregel", measureId: s.measure.id },
      ],
      attendance: [
        { memberId: s.chair, present: true },
        { memberId: s.anderlechtMember, present: false },
      ],
      decisions: [{ agendaPosition: 2, textFr: "On accélère", textNl: "We versnellen" }, { textFr: "Divers", textNl: "Varia" }],
      actionItems: [
        { title: "Rapport", ownerOrganisationId: s.anderlecht, ownerMemberId: s.anderlechtMember, dueDate: "2018-12-01", status: "open", decisionPosition: 1 },
        { title: "Budget", ownerOrganisationId: s.anderlecht, dueDate: "2018-12-01", status: "done", doneDate: "2018-11-30" },
        { title: "Suivi", ownerOrganisationId: s.anderlecht, dueDate: "2019-01-31", status: "open" },
      ],
    };
  }

  it("schedules a meeting in UTC whatever the offset given, and audits it", async () => {
    const admin = await agencyAdmin(ctx.db);
    const s = await setting();
    const id = await ctx.db.transaction().execute((trx) => createMeeting(trx, admin, s.body.id, { startsAt: "2019-03-05T14:00:00+01:00" }));
    const row = await ctx.db.selectFrom("plan_meetings").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    assert.equal(row.starts_at, "2019-03-05T13:00:00.000Z");
    assert.equal(row.status, "planned");
    assert.equal((await auditEntriesOf(ctx.db, "meeting", id))[0]!.action, "meeting.created");
    await rejectsWith(ctx.db.transaction().execute((trx) => createMeeting(trx, admin, 987654, { startsAt: "2019-03-05T14:00:00Z" })), "not_found");
  });

  it("lets the agency and active members read a meeting; others get 403, unknown ids 404", async () => {
    const s = await setting();
    assert.equal((await getMeeting(ctx.db, await actorOf(ctx.db, "viewer@bps.demo"), s.meetingId)).meeting.id, s.meetingId);
    assert.equal((await getMeeting(ctx.db, s.editor, s.meetingId)).meeting.id, s.meetingId);
    await rejectsWith(getMeeting(ctx.db, await actorOf(ctx.db, "admin@anderlecht.demo"), s.meetingId), "forbidden");
    await rejectsWith(getMeeting(ctx.db, await actorOf(ctx.db, "editor@stib.demo"), s.meetingId), "forbidden");
    await ctx.db.updateTable("plan_body_members").set({ active: 0 }).where("id", "=", s.anderlechtMember).execute();
    await rejectsWith(getMeeting(ctx.db, s.editor, s.meetingId), "forbidden");
    await rejectsWith(getMeeting(ctx.db, s.editor, 987654), "not_found");
  });

  it("saves a whole meeting: agenda, attendance, minutes, decisions linked to agenda and measure, action items", async () => {
    const admin = await agencyAdmin(ctx.db);
    const s = await setting();
    await ctx.db.transaction().execute((trx) => replaceMeeting(trx, admin, s.meetingId, documentFor(s), TODAY));
    const detail = await getMeeting(ctx.db, admin.actor, s.meetingId);
    const shown = presentMeeting(admin.actor, "nl", detail, TODAY);
    assert.equal(shown.startsAt, "2018-11-20T09:30:00.000Z");
    assert.equal(shown.status, "held");
    assert.deepEqual(shown.minutes, { fr: "Procès-verbal", nl: "Notulen" });
    assert.deepEqual(shown.agenda.map((a) => [a.position, a.title, a.measure?.code ?? null]), [[1, "Opening", null], [2, "Maatregel", s.measure.code]]);
    assert.deepEqual(shown.attendance.map((a) => [a.memberId, a.present]).sort(), [[s.chair, true], [s.anderlechtMember, false]].sort());
    const [first, second] = shown.decisions;
    assert.equal(first!.agendaItemId, shown.agenda[1]!.id);
    assert.equal(first!.agendaPosition, 2);
    assert.equal(first!.measure?.id, s.measure.id, "a decision takes the measure of its agenda item");
    assert.equal(first!.text, "We versnellen");
    assert.equal(second!.agendaItemId, null);
    assert.equal(second!.measure, null);
    const byTitle = new Map(shown.actionItems.map((a) => [a.title, a]));
    assert.equal(byTitle.get("Rapport")!.decisionId, first!.id);
    assert.equal(byTitle.get("Rapport")!.owner.memberId, s.anderlechtMember);
    assert.equal(byTitle.get("Rapport")!.late, true, "open after its due date");
    assert.equal(byTitle.get("Budget")!.late, false, "done");
    assert.equal(byTitle.get("Budget")!.doneDate, "2018-11-30");
    assert.equal(byTitle.get("Suivi")!.late, false, "not yet due");
    assert.deepEqual(byTitle.get("Rapport")!.actions, ["edit", "setStatus"]);
    assert.deepEqual(presentMeeting(s.editor, "fr", detail, TODAY).actionItems[0]!.actions, ["setStatus"], "the owner organisation's editor reports status");
  });

  it("replaces the parts on the next save, keeps listed action items, and audits one summarised change", async () => {
    const admin = await agencyAdmin(ctx.db);
    const s = await setting();
    const doc = documentFor(s);
    await ctx.db.transaction().execute((trx) => replaceMeeting(trx, admin, s.meetingId, doc, TODAY));
    const kept = (await getMeeting(ctx.db, admin.actor, s.meetingId)).actionItems.find((a) => a.title === "Suivi")!;
    const next: MeetingDocument = {
      ...doc,
      minutesNl: "Notulen, verbeterd",
      agenda: [doc.agenda[1]!],
      attendance: [{ memberId: s.chair, present: true }],
      decisions: [{ agendaPosition: 1, textFr: "Décidé", textNl: "Beslist" }],
      actionItems: [{ id: kept.id, title: "Suivi renommé", ownerOrganisationId: s.anderlecht, dueDate: "2019-01-31", status: "open", decisionPosition: 1 }],
    };
    await ctx.db.transaction().execute((trx) => replaceMeeting(trx, admin, s.meetingId, next, TODAY));
    const detail = await getMeeting(ctx.db, admin.actor, s.meetingId);
    assert.equal(detail.agenda.length, 1);
    assert.equal(detail.attendance.length, 1);
    assert.equal(detail.decisions.length, 1);
    assert.deepEqual(detail.actionItems.map((a) => [a.id, a.title, a.decision_id]), [[kept.id, "Suivi renommé", detail.decisions[0]!.id]]);

    const entries = await auditEntriesOf(ctx.db, "meeting", s.meetingId);
    assert.deepEqual(entries.map((e) => e.action), ["meeting.updated", "meeting.updated"]);
    const first = entries[0]!.diff;
    assert.deepEqual(first.status, ["planned", "held"]);
    assert.deepEqual(first.agenda_items, [0, 2]);
    assert.deepEqual(first.attendance_present, [0, 1]);
    assert.deepEqual(first.action_items_open, [0, 2]);
    assert.equal(first.minutes_fr![0], "empty");
    assert.match(String(first.minutes_fr![1]), /^13 chars, sha256 [0-9a-f]{12}$/);
    const second = entries[1]!.diff;
    assert.deepEqual(Object.keys(second).sort(), [
      "action_items", "action_items_content", "action_items_open", "agenda_content", "agenda_items", "attendance_content",
      "attendance_recorded", "decisions", "decisions_content", "minutes_nl",
    ]);
    assert.ok(!JSON.stringify(second).includes("verbeterd"), "the audit keeps a fingerprint of the minutes, not the text");
  });

  it("refuses a document naming every wrong field, and writes nothing", async () => {
    const admin = await agencyAdmin(ctx.db);
    const s = await setting();
    const elsewhere = await setting();
    const otherPlanMeasure = elsewhere.measure.id;
    const doc = documentFor(s);
    const bad: MeetingDocument = {
      ...doc,
      agenda: [{ titleFr: "x", titleNl: "x", measureId: otherPlanMeasure }],
      attendance: [{ memberId: s.chair, present: true }, { memberId: elsewhere.chair, present: true }, { memberId: s.chair, present: false }],
      decisions: [{ agendaPosition: 3, textFr: "x", textNl: "x" }],
      actionItems: [
        { title: "a", ownerOrganisationId: 987654, dueDate: "2019-01-01", status: "open" },
        { title: "b", ownerOrganisationId: s.anderlecht, ownerMemberId: s.chair, dueDate: "2019-01-01", status: "open", doneDate: "2018-12-01" },
        { title: "c", ownerOrganisationId: s.anderlecht, dueDate: "2019-01-01", status: "done", doneDate: "2018-12-16", decisionPosition: 2 },
        { id: 987654, title: "d", ownerOrganisationId: s.anderlecht, ownerMemberId: elsewhere.chair, dueDate: "2019-01-01", status: "open" },
      ],
    };
    const error = await rejectsWith(ctx.db.transaction().execute((trx) => replaceMeeting(trx, admin, s.meetingId, bad, TODAY)), "validation_failed");
    assert.deepEqual(
      error.options.fields!.map((f) => `${f.field} ${f.key.replace("planBodies.validation.", "")}`),
      [
        "body.agenda.0.measureId measureNotInPlan",
        "body.attendance.1.memberId notAMember",
        "body.attendance.2.memberId duplicateMember",
        "body.decisions.0.agendaPosition noSuchAgendaPosition",
        "body.actionItems.0.ownerOrganisationId unknownOrganisation",
        "body.actionItems.1.ownerMemberId memberOfOtherOrganisation",
        "body.actionItems.1.doneDate doneDateOnlyWhenDone",
        "body.actionItems.2.decisionPosition noSuchDecisionPosition",
        "body.actionItems.2.doneDate doneDateInFuture",
        "body.actionItems.3.id actionItemOfOtherMeeting",
        "body.actionItems.3.ownerMemberId notAMember",
      ],
    );
    const row = await ctx.db.selectFrom("plan_meetings").selectAll().where("id", "=", s.meetingId).executeTakeFirstOrThrow();
    assert.equal(row.status, "planned");
    assert.deepEqual(await auditEntriesOf(ctx.db, "meeting", s.meetingId), []);
    await rejectsWith(ctx.db.transaction().execute((trx) => replaceMeeting(trx, admin, 987654, doc, TODAY)), "not_found");
  });

  it("checks calendar ranges: defaults, order, at most two years", () => {
    assert.deepEqual(calendarRange({}, "2018-06-15"), { from: "2017-06-15", to: "2019-06-15" });
    assert.deepEqual(calendarRange({ from: "2018-01-01" }, TODAY), { from: "2018-01-01", to: "2019-01-01" });
    assert.deepEqual(calendarRange({ to: "2018-01-01" }, TODAY), { from: "2017-01-01", to: "2018-01-01" });
    assert.deepEqual(calendarRange({ from: "2018-01-01", to: "2020-01-01" }, TODAY), { from: "2018-01-01", to: "2020-01-01" });
    assert.throws(() => calendarRange({ from: "2018-01-01", to: "2020-01-02" }), (e: any) => e.options.fields[0].field === "query.to" && e.options.fields[0].key === "planBodies.validation.rangeTooWide");
    assert.throws(() => calendarRange({ from: "2018-01-02", to: "2018-01-01" }), (e: any) => e.code === "validation_failed" && e.options.fields[0].key === "planBodies.validation.rangeReversed");
  });

  it("lists in the calendar the meetings of the range by Brussels day, only those the caller may read", async () => {
    const s = await setting();
    const council = await buildBody(ctx.db, s.plan, { kind: "security_council" });
    const lateEvening = await buildMeeting(ctx.db, council, { startsAt: "2019-03-31T22:30:00.000Z" }); // 1 April 00:30 in Brussels
    const onFirst = await buildMeeting(ctx.db, s.body, { startsAt: "2019-04-01T08:00:00.000Z" });
    const onThirtieth = await buildMeeting(ctx.db, s.body, { startsAt: "2019-04-30T21:30:00.000Z" }); // 30 April 23:30 in Brussels
    await buildMeeting(ctx.db, s.body, { startsAt: "2019-04-30T22:30:00.000Z" }); // 1 May in Brussels
    await buildMeeting(ctx.db, s.body, { startsAt: "2019-03-31T21:30:00.000Z" }); // 31 March in Brussels
    const range = { from: "2019-04-01", to: "2019-04-30", planId: s.plan.id };

    const forAgency = await calendar(ctx.db, await actorOf(ctx.db, "viewer@bps.demo"), range, TODAY);
    assert.deepEqual(forAgency.map((m) => m.id), [lateEvening, onFirst, onThirtieth]);
    const forMember = await calendar(ctx.db, s.editor, range, TODAY);
    assert.deepEqual(forMember.map((m) => m.id), [onFirst, onThirtieth], "the member does not sit on the council");
    assert.deepEqual(await calendar(ctx.db, await actorOf(ctx.db, "editor@stib.demo"), range, TODAY), []);
    await rejectsWith(calendar(ctx.db, s.editor, { ...range, planId: 987654 }, TODAY), "not_found");
  });
});
