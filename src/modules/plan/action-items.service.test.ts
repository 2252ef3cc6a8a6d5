/** Following up action items: who may change what, done dates, lateness and audit. */
import assert from "node:assert/strict";
import { it } from "node:test";
import { rejectsWith } from "../../../test/helpers/assertions.js";
import { forEachDatabase } from "../../../test/helpers/databases.js";
import { actorOf, agencyAdmin, contextOf, organisationIdOf } from "../../../test/helpers/access.builders.js";
import { buildPlan } from "../../../test/helpers/plan.builders.js";
import { auditEntriesOf, buildActionItem, buildBody, buildMeeting, buildMember } from "../../../test/helpers/plan-bodies.builders.js";
import { actionItemActions, updateActionItem } from "./action-items.service.js";

const TODAY = "2018-12-15";

forEachDatabase("plan action items service", (ctx) => {
  async function item(options: Parameters<typeof buildActionItem>[2] = {}) {
    const plan = await buildPlan(ctx.db);
    const body = await buildBody(ctx.db, plan);
    const meetingId = await buildMeeting(ctx.db, body);
    return { body, meetingId, id: await buildActionItem(ctx.db, meetingId, { ownerOrganisationCode: "mun-21001", ...options }) };
  }
  const row = (id: number) => ctx.db.selectFrom("plan_action_items").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const as = async (email: string) => contextOf(await actorOf(ctx.db, email));

  it("gives the agency coordinators everything, the owner's editors the status, the others nothing", async () => {
    const anderlecht = await organisationIdOf(ctx.db, "mun-21001");
    assert.deepEqual(actionItemActions(await actorOf(ctx.db, "coordinator@bps.demo"), anderlecht), ["edit", "setStatus"]);
    assert.deepEqual(actionItemActions(await actorOf(ctx.db, "editor@anderlecht.demo"), anderlecht), ["setStatus"]);
    assert.deepEqual(actionItemActions(await actorOf(ctx.db, "admin@anderlecht.demo"), anderlecht), ["setStatus"]);
    assert.deepEqual(actionItemActions(await actorOf(ctx.db, "editor@stib.demo"), anderlecht), []);
    assert.deepEqual(actionItemActions(await actorOf(ctx.db, "editor@bps.demo"), anderlecht), []);
  });

  it("lets the owner organisation's editor mark it done (today by default) and audits it", async () => {
    const { id } = await item();
    const editor = await as("editor@anderlecht.demo");
    await ctx.db.transaction().execute((trx) => updateActionItem(trx, editor, id, { status: "done" }, TODAY));
    assert.equal((await row(id)).status, "done");
    assert.equal((await row(id)).done_date, TODAY);
    await ctx.db.transaction().execute((trx) => updateActionItem(trx, editor, id, { doneDate: "2018-12-10" }, TODAY));
    assert.equal((await row(id)).done_date, "2018-12-10");
    await ctx.db.transaction().execute((trx) => updateActionItem(trx, editor, id, { status: "open" }, TODAY));
    assert.equal((await row(id)).done_date, null, "reopening clears the done date");

    const entries = await auditEntriesOf(ctx.db, "action_item", id);
    assert.deepEqual(entries.map((e) => e.action), ["action_item.updated", "action_item.updated", "action_item.updated"]);
    assert.deepEqual(entries[0]!.diff, { done_date: [null, TODAY], status: ["open", "done"] });
    assert.equal(entries[0]!.actor_user_id, editor.actor.userId);
  });

  it("refuses the owner's editor anything but status, and refuses other organisations and viewers (403)", async () => {
    const { id } = await item();
    const before = await row(id);
    const attempt = async (email: string, changes: Parameters<typeof updateActionItem>[3], itemId = id) => {
      const who = await as(email); // resolved before the transaction: SQLite has one connection
      return rejectsWith(ctx.db.transaction().execute((trx) => updateActionItem(trx, who, itemId, changes, TODAY)), itemId === id ? "forbidden" : "not_found");
    };
    await attempt("editor@anderlecht.demo", { dueDate: "2019-06-30" });
    await attempt("editor@anderlecht.demo", { status: "done", title: "Autre" });
    await attempt("editor@stib.demo", { status: "done" });
    await attempt("editor@bps.demo", { status: "done" });
    await attempt("viewer@bps.demo", { status: "done" });
    assert.deepEqual(await row(id), before);
    assert.deepEqual(await auditEntriesOf(ctx.db, "action_item", id), []);
    await attempt("editor@stib.demo", { status: "done" }, 987654);
  });

  it("refuses a done date without status done, or in the future (400 naming body.doneDate)", async () => {
    const { id } = await item();
    const editor = await as("editor@anderlecht.demo");
    const e1 = await rejectsWith(ctx.db.transaction().execute((trx) => updateActionItem(trx, editor, id, { doneDate: "2018-12-01" }, TODAY)), "validation_failed", ["body.doneDate"]);
    assert.equal(e1.options.fields![0]!.key, "planBodies.validation.doneDateOnlyWhenDone");
    const e2 = await rejectsWith(ctx.db.transaction().execute((trx) => updateActionItem(trx, editor, id, { status: "done", doneDate: "2018-12-16" }, TODAY)), "validation_failed", ["body.doneDate"]);
    assert.equal(e2.options.fields![0]!.key, "planBodies.validation.doneDateInFuture");
    assert.equal((await row(id)).status, "open");
  });

  it("lets a coordinator change everything, with the owner member of the owner organisation", async () => {
    const { id, body } = await item();
    const coordinator = await as("coordinator@bps.demo");
    const stib = await organisationIdOf(ctx.db, "stib");
    const stibMember = await buildMember(ctx.db, body, { organisationCode: "stib" });
    await ctx.db.transaction().execute((trx) =>
      updateActionItem(trx, coordinator, id, { title: "Nouveau", ownerOrganisationId: stib, ownerMemberId: stibMember, dueDate: "2019-06-30" }, TODAY),
    );
    const after = await row(id);
    assert.deepEqual([after.title, after.owner_organisation_id, after.owner_member_id, after.due_date], ["Nouveau", stib, stibMember, "2019-06-30"]);

    const anderlecht = await organisationIdOf(ctx.db, "mun-21001");
    const mismatch = await rejectsWith(ctx.db.transaction().execute((trx) => updateActionItem(trx, coordinator, id, { ownerOrganisationId: anderlecht }, TODAY)), "validation_failed", ["body.ownerOrganisationId"]);
    assert.equal(mismatch.options.fields![0]!.key, "planBodies.validation.memberOfOtherOrganisation");
    const otherBody = await buildBody(ctx.db, await buildPlan(ctx.db));
    const outsider = await buildMember(ctx.db, otherBody, { organisationCode: "stib" });
    await rejectsWith(ctx.db.transaction().execute((trx) => updateActionItem(trx, coordinator, id, { ownerMemberId: outsider }, TODAY)), "validation_failed", ["body.ownerMemberId"]);
    await rejectsWith(ctx.db.transaction().execute((trx) => updateActionItem(trx, coordinator, id, { ownerOrganisationId: 987654, ownerMemberId: null }, TODAY)), "validation_failed", ["body.ownerOrganisationId"]);
    const admin = await agencyAdmin(ctx.db);
    await ctx.db.transaction().execute((trx) => updateActionItem(trx, admin, id, { ownerOrganisationId: anderlecht, ownerMemberId: null }, TODAY));
    assert.equal((await row(id)).owner_member_id, null);
  });
});
