/** Governance bodies over HTTP: bodies, members, meetings, the calendar and action items (401/403/400/404/200). */
import assert from "node:assert/strict";
import { before, it } from "node:test";
import type { App } from "../../src/server/app.js";
import { translator } from "../../src/shared/i18n/index.js";
import { forEachDatabase } from "../helpers/databases.js";
import { anonymous, signIn, testApp, type Client } from "../helpers/http.js";
import { organisationIdOf } from "../helpers/access.builders.js";
import { buildMeasure, buildPlan, type BuiltPlan } from "../helpers/plan.builders.js";
import { userIdOf } from "../helpers/plan-bodies.builders.js";

interface FieldReply {
  error: { code: string; message: string; fields?: { field: string; key: string; message?: string }[] };
}

/** The 400's fields, and each message is the key translated (in one of the three languages). */
function fieldsOf(reply: { status: number; body: FieldReply }): string[] {
  assert.equal(reply.status, 400, JSON.stringify(reply.body));
  assert.equal(reply.body.error.code, "validation_failed");
  for (const f of reply.body.error.fields ?? []) {
    const translations = (["fr", "nl", "en"] as const).map((l) => translator(l)(f.key, { years: 2 }));
    assert.ok(f.key.startsWith("validation.") || translations.includes(f.message!), `${f.key}: ${f.message}`);
    assert.ok(!f.message!.startsWith("planBodies."), `untranslated ${f.key}`);
  }
  return (reply.body.error.fields ?? []).map((f) => f.field);
}

