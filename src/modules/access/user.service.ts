import type { Transaction } from "kysely";
import type { Actor } from "../../server/auth/actor.js";
import { can } from "../../server/auth/policy.js";
import type { Db } from "../../server/db/database.js";
import type { Database } from "../../server/db/schema.js";
import type { WriteContext } from "../../server/http/context.js";
import { conflict, forbidden, notFound } from "../../shared/errors.js";
import type { Locale } from "../../shared/locale.js";
import type { Role } from "../../shared/roles.js";
import { recordAudit } from "../audit/audit.service.js";
import { assertPasswordStrength, generatePassword, hashPassword } from "./password.js";
import { endSessionsOf } from "./session.service.js";

export interface NewUser {
  email: string;
  displayName: string;
  organisationId: number;
  role: Role;
  locale?: Locale | undefined;
  /** When absent, a one-time password is generated and returned; the user must change it. */
  password?: string | undefined;
}

export interface UserChanges {
  displayName?: string | undefined;
  organisationId?: number | undefined;
  role?: Role | undefined;
  locale?: Locale | undefined;
  active?: boolean | undefined;
}

const publicColumns = [
  "users.id",
  "users.email",
  "users.display_name",
  "users.organisation_id",
  "users.role",
  "users.locale",
  "users.active",
  "users.locked_until",
  "users.must_change_password",
  "users.last_login_at",
  "users.created_at",
  "organisations.code as organisation_code",
  "organisations.kind as organisation_kind",
  "organisations.name_fr as organisation_name_fr",
  "organisations.name_nl as organisation_name_nl",
  "organisations.name_en as organisation_name_en",
] as const;

function usersQuery(db: Db) {
  return db.selectFrom("users").innerJoin("organisations", "organisations.id", "users.organisation_id").select(publicColumns);
}

export type UserRow = Awaited<ReturnType<typeof getUser>>;

/** Agency admins see everyone; other admins see the people of their own organisation. */
export async function listUsers(db: Db, actor: Actor, filter: { organisationId?: number | undefined; role?: Role | undefined } = {}) {
  let q = usersQuery(db);
  if (actor.organisationKind !== "agency") q = q.where("users.organisation_id", "=", actor.organisationId);
  if (filter.organisationId) q = q.where("users.organisation_id", "=", filter.organisationId);
  if (filter.role) q = q.where("users.role", "=", filter.role);
  return q.orderBy("users.email").execute();
}

export async function getUser(db: Db, id: number) {
  const row = await usersQuery(db).where("users.id", "=", id).executeTakeFirst();
  if (!row) throw notFound("user", id);
  return row;
}

export async function createUser(trx: Transaction<Database>, ctx: WriteContext, input: NewUser): Promise<{ id: number; oneTimePassword: string | null }> {
  if (!can(ctx.actor, "user", "create", { organisationId: input.organisationId })) throw forbidden();
  const email = input.email.trim().toLowerCase();
  if (await trx.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst()) throw conflict("email");
  const org = await trx.selectFrom("organisations").select("id").where("id", "=", input.organisationId).executeTakeFirst();
  if (!org) throw notFound("organisation", input.organisationId);
  const oneTimePassword = input.password ? null : generatePassword();
  const password = input.password ?? oneTimePassword!;
  assertPasswordStrength(password);
  const now = new Date().toISOString();
  const row = {
    email,
    display_name: input.displayName,
    password_hash: await hashPassword(password),
    organisation_id: input.organisationId,
    role: input.role,
    locale: input.locale ?? "fr",
    active: 1,
    failed_logins: 0,
    locked_until: null,
    must_change_password: oneTimePassword ? 1 : 0,
    password_changed_at: now,
    last_login_at: null,
    created_at: now,
  };
  const { id } = await trx.insertInto("users").values(row).returning("id").executeTakeFirstOrThrow();
  await recordAudit(trx, ctx, { action: "user.created", entityType: "user", entityId: id, after: row });
  return { id, oneTimePassword };
}

export async function updateUser(trx: Transaction<Database>, ctx: WriteContext, id: number, changes: UserChanges): Promise<void> {
  const before = await trx.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  if (!before) throw notFound("user", id);
  const action = changes.active === false ? "disable" : "update";
  if (!can(ctx.actor, "user", action, { organisationId: before.organisation_id })) throw forbidden();
  if (changes.organisationId && !can(ctx.actor, "user", "update", { organisationId: changes.organisationId })) throw forbidden();
  const after = {
    display_name: changes.displayName ?? before.display_name,
    organisation_id: changes.organisationId ?? before.organisation_id,
    role: changes.role ?? before.role,
    locale: changes.locale ?? before.locale,
    active: changes.active === undefined ? before.active : changes.active ? 1 : 0,
  };
  await trx.updateTable("users").set(after).where("id", "=", id).execute();
  if (after.active === 0 || after.role !== before.role || after.organisation_id !== before.organisation_id) await endSessionsOf(trx, id);
  await recordAudit(trx, ctx, {
    action: after.active === 0 && before.active === 1 ? "user.disabled" : "user.updated",
    entityType: "user",
    entityId: id,
    before: { ...before, password_hash: undefined },
    after: { ...before, ...after, password_hash: undefined },
  });
}

/** An admin sets a new one-time password; the user must change it at next sign-in and loses open sessions. */
export async function resetPassword(trx: Transaction<Database>, ctx: WriteContext, id: number, password?: string): Promise<string> {
  const user = await trx.selectFrom("users").select(["organisation_id"]).where("id", "=", id).executeTakeFirst();
  if (!user) throw notFound("user", id);
  if (!can(ctx.actor, "user", "resetPassword", { organisationId: user.organisation_id })) throw forbidden();
  const next = password ?? generatePassword();
  assertPasswordStrength(next);
  await trx
    .updateTable("users")
    .set({ password_hash: await hashPassword(next), must_change_password: 1, failed_logins: 0, locked_until: null, password_changed_at: new Date().toISOString() })
    .where("id", "=", id)
    .execute();
  await endSessionsOf(trx, id);
  await recordAudit(trx, ctx, { action: "user.password_reset", entityType: "user", entityId: id, before: { password_hash: "x" }, after: { password_hash: "y" } });
  return next;
}

/** The signed-in person's own account, with their organisation. */
export async function getAccount(db: Db, userId: number) {
  return getUser(db, userId);
}

export async function setOwnLocale(trx: Transaction<Database>, ctx: WriteContext, locale: Locale): Promise<void> {
  if (!ctx.actor.userId) throw forbidden();
  const before = await trx.selectFrom("users").select("locale").where("id", "=", ctx.actor.userId).executeTakeFirstOrThrow();
  if (before.locale === locale) return;
  await trx.updateTable("users").set({ locale }).where("id", "=", ctx.actor.userId).execute();
  await recordAudit(trx, ctx, { action: "account.locale_changed", entityType: "user", entityId: ctx.actor.userId, before, after: { locale } });
}
