import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../server/http/context.js";
import { registerBodyRoutes } from "./bodies.routes.js";
import { registerFileRoutes } from "./files.routes.js";
import { registerMeasureRoutes } from "./measures.routes.js";
import { registerRoundRoutes } from "./rounds.routes.js";

/** The regional plan: measures and progress, governance bodies, reporting rounds, files and snapshots. */
export function registerPlanRoutes(app: OpenAPIHono<AppEnv>): void {
  registerMeasureRoutes(app);
  registerBodyRoutes(app);
  registerRoundRoutes(app);
  registerFileRoutes(app);
}
