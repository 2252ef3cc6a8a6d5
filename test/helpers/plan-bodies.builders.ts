/**
 * Builders for the governance part of the plan: bodies, members, meetings, action items.
 * Like the other plan builders they write the tables directly, with unique names, to set
 * up a situation; the services are what the tests exercise.
 */
import type { Db } from "../../src/server/db/database.js";
import type { BodyKind, MemberRole } from "../../src/shared/plan.js";
import { organisationIdOf, unique } from "./access.builders.js";
import type { BuiltPlan } from "./plan.builders.js";

export interface BuiltBody {
  id: number;
  planId: number;
}

/** A body of `plan`: a working group of its first theme unless told otherwise. */
export async function buildBody(db: Db, plan: BuiltPlan, options: { kind?: BodyKind; themeId?: number | null } = {}): Promise<BuiltBody> {
  const kind = options.kind ?? "working_group";
  const themeId = options.themeId !== undefined ? options.themeId : kind === "working_group" ? plan.themes[0]! : null;
  const name = unique("body");
  const { id } = await db
    .insertInto("plan_bodies")
    .values({ plan_id: plan.id, kind, theme_id: themeId, name_fr: `Groupe ${name}`, name_nl: `Groep ${name}`, name_en: `Group ${name}` })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id, planId: plan.id };
}

/** A member of `body`, of the agency unless told, with an account when `userId` is given. */
export async function buildMember(
  db: Db,
  body: BuiltBody,
  options: { organisationCode?: string; organisationId?: number; userId?: number | null; role?: MemberRole; active?: boolean; personName?: string } = {},
): Promise<number> {
  const organisationId = options.organisationId ?? (await organisationIdOf(db, options.organisationCode ?? "bps"));
  const { id } = await db
    .insertInto("plan_body_members")
    .values({
      body_id: body.id,
      organisation_id: organisationId,
      person_name: options.personName ?? unique("Person"),
      user_id: options.userId ?? null,
      role: options.role ?? "member",
      active: options.active === false ? 0 : 1,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

/** The id of a demo account, to seat it on a body. */
export async function userIdOf(db: Db, email: string): Promise<number> {
  return (await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
}

/** A meeting of `body` (planned, on 20 November 2018 at 09:30 UTC unless told). */
export async function buildMeeting(db: Db, body: BuiltBody, options: { startsAt?: string; status?: string; location?: string } = {}): Promise<number> {
  const { id } = await db
    .insertInto("plan_meetings")
    .values({
      body_id: body.id,
      starts_at: options.startsAt ?? "2018-11-20T09:30:00.000Z",
      location: options.location ?? unique("Room"),
      status: options.status ?? "planned",
      minutes_fr: "",
      minutes_nl: "",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

/** An action item of a meeting, owned by an organisation (the agency unless told), open and due on 2018-12-31 unless told. */
export async function buildActionItem(
  db: Db,
  meetingId: number,
  options: { ownerOrganisationCode?: string; ownerMemberId?: number | null; dueDate?: string; status?: string; doneDate?: string | null } = {},
): Promise<number> {
  const { id } = await db
    .insertInto("plan_action_items")
    .values({
      meeting_id: meetingId,
      decision_id: null,
      title: unique("Action"),
      owner_organisation_id: await organisationIdOf(db, options.ownerOrganisationCode ?? "bps"),
      owner_member_id: options.ownerMemberId ?? null,
      due_date: options.dueDate ?? "2018-12-31",
      status: options.status ?? "open",
      done_date: options.doneDate ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}


/** The audit entries of one entity, oldest first, with their diff parsed. */
export async function auditEntriesOf(db: Db, entityType: string, entityId: number) {
  const rows = await db
    .selectFrom("audit_log")
    .select(["action", "diff", "actor_user_id", "request_id"])
    .where("entity_type", "=", entityType)
    .where("entity_id", "=", String(entityId))
    .orderBy("seq")
    .execute();
  return rows.map((r) => ({ ...r, diff: JSON.parse(r.diff) as Record<string, [unknown, unknown]> }));
}
