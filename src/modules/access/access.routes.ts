import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../server/http/context.js";
import { registerAdminRoutes } from "./admin.routes.js";
import { registerSessionRoutes } from "./session.routes.js";

export function registerAccessRoutes(app: OpenAPIHono<AppEnv>): void {
  registerSessionRoutes(app);
  registerAdminRoutes(app);
}
