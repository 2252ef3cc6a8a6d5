import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Actor } from "../../server/auth/actor.js";
import type { Config } from "../../server/config.js";
import { bestEffort, type Db } from "../../server/db/database.js";
import type { Database } from "../../server/db/schema.js";
import { AppError } from "../../shared/errors.js";
import { isLocale } from "../../shared/locale.js";
import type { OrganisationKind, Role } from "../../shared/roles.js";
import { recordAudit } from "../audit/audit.service.js";
import { assertPasswordStrength, decoyHash, hashPassword, verifyPassword } from "./password.js";

export const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
const SEEN_REFRESH_MS = 60_000;

type LoginPolicy = Pick<Config, "LOGIN_MAX_FAILURES" | "LOGIN_LOCKOUT_MINUTES" | "SESSION_TTL_HOURS">;

export interface LoginResult {
  sessionToken: string;
  csrfToken: string;
  userId: number;
  expiresAt: string;
}

const actorColumns = [
  "users.id as user_id",
  "users.role",
  "users.locale",
  "users.organisation_id",
  "organisations.kind as organisation_kind",
] as const;

function actorFromRow(row: { user_id: number; role: string; locale: string; organisation_id: number; organisation_kind: string }): Actor {
  return {
    kind: "user",
    userId: row.user_id,
    tokenId: null,
    organisationId: row.organisation_id,
    organisationKind: row.organisation_kind as OrganisationKind,
    role: row.role as Role,
    locale: isLocale(row.locale) ? row.locale : "fr",
  };
}

/**
 * Checks a password and opens a session. Repeated failures lock the account for a while;
 * an unknown email costs the same time as a wrong password.
 */
/** Sign-in events are recorded as done by the account itself. */
function selfContext(userId: number, organisationId: number, requestId: string | null) {
  const actor: Actor = { kind: "user", userId, tokenId: null, organisationId, organisationKind: "agency", role: "viewer", locale: "en" };
  return { actor, requestId };
}

export async function login(db: Db, policy: LoginPolicy, email: string, password: string, now = new Date(), requestId: string | null = null): Promise<LoginResult> {
  const user = await db
    .selectFrom("users")
    .innerJoin("organisations", "organisations.id", "users.organisation_id")
    .select(["users.id", "users.password_hash", "users.active", "users.failed_logins", "users.locked_until", "users.organisation_id", "organisations.active as org_active"])
    .where("users.email", "=", email.trim().toLowerCase())
    .executeTakeFirst();
  if (!user) {
    await verifyPassword(await decoyHash(), password);
    throw new AppError("invalid_credentials");
  }
  if (user.locked_until && user.locked_until > now.toISOString()) {
    throw new AppError("account_locked", { params: { until: user.locked_until } });
  }
  const valid = await verifyPassword(user.password_hash, password);
  const self = selfContext(user.id, user.organisation_id, requestId);
  if (!valid || !user.active || !user.org_active) {
    const failures = user.failed_logins + 1;
    const lock = failures >= policy.LOGIN_MAX_FAILURES;
    const lockedUntil = lock ? new Date(now.getTime() + policy.LOGIN_LOCKOUT_MINUTES * 60_000).toISOString() : null;
    await db.transaction().execute(async (trx) => {
      await trx.updateTable("users").set({ failed_logins: lock ? 0 : failures, locked_until: lockedUntil }).where("id", "=", user.id).execute();
      await recordAudit(trx, self, { action: "account.sign_in_failed", entityType: "user", entityId: user.id, before: { failed_logins: user.failed_logins }, after: { failed_logins: failures } }, now);
      if (lock) await recordAudit(trx, self, { action: "account.locked", entityType: "user", entityId: user.id, after: { locked_until: lockedUntil } }, now);
    });
    if (lock) throw new AppError("account_locked", { params: { until: lockedUntil! } });
    throw new AppError("invalid_credentials");
  }
  const sessionToken = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + policy.SESSION_TTL_HOURS * 3_600_000).toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("users")
      .set({ failed_logins: 0, locked_until: null, last_login_at: now.toISOString() })
      .where("id", "=", user.id)
      .execute();
    await trx
      .insertInto("sessions")
      .values({ id: sha256(sessionToken), user_id: user.id, csrf_token: csrfToken, created_at: now.toISOString(), expires_at: expiresAt, last_seen_at: now.toISOString() })
      .execute();
    await recordAudit(trx, self, { action: "account.signed_in", entityType: "user", entityId: user.id, after: { session_expires_at: expiresAt } }, now);
  });
  return { sessionToken, csrfToken, userId: user.id, expiresAt };
}

export interface ResolvedSession {
  actor: Actor;
  sessionId: string;
  csrfToken: string;
}

/** Looks up the session behind a cookie; slides its expiry while it is used. */
export async function resolveSession(db: Db, ttlHours: number, sessionToken: string, now = new Date()): Promise<ResolvedSession | null> {
  const id = sha256(sessionToken);
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .innerJoin("organisations", "organisations.id", "users.organisation_id")
    .select([...actorColumns, "sessions.csrf_token", "sessions.expires_at", "sessions.last_seen_at", "users.active", "users.must_change_password", "organisations.active as org_active"])
    .where("sessions.id", "=", id)
    .executeTakeFirst();
  if (!row || row.expires_at <= now.toISOString() || !row.active || !row.org_active) return null;
  if (now.getTime() - Date.parse(row.last_seen_at) > SEEN_REFRESH_MS) {
    const expiresAt = new Date(now.getTime() + ttlHours * 3_600_000).toISOString();
    await bestEffort(() => db.updateTable("sessions").set({ last_seen_at: now.toISOString(), expires_at: expiresAt }).where("id", "=", id).execute());
  }
  const actor = actorFromRow(row);
  if (row.must_change_password === 1) actor.mustChangePassword = true;
  return { actor, sessionId: id, csrfToken: row.csrf_token };
}

export async function logout(db: Db, actor: Actor, sessionId: string, requestId: string | null = null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { numDeletedRows } = await trx.deleteFrom("sessions").where("id", "=", sessionId).executeTakeFirst();
    if (numDeletedRows > 0n && actor.userId) {
      await recordAudit(trx, { actor, requestId }, { action: "account.signed_out", entityType: "user", entityId: actor.userId });
    }
  });
}

/** Removes every session of a user, e.g. after a password change, disable or reset. */
export async function endSessionsOf(db: Kysely<Database>, userId: number, keepSessionId?: string): Promise<void> {
  let q = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (keepSessionId) q = q.where("id", "!=", keepSessionId);
  await q.execute();
}

/** A person changes their own password; their other sessions end. */
export async function changeOwnPassword(db: Db, actor: Actor, sessionId: string | null, current: string, next: string, requestId: string | null): Promise<void> {
  if (!actor.userId) throw new AppError("forbidden");
  const user = await db.selectFrom("users").select(["password_hash"]).where("id", "=", actor.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, current))) {
    throw new AppError("validation_failed", { fields: [{ field: "body.currentPassword", key: "validation.password_wrong" }] });
  }
  assertPasswordStrength(next, "body.newPassword");
  const passwordHash = await hashPassword(next);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("users")
      .set({ password_hash: passwordHash, must_change_password: 0, password_changed_at: new Date().toISOString() })
      .where("id", "=", actor.userId!)
      .execute();
    await endSessionsOf(trx, actor.userId!, sessionId ?? undefined);
    await recordAudit(trx, { actor, requestId }, { action: "account.password_changed", entityType: "user", entityId: actor.userId!, before: { password_hash: "x" }, after: { password_hash: "y" } });
  });
}
