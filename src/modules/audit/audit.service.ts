import { createHash } from "node:crypto";
import type { Transaction } from "kysely";
import { lockChain } from "../../server/db/dialect.js";
import type { Db } from "../../server/db/database.js";
import type { Database } from "../../server/db/schema.js";
import type { WriteContext } from "../../server/http/context.js";
import type { AuditLogTable } from "./audit.table.js";

const GENESIS = "0".repeat(64);
const AUDIT_LOCK_KEY = 7_001;
/** Fields whose values never enter the log: only the fact that they changed. */
const SECRET_FIELDS = new Set(["password_hash", "token_hash", "passwordHash", "tokenHash", "csrf_token"]);

export type Diff = Record<string, [unknown, unknown]>;

export interface AuditInput {
  action: string;
  entityType: string;
  entityId: string | number;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Field-by-field difference between two versions of an entity; secrets are masked. */
export function diffOf(before: Record<string, unknown> | null | undefined, after: Record<string, unknown> | null | undefined): Diff {
  const out: Diff = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of [...keys].sort()) {
    const a = before?.[key] ?? null;
    const b = after?.[key] ?? null;
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    out[key] = SECRET_FIELDS.has(key) ? ["[secret]", "[secret changed]"] : [a, b];
  }
  return out;
}

type Hashed = Omit<AuditLogTable, "hash" | "prev_hash">;

/** The hash of an entry covers its position, its content and the previous hash. */
export function entryHash(prevHash: string, entry: Hashed): string {
  const content = JSON.stringify([
    entry.seq,
    entry.at,
    entry.actor_user_id,
    entry.actor_token_id,
    entry.actor_org_id,
    entry.action,
    entry.entity_type,
    entry.entity_id,
    entry.diff,
    entry.request_id,
  ]);
  return createHash("sha256").update(prevHash).update("\n").update(content).digest("hex");
}

/** Appends one entry to the chain, inside the caller's transaction (so it commits or rolls back with the write). */
export async function recordAudit(trx: Transaction<Database>, ctx: WriteContext, input: AuditInput, now = new Date()): Promise<void> {
  await lockChain(trx, AUDIT_LOCK_KEY);
  const last = await trx.selectFrom("audit_log").select(["seq", "hash"]).orderBy("seq", "desc").limit(1).executeTakeFirst();
  const entry: Hashed = {
    seq: (last?.seq ?? 0) + 1,
    at: now.toISOString(),
    actor_user_id: ctx.actor.userId,
    actor_token_id: ctx.actor.tokenId,
    actor_org_id: ctx.actor.organisationId || null,
    action: input.action,
    entity_type: input.entityType,
    entity_id: String(input.entityId),
    diff: JSON.stringify(diffOf(input.before, input.after)),
    request_id: ctx.requestId,
  };
  const prevHash = last?.hash ?? GENESIS;
  await trx.insertInto("audit_log").values({ ...entry, prev_hash: prevHash, hash: entryHash(prevHash, entry) }).execute();
}

export type VerifyResult =
  | { ok: true; entries: number }
  | { ok: false; entries: number; seq: number; problem: "altered" | "removed" | "reordered" };

/** Walks the chain in order and names the first entry that was altered, removed or moved. */
export async function verifyAuditChain(db: Db): Promise<VerifyResult> {
  let prevHash = GENESIS;
  let expected = 1;
  let entries = 0;
  const pageSize = 5_000;
  for (;;) {
    const rows = await db.selectFrom("audit_log").selectAll().where("seq", ">=", expected).orderBy("seq").limit(pageSize).execute();
    for (const row of rows) {
      entries += 1;
      if (row.seq !== expected) return { ok: false, entries, seq: expected, problem: "removed" };
      const { hash, prev_hash, ...content } = row;
      if (entryHash(prev_hash, content) !== hash) return { ok: false, entries, seq: row.seq, problem: "altered" };
      if (prev_hash !== prevHash) return { ok: false, entries, seq: row.seq, problem: "reordered" };
      prevHash = hash;
      expected += 1;
    }
    if (rows.length < pageSize) return { ok: true, entries };
  }
}

export interface AuditFilter {
  entityType?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  actorUserId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  /** Entries before this sequence number (for paging backwards in time). */
  beforeSeq?: number | undefined;
}

/** Newest first, filtered; read-only: nothing in Vigil updates or deletes an entry. */
export async function listAudit(db: Db, filter: AuditFilter) {
  let q = db
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_user_id")
    .leftJoin("organisations", "organisations.id", "audit_log.actor_org_id")
    .select([
      "audit_log.seq",
      "audit_log.at",
      "audit_log.action",
      "audit_log.entity_type",
      "audit_log.entity_id",
      "audit_log.diff",
      "audit_log.request_id",
      "audit_log.actor_user_id",
      "audit_log.actor_token_id",
      "audit_log.actor_org_id",
      "audit_log.hash",
      "users.display_name as actor_name",
      "organisations.code as actor_org_code",
    ]);
  if (filter.entityType) q = q.where("audit_log.entity_type", "=", filter.entityType);
  if (filter.entityId) q = q.where("audit_log.entity_id", "=", filter.entityId);
  if (filter.action) q = q.where("audit_log.action", "=", filter.action);
  if (filter.actorUserId) q = q.where("audit_log.actor_user_id", "=", filter.actorUserId);
  if (filter.from) q = q.where("audit_log.at", ">=", filter.from);
  if (filter.to) q = q.where("audit_log.at", "<", filter.to);
  if (filter.beforeSeq) q = q.where("audit_log.seq", "<", filter.beforeSeq);
  const rows = await q.orderBy("audit_log.seq", "desc").limit(filter.limit).execute();
  return rows.map((r) => ({ ...r, diff: JSON.parse(r.diff) as Diff }));
}
