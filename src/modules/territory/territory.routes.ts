import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../server/http/context.js";

export function registerTerritoryRoutes(_app: OpenAPIHono<AppEnv>): void {}
