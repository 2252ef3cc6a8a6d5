/**
 * Saving a whole meeting at once (PUT /meetings/{id}): its time, place and status, the
 * minutes in French and Dutch, and the agenda, attendance, decisions and action items,
 * which replace the previous ones. Everything is checked first (each bad field named),
 * then written in the caller's transaction with one audit entry summarising the change.
 */
import { createHash } from "node:crypto";
import type { Transaction } from "kysely";
import type { Database } from "../../server/db/schema.js";
import type { WriteContext } from "../../server/http/context.js";
import { AppError, type FieldError } from "../../shared/errors.js";
import { recordAudit } from "../audit/audit.service.js";
import type { MeetingDocument } from "./bodies.schema.js";
import { meetingOr404, toInstant } from "./meetings.service.js";
import { brusselsDay, type Reader } from "./plan.common.js";

const issue = (field: string, key: string): FieldError => ({ field, key: `planBodies.validation.${key}` });

/** Status `done` goes with a done date (today by default, never in the future); other statuses with none. */
export function doneDateIssue(status: string, doneDate: string | null | undefined, today: string): string | null {
  if (status !== "done") return doneDate ? "doneDateOnlyWhenDone" : null;
  return doneDate && doneDate > today ? "doneDateInFuture" : null;
}

/** Every reason the document cannot be saved, each naming its field. */
async function problemsOf(trx: Reader, meetingId: number, planId: number, bodyId: number, doc: MeetingDocument, today: string): Promise<FieldError[]> {
  const out: FieldError[] = [];
  const measureIds = [...doc.agenda.map((a) => a.measureId), ...doc.decisions.map((d) => d.measureId)].filter((m): m is number => typeof m === "number");
  const planMeasures = new Set(
    measureIds.length === 0
      ? []
      : (await trx.selectFrom("plan_measures").select("id").where("plan_id", "=", planId).where("id", "in", measureIds).execute()).map((m) => m.id),
  );
  const members = new Map(
    (await trx.selectFrom("plan_body_members").select(["id", "organisation_id"]).where("body_id", "=", bodyId).execute()).map((m) => [m.id, m.organisation_id]),
  );
  const ownerIds = [...new Set(doc.actionItems.map((a) => a.ownerOrganisationId))];
  const organisations = new Set(
    ownerIds.length === 0 ? [] : (await trx.selectFrom("organisations").select("id").where("id", "in", ownerIds).execute()).map((o) => o.id),
  );
  const ownItems = new Set((await trx.selectFrom("plan_action_items").select("id").where("meeting_id", "=", meetingId).execute()).map((a) => a.id));

  doc.agenda.forEach((a, i) => {
    if (a.measureId != null && !planMeasures.has(a.measureId)) out.push(issue(`body.agenda.${i}.measureId`, "measureNotInPlan"));
  });
  const seen = new Set<number>();
  doc.attendance.forEach((a, i) => {
    if (!members.has(a.memberId)) out.push(issue(`body.attendance.${i}.memberId`, "notAMember"));
    else if (seen.has(a.memberId)) out.push(issue(`body.attendance.${i}.memberId`, "duplicateMember"));
    seen.add(a.memberId);
  });
  doc.decisions.forEach((d, i) => {
    if (d.agendaPosition != null && d.agendaPosition > doc.agenda.length) out.push(issue(`body.decisions.${i}.agendaPosition`, "noSuchAgendaPosition"));
    if (d.measureId != null && !planMeasures.has(d.measureId)) out.push(issue(`body.decisions.${i}.measureId`, "measureNotInPlan"));
  });
  const kept = new Set<number>();
  doc.actionItems.forEach((a, i) => {
    const at = `body.actionItems.${i}`;
    if (a.id !== undefined) {
      if (!ownItems.has(a.id)) out.push(issue(`${at}.id`, "actionItemOfOtherMeeting"));
      else if (kept.has(a.id)) out.push(issue(`${at}.id`, "duplicateActionItem"));
      kept.add(a.id);
    }
    if (a.decisionPosition !== undefined && a.decisionPosition > doc.decisions.length) out.push(issue(`${at}.decisionPosition`, "noSuchDecisionPosition"));
    if (!organisations.has(a.ownerOrganisationId)) out.push(issue(`${at}.ownerOrganisationId`, "unknownOrganisation"));
    if (a.ownerMemberId != null) {
      const organisationId = members.get(a.ownerMemberId);
      if (organisationId === undefined) out.push(issue(`${at}.ownerMemberId`, "notAMember"));
      else if (organisationId !== a.ownerOrganisationId) out.push(issue(`${at}.ownerMemberId`, "memberOfOtherOrganisation"));
    }
    const dateIssue = doneDateIssue(a.status, a.doneDate, today);
    if (dateIssue) out.push(issue(`${at}.doneDate`, dateIssue));
  });
  return out;
}

/** A long text in the audit log: its size and a fingerprint, not its content. */
function fingerprint(text: string): string {
  return text === "" ? "empty" : `${text.length} chars, sha256 ${createHash("sha256").update(text).digest("hex").slice(0, 12)}`;
}

/** Rows compared by content only: ids change when the parts are replaced. */
function partFingerprint(rows: Record<string, unknown>[]): string {
  return rows.length === 0 ? "empty" : fingerprint(JSON.stringify(rows.map((r) => JSON.stringify(r)).sort()));
}

/**
 * What the audit log keeps of a meeting: its fields, the minutes' fingerprints, and for each
 * part how many rows and a fingerprint of their content, so the diff names what changed.
 */
