/**
 * Priority intervention zones over HTTP: compute the proposals of a group of categories,
 * list them with a summary of their evidence, and accept or reject one with a reason.
 * Rule and defaults: docs/statistics.md, "Priority intervention zones".
 */
import { z, type OpenAPIHono } from "@hono/zod-openapi";
import { actorOf, inTransaction, type AppEnv } from "../../server/http/context.js";
import { errors, json, jsonBody } from "../../server/http/openapi.js";
import { route } from "../../server/http/route.js";
import { notFound } from "../../shared/errors.js";
import { presentProposal } from "./observatory.presenter.js";
import { DecisionBody, Proposal, ProposalIdParam, ProposalRun, ProposalsQuery, ProposeBody } from "./observatory.schema.js";
import { computeProposals, decideProposal } from "./priority-zones.service.js";

const tags = ["observatory zones"];
const base = "/api/observatory/zones/proposals";
/** Most proposals one list answers with (latest first). */
const LIST_LIMIT = 1000;

const proposeRoute = route({
  method: "post",
  path: base,
  tags,
  summary: "Compute the priority-zone proposals of a group of categories (Gi* hot spots, FDR, robust across weights, rates and years)",
  description: "Recomputing the same run (same data and options) stores nothing new and keeps the decisions taken.",
  access: { resource: "observatory", action: "proposeZones" },
  request: jsonBody(ProposeBody),
  responses: { 200: json(ProposalRun), ...errors },
});
const listRoute = route({
  method: "get",
  path: base,
  tags,
  summary: "The stored proposals, latest first, with a summary of their evidence",
  access: { resource: "observatory", action: "read" },
  request: { query: ProposalsQuery },
  responses: { 200: json(z.array(Proposal)), ...errors },
});
const decideRoute = route({
  method: "post",
  path: `${base}/{id}/decision`,
  tags,
  summary: "Accept or reject a proposal that is still proposed; the reason is required",
  access: { resource: "observatory", action: "decideZones" },
  request: { params: ProposalIdParam, ...jsonBody(DecisionBody) },
  responses: { 200: json(Proposal), 409: errors[400], ...errors },
});

export function registerZoneRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(proposeRoute, async (c) => {
    const body = c.req.valid("json");
    const db = c.get("db");
    const run = await computeProposals(db, body, { actor: actorOf(c), requestId: c.get("requestId") });
    const rows = run.proposals.length
      ? await db
          .selectFrom("priority_zone_proposals")
          .selectAll()
          .where("run_key", "=", run.runKey)
          .where("category_group", "=", body.groupLabel)
          .orderBy("neighbourhood_code")
          .execute()
      : [];
    return c.json({ runKey: run.runKey, years: run.years, inserted: run.inserted, proposals: rows.map(presentProposal) }, 200);
  });

  app.openapi(listRoute, async (c) => {
    const { status } = c.req.valid("query");
    let q = c.get("db").selectFrom("priority_zone_proposals").selectAll().orderBy("id", "desc").limit(LIST_LIMIT);
    if (status) q = q.where("status", "=", status);
    return c.json((await q.execute()).map(presentProposal), 200);
  });

  app.openapi(decideRoute, async (c) => {
    const { id } = c.req.valid("param");
    await inTransaction(c, (trx, ctx) => decideProposal(trx, ctx, id, c.req.valid("json")));
    const row = await c.get("db").selectFrom("priority_zone_proposals").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) throw notFound("priority_zone_proposal", id);
    return c.json(presentProposal(row), 200);
  });
}
