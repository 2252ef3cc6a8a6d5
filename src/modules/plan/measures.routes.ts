import { z, type OpenAPIHono } from "@hono/zod-openapi";
import { actorOf, inTransaction, type AppContext, type AppEnv } from "../../server/http/context.js";
import { errors, json, jsonBody, noContent } from "../../server/http/openapi.js";
import { route } from "../../server/http/route.js";
import { getMeasureDetail, milestoneIsLate } from "./measure-detail.service.js";
import { listMeasureRows } from "./measure-list.service.js";
import { presentIndicator, presentMeasure, presentMeasureDetail, presentMilestone, presentOverview, presentPlan, presentPlanDetail } from "./measures.presenter.js";
import {
  Explanation,
  ExplainQuery,
  IdParam,
  Indicator,
  IndicatorChangesBody,
  MeasureChangesBody,
  MeasureDetail,
  MeasureQuery,
  MeasureSummary,
  Milestone,
  MilestoneChangesBody,
  NewIndicatorBody,
  NewMeasureBody,
  NewMilestoneBody,
  NewPlanBody,
  Overview,
  Plan,
  PlanDetail,
  PlanParam,
} from "./measures.schema.js";
import { createMeasure, updateMeasure } from "./measures.service.js";
import {
  createIndicator,
  createMilestone,
  deleteIndicator,
  deleteMilestone,
  indicatorOr404,
  milestoneOr404,
  updateIndicator,
  updateMilestone,
} from "./milestones-indicators.service.js";
import { explainProgress, planOverview } from "./overview.service.js";
import { registerPlanSettingsRoutes } from "./plan-settings.routes.js";
import { brusselsDay } from "./plan.common.js";
import { createPlan, getPlanDetail, listPlans } from "./plans.service.js";

const tags = ["plan"];
const conflictOrBad = { ...errors, 409: errors[400] };

// ---- plans and the dashboard --------------------------------------------------------
const listPlansRoute = route({
  method: "get", path: "/api/plan/plans", tags, summary: "Plans, newest first",
  access: { resource: "plan", action: "read" },
  responses: { 200: json(z.array(Plan)), ...errors },
});
const createPlanRoute = route({
  method: "post", path: "/api/plan/plans", tags,
  summary: "Create a plan, empty or as the next plan of an earlier one (copyFromPlanId)",
  description: "With `copyFromPlanId`: themes, goals and priorities are copied, and the kept measures (all when `keepMeasureCodes` is absent) with their links, milestones not done and indicators (the current value becomes the baseline); they start `planned` at 0%.",
  access: { resource: "plan", action: "manage" },
  request: jsonBody(NewPlanBody),
  responses: { 201: json(PlanDetail, "Created"), ...conflictOrBad },
});
const getPlanRoute = route({
  method: "get", path: "/api/plan/plans/{planId}", tags, summary: "A plan with its themes, transversal goals and priorities",
  access: { resource: "plan", action: "read" },
  request: { params: PlanParam },
  responses: { 200: json(PlanDetail), ...errors },
});
const overviewRoute = route({
  method: "get", path: "/api/plan/plans/{planId}/overview", tags,
  summary: "Dashboard: progress per theme, status per pillar, late milestones, current round, lead organisations, territorial measures",
  access: { resource: "plan", action: "read" },
  request: { params: PlanParam },
  responses: { 200: json(Overview), ...errors },
});
const explainRoute = route({
  method: "get", path: "/api/plan/plans/{planId}/progress/explain", tags,
  summary: "How a progress figure is computed: weighted mean with every part and its exact contribution",
  access: { resource: "plan", action: "read" },
  request: { params: PlanParam, query: ExplainQuery },
  responses: { 200: json(Explanation), ...errors },
});

// ---- measures ------------------------------------------------------------------------
const listMeasuresRoute = route({
  method: "get", path: "/api/plan/plans/{planId}/measures", tags, summary: "A plan's measures, filtered",
  access: { resource: "measure", action: "read" },
  request: { params: PlanParam, query: MeasureQuery },
  responses: { 200: json(z.array(MeasureSummary)), ...errors },
});
const getMeasureRoute = route({
  method: "get", path: "/api/plan/measures/{id}", tags,
  summary: "A measure in full: links, milestones, indicators, progress updates, meetings and decisions",
  access: { resource: "measure", action: "read" },
  request: { params: IdParam },
  responses: { 200: json(MeasureDetail), ...errors },
});
const createMeasureRoute = route({
  method: "post", path: "/api/plan/plans/{planId}/measures", tags, summary: "Add a measure to a plan",
  access: { resource: "measure", action: "manage" },
  request: { params: PlanParam, ...jsonBody(NewMeasureBody) },
  responses: { 201: json(MeasureDetail, "Created"), ...conflictOrBad },
});
const updateMeasureRoute = route({
  method: "patch", path: "/api/plan/measures/{id}", tags, summary: "Change a measure (any of its fields)",
  access: { resource: "measure", action: "manage" },
  request: { params: IdParam, ...jsonBody(MeasureChangesBody) },
  responses: { 200: json(MeasureDetail), ...conflictOrBad },
});