async function auditSummary(trx: Reader, meetingId: number) {
  const m = await meetingOr404(trx, meetingId);
  const agenda = await trx.selectFrom("plan_agenda_items").select(["position", "title_fr", "title_nl", "measure_id"]).where("meeting_id", "=", meetingId).execute();
  const attendance = await trx.selectFrom("plan_attendance").select(["member_id", "present"]).where("meeting_id", "=", meetingId).execute();
  const decisions = await trx
    .selectFrom("plan_decisions as d")
    .leftJoin("plan_agenda_items as ai", "ai.id", "d.agenda_item_id")
    .select(["ai.position", "d.measure_id", "d.text_fr", "d.text_nl"])
    .where("d.meeting_id", "=", meetingId)
    .execute();
  const items = await trx
    .selectFrom("plan_action_items")
    .select(["title", "owner_organisation_id", "owner_member_id", "due_date", "status", "done_date"])
    .where("meeting_id", "=", meetingId)
    .execute();
  return {
    starts_at: m.starts_at,
    location: m.location,
    status: m.status,
    minutes_fr: fingerprint(m.minutes_fr),
    minutes_nl: fingerprint(m.minutes_nl),
    agenda_items: agenda.length,
    agenda_content: partFingerprint(agenda),
    attendance_recorded: attendance.length,
    attendance_present: attendance.filter((a) => a.present === 1).length,
    attendance_content: partFingerprint(attendance),
    decisions: decisions.length,
    decisions_content: partFingerprint(decisions),
    action_items: items.length,
    action_items_open: items.filter((a) => a.status === "open").length,
    action_items_content: partFingerprint(items),
  };
}

export async function replaceMeeting(trx: Transaction<Database>, ctx: WriteContext, meetingId: number, doc: MeetingDocument, today = brusselsDay()): Promise<void> {
  const meeting = await meetingOr404(trx, meetingId);
  const body = await trx.selectFrom("plan_bodies").select(["id", "plan_id"]).where("id", "=", meeting.body_id).executeTakeFirstOrThrow();
  const problems = await problemsOf(trx, meetingId, body.plan_id, body.id, doc, today);
  if (problems.length > 0) throw new AppError("validation_failed", { fields: problems });
  const before = await auditSummary(trx, meetingId);

  await trx
    .updateTable("plan_meetings")
    .set({ starts_at: toInstant(doc.startsAt), location: doc.location, status: doc.status, minutes_fr: doc.minutesFr, minutes_nl: doc.minutesNl })
    .where("id", "=", meetingId)
    .execute();

  // Kept action items let go of their decision first: decisions and agenda are rebuilt below.
  const keptIds = doc.actionItems.map((a) => a.id).filter((id): id is number => id !== undefined);
  let dropped = trx.deleteFrom("plan_action_items").where("meeting_id", "=", meetingId);
  if (keptIds.length > 0) dropped = dropped.where("id", "not in", keptIds);
  await dropped.execute();
  await trx.updateTable("plan_action_items").set({ decision_id: null }).where("meeting_id", "=", meetingId).execute();
  await trx.deleteFrom("plan_decisions").where("meeting_id", "=", meetingId).execute();
  await trx.deleteFrom("plan_agenda_items").where("meeting_id", "=", meetingId).execute();
  await trx.deleteFrom("plan_attendance").where("meeting_id", "=", meetingId).execute();

  const agenda: { id: number; measureId: number | null }[] = [];
  for (const [i, a] of doc.agenda.entries()) {
    const measureId = a.measureId ?? null;
    const row = { meeting_id: meetingId, position: i + 1, title_fr: a.titleFr, title_nl: a.titleNl, measure_id: measureId };
    const { id } = await trx.insertInto("plan_agenda_items").values(row).returning("id").executeTakeFirstOrThrow();
    agenda.push({ id, measureId });
  }
  if (doc.attendance.length > 0) {
    await trx
      .insertInto("plan_attendance")
      .values(doc.attendance.map((a) => ({ meeting_id: meetingId, member_id: a.memberId, present: a.present ? 1 : 0 })))
      .execute();
  }
  const decisionIds: number[] = [];
  for (const d of doc.decisions) {
    const item = d.agendaPosition != null ? agenda[d.agendaPosition - 1] : undefined;
    const row = { meeting_id: meetingId, agenda_item_id: item?.id ?? null, measure_id: d.measureId ?? item?.measureId ?? null, text_fr: d.textFr, text_nl: d.textNl };
    const { id } = await trx.insertInto("plan_decisions").values(row).returning("id").executeTakeFirstOrThrow();
    decisionIds.push(id);
  }
  for (const a of doc.actionItems) {
    const row = {
      decision_id: a.decisionPosition !== undefined ? decisionIds[a.decisionPosition - 1]! : null,
      title: a.title,
      owner_organisation_id: a.ownerOrganisationId,
      owner_member_id: a.ownerMemberId ?? null,
      due_date: a.dueDate,
      status: a.status,
      done_date: a.status === "done" ? (a.doneDate ?? today) : null,
    };
    if (a.id !== undefined) await trx.updateTable("plan_action_items").set(row).where("id", "=", a.id).execute();
    else await trx.insertInto("plan_action_items").values({ ...row, meeting_id: meetingId }).execute();
  }

  await recordAudit(trx, ctx, { action: "meeting.updated", entityType: "meeting", entityId: meetingId, before, after: await auditSummary(trx, meetingId) });
}
