import { z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../server/http/context.js";
import { errors, json } from "../../server/http/openapi.js";
import { route } from "../../server/http/route.js";
import { AUDIT_PAGE_MAX } from "../../shared/limits.js";
import { listAudit, verifyAuditChain } from "./audit.service.js";

const AuditEntry = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    diff: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])).openapi({ description: "field -> [before, after]" }),
    requestId: z.string().nullable(),
    actor: z.object({ userId: z.number().nullable(), tokenId: z.number().nullable(), name: z.string().nullable(), organisationId: z.number().nullable(), organisationCode: z.string().nullable() }),
    hash: z.string(),
  })
  .openapi("AuditEntry");

const AuditQuery = z.object({
  entityType: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  actorUserId: z.coerce.number().int().positive().optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  beforeSeq: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(100),
});

const VerifyResult = z
  .object({
    ok: z.boolean(),
    entries: z.number().int(),
    seq: z.number().int().optional(),
    problem: z.enum(["altered", "removed", "reordered"]).optional(),
  })
  .openapi("AuditVerification");

const list = route({
  method: "get",
  path: "/api/audit",
  tags: ["audit"],
  summary: "The audit log, newest first, filtered (read-only: nothing updates or deletes an entry)",
  access: { resource: "audit", action: "read" },
  request: { query: AuditQuery },
  responses: { 200: json(z.object({ entries: z.array(AuditEntry), nextBeforeSeq: z.number().int().nullable() })), ...errors },
});

const verify = route({
  method: "get",
  path: "/api/audit/verify",
  tags: ["audit"],
  summary: "Re-computes the hash chain and names the first altered, removed or reordered entry",
  access: { resource: "audit", action: "verify" },
  responses: { 200: json(VerifyResult), ...errors },
});

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}

export function registerAuditRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(list, async (c) => {
    const q = c.req.valid("query");
    const rows = await listAudit(c.get("db"), { ...q, from: q.from ? `${q.from}T00:00:00.000Z` : undefined, to: q.to ? nextDay(q.to) : undefined });
    const entries = rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      diff: r.diff,
      requestId: r.request_id,
      actor: { userId: r.actor_user_id, tokenId: r.actor_token_id, name: r.actor_name, organisationId: r.actor_org_id, organisationCode: r.actor_org_code },
      hash: r.hash,
    }));
    return c.json({ entries, nextBeforeSeq: entries.length === q.limit ? entries[entries.length - 1]!.seq : null }, 200);
  });
  app.openapi(verify, async (c) => c.json(await verifyAuditChain(c.get("db")), 200));
}
