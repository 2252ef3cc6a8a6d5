/**
 * Priority intervention zones over HTTP: compute the proposals of a group of categories,
 * list runs and proposals (with a summary of their evidence), read one proposal with its
 * full evidence, and accept or reject one with a reason.
 * Rule and defaults: docs/statistics.md, "Priority intervention zones".
 */
import { z, type OpenAPIHono } from "@hono/zod-openapi";
import { can } from "../../server/auth/policy.js";
import { actorOf, inTransaction, type AppContext, type AppEnv } from "../../server/http/context.js";
import { errors, json, jsonBody } from "../../server/http/openapi.js";
import { route } from "../../server/http/route.js";
import { notFound } from "../../shared/errors.js";
import { listProposals, listRuns, proposalById } from "./priority-zones.read.js";
import { computeProposals, decideProposal } from "./priority-zones.service.js";
import { presentProposal, presentProposalDetail } from "./zones.presenter.js";
import { DecisionBody, Proposal, ProposalDetail, ProposalIdParam, ProposalRun, ProposalsQuery, ProposeBody, RunSummary } from "./zones.schema.js";

const tags = ["observatory zones"];
const base = "/api/observatory/zones/proposals";
const read = { resource: "observatory", action: "read" } as const;

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
const runsRoute = route({
  method: "get",
  path: "/api/observatory/zones/runs",
  tags,
  summary: "The stored runs (one category group each), latest first, with their proposals counted by status",
  access: read,
  responses: { 200: json(z.array(RunSummary)), ...errors },
});
const listRoute = route({
  method: "get",
  path: base,
  tags,
  summary: "The stored proposals, latest first (at most 1000), with a summary of their evidence; filters by status, category group and run",
  access: read,
  request: { query: ProposalsQuery },
  responses: { 200: json(z.array(Proposal)), ...errors },
});
const detailRoute = route({
  method: "get",
  path: `${base}/{id}`,
  tags,
  summary: "One proposal with its full evidence: per year and combination z, pseudo-p, adjusted q, significance and hot spot; the rule's parameters",
  access: read,
  request: { params: ProposalIdParam },
  responses: { 200: json(ProposalDetail), ...errors },
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

const mayDecide = (c: AppContext) => can(actorOf(c), "observatory", "decideZones");

export function registerZoneRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(proposeRoute, async (c) => {
    const body = c.req.valid("json");
    const db = c.get("db");
    const run = await computeProposals(db, body, { actor: actorOf(c), requestId: c.get("requestId") });
    const rows = run.proposals.length ? await listProposals(db, { run: run.runKey, group: body.groupLabel }) : [];
    const proposals = rows.sort((a, b) => a.neighbourhood_code - b.neighbourhood_code).map((r) => presentProposal(c.get("locale"), r, mayDecide(c)));
    return c.json({ runKey: run.runKey, years: run.years, inserted: run.inserted, proposals }, 200);
  });

  app.openapi(runsRoute, async (c) => c.json(await listRuns(c.get("db")), 200));

  app.openapi(listRoute, async (c) => {
    const rows = await listProposals(c.get("db"), c.req.valid("query"));
    return c.json(rows.map((r) => presentProposal(c.get("locale"), r, mayDecide(c))), 200);
  });

  app.openapi(detailRoute, async (c) => {
    const { id } = c.req.valid("param");
    const row = await proposalById(c.get("db"), id);
    if (!row) throw notFound("priority_zone_proposal", id);
    return c.json(presentProposalDetail(c.get("locale"), row, mayDecide(c)), 200);
  });

  app.openapi(decideRoute, async (c) => {
    const { id } = c.req.valid("param");
    await inTransaction(c, (trx, ctx) => decideProposal(trx, ctx, id, c.req.valid("json")));
    const row = await proposalById(c.get("db"), id);
    if (!row) throw notFound("priority_zone_proposal", id);
    return c.json(presentProposal(c.get("locale"), row, mayDecide(c)), 200);
  });
}
