/** Governance bodies and their members on a real database: rules, membership, visibility and audit. */
import assert from "node:assert/strict";
import { it } from "node:test";
import { rejectsWith } from "../../../test/helpers/assertions.js";
import { forEachDatabase } from "../../../test/helpers/databases.js";
import { actorOf, agencyAdmin, buildUser, organisationIdOf } from "../../../test/helpers/access.builders.js";
import { buildPlan } from "../../../test/helpers/plan.builders.js";
import { auditEntriesOf, buildBody, buildMeeting, buildMember, userIdOf } from "../../../test/helpers/plan-bodies.builders.js";
import { addMember, createBody, getBody, listBodies, updateBody, updateMember } from "./bodies.service.js";

const NOW = new Date("2018-06-01T10:00:00Z");

forEachDatabase("plan bodies service", (ctx) => {
  it("creates a working group on a theme of its plan and audits it", async () => {
    const admin = await agencyAdmin(ctx.db);
    const plan = await buildPlan(ctx.db);
    const id = await ctx.db.transaction().execute((trx) =>
      createBody(trx, admin, plan.id, { kind: "working_group", themeId: plan.themes[1]!, nameFr: "GT drogues", nameNl: "WG drugs", nameEn: "WG drugs" }),
    );
    const row = await ctx.db.selectFrom("plan_bodies").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    assert.equal(row.plan_id, plan.id);
    assert.equal(row.theme_id, plan.themes[1]);
    const [entry, ...rest] = await auditEntriesOf(ctx.db, "body", id);
    assert.equal(rest.length, 0);
    assert.equal(entry!.action, "body.created");
    assert.equal(entry!.actor_user_id, admin.actor.userId);
    assert.deepEqual(entry!.diff.name_nl, [null, "WG drugs"]);
  });

  it("refuses a working group without a theme, a committee with one, and a theme of another plan (400 naming body.themeId)", async () => {
    const admin = await agencyAdmin(ctx.db);
    const plan = await buildPlan(ctx.db);
    const other = await buildPlan(ctx.db);
    const names = { nameFr: "Organe", nameNl: "Orgaan", nameEn: "Body" };
    const create = (input: Parameters<typeof createBody>[3]) => ctx.db.transaction().execute((trx) => createBody(trx, admin, plan.id, input));
    const e1 = await rejectsWith(create({ kind: "working_group", ...names }), "validation_failed", ["body.themeId"]);
    assert.equal(e1.options.fields![0]!.key, "planBodies.validation.themeRequired");
    const e2 = await rejectsWith(create({ kind: "coordination_committee", themeId: plan.themes[0]!, ...names }), "validation_failed", ["body.themeId"]);
    assert.equal(e2.options.fields![0]!.key, "planBodies.validation.themeOnlyForWorkingGroups");
    const e3 = await rejectsWith(create({ kind: "working_group", themeId: other.themes[0]!, ...names }), "validation_failed", ["body.themeId"]);
    assert.equal(e3.options.fields![0]!.key, "planBodies.validation.themeNotInPlan");
    await rejectsWith(ctx.db.transaction().execute((trx) => createBody(trx, admin, 987654, { kind: "security_council", ...names })), "not_found");
    assert.equal((await ctx.db.selectFrom("plan_bodies").select("id").where("plan_id", "=", plan.id).execute()).length, 0);
  });

  it("renames a body, and turning a working group into a committee drops its theme", async () => {
    const admin = await agencyAdmin(ctx.db);
    const plan = await buildPlan(ctx.db);
    const body = await buildBody(ctx.db, plan);
    await ctx.db.transaction().execute((trx) => updateBody(trx, admin, body.id, { kind: "coordination_committee", nameFr: "Comité" }));
    const row = await ctx.db.selectFrom("plan_bodies").selectAll().where("id", "=", body.id).executeTakeFirstOrThrow();
    assert.equal(row.kind, "coordination_committee");
    assert.equal(row.theme_id, null);
    assert.equal(row.name_fr, "Comité");
    const [entry] = await auditEntriesOf(ctx.db, "body", body.id);
    assert.equal(entry!.action, "body.updated");
    assert.deepEqual(Object.keys(entry!.diff).sort(), ["kind", "name_fr", "theme_id"]);
    await rejectsWith(ctx.db.transaction().execute((trx) => updateBody(trx, admin, body.id, { kind: "working_group" })), "validation_failed", ["body.themeId"]);
    await rejectsWith(ctx.db.transaction().execute((trx) => updateBody(trx, admin, 987654, { nameFr: "x" })), "not_found");
  });

  it("lists the council, the committee, then the working groups by theme, with active members counted", async () => {
    const plan = await buildPlan(ctx.db, { themes: 3 });
    const wg3 = await buildBody(ctx.db, plan, { themeId: plan.themes[2]! });
    const wg1 = await buildBody(ctx.db, plan, { themeId: plan.themes[0]! });
    const committee = await buildBody(ctx.db, plan, { kind: "coordination_committee" });
    const council = await buildBody(ctx.db, plan, { kind: "security_council" });
    await buildMember(ctx.db, wg1);
    await buildMember(ctx.db, wg1);
    await buildMember(ctx.db, wg1, { active: false });
    const rows = await listBodies(ctx.db, await actorOf(ctx.db, "viewer@bps.demo"), plan.id, NOW);
    assert.deepEqual(rows.map((r) => r.id), [council.id, committee.id, wg1.id, wg3.id]);
    assert.equal(rows.find((r) => r.id === wg1.id)!.memberCount, 2);
    assert.equal(rows.find((r) => r.id === wg1.id)!.theme_number, 1);
    assert.equal(rows.find((r) => r.id === council.id)!.theme_number, null);
    await rejectsWith(listBodies(ctx.db, await actorOf(ctx.db, "viewer@bps.demo"), 987654), "not_found");
  });

  it("gives the next meeting only to those who may read the body's meetings", async () => {
    const plan = await buildPlan(ctx.db);
    const body = await buildBody(ctx.db, plan);
    const anderlechtEditor = await actorOf(ctx.db, "editor@anderlecht.demo");
    await buildMember(ctx.db, body, { organisationCode: "mun-21001", userId: anderlechtEditor.userId });
    await buildMeeting(ctx.db, body, { startsAt: "2018-03-01T09:00:00.000Z" });
    await buildMeeting(ctx.db, body, { startsAt: "2018-07-01T09:00:00.000Z", status: "cancelled" });
    const next = await buildMeeting(ctx.db, body, { startsAt: "2018-09-01T09:00:00.000Z" });
    await buildMeeting(ctx.db, body, { startsAt: "2018-12-01T09:00:00.000Z" });

    const [forAgency] = await listBodies(ctx.db, await actorOf(ctx.db, "viewer@bps.demo"), plan.id, NOW);
    assert.deepEqual(forAgency!.nextMeeting, { id: next, startsAt: "2018-09-01T09:00:00.000Z" });
    const [forMember] = await listBodies(ctx.db, anderlechtEditor, plan.id, NOW);
    assert.equal(forMember!.nextMeeting?.id, next);
    assert.deepEqual(forMember!.memberUserIds, [anderlechtEditor.userId]);
    const [forOutsider] = await listBodies(ctx.db, await actorOf(ctx.db, "editor@stib.demo"), plan.id, NOW);
    assert.equal(forOutsider!.nextMeeting, null);

    const detail = await getBody(ctx.db, anderlechtEditor, body.id, NOW);
    assert.equal(detail.meetings.length, 4);
    assert.equal(detail.members.length, 1);
    assert.equal((await getBody(ctx.db, await actorOf(ctx.db, "editor@stib.demo"), body.id, NOW)).meetings.length, 0);
    await rejectsWith(getBody(ctx.db, anderlechtEditor, 987654), "not_found");
  });

  it("adds a member with an account of their organisation, refuses other cases with the field named", async () => {
    const admin = await agencyAdmin(ctx.db);
    const plan = await buildPlan(ctx.db);
    const body = await buildBody(ctx.db, plan);
    const anderlecht = await organisationIdOf(ctx.db, "mun-21001");
    const editor = await userIdOf(ctx.db, "editor@anderlecht.demo");
    const add = (input: Parameters<typeof addMember>[3]) => ctx.db.transaction().execute((trx) => addMember(trx, admin, body.id, input));

    const id = await add({ organisationId: anderlecht, personName: "Els", userId: editor, role: "chair" });
    const [entry] = await auditEntriesOf(ctx.db, "member", id);
    assert.equal(entry!.action, "member.added");
    assert.deepEqual(entry!.diff.user_id, [null, editor]);

    const e = await rejectsWith(add({ organisationId: anderlecht, personName: "Els bis", userId: editor, role: "member" }), "conflict", ["body.userId"]);
    assert.equal(e.options.fields![0]!.key, "planBodies.conflict.alreadyMember");
    await rejectsWith(add({ organisationId: 987654, personName: "X", role: "member" }), "validation_failed", ["body.organisationId"]);
    await rejectsWith(add({ organisationId: anderlecht, personName: "X", userId: 987654, role: "member" }), "validation_failed", ["body.userId"]);
    const stibEditor = await userIdOf(ctx.db, "editor@stib.demo");
    const other = await rejectsWith(add({ organisationId: anderlecht, personName: "X", userId: stibEditor, role: "member" }), "validation_failed", ["body.userId"]);
    assert.equal(other.options.fields![0]!.key, "planBodies.validation.userOfOtherOrganisation");
    await rejectsWith(ctx.db.transaction().execute((trx) => addMember(trx, admin, 987654, { organisationId: anderlecht, personName: "X", role: "member" })), "not_found");
    // An inactive seat does not block a new one.
    await ctx.db.transaction().execute((trx) => updateMember(trx, admin, id, { active: false }));
    await add({ organisationId: anderlecht, personName: "Els again", userId: editor, role: "member" });
  });

  it("a member who stops sitting no longer reads the body's meetings", async () => {
    const admin = await agencyAdmin(ctx.db);
    const plan = await buildPlan(ctx.db);
    const body = await buildBody(ctx.db, plan);
    const person = await buildUser(ctx.db, { organisationId: await organisationIdOf(ctx.db, "stib"), role: "editor" });
    const actor = await actorOf(ctx.db, person.email);
    const memberId = await buildMember(ctx.db, body, { organisationCode: "stib", userId: person.id });
    await buildMeeting(ctx.db, body, { startsAt: "2018-09-01T09:00:00.000Z" });
    assert.equal((await getBody(ctx.db, actor, body.id, NOW)).meetings.length, 1);

    await ctx.db.transaction().execute((trx) => updateMember(trx, admin, memberId, { active: false, role: "secretary" }));
    const detail = await getBody(ctx.db, actor, body.id, NOW);
    assert.equal(detail.meetings.length, 0);
    assert.equal(detail.memberCount, 0);
    assert.deepEqual(detail.memberUserIds, []);
    assert.equal(detail.members[0]!.role, "secretary");
    const [entry, ...rest] = await auditEntriesOf(ctx.db, "member", memberId);
    assert.equal(rest.length, 0);
    assert.equal(entry!.action, "member.updated");
    assert.deepEqual(entry!.diff.active, [1, 0]);
    await rejectsWith(ctx.db.transaction().execute((trx) => updateMember(trx, admin, memberId, { organisationId: 987654 })), "validation_failed", ["body.organisationId"]);
    await rejectsWith(ctx.db.transaction().execute((trx) => updateMember(trx, admin, 987654, { active: true })), "not_found");
  });
});
