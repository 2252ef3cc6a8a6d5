import type { OpenAPIHono } from "@hono/zod-openapi";
import { actorOf, inTransaction, type AppEnv } from "../../server/http/context.js";
import { errors, json, jsonBody } from "../../server/http/openapi.js";
import { route } from "../../server/http/route.js";
import { presentPlanDetail } from "./measures.presenter.js";
import { PlanDetail, PlanParam } from "./measures.schema.js";
import { PlanChangesBody, PlanFrameBody } from "./plan-settings.schema.js";
import { replacePlanFrame, updatePlan } from "./plan-settings.service.js";
import { getPlanDetail } from "./plans.service.js";

const tags = ["plan"];
const manage = { resource: "plan", action: "manage" } as const;
const conflictOrBad = { ...errors, 409: errors[400] };

const updatePlanRoute = route({
  method: "patch", path: "/api/plan/plans/{planId}", tags, summary: "Change a plan's titles, years or status",
  description: "Only one plan is active at a time: activating one while another is active answers 409 naming `body.status`. The end year may not precede the start year (400 naming `body.endYear`).",
  access: manage,
  request: { params: PlanParam, ...jsonBody(PlanChangesBody) },
  responses: { 200: json(PlanDetail), ...conflictOrBad },
});
const replaceFrameRoute = route({
  method: "put", path: "/api/plan/plans/{planId}/frame", tags, summary: "Save a plan's themes, transversal goals and priorities as a whole",
  description:
    "Entries with an `id` are updated in place (their number stays); entries without one are appended with the next numbers; entries left out are removed. A goal or priority goes with its links to measures. A theme that measures (or a working group) still belong to cannot be removed: 409 naming `body.themes.N`, N being its index in the plan's current list (as `GET /plans/{planId}` returns it).",
  access: manage,
  request: { params: PlanParam, ...jsonBody(PlanFrameBody) },
  responses: { 200: json(PlanDetail), ...conflictOrBad },
});

/** A plan's settings: titles, years, status and its frame of themes, goals and priorities (registered with the measure routes). */
export function registerPlanSettingsRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(updatePlanRoute, async (c) => {
    const { planId } = c.req.valid("param");
    await inTransaction(c, (trx, ctx) => updatePlan(trx, ctx, planId, c.req.valid("json")));
    return c.json(presentPlanDetail(actorOf(c), c.get("locale"), await getPlanDetail(c.get("db"), planId)), 200);
  });
  app.openapi(replaceFrameRoute, async (c) => {
    const { planId } = c.req.valid("param");
    await inTransaction(c, (trx, ctx) => replacePlanFrame(trx, ctx, planId, c.req.valid("json")));
    return c.json(presentPlanDetail(actorOf(c), c.get("locale"), await getPlanDetail(c.get("db"), planId)), 200);
  });
}
