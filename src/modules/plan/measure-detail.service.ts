/**
 * One measure in full: its links, milestones and indicators, and what the rest of the
 * module says about it (progress updates filed, meetings that discussed it, decisions).
 * Updates, meetings and decisions are filtered to what the caller may read.
 */
import type { Actor } from "../../server/auth/actor.js";
import { can } from "../../server/auth/policy.js";
import { notFound } from "../../shared/errors.js";
import { isMilestoneLate, isUpdateLate } from "./lateness.js";
import { findMeasureRow } from "./measure-list.service.js";
import { brusselsDay, type Reader } from "./plan.common.js";

export interface TerritoryRef {
  level: string;
  code: number;
  names: { fr: string; nl: string };
}

/** The measure's territories with their names; a code no longer in the reference tables keeps its number as name. */
async function territoriesOf(db: Reader, measureId: number): Promise<TerritoryRef[]> {
  const links = await db.selectFrom("plan_measure_territories").select(["level", "code"]).where("measure_id", "=", measureId).execute();
  const codesAt = (level: string) => links.filter((l) => l.level === level).map((l) => l.code);
  const names = new Map<string, { fr: string; nl: string }>();
  const remember = (level: string, rows: { code: number; name_fr: string; name_nl: string }[]) =>
    rows.forEach((r) => names.set(`${level}:${r.code}`, { fr: r.name_fr, nl: r.name_nl }));
  const municipalities = codesAt("municipality");
  if (municipalities.length) {
    remember("municipality", await db.selectFrom("municipalities").select(["nis_code as code", "name_fr", "name_nl"]).where("nis_code", "in", municipalities).execute());
  }
  const neighbourhoods = codesAt("neighbourhood");
  if (neighbourhoods.length) {
    remember("neighbourhood", await db.selectFrom("neighbourhoods").select(["code", "name_fr", "name_nl"]).where("code", "in", neighbourhoods).execute());
  }
  const zones = codesAt("police_zone");
  if (zones.length) remember("police_zone", await db.selectFrom("police_zones").select(["id as code", "name_fr", "name_nl"]).where("id", "in", zones).execute());
  const levelOrder = ["police_zone", "municipality", "neighbourhood"];
  return links
    .map((l) => ({ level: l.level, code: l.code, names: names.get(`${l.level}:${l.code}`) ?? { fr: String(l.code), nl: String(l.code) } }))
    .sort((a, b) => levelOrder.indexOf(a.level) - levelOrder.indexOf(b.level) || a.code - b.code);
}

/** Users who sit (actively) on each body: they may read its meetings. */
async function memberUsersOf(db: Reader, bodyIds: number[]): Promise<Map<number, number[]>> {
  const byBody = new Map<number, number[]>();
  if (!bodyIds.length) return byBody;
  const rows = await db
    .selectFrom("plan_body_members")
    .select(["body_id", "user_id"])
    .where("body_id", "in", bodyIds)
    .where("user_id", "is not", null)
    .where("active", "=", 1)
    .execute();
  for (const r of rows) byBody.set(r.body_id, [...(byBody.get(r.body_id) ?? []), r.user_id!]);
  return byBody;
}

async function historyOf(db: Reader, actor: Actor, measureId: number, today: string) {
  const rows = await db
    .selectFrom("plan_updates as u")
    .innerJoin("plan_rounds as r", "r.id", "u.round_id")
    .select([
      "u.id", "u.organisation_id", "u.state", "u.version", "u.status", "u.progress", "u.first_submitted_at", "u.submitted_at", "u.validated_at",
      "r.id as round_id", "r.name_fr", "r.name_nl", "r.name_en", "r.period_label", "r.deadline",
    ])
    .where("u.measure_id", "=", measureId)
    .orderBy("r.opens_on", "desc")
    .orderBy("r.id", "desc")
    .execute();
  return rows
    .filter((u) => can(actor, "update", "read", { organisationId: u.organisation_id }))
    .map((u) => ({ ...u, late: isUpdateLate(u.deadline, u.first_submitted_at, today) }));
}

