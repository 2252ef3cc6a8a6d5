import { z, type OpenAPIHono } from "@hono/zod-openapi";
import { actorOf, inTransaction, type AppEnv } from "../../server/http/context.js";
import { errors, json, jsonBody } from "../../server/http/openapi.js";
import { route } from "../../server/http/route.js";
import { presentBody, presentBodyDetail, presentMember } from "./bodies.presenter.js";
import { Body, BodyChangesBody, BodyDetail, Member, MemberChangesBody, NewBodyBody, NewMemberBody } from "./bodies.schema.js";
import { IdParam, PlanIdParam } from "./plan.schema.js";
import { addMember, createBody, getBody, getMember, listBodies, updateBody, updateMember } from "./bodies.service.js";
import { registerMeetingRoutes } from "./meetings.routes.js";

const tags = ["plan: governance"];
const read = { resource: "body", action: "read" } as const;
const manage = { resource: "body", action: "manage" } as const;

const listBodiesRoute = route({
  method: "get",
  path: "/api/plan/plans/{planId}/bodies",
  tags,
  summary: "Governance bodies of a plan: the council, the committee, a working group per theme",
  access: read,
  request: { params: PlanIdParam },
  responses: { 200: json(z.array(Body)), ...errors },
});
const getBodyRoute = route({
  method: "get",
  path: "/api/plan/bodies/{id}",
  tags,
  summary: "One body with its members, and its meetings when the caller may read them",
  access: read,
  request: { params: IdParam },
  responses: { 200: json(BodyDetail), ...errors },
});
const createBodyRoute = route({
  method: "post",
  path: "/api/plan/plans/{planId}/bodies",
  tags,
  summary: "Add a body to a plan",
  access: manage,
  request: { params: PlanIdParam, ...jsonBody(NewBodyBody) },
  responses: { 201: json(BodyDetail, "Created"), ...errors },
});
const updateBodyRoute = route({
  method: "patch",
  path: "/api/plan/bodies/{id}",
  tags,
  summary: "Rename a body or change its kind or theme",
  access: manage,
  request: { params: IdParam, ...jsonBody(BodyChangesBody) },
  responses: { 200: json(BodyDetail), ...errors },
});
const addMemberRoute = route({
  method: "post",
  path: "/api/plan/bodies/{id}/members",
  tags,
  summary: "Add a member to a body; with an account, they see the body's meetings",
  access: manage,
  request: { params: IdParam, ...jsonBody(NewMemberBody) },
  responses: { 201: json(Member, "Created"), ...errors, 409: errors[400] },
});
const updateMemberRoute = route({
  method: "patch",
  path: "/api/plan/members/{id}",
  tags,
  summary: "Change a member (role, account, organisation), or mark them as no longer sitting",
  access: manage,
  request: { params: IdParam, ...jsonBody(MemberChangesBody) },
  responses: { 200: json(Member), ...errors, 409: errors[400] },
});

/** Governance bodies, their members, their meetings and the calendar. */
export function registerBodyRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(listBodiesRoute, async (c) => {
    const actor = actorOf(c);
    const rows = await listBodies(c.get("db"), actor, c.req.valid("param").planId);
    return c.json(rows.map((r) => presentBody(actor, c.get("locale"), r)), 200);
  });
  app.openapi(getBodyRoute, async (c) => {
    const actor = actorOf(c);
    return c.json(presentBodyDetail(actor, c.get("locale"), await getBody(c.get("db"), actor, c.req.valid("param").id)), 200);
  });
  app.openapi(createBodyRoute, async (c) => {
    const actor = actorOf(c);
    const id = await inTransaction(c, (trx, ctx) => createBody(trx, ctx, c.req.valid("param").planId, c.req.valid("json")));
    return c.json(presentBodyDetail(actor, c.get("locale"), await getBody(c.get("db"), actor, id)), 201);
  });
  app.openapi(updateBodyRoute, async (c) => {
    const actor = actorOf(c);
    const { id } = c.req.valid("param");
    await inTransaction(c, (trx, ctx) => updateBody(trx, ctx, id, c.req.valid("json")));
    return c.json(presentBodyDetail(actor, c.get("locale"), await getBody(c.get("db"), actor, id)), 200);
  });
  app.openapi(addMemberRoute, async (c) => {
    const id = await inTransaction(c, (trx, ctx) => addMember(trx, ctx, c.req.valid("param").id, c.req.valid("json")));
    return c.json(presentMember(actorOf(c), c.get("locale"), await getMember(c.get("db"), id)), 201);
  });
  app.openapi(updateMemberRoute, async (c) => {
    const { id } = c.req.valid("param");
    await inTransaction(c, (trx, ctx) => updateMember(trx, ctx, id, c.req.valid("json")));
    return c.json(presentMember(actorOf(c), c.get("locale"), await getMember(c.get("db"), id)), 200);
  });
  registerMeetingRoutes(app);
}
