import { z, type OpenAPIHono } from "@hono/zod-openapi";
import { actorOf, inTransaction, type AppEnv } from "../../server/http/context.js";
import { errors, json, jsonBody } from "../../server/http/openapi.js";
import { route } from "../../server/http/route.js";
import { getActionItem, updateActionItem } from "./action-items.service.js";
import { presentActionItem, presentCalendarEntry, presentMeeting } from "./bodies.presenter.js";
import { ActionItem, ActionItemChangesBody, CalendarEntry, CalendarQuery, Meeting, MeetingDocumentBody, NewMeetingBody } from "./bodies.schema.js";
import { IdParam } from "./plan.schema.js";
import { replaceMeeting } from "./meeting-document.service.js";
import { calendar, createMeeting, getMeeting } from "./meetings.service.js";
import { brusselsDay } from "./plan.common.js";

const tags = ["plan: governance"];
/** Every signed-in user passes this coarse check; the service then checks membership of the body. */
const readMeeting = { resource: "meeting", action: "read" } as const;
const manageMeeting = { resource: "meeting", action: "manage" } as const;

const calendarRoute = route({
  method: "get",
  path: "/api/plan/meetings",
  tags,
  summary: "Calendar: the meetings the caller may read (the agency: all; others: the bodies they sit on)",
  access: readMeeting,
  request: { query: CalendarQuery },
  responses: { 200: json(z.array(CalendarEntry)), ...errors },
});
const getMeetingRoute = route({
  method: "get",
  path: "/api/plan/meetings/{id}",
  tags,
  summary: "A meeting: agenda, attendance, minutes (FR/NL), decisions and action items",
  description: "403 when the caller neither belongs to the agency nor sits on the meeting's body.",
  access: readMeeting,
  request: { params: IdParam },
  responses: { 200: json(Meeting), ...errors },
});
const createMeetingRoute = route({
  method: "post",
  path: "/api/plan/bodies/{id}/meetings",
  tags,
  summary: "Schedule a meeting of a body",
  access: manageMeeting,
  request: { params: IdParam, ...jsonBody(NewMeetingBody) },
  responses: { 201: json(Meeting, "Created"), ...errors },
});
const putMeetingRoute = route({
  method: "put",
  path: "/api/plan/meetings/{id}",
  tags,
  summary: "Save the whole meeting: agenda, attendance, minutes, decisions and action items replace the previous ones",
  access: manageMeeting,
  request: { params: IdParam, ...jsonBody(MeetingDocumentBody) },
  responses: { 200: json(Meeting), ...errors },
});
const patchActionItemRoute = route({
  method: "patch",
  path: "/api/plan/action-items/{id}",
  tags,
  summary: "Follow up an action item",
  description:
    "Agency coordinators and admins (`meeting.manage`) change anything; the owner organisation's editors, coordinators and admins change `status` and `doneDate` only (403 otherwise).",
  access: readMeeting,
  request: { params: IdParam, ...jsonBody(ActionItemChangesBody) },
  responses: { 200: json(ActionItem), ...errors },
});

export function registerMeetingRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(calendarRoute, async (c) => {
    const rows = await calendar(c.get("db"), actorOf(c), c.req.valid("query"));
    return c.json(rows.map((r) => presentCalendarEntry(c.get("locale"), r)), 200);
  });
  app.openapi(getMeetingRoute, async (c) => {
    const actor = actorOf(c);
    const detail = await getMeeting(c.get("db"), actor, c.req.valid("param").id);
    return c.json(presentMeeting(actor, c.get("locale"), detail, brusselsDay()), 200);
  });
  app.openapi(createMeetingRoute, async (c) => {
    const actor = actorOf(c);
    const id = await inTransaction(c, (trx, ctx) => createMeeting(trx, ctx, c.req.valid("param").id, c.req.valid("json")));
    return c.json(presentMeeting(actor, c.get("locale"), await getMeeting(c.get("db"), actor, id), brusselsDay()), 201);
  });
  app.openapi(putMeetingRoute, async (c) => {
    const actor = actorOf(c);
    const { id } = c.req.valid("param");
    await inTransaction(c, (trx, ctx) => replaceMeeting(trx, ctx, id, c.req.valid("json")));
    return c.json(presentMeeting(actor, c.get("locale"), await getMeeting(c.get("db"), actor, id), brusselsDay()), 200);
  });
  app.openapi(patchActionItemRoute, async (c) => {
    const actor = actorOf(c);
    const { id } = c.req.valid("param");
    await inTransaction(c, (trx, ctx) => updateActionItem(trx, ctx, id, c.req.valid("json")));
    return c.json(presentActionItem(actor, c.get("locale"), await getActionItem(c.get("db"), id), brusselsDay()), 200);
  });
}
