/**
 * Governance bodies of a plan (one working group per theme, the Coordination Committee,
 * the Regional Security Council) and who sits on them. Membership with a Vigil account
 * decides who reads a body's meetings (policy `meeting.read`, subject `{ memberUserIds }`).
 */
import type { Transaction } from "kysely";
import type { Actor } from "../../server/auth/actor.js";
import { can } from "../../server/auth/policy.js";
import type { Database } from "../../server/db/schema.js";
import type { WriteContext } from "../../server/http/context.js";
import { AppError, notFound } from "../../shared/errors.js";
import { bodyKinds, memberRoles } from "../../shared/plan.js";
import { recordAudit } from "../audit/audit.service.js";
import type { BodyChanges, MemberChanges, NewBodyInput, NewMemberInput } from "./bodies.schema.js";
import { planOr404, type Reader } from "./plan.common.js";

/** A 400 naming one request field, with a `planBodies.validation.*` key. */
export function invalidField(field: string, key: string, params?: Record<string, string | number>): AppError {
  return new AppError("validation_failed", { fields: [{ field, key: `planBodies.validation.${key}`, ...(params ? { params } : {}) }] });
}

export async function bodyOr404(db: Reader, id: number) {
  const body = await db.selectFrom("plan_bodies").selectAll().where("id", "=", id).executeTakeFirst();
  if (!body) throw notFound("body", id);
  return body;
}

/** The accounts of the active members of each body: who may read its meetings besides the agency. */
export async function memberUserIdsOf(db: Reader, bodyIds: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>(bodyIds.map((id) => [id, []]));
  if (bodyIds.length === 0) return out;
  const rows = await db
    .selectFrom("plan_body_members")
    .select(["body_id", "user_id"])
    .where("body_id", "in", bodyIds)
    .where("active", "=", 1)
    .where("user_id", "is not", null)
    .execute();
  for (const row of rows) out.get(row.body_id)?.push(row.user_id!);
  return out;
}

/** Whether the actor may read the meetings of a body whose active members have these accounts. */
export function mayReadMeetings(actor: Actor, memberUserIds: number[]): boolean {
  return can(actor, "meeting", "read", { memberUserIds });
}

function bodiesQuery(db: Reader) {
  return db
    .selectFrom("plan_bodies as b")
    .leftJoin("plan_themes as t", "t.id", "b.theme_id")
    .selectAll("b")
    .select(["t.number as theme_number", "t.title_fr as theme_title_fr", "t.title_nl as theme_title_nl", "t.title_en as theme_title_en"]);
}

type BodyBase = Awaited<ReturnType<ReturnType<typeof bodiesQuery>["executeTakeFirstOrThrow"]>>;
export interface BodyRow extends BodyBase {
  memberCount: number;
  memberUserIds: number[];
  nextMeeting: { id: number; startsAt: string } | null;
}

/** Adds member counts, membership and the next meeting the actor may read. */
async function withMembership(db: Reader, actor: Actor, bodies: BodyBase[], now: Date): Promise<BodyRow[]> {
  const ids = bodies.map((b) => b.id);
  const userIds = await memberUserIdsOf(db, ids);
  const counts = new Map<number, number>();
  const upcoming = new Map<number, { id: number; startsAt: string }>();
  if (ids.length > 0) {
    const members = await db.selectFrom("plan_body_members").select("body_id").where("body_id", "in", ids).where("active", "=", 1).execute();
    for (const m of members) counts.set(m.body_id, (counts.get(m.body_id) ?? 0) + 1);
    const meetings = await db
      .selectFrom("plan_meetings")
      .select(["id", "body_id", "starts_at"])
      .where("body_id", "in", ids)
      .where("status", "!=", "cancelled")
      .where("starts_at", ">=", now.toISOString())
      .orderBy("starts_at")
      .orderBy("id")
      .execute();
    for (const m of meetings) if (!upcoming.has(m.body_id)) upcoming.set(m.body_id, { id: m.id, startsAt: m.starts_at });
  }
  return bodies.map((b) => {
    const memberUserIds = userIds.get(b.id) ?? [];
    return {
      ...b,
      memberCount: counts.get(b.id) ?? 0,
      memberUserIds,
      nextMeeting: mayReadMeetings(actor, memberUserIds) ? (upcoming.get(b.id) ?? null) : null,
    };
  });
}

