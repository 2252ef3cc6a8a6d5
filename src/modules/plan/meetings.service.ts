/**
 * Meetings of the governance bodies: scheduling one, reading it whole (agenda, attendance,
 * minutes, decisions, action items) and the calendar. Only the agency and the members of
 * a body read its meetings; the others get 403 on one and never see it in a list.
 */
import type { Transaction } from "kysely";
import type { Actor } from "../../server/auth/actor.js";
import type { Database } from "../../server/db/schema.js";
import type { WriteContext } from "../../server/http/context.js";
import { forbidden, notFound } from "../../shared/errors.js";
import { recordAudit } from "../audit/audit.service.js";
import { CALENDAR_MAX_YEARS, type CalendarRange, type NewMeetingInput } from "./bodies.schema.js";
import { bodyOr404, invalidField, mayReadMeetings, memberUserIdsOf } from "./bodies.service.js";
import { brusselsDay, planOr404, type Reader } from "./plan.common.js";

export async function meetingOr404(db: Reader, id: number) {
  const meeting = await db.selectFrom("plan_meetings").selectAll().where("id", "=", id).executeTakeFirst();
  if (!meeting) throw notFound("meeting", id);
  return meeting;
}

/** 403 unless the actor may read the meetings of this body. */
export async function assertMayReadMeetingsOf(db: Reader, actor: Actor, bodyId: number): Promise<number[]> {
  const memberUserIds = (await memberUserIdsOf(db, [bodyId])).get(bodyId) ?? [];
  if (!mayReadMeetings(actor, memberUserIds)) throw forbidden();
  return memberUserIds;
}

/**
 * The ids of the bodies, among `bodyIds`, whose meetings the actor may read. Other parts of
 * the plan (a measure's meetings and decisions) filter with it.
 */
export async function readableBodyIds(db: Reader, actor: Actor, bodyIds: number[]): Promise<Set<number>> {
  const members = await memberUserIdsOf(db, [...new Set(bodyIds)]);
  return new Set([...members].filter(([, userIds]) => mayReadMeetings(actor, userIds)).map(([id]) => id));
}

/** Stored as UTC ISO-8601, whatever offset the caller wrote. */
export function toInstant(value: string): string {
  return new Date(value).toISOString();
}

export async function createMeeting(trx: Transaction<Database>, ctx: WriteContext, bodyId: number, input: NewMeetingInput): Promise<number> {
  await bodyOr404(trx, bodyId);
  const row = { body_id: bodyId, starts_at: toInstant(input.startsAt), location: input.location ?? "", status: input.status ?? "planned", minutes_fr: "", minutes_nl: "" };
  const { id } = await trx.insertInto("plan_meetings").values(row).returning("id").executeTakeFirstOrThrow();
  await recordAudit(trx, ctx, { action: "meeting.created", entityType: "meeting", entityId: id, after: row });
  return id;
}

function bodyOfMeetingQuery(db: Reader) {
  return db
    .selectFrom("plan_meetings as mt")
    .innerJoin("plan_bodies as b", "b.id", "mt.body_id")
    .selectAll("mt")
    .select(["b.plan_id", "b.kind as body_kind", "b.name_fr as body_name_fr", "b.name_nl as body_name_nl", "b.name_en as body_name_en"]);
}
export type MeetingWithBody = Awaited<ReturnType<ReturnType<typeof bodyOfMeetingQuery>["executeTakeFirstOrThrow"]>>;

/** Action items with their owner; shared by the meeting and the action-item answers. */
export function actionItemsQuery(db: Reader) {
  return db
    .selectFrom("plan_action_items as a")
    .innerJoin("organisations as o", "o.id", "a.owner_organisation_id")
    .leftJoin("plan_body_members as m", "m.id", "a.owner_member_id")
    .selectAll("a")
    .select([
      "o.code as organisation_code",
      "o.name_fr as organisation_name_fr",
      "o.name_nl as organisation_name_nl",
      "o.name_en as organisation_name_en",
      "m.person_name as member_name",
    ]);
}
export type ActionItemRow = Awaited<ReturnType<ReturnType<typeof actionItemsQuery>["executeTakeFirstOrThrow"]>>;

