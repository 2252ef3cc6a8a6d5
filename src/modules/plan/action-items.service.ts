/**
 * Following up an action item decided in a meeting. The agency coordinators change
 * anything; the owner organisation's editors, coordinators and admins report progress
 * (status and done date) on the items they own, without reading the whole meeting.
 */
import type { Transaction } from "kysely";
import type { Actor } from "../../server/auth/actor.js";
import { can } from "../../server/auth/policy.js";
import type { Database } from "../../server/db/schema.js";
import type { WriteContext } from "../../server/http/context.js";
import { forbidden, notFound } from "../../shared/errors.js";
import { recordAudit } from "../audit/audit.service.js";
import type { ActionItemChanges } from "./bodies.schema.js";
import { invalidField } from "./bodies.service.js";
import { doneDateIssue } from "./meeting-document.service.js";
import { actionItemsQuery, type ActionItemRow } from "./meetings.service.js";
import { brusselsDay, type Reader } from "./plan.common.js";

export type ActionItemAction = "edit" | "setStatus";

/** Roles of the owner organisation that report on its action items. */
const ownerRoles: readonly string[] = ["editor", "coordinator", "admin"];

/** What the actor may do with an action item owned by `ownerOrganisationId`. */
export function actionItemActions(actor: Actor, ownerOrganisationId: number): ActionItemAction[] {
  if (can(actor, "meeting", "manage")) return ["edit", "setStatus"];
  if (ownerRoles.includes(actor.role) && actor.organisationId === ownerOrganisationId) return ["setStatus"];
  return [];
}

export async function getActionItem(db: Reader, id: number): Promise<ActionItemRow> {
  const row = await actionItemsQuery(db).where("a.id", "=", id).executeTakeFirst();
  if (!row) throw notFound("action_item", id);
  return row;
}

export async function updateActionItem(trx: Transaction<Database>, ctx: WriteContext, id: number, changes: ActionItemChanges, today = brusselsDay()): Promise<void> {
  const before = await trx.selectFrom("plan_action_items").selectAll().where("id", "=", id).executeTakeFirst();
  if (!before) throw notFound("action_item", id);
  const allowed = actionItemActions(ctx.actor, before.owner_organisation_id);
  const wantsEdit = (["title", "ownerOrganisationId", "ownerMemberId", "dueDate"] as const).some((k) => changes[k] !== undefined);
  if (!allowed.includes(wantsEdit ? "edit" : "setStatus")) throw forbidden();

  const status = changes.status ?? before.status;
  const doneDate = changes.doneDate !== undefined ? changes.doneDate : changes.status !== undefined ? null : before.done_date;
  const dateIssue = doneDateIssue(status, doneDate, today);
  if (dateIssue) throw invalidField("body.doneDate", dateIssue);
  const after = {
    ...before,
    title: changes.title ?? before.title,
    owner_organisation_id: changes.ownerOrganisationId ?? before.owner_organisation_id,
    owner_member_id: changes.ownerMemberId !== undefined ? changes.ownerMemberId : before.owner_member_id,
    due_date: changes.dueDate ?? before.due_date,
    status,
    done_date: status === "done" ? (doneDate ?? before.done_date ?? today) : null,
  };
  if (changes.ownerOrganisationId !== undefined) {
    const organisation = await trx.selectFrom("organisations").select("id").where("id", "=", after.owner_organisation_id).executeTakeFirst();
    if (!organisation) throw invalidField("body.ownerOrganisationId", "unknownOrganisation");
  }
  if (after.owner_member_id !== null && (changes.ownerMemberId !== undefined || changes.ownerOrganisationId !== undefined)) {
    const member = await trx
      .selectFrom("plan_body_members as m")
      .innerJoin("plan_meetings as mt", "mt.body_id", "m.body_id")
      .select("m.organisation_id")
      .where("m.id", "=", after.owner_member_id)
      .where("mt.id", "=", before.meeting_id)
      .executeTakeFirst();
    const field = changes.ownerMemberId !== undefined ? "body.ownerMemberId" : "body.ownerOrganisationId";
    if (!member) throw invalidField(field, "notAMember");
    if (member.organisation_id !== after.owner_organisation_id) throw invalidField(field, "memberOfOtherOrganisation");
  }
  const { id: _id, meeting_id: _meeting, ...values } = after;
  await trx.updateTable("plan_action_items").set(values).where("id", "=", id).execute();
  await recordAudit(trx, ctx, { action: "action_item.updated", entityType: "action_item", entityId: id, before, after });
}
