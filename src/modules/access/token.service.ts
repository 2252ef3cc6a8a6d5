import { randomBytes } from "node:crypto";
import type { Transaction } from "kysely";
import type { Actor } from "../../server/auth/actor.js";
import { can } from "../../server/auth/policy.js";
import { bestEffort, type Db } from "../../server/db/database.js";
import type { Database } from "../../server/db/schema.js";
import type { WriteContext } from "../../server/http/context.js";
import { forbidden, notFound } from "../../shared/errors.js";
import type { OrganisationKind, Role } from "../../shared/roles.js";
import { recordAudit } from "../audit/audit.service.js";
import { sha256 } from "./session.service.js";

const TOKEN_PREFIX = "vgl_";
const USE_REFRESH_MS = 60_000;

export interface NewToken {
  name: string;
  organisationId: number;
  role: Role;
  expiresAt?: string | null | undefined;
}

export async function listTokens(db: Db, actor: Actor) {
  let q = db
    .selectFrom("api_tokens")
    .innerJoin("organisations", "organisations.id", "api_tokens.organisation_id")
    .select([
      "api_tokens.id",
      "api_tokens.name",
      "api_tokens.prefix",
      "api_tokens.organisation_id",
      "organisations.code as organisation_code",
      "api_tokens.role",
      "api_tokens.created_at",
      "api_tokens.expires_at",
      "api_tokens.last_used_at",
      "api_tokens.revoked_at",
    ]);
  if (actor.organisationKind !== "agency") q = q.where("api_tokens.organisation_id", "=", actor.organisationId);
  return q.orderBy("api_tokens.id").execute();
}

/** Creates a token for a machine client. The secret is returned once and stored only as a hash. */
export async function createToken(trx: Transaction<Database>, ctx: WriteContext, input: NewToken): Promise<{ id: number; token: string }> {
  if (!can(ctx.actor, "apiToken", "create", { organisationId: input.organisationId })) throw forbidden();
  const org = await trx.selectFrom("organisations").select("id").where("id", "=", input.organisationId).executeTakeFirst();
  if (!org) throw notFound("organisation", input.organisationId);
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const row = {
    name: input.name,
    token_hash: sha256(token),
    prefix: token.slice(0, 10),
    organisation_id: input.organisationId,
    role: input.role,
    created_by: ctx.actor.userId,
    created_at: new Date().toISOString(),
    expires_at: input.expiresAt ?? null,
    last_used_at: null,
    revoked_at: null,
  };
  const { id } = await trx.insertInto("api_tokens").values(row).returning("id").executeTakeFirstOrThrow();
  await recordAudit(trx, ctx, { action: "api_token.created", entityType: "api_token", entityId: id, after: { ...row, token_hash: undefined } });
  return { id, token };
}

export async function revokeToken(trx: Transaction<Database>, ctx: WriteContext, id: number): Promise<void> {
  const token = await trx.selectFrom("api_tokens").select(["organisation_id", "revoked_at"]).where("id", "=", id).executeTakeFirst();
  if (!token) throw notFound("api_token", id);
  if (!can(ctx.actor, "apiToken", "revoke", { organisationId: token.organisation_id })) throw forbidden();
  if (token.revoked_at) return;
  const revokedAt = new Date().toISOString();
  await trx.updateTable("api_tokens").set({ revoked_at: revokedAt }).where("id", "=", id).execute();
  await recordAudit(trx, ctx, { action: "api_token.revoked", entityType: "api_token", entityId: id, before: { revoked_at: null }, after: { revoked_at: revokedAt } });
}

/** The actor behind an `Authorization: Bearer` token, or null when unknown, revoked or expired. */
export async function resolveToken(db: Db, token: string, now = new Date()): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await db
    .selectFrom("api_tokens")
    .innerJoin("organisations", "organisations.id", "api_tokens.organisation_id")
    .select(["api_tokens.id", "api_tokens.role", "api_tokens.organisation_id", "api_tokens.revoked_at", "api_tokens.expires_at", "api_tokens.last_used_at", "organisations.kind", "organisations.active"])
    .where("api_tokens.token_hash", "=", sha256(token))
    .executeTakeFirst();
  if (!row || row.revoked_at || !row.active) return null;
  if (row.expires_at && row.expires_at <= now.toISOString()) return null;
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > USE_REFRESH_MS) {
    await bestEffort(() => db.updateTable("api_tokens").set({ last_used_at: now.toISOString() }).where("id", "=", row.id).execute());
  }
  return {
    kind: "token",
    userId: null,
    tokenId: row.id,
    organisationId: row.organisation_id,
    organisationKind: row.kind as OrganisationKind,
    role: row.role as Role,
    locale: "en",
  };
}

