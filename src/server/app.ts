import { randomUUID } from "node:crypto";
import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import type { Logger } from "pino";
import { registerAccessRoutes } from "../modules/access/access.routes.js";
import { registerAuditRoutes } from "../modules/audit/audit.routes.js";
import { registerObservatoryRoutes } from "../modules/observatory/observatory.routes.js";
import { registerPlanRoutes } from "../modules/plan/plan.routes.js";
import { registerTerritoryRoutes } from "../modules/territory/territory.routes.js";
import { AppError } from "../shared/errors.js";
import { defaultLocale } from "../shared/locale.js";
import type { Config } from "./config.js";
import type { Db } from "./db/database.js";
import { authenticate } from "./http/authenticate.js";
import { bodyLimitFor } from "./http/route.js";
import type { AppEnv } from "./http/context.js";
import { errorResponse, validationHook } from "./http/errors.js";
import { registerDocs } from "./http/docs.js";
import { registerHealth } from "./http/health.js";
import { securityHeaders } from "./http/security.js";
import { registerWeb } from "./http/web.js";

export interface AppDeps {
  db: Db;
  /** Where callers are identified (see openAuthConnection); default `db`. */
  authDb?: Db | null;
  config: Config;
  log: Logger;
}

export type App = OpenAPIHono<AppEnv>;

/** Builds the HTTP application: shared middleware, then each module's routes, docs and the web app. */
export function createApp({ db, authDb, config, log }: AppDeps): App {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.use("*", async (c, next) => {
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    c.set("requestId", requestId);
    c.set("db", db);
    c.set("authDb", authDb ?? db);
    c.set("config", config);
    c.set("log", log);
    c.set("locale", defaultLocale);
    c.set("actor", null);
    c.set("sessionId", null);
    c.set("csrfToken", null);
    c.header("X-Request-Id", requestId);
    const started = performance.now();
    await next();
    // Route pattern, never the raw URL: queries and ids may carry personal data.
    if (log.isLevelEnabled("info")) {
      log.info(
        { requestId, method: c.req.method, route: c.req.routePath, status: c.res.status, ms: Math.round((performance.now() - started) * 10) / 10 },
        "request",
      );
    }
  });
  app.use("*", securityHeaders);
  const limiters = new Map<number, ReturnType<typeof bodyLimit>>();
  const limiter = (maxSize: number) => {
    let limit = limiters.get(maxSize);
    if (!limit) {
      limit = bodyLimit({
        maxSize,
        onError: () => {
          throw new AppError("payload_too_large");
        },
      });
      limiters.set(maxSize, limit);
    }
    return limit;
  };
  // Reads carry no body; skipping them also spares the Node adapter building a full Request per read.
  // Upload routes declare their own larger limit (`route({ maxBodyBytes })`).
  app.use("/api/*", (c, next) =>
    c.req.method === "GET" || c.req.method === "HEAD" ? next() : limiter(bodyLimitFor(c.req.method, c.req.path, config.BODY_LIMIT_BYTES))(c, next),
  );
  app.use("/api/*", authenticate);

  registerHealth(app);
  registerAccessRoutes(app);
  registerAuditRoutes(app);
  registerTerritoryRoutes(app);
  registerPlanRoutes(app);
  registerObservatoryRoutes(app);
  registerDocs(app);
  registerWeb(app, config.WEB_DIST);

  app.onError((err, c) => errorResponse(c, err));
  return app;
}