// ---- milestones and indicators ----------------------------------------------------------
const manage = { resource: "measure", action: "manage" } as const;
const createMilestoneRoute = route({
  method: "post", path: "/api/plan/measures/{id}/milestones", tags, summary: "Add a milestone (at the end of the list)",
  access: manage, request: { params: IdParam, ...jsonBody(NewMilestoneBody) },
  responses: { 201: json(Milestone, "Created"), ...errors },
});
const updateMilestoneRoute = route({
  method: "patch", path: "/api/plan/milestones/{id}", tags, summary: "Change a milestone (doneDate null: not done)",
  access: manage, request: { params: IdParam, ...jsonBody(MilestoneChangesBody) },
  responses: { 200: json(Milestone), ...errors },
});
const deleteMilestoneRoute = route({
  method: "delete", path: "/api/plan/milestones/{id}", tags, summary: "Remove a milestone",
  access: manage, request: { params: IdParam },
  responses: { ...noContent, ...errors },
});
const createIndicatorRoute = route({
  method: "post", path: "/api/plan/measures/{id}/indicators", tags, summary: "Add an indicator",
  access: manage, request: { params: IdParam, ...jsonBody(NewIndicatorBody) },
  responses: { 201: json(Indicator, "Created"), ...errors },
});
const updateIndicatorRoute = route({
  method: "patch", path: "/api/plan/indicators/{id}", tags, summary: "Change an indicator's names, unit, direction, baseline or target",
  access: manage, request: { params: IdParam, ...jsonBody(IndicatorChangesBody) },
  responses: { 200: json(Indicator), ...errors },
});
const deleteIndicatorRoute = route({
  method: "delete", path: "/api/plan/indicators/{id}", tags, summary: "Remove an indicator",
  access: manage, request: { params: IdParam },
  responses: { ...noContent, ...errors },
});

const measureReply = async (c: AppContext, id: number) =>
  presentMeasureDetail(actorOf(c), c.get("locale"), await getMeasureDetail(c.get("db"), actorOf(c), id));
const milestoneReply = async (c: AppContext, id: number) => {
  const row = await milestoneOr404(c.get("db"), id);
  return presentMilestone(c.get("locale"), { ...row, late: milestoneIsLate(row, brusselsDay()) });
};
const indicatorReply = async (c: AppContext, id: number) => presentIndicator(c.get("locale"), await indicatorOr404(c.get("db"), id));
const planReply = async (c: AppContext, planId: number) => presentPlanDetail(actorOf(c), c.get("locale"), await getPlanDetail(c.get("db"), planId));

/** Plans, measures, milestones, indicators, progress and the dashboard overview. */
export function registerMeasureRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(listPlansRoute, async (c) => c.json((await listPlans(c.get("db"))).map((p) => presentPlan(actorOf(c), c.get("locale"), p)), 200));
  app.openapi(createPlanRoute, async (c) => {
    const id = await inTransaction(c, (trx, ctx) => createPlan(trx, ctx, c.req.valid("json")));
    return c.json(await planReply(c, id), 201);
  });
  app.openapi(getPlanRoute, async (c) => c.json(await planReply(c, c.req.valid("param").planId), 200));
  registerPlanSettingsRoutes(app);
  app.openapi(overviewRoute, async (c) => {
    const view = await planOverview(c.get("db"), actorOf(c), c.get("locale"), c.req.valid("param").planId);
    return c.json(presentOverview(actorOf(c), c.get("locale"), view), 200);
  });
  app.openapi(explainRoute, async (c) => {
    const { level, id } = c.req.valid("query");
    return c.json(await explainProgress(c.get("db"), c.get("locale"), c.req.valid("param").planId, level, id), 200);
  });

  app.openapi(listMeasuresRoute, async (c) => {
    const rows = await listMeasureRows(c.get("db"), c.req.valid("param").planId, c.req.valid("query"), brusselsDay());
    return c.json(rows.map((m) => presentMeasure(actorOf(c), c.get("locale"), m)), 200);
  });
  app.openapi(getMeasureRoute, async (c) => c.json(await measureReply(c, c.req.valid("param").id), 200));
  app.openapi(createMeasureRoute, async (c) => {
    const id = await inTransaction(c, (trx, ctx) => createMeasure(trx, ctx, c.req.valid("param").planId, c.req.valid("json")));
    return c.json(await measureReply(c, id), 201);
  });
  app.openapi(updateMeasureRoute, async (c) => {
    const { id } = c.req.valid("param");
    await inTransaction(c, (trx, ctx) => updateMeasure(trx, ctx, id, c.req.valid("json")));
    return c.json(await measureReply(c, id), 200);
  });

  app.openapi(createMilestoneRoute, async (c) => {
    const id = await inTransaction(c, (trx, ctx) => createMilestone(trx, ctx, c.req.valid("param").id, c.req.valid("json")));
    return c.json(await milestoneReply(c, id), 201);
  });
  app.openapi(updateMilestoneRoute, async (c) => {
    const { id } = c.req.valid("param");
    await inTransaction(c, (trx, ctx) => updateMilestone(trx, ctx, id, c.req.valid("json")));
    return c.json(await milestoneReply(c, id), 200);
  });
  app.openapi(deleteMilestoneRoute, async (c) => {
    await inTransaction(c, (trx, ctx) => deleteMilestone(trx, ctx, c.req.valid("param").id));
    return c.body(null, 204);
  });
  app.openapi(createIndicatorRoute, async (c) => {
    const id = await inTransaction(c, (trx, ctx) => createIndicator(trx, ctx, c.req.valid("param").id, c.req.valid("json")));
    return c.json(await indicatorReply(c, id), 201);
  });
  app.openapi(updateIndicatorRoute, async (c) => {
    const { id } = c.req.valid("param");
    await inTransaction(c, (trx, ctx) => updateIndicator(trx, ctx, id, c.req.valid("json")));
    return c.json(await indicatorReply(c, id), 200);
  });
  app.openapi(deleteIndicatorRoute, async (c) => {
    await inTransaction(c, (trx, ctx) => deleteIndicator(trx, ctx, c.req.valid("param").id));
    return c.body(null, 204);
  });
}