/** The bodies of a plan: the council, the committee, then the working groups by theme. */
export async function listBodies(db: Reader, actor: Actor, planId: number, now = new Date()): Promise<BodyRow[]> {
  await planOr404(db, planId);
  const rows = await bodiesQuery(db).where("b.plan_id", "=", planId).execute();
  const rank = (kind: string) => -bodyKinds.indexOf(kind as (typeof bodyKinds)[number]);
  rows.sort((a, b) => rank(a.kind) - rank(b.kind) || (a.theme_number ?? 0) - (b.theme_number ?? 0) || a.id - b.id);
  return withMembership(db, actor, rows, now);
}

export async function getBody(db: Reader, actor: Actor, id: number, now = new Date()) {
  const row = await bodiesQuery(db).where("b.id", "=", id).executeTakeFirst();
  if (!row) throw notFound("body", id);
  const [body] = await withMembership(db, actor, [row], now);
  const members = await membersQuery(db).where("m.body_id", "=", id).execute();
  const roleRank = (role: string) => memberRoles.indexOf(role as (typeof memberRoles)[number]);
  members.sort((a, b) => b.active - a.active || roleRank(a.role) - roleRank(b.role) || a.person_name.localeCompare(b.person_name) || a.id - b.id);
  const meetings = mayReadMeetings(actor, body!.memberUserIds)
    ? await db.selectFrom("plan_meetings").select(["id", "starts_at", "location", "status"]).where("body_id", "=", id).orderBy("starts_at").orderBy("id").execute()
    : [];
  return { ...body!, members, meetings };
}

export function membersQuery(db: Reader) {
  return db
    .selectFrom("plan_body_members as m")
    .innerJoin("organisations as o", "o.id", "m.organisation_id")
    .selectAll("m")
    .select(["o.code as organisation_code", "o.name_fr as organisation_name_fr", "o.name_nl as organisation_name_nl", "o.name_en as organisation_name_en"]);
}
export type MemberRow = Awaited<ReturnType<ReturnType<typeof membersQuery>["executeTakeFirstOrThrow"]>>;

export async function getMember(db: Reader, id: number): Promise<MemberRow> {
  const row = await membersQuery(db).where("m.id", "=", id).executeTakeFirst();
  if (!row) throw notFound("member", id);
  return row;
}

/** A working group belongs to a theme of its plan; the committee and the council to none. */
async function checkTheme(db: Reader, planId: number, kind: string, themeId: number | null): Promise<void> {
  if (kind === "working_group" && themeId === null) throw invalidField("body.themeId", "themeRequired");
  if (kind !== "working_group" && themeId !== null) throw invalidField("body.themeId", "themeOnlyForWorkingGroups");
  if (themeId === null) return;
  const theme = await db.selectFrom("plan_themes").select("id").where("id", "=", themeId).where("plan_id", "=", planId).executeTakeFirst();
  if (!theme) throw invalidField("body.themeId", "themeNotInPlan");
}

export async function createBody(trx: Transaction<Database>, ctx: WriteContext, planId: number, input: NewBodyInput): Promise<number> {
  await planOr404(trx, planId);
  const themeId = input.themeId ?? null;
  await checkTheme(trx, planId, input.kind, themeId);
  const row = { plan_id: planId, kind: input.kind, theme_id: themeId, name_fr: input.nameFr, name_nl: input.nameNl, name_en: input.nameEn };
  const { id } = await trx.insertInto("plan_bodies").values(row).returning("id").executeTakeFirstOrThrow();
  await recordAudit(trx, ctx, { action: "body.created", entityType: "body", entityId: id, after: row });
  return id;
}