/** The whole meeting, for someone who may read it (403 otherwise). */
export async function getMeeting(db: Reader, actor: Actor, id: number) {
  const meeting = await bodyOfMeetingQuery(db).where("mt.id", "=", id).executeTakeFirst();
  if (!meeting) throw notFound("meeting", id);
  const memberUserIds = await assertMayReadMeetingsOf(db, actor, meeting.body_id);
  const agenda = await db
    .selectFrom("plan_agenda_items as ai")
    .leftJoin("plan_measures as ms", "ms.id", "ai.measure_id")
    .selectAll("ai")
    .select(["ms.code as measure_code", "ms.title_fr as measure_title_fr", "ms.title_nl as measure_title_nl"])
    .where("ai.meeting_id", "=", id)
    .orderBy("ai.position")
    .execute();
  const attendance = await db
    .selectFrom("plan_attendance as at")
    .innerJoin("plan_body_members as m", "m.id", "at.member_id")
    .innerJoin("organisations as o", "o.id", "m.organisation_id")
    .select(["at.member_id", "at.present", "m.person_name", "m.organisation_id", "o.code as organisation_code"])
    .select(["o.name_fr as organisation_name_fr", "o.name_nl as organisation_name_nl", "o.name_en as organisation_name_en"])
    .where("at.meeting_id", "=", id)
    .orderBy("m.person_name")
    .orderBy("at.member_id")
    .execute();
  const decisions = await db
    .selectFrom("plan_decisions as d")
    .leftJoin("plan_agenda_items as ai", "ai.id", "d.agenda_item_id")
    .leftJoin("plan_measures as ms", "ms.id", "d.measure_id")
    .selectAll("d")
    .select(["ai.position as agenda_position", "ms.code as measure_code", "ms.title_fr as measure_title_fr", "ms.title_nl as measure_title_nl"])
    .where("d.meeting_id", "=", id)
    .orderBy("d.id")
    .execute();
  const actionItems = await actionItemsQuery(db).where("a.meeting_id", "=", id).orderBy("a.due_date").orderBy("a.id").execute();
  return { meeting, memberUserIds, agenda, attendance, decisions, actionItems };
}
export type MeetingDetail = Awaited<ReturnType<typeof getMeeting>>;

// ---- calendar --------------------------------------------------------------------
function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function addYears(day: string, years: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

/** The days a calendar covers: defaults to a year either side of today; `from <= to`, at most two years wide. */
export function calendarRange(query: Pick<CalendarRange, "from" | "to">, today: string = brusselsDay()): { from: string; to: string } {
  const from = query.from ?? (query.to ? addYears(query.to, -1) : addYears(today, -1));
  const to = query.to ?? addYears(from, query.from ? 1 : 2);
  if (to < from) throw invalidField("query.to", "rangeReversed");
  if (to > addYears(from, CALENDAR_MAX_YEARS)) throw invalidField("query.to", "rangeTooWide", { years: CALENDAR_MAX_YEARS });
  return { from, to };
}

/** The meetings the actor may read whose Brussels day lies in the range, in time order. */
export async function calendar(db: Reader, actor: Actor, query: CalendarRange, today: string = brusselsDay()) {
  const { from, to } = calendarRange(query, today);
  if (query.planId !== undefined) await planOr404(db, query.planId);
  // Brussels days start before or after midnight UTC: widen by a day in SQL, then keep exact days.
  let q = bodyOfMeetingQuery(db).where("mt.starts_at", ">=", addDays(from, -1)).where("mt.starts_at", "<", addDays(to, 2));
  if (query.planId !== undefined) q = q.where("b.plan_id", "=", query.planId);
  const rows = (await q.orderBy("mt.starts_at").orderBy("mt.id").execute()).filter((m) => {
    const day = brusselsDay(new Date(m.starts_at));
    return day >= from && day <= to;
  });
  const readable = await readableBodyIds(db, actor, rows.map((m) => m.body_id));
  return rows.filter((m) => readable.has(m.body_id));
}