forEachDatabase("HTTP plan bodies and meetings", (ctx) => {
  let app: App;
  let coordinator: Client;
  let anderlechtEditor: Client;
  let stibEditor: Client;
  let plan: BuiltPlan;
  let anderlecht: number;

  before(async () => {
    app = testApp(ctx.db);
    coordinator = await signIn(app, "coordinator@bps.demo");
    anderlechtEditor = await signIn(app, "editor@anderlecht.demo");
    stibEditor = await signIn(app, "editor@stib.demo");
    plan = await buildPlan(ctx.db);
    anderlecht = await organisationIdOf(ctx.db, "mun-21001");
  });

  /** A working group of the plan's first theme, with the Anderlecht editor as a member, and one meeting. */
  async function workingGroup() {
    const body = await coordinator.json("POST", `/api/plan/plans/${plan.id}/bodies`, { kind: "working_group", themeId: plan.themes[0], nameFr: "GT 1", nameNl: "WG 1", nameEn: "WG 1" });
    assert.equal(body.status, 201, JSON.stringify(body.body));
    const member = await coordinator.json("POST", `/api/plan/bodies/${body.body.id}/members`, {
      organisationId: anderlecht,
      personName: "Els",
      userId: await userIdOf(ctx.db, "editor@anderlecht.demo"),
      role: "member",
    });
    assert.equal(member.status, 201, JSON.stringify(member.body));
    const meeting = await coordinator.json("POST", `/api/plan/bodies/${body.body.id}/meetings`, { startsAt: "2030-02-12T09:00:00+01:00", location: "Salle 1" });
    assert.equal(meeting.status, 201, JSON.stringify(meeting.body));
    return { bodyId: body.body.id as number, memberId: member.body.id as number, meetingId: meeting.body.id as number };
  }

  it("creates a body (201) and answers 401, 403, 404 and 400 naming the field", async () => {
    const good = { kind: "coordination_committee", nameFr: "Comité", nameNl: "Comité NL", nameEn: "Committee" };
    assert.equal((await anonymous(app).json("POST", `/api/plan/plans/${plan.id}/bodies`, good)).status, 401);
    assert.equal((await anderlechtEditor.json("POST", `/api/plan/plans/${plan.id}/bodies`, good)).status, 403);
    assert.equal((await coordinator.json("POST", "/api/plan/plans/987654/bodies", good)).status, 404);
    assert.deepEqual(fieldsOf(await coordinator.json("POST", `/api/plan/plans/${plan.id}/bodies`, { ...good, kind: "club" })), ["body.kind"]);
    assert.deepEqual(fieldsOf(await coordinator.json("POST", `/api/plan/plans/${plan.id}/bodies`, { ...good, kind: "working_group" })), ["body.themeId"]);
    const created = await coordinator.json("POST", `/api/plan/plans/${plan.id}/bodies`, good);
    assert.equal(created.status, 201);
    assert.equal(created.body.kind, "coordination_committee");
    assert.equal(created.body.theme, null);
    assert.deepEqual(created.body.members, []);
    assert.deepEqual(created.body.actions, ["read", "manage"]);
    const renamed = await coordinator.json("PATCH", `/api/plan/bodies/${created.body.id}`, { nameEn: "Coordination Committee" });
    assert.equal(renamed.status, 200);
    assert.equal(renamed.body.names.en, "Coordination Committee");
    assert.equal((await coordinator.json("PATCH", "/api/plan/bodies/987654", { nameEn: "x" })).status, 404);
  });

  it("lists bodies with membership, and shows meetings only to members and the agency", async () => {
    const { bodyId, memberId, meetingId } = await workingGroup();
    const forMember = (await anderlechtEditor.json("GET", `/api/plan/plans/${plan.id}/bodies`)).body.find((b: { id: number }) => b.id === bodyId);
    assert.equal(forMember.isMember, true);
    assert.equal(forMember.memberCount, 1);
    assert.deepEqual(forMember.theme, { id: plan.themes[0], number: 1, title: forMember.theme.title });
    assert.equal(forMember.nextMeeting.id, meetingId);
    assert.deepEqual(forMember.actions, ["read"]);
    const forOutsider = (await stibEditor.json("GET", `/api/plan/plans/${plan.id}/bodies`)).body.find((b: { id: number }) => b.id === bodyId);
    assert.equal(forOutsider.isMember, false);
    assert.equal(forOutsider.nextMeeting, null);

    const detail = await anderlechtEditor.json("GET", `/api/plan/bodies/${bodyId}`);
    assert.equal(detail.status, 200);
    assert.deepEqual(detail.body.members.map((m: { id: number; organisation: { code: string } }) => [m.id, m.organisation.code]), [[memberId, "mun-21001"]]);
    assert.deepEqual(detail.body.meetings, [{ id: meetingId, startsAt: "2030-02-12T08:00:00.000Z", location: "Salle 1", status: "planned" }]);
    assert.deepEqual((await stibEditor.json("GET", `/api/plan/bodies/${bodyId}`)).body.meetings, []);
    assert.equal((await stibEditor.json("GET", "/api/plan/bodies/987654")).status, 404);
    assert.equal((await stibEditor.json("GET", `/api/plan/plans/987654/bodies`)).status, 404);
  });

  it("manages members: 409 for a second seat of one account, 400 for an unknown organisation, PATCH to leave", async () => {
    const { bodyId, memberId } = await workingGroup();
    const again = await coordinator.json("POST", `/api/plan/bodies/${bodyId}/members`, { organisationId: anderlecht, personName: "Els", userId: await userIdOf(ctx.db, "editor@anderlecht.demo"), role: "chair" });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.fields[0].field, "body.userId");
    assert.deepEqual(fieldsOf(await coordinator.json("POST", `/api/plan/bodies/${bodyId}/members`, { organisationId: 987654, personName: "X", role: "member" })), ["body.organisationId"]);
    assert.deepEqual(fieldsOf(await coordinator.json("POST", `/api/plan/bodies/${bodyId}/members`, { organisationId: anderlecht, personName: "", role: "boss" })), ["body.personName", "body.role"]);
    assert.equal((await anderlechtEditor.json("PATCH", `/api/plan/members/${memberId}`, { active: false })).status, 403);
    const left = await coordinator.json("PATCH", `/api/plan/members/${memberId}`, { active: false });
    assert.equal(left.status, 200);
    assert.equal(left.body.active, false);
    assert.equal((await coordinator.json("PATCH", "/api/plan/members/987654", { active: false })).status, 404);
    const detail = (await anderlechtEditor.json("GET", `/api/plan/bodies/${bodyId}`)).body;
    assert.equal(detail.isMember, false);
    assert.deepEqual(detail.meetings, []);
  });

  it("saves a whole meeting with PUT, reads it as a member, refuses outsiders (403) and bad documents (400)", async () => {
    const { bodyId, memberId, meetingId } = await workingGroup();
    const measure = await buildMeasure(ctx.db, plan, { leadOrganisationCode: "mun-21001" });
    const doc = {
      startsAt: "2030-02-12T09:00:00+01:00",
      location: "Salle 2",
      status: "held",
      minutesFr: "PV",
      minutesNl: "Notulen",
      agenda: [{ titleFr: "Mesure", titleNl: "Maatregel", measureId: measure.id }],
      attendance: [{ memberId, present: true }],
      decisions: [{ agendaPosition: 1, textFr: "Oui", textNl: "Ja" }],
      actionItems: [{ title: "Rapport", ownerOrganisationId: anderlecht, ownerMemberId: memberId, dueDate: "2020-01-31", status: "open", decisionPosition: 1 }],
    };
    assert.equal((await anderlechtEditor.json("PUT", `/api/plan/meetings/${meetingId}`, doc)).status, 403);
    assert.deepEqual(fieldsOf(await coordinator.json("PUT", `/api/plan/meetings/${meetingId}`, { ...doc, attendance: [{ memberId: 987654, present: true }] })), ["body.attendance.0.memberId"]);
    assert.deepEqual(fieldsOf(await coordinator.json("PUT", `/api/plan/meetings/${meetingId}`, { ...doc, startsAt: "tomorrow", extra: 1 })), ["body.startsAt", "body.extra"]);
    assert.equal((await coordinator.json("PUT", "/api/plan/meetings/987654", doc)).status, 404);
    const saved = await coordinator.json("PUT", `/api/plan/meetings/${meetingId}`, doc);
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body.body.id, bodyId);

    const read = await anderlechtEditor.json("GET", `/api/plan/meetings/${meetingId}`);
    assert.equal(read.status, 200);
    assert.equal(read.body.agenda[0].measure.code, measure.code);
    assert.equal(read.body.decisions[0].agendaItemId, read.body.agenda[0].id);
    assert.equal(read.body.actionItems[0].late, true);
    assert.deepEqual(read.body.actionItems[0].actions, ["setStatus"]);
    assert.deepEqual(read.body.actions, ["read"]);
    assert.equal((await stibEditor.json("GET", `/api/plan/meetings/${meetingId}`)).status, 403);
    assert.equal((await stibEditor.json("GET", "/api/plan/meetings/987654")).status, 404);
    assert.deepEqual(fieldsOf(await stibEditor.json("GET", "/api/plan/meetings/abc")), ["param.id"]);
    assert.deepEqual(fieldsOf(await stibEditor.json("GET", "/api/plan/meetings/99999999999")), ["param.id"], "beyond a database integer");
    assert.deepEqual(fieldsOf(await coordinator.json("PUT", `/api/plan/meetings/${meetingId}`, { ...doc, minutesNl: "a\u0000b" })), ["body.minutesNl"]);
  });

  it("follows up an action item: the owner's editor sets the status, others get 403", async () => {
    const { meetingId, memberId } = await workingGroup();
    const put = await coordinator.json("PUT", `/api/plan/meetings/${meetingId}`, {
      startsAt: "2030-02-12T08:00:00Z", location: "", status: "planned", minutesFr: "", minutesNl: "", agenda: [], attendance: [], decisions: [],
      actionItems: [{ title: "Rapport", ownerOrganisationId: anderlecht, ownerMemberId: memberId, dueDate: "2031-01-31", status: "open" }],
    });
    const itemId = put.body.actionItems[0].id as number;
    assert.equal((await stibEditor.json("PATCH", `/api/plan/action-items/${itemId}`, { status: "done" })).status, 403);
    assert.equal((await anderlechtEditor.json("PATCH", `/api/plan/action-items/${itemId}`, { dueDate: "2031-06-30" })).status, 403);
    assert.deepEqual(fieldsOf(await anderlechtEditor.json("PATCH", `/api/plan/action-items/${itemId}`, { status: "maybe" })), ["body.status"]);
    const done = await anderlechtEditor.json("PATCH", `/api/plan/action-items/${itemId}`, { status: "done" });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.status, "done");
    assert.match(done.body.doneDate, /^\d{4}-\d{2}-\d{2}$/);
    assert.deepEqual(done.body.actions, ["setStatus"]);
    const moved = await coordinator.json("PATCH", `/api/plan/action-items/${itemId}`, { dueDate: "2031-06-30", status: "open" });
    assert.equal(moved.status, 200);
    assert.deepEqual([moved.body.dueDate, moved.body.status, moved.body.doneDate], ["2031-06-30", "open", null]);
    assert.equal((await coordinator.json("PATCH", "/api/plan/action-items/987654", { status: "done" })).status, 404);
    assert.equal((await anonymous(app).json("PATCH", `/api/plan/action-items/${itemId}`, { status: "done" })).status, 401);
  });

  it("gives the calendar of readable meetings, and 400 for a reversed or too wide range", async () => {
    const { meetingId } = await workingGroup();
    const council = await coordinator.json("POST", `/api/plan/plans/${plan.id}/bodies`, { kind: "security_council", nameFr: "Conseil", nameNl: "Raad", nameEn: "Council" });
    const councilMeeting = await coordinator.json("POST", `/api/plan/bodies/${council.body.id}/meetings`, { startsAt: "2030-02-13T09:00:00Z", status: "planned" });
    const range = `from=2030-02-01&to=2030-02-28&planId=${plan.id}`;
    const ids = async (client: Client) => (await client.json("GET", `/api/plan/meetings?${range}`)).body.map((m: { id: number }) => m.id);
    assert.ok((await ids(coordinator)).includes(councilMeeting.body.id));
    assert.ok((await ids(coordinator)).includes(meetingId));
    assert.ok((await ids(anderlechtEditor)).includes(meetingId));
    assert.ok(!(await ids(anderlechtEditor)).includes(councilMeeting.body.id));
    assert.deepEqual(await ids(stibEditor), []);
    const entry = (await coordinator.json("GET", `/api/plan/meetings?${range}`)).body.find((m: { id: number }) => m.id === meetingId);
    assert.deepEqual(Object.keys(entry).sort(), ["body", "id", "location", "startsAt", "status"]);

    assert.deepEqual(fieldsOf(await coordinator.json("GET", "/api/plan/meetings?from=2030-02-28&to=2030-02-01")), ["query.to"]);
    assert.deepEqual(fieldsOf(await coordinator.json("GET", "/api/plan/meetings?from=2030-01-01&to=2032-01-02")), ["query.to"]);
    assert.deepEqual(fieldsOf(await coordinator.json("GET", "/api/plan/meetings?from=2030-02-30")), ["query.from"]);
    assert.equal((await coordinator.json("GET", "/api/plan/meetings?planId=987654")).status, 404);
    assert.equal((await coordinator.json("GET", "/api/plan/meetings")).status, 200);
    assert.equal((await anonymous(app).json("GET", "/api/plan/meetings")).status, 401);
  });
});
