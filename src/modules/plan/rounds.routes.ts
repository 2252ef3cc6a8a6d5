import { z, type OpenAPIHono } from "@hono/zod-openapi";
import { actorOf, inTransaction, type AppEnv } from "../../server/http/context.js";
import { errors, json, jsonBody } from "../../server/http/openapi.js";
import { route } from "../../server/http/route.js";
import { presentInboxItem, presentRound, presentRoundUpdate } from "./rounds.presenter.js";
import { IdParam, PlanIdParam } from "./plan.schema.js";
import { InboxItem, NewRoundBody, Round, RoundChangesBody, RoundUpdateRow, RoundUpdatesQuery } from "./rounds.schema.js";
import { createRound, getRound, listInbox, listRoundUpdates, listRounds, updateRound } from "./rounds.service.js";
import { registerUpdateRoutes } from "./updates.routes.js";

const tags = ["plan: rounds"];

const listRoundsRoute = route({
  method: "get",
  path: "/api/plan/plans/{planId}/rounds",
  tags,
  summary: "Reporting rounds of a plan, newest first, with counts of the updates the caller may read",
  access: { resource: "round", action: "read" },
  request: { params: PlanIdParam },
  responses: { 200: json(z.array(Round)), ...errors },
});
const createRoundRoute = route({
  method: "post",
  path: "/api/plan/plans/{planId}/rounds",
  tags,
  summary: "Open a reporting round: one update to file per measure not stopped, by its lead organisation",
  access: { resource: "round", action: "manage" },
  request: { params: PlanIdParam, ...jsonBody(NewRoundBody) },
  responses: { 201: json(Round, "Created"), ...errors },
});
const updateRoundRoute = route({
  method: "patch",
  path: "/api/plan/rounds/{id}",
  tags,
  summary: "Move a round's deadline, close or reopen it",
  access: { resource: "round", action: "manage" },
  request: { params: IdParam, ...jsonBody(RoundChangesBody) },
  responses: { 200: json(Round), ...errors },
});
const roundUpdatesRoute = route({
  method: "get",
  path: "/api/plan/rounds/{id}/updates",
  tags,
  summary: "The updates of a round the caller may read (the agency: all; an organisation: its own)",
  access: { resource: "round", action: "read" },
  request: { params: IdParam, query: RoundUpdatesQuery },
  responses: { 200: json(z.array(RoundUpdateRow)), ...errors },
});
const inboxRoute = route({
  method: "get",
  path: "/api/plan/inbox",
  tags,
  summary: "The caller's organisation's updates in open rounds: those to file first, then submitted, then validated",
  access: { resource: "update", action: "read" },
  responses: { 200: json(z.array(InboxItem)), ...errors },
});

/** Reporting rounds, the inbox, and (in updates.routes.ts) filing, send-back, validation and evidence. */
export function registerRoundRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(listRoundsRoute, async (c) => {
    const actor = actorOf(c);
    const rounds = await listRounds(c.get("db"), actor, c.req.valid("param").planId);
    return c.json(rounds.map((r) => presentRound(actor, c.get("locale"), r.round, r.counts)), 200);
  });
  app.openapi(createRoundRoute, async (c) => {
    const actor = actorOf(c);
    const id = await inTransaction(c, (trx, ctx) => createRound(trx, ctx, c.req.valid("param").planId, c.req.valid("json")));
    const { round, counts } = await getRound(c.get("db"), actor, id);
    return c.json(presentRound(actor, c.get("locale"), round, counts), 201);
  });
  app.openapi(updateRoundRoute, async (c) => {
    const actor = actorOf(c);
    const { id } = c.req.valid("param");
    await inTransaction(c, (trx, ctx) => updateRound(trx, ctx, id, c.req.valid("json")));
    const { round, counts } = await getRound(c.get("db"), actor, id);
    return c.json(presentRound(actor, c.get("locale"), round, counts), 200);
  });
  app.openapi(roundUpdatesRoute, async (c) => {
    const actor = actorOf(c);
    const rows = await listRoundUpdates(c.get("db"), actor, c.req.valid("param").id, c.req.valid("query"));
    return c.json(rows.map((r) => presentRoundUpdate(actor, c.get("locale"), r)), 200);
  });
  app.openapi(inboxRoute, async (c) => {
    const actor = actorOf(c);
    const rows = await listInbox(c.get("db"), actor);
    return c.json(rows.map((r) => presentInboxItem(actor, c.get("locale"), r)), 200);
  });
  registerUpdateRoutes(app);
}