async function meetingsAndDecisionsOf(db: Reader, actor: Actor, measureId: number) {
  const agenda = await db
    .selectFrom("plan_agenda_items as a")
    .innerJoin("plan_meetings as mt", "mt.id", "a.meeting_id")
    .innerJoin("plan_bodies as b", "b.id", "mt.body_id")
    .select(["a.id", "a.title_fr", "a.title_nl", "mt.id as meeting_id", "mt.starts_at", "b.id as body_id", "b.kind", "b.name_fr", "b.name_nl", "b.name_en"])
    .where("a.measure_id", "=", measureId)
    .orderBy("mt.starts_at", "desc")
    .orderBy("a.position")
    .execute();
  const decisions = await db
    .selectFrom("plan_decisions as d")
    .innerJoin("plan_meetings as mt", "mt.id", "d.meeting_id")
    .select(["d.id", "d.text_fr", "d.text_nl", "mt.id as meeting_id", "mt.starts_at", "mt.body_id"])
    .where("d.measure_id", "=", measureId)
    .orderBy("mt.starts_at", "desc")
    .orderBy("d.id")
    .execute();
  const members = await memberUsersOf(db, [...new Set([...agenda.map((a) => a.body_id), ...decisions.map((d) => d.body_id)])]);
  const readable = (bodyId: number) => can(actor, "meeting", "read", { memberUserIds: members.get(bodyId) ?? [] });
  return { meetings: agenda.filter((a) => readable(a.body_id)), decisions: decisions.filter((d) => readable(d.body_id)) };
}

/** The measure in full as `actor` may see it on `today` (404 when unknown). */
export async function getMeasureDetail(db: Reader, actor: Actor, measureId: number, today: string = brusselsDay()) {
  const measure = await findMeasureRow(db, measureId, today);
  if (!measure) throw notFound("measure", measureId);
  const goals = await db
    .selectFrom("plan_measure_goals as l")
    .innerJoin("plan_goals as g", "g.id", "l.goal_id")
    .select(["g.id", "g.number", "g.title_fr", "g.title_nl", "g.title_en"])
    .where("l.measure_id", "=", measureId)
    .orderBy("g.number")
    .execute();
  const priorities = await db
    .selectFrom("plan_measure_priorities as l")
    .innerJoin("plan_priorities as p", "p.id", "l.priority_id")
    .select(["p.id", "p.number", "p.title_fr", "p.title_nl", "p.title_en"])
    .where("l.measure_id", "=", measureId)
    .orderBy("p.number")
    .execute();
  const partners = await db
    .selectFrom("plan_measure_partners as l")
    .innerJoin("organisations as o", "o.id", "l.organisation_id")
    .select(["o.id", "o.code", "o.name_fr", "o.name_nl", "o.name_en"])
    .where("l.measure_id", "=", measureId)
    .orderBy("o.code")
    .execute();
  const milestones = (
    await db.selectFrom("plan_milestones").selectAll().where("measure_id", "=", measureId).orderBy("position").orderBy("id").execute()
  ).map((m) => ({ ...m, late: milestoneIsLate(m, today) }));
  const indicators = await db.selectFrom("plan_indicators").selectAll().where("measure_id", "=", measureId).orderBy("id").execute();
  return {
    measure,
    goals,
    priorities,
    partners,
    territories: await territoriesOf(db, measureId),
    milestones,
    indicators,
    history: await historyOf(db, actor, measureId, today),
    ...(await meetingsAndDecisionsOf(db, actor, measureId)),
  };
}

export type MeasureDetailView = Awaited<ReturnType<typeof getMeasureDetail>>;

/** `isMilestoneLate` for a milestone row (measures.routes.ts presents a changed milestone with it). */
export function milestoneIsLate(m: { due_date: string; done_date: string | null }, today: string): boolean {
  return isMilestoneLate(m.due_date, m.done_date, today);
}
