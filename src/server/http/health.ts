import { z } from "@hono/zod-openapi";
import { sql } from "kysely";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./context.js";
import { route } from "./route.js";

const Health = z.object({ status: z.enum(["ok", "unavailable"]) }).openapi("Health");

const healthz = route({
  method: "get",
  path: "/healthz",
  tags: ["health"],
  summary: "The process is alive",
  access: "public",
  responses: { 200: { description: "Alive", content: { "application/json": { schema: Health } } } },
});

const readyz = route({
  method: "get",
  path: "/readyz",
  tags: ["health"],
  summary: "The process can serve: the database answers",
  access: "public",
  responses: {
    200: { description: "Ready", content: { "application/json": { schema: Health } } },
    503: { description: "Database unreachable", content: { "application/json": { schema: Health } } },
  },
});

export function registerHealth(app: OpenAPIHono<AppEnv>): void {
  app.openapi(healthz, (c) => c.json({ status: "ok" as const }, 200));
  app.openapi(readyz, async (c) => {
    try {
      await sql`select 1`.execute(c.get("db"));
      return c.json({ status: "ok" as const }, 200);
    } catch {
      return c.json({ status: "unavailable" as const }, 503);
    }
  });
}