export async function updateBody(trx: Transaction<Database>, ctx: WriteContext, id: number, changes: BodyChanges): Promise<void> {
  const before = await bodyOr404(trx, id);
  const after = {
    ...before,
    kind: changes.kind ?? before.kind,
    theme_id: changes.themeId !== undefined ? changes.themeId : before.theme_id,
    name_fr: changes.nameFr ?? before.name_fr,
    name_nl: changes.nameNl ?? before.name_nl,
    name_en: changes.nameEn ?? before.name_en,
  };
  // Turning a working group into the committee drops its theme unless one is given explicitly.
  if (changes.kind && changes.kind !== "working_group" && changes.themeId === undefined) after.theme_id = null;
  await checkTheme(trx, before.plan_id, after.kind, after.theme_id);
  const { id: _id, ...values } = after;
  await trx.updateTable("plan_bodies").set(values).where("id", "=", id).execute();
  await recordAudit(trx, ctx, { action: "body.updated", entityType: "body", entityId: id, before, after });
}

/** The organisation exists, and the account (if any) is one of its people. */
async function checkMemberIdentity(db: Reader, organisationId: number, userId: number | null): Promise<void> {
  const organisation = await db.selectFrom("organisations").select("id").where("id", "=", organisationId).executeTakeFirst();
  if (!organisation) throw invalidField("body.organisationId", "unknownOrganisation");
  if (userId === null) return;
  const user = await db.selectFrom("users").select("organisation_id").where("id", "=", userId).executeTakeFirst();
  if (!user) throw invalidField("body.userId", "unknownUser");
  if (user.organisation_id !== organisationId) throw invalidField("body.userId", "userOfOtherOrganisation");
}

/** One account sits on a body once (among its active members). */
async function checkSeatFree(db: Reader, bodyId: number, userId: number | null, exceptMemberId: number | null): Promise<void> {
  if (userId === null) return;
  let q = db.selectFrom("plan_body_members").select("id").where("body_id", "=", bodyId).where("user_id", "=", userId).where("active", "=", 1);
  if (exceptMemberId !== null) q = q.where("id", "!=", exceptMemberId);
  if (await q.executeTakeFirst()) {
    throw new AppError("conflict", { fields: [{ field: "body.userId", key: "planBodies.conflict.alreadyMember" }] });
  }
}

export async function addMember(trx: Transaction<Database>, ctx: WriteContext, bodyId: number, input: NewMemberInput): Promise<number> {
  await bodyOr404(trx, bodyId);
  const userId = input.userId ?? null;
  const active = input.active ?? true;
  await checkMemberIdentity(trx, input.organisationId, userId);
  if (active) await checkSeatFree(trx, bodyId, userId, null);
  const row = { body_id: bodyId, organisation_id: input.organisationId, person_name: input.personName, user_id: userId, role: input.role, active: active ? 1 : 0 };
  const { id } = await trx.insertInto("plan_body_members").values(row).returning("id").executeTakeFirstOrThrow();
  await recordAudit(trx, ctx, { action: "member.added", entityType: "member", entityId: id, after: row });
  return id;
}

export async function updateMember(trx: Transaction<Database>, ctx: WriteContext, id: number, changes: MemberChanges): Promise<void> {
  const before = await trx.selectFrom("plan_body_members").selectAll().where("id", "=", id).executeTakeFirst();
  if (!before) throw notFound("member", id);
  const after = {
    ...before,
    organisation_id: changes.organisationId ?? before.organisation_id,
    person_name: changes.personName ?? before.person_name,
    user_id: changes.userId !== undefined ? changes.userId : before.user_id,
    role: changes.role ?? before.role,
    active: changes.active === undefined ? before.active : changes.active ? 1 : 0,
  };
  if (changes.organisationId !== undefined || changes.userId !== undefined) await checkMemberIdentity(trx, after.organisation_id, after.user_id);
  if (after.active === 1) await checkSeatFree(trx, before.body_id, after.user_id, id);
  const { id: _id, ...values } = after;
  await trx.updateTable("plan_body_members").set(values).where("id", "=", id).execute();
  await recordAudit(trx, ctx, { action: "member.updated", entityType: "member", entityId: id, before, after });
}
