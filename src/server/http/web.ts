import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { AppError } from "../../shared/errors.js";
import type { AppEnv } from "./context.js";

/** Serves the built browser app; any non-API path falls back to its index.html (client-side routing). */
export function registerWeb(app: OpenAPIHono<AppEnv>, distDir: string): void {
  const root = resolve(distDir);
  const indexPath = join(root, "index.html");
  app.all("/api/*", (c) => {
    throw new AppError("not_found", { params: { entity: "route", id: c.req.path } });
  });
  app.use("/assets/*", serveStatic({ root, onFound: (_p, c) => c.header("Cache-Control", "public, max-age=31536000, immutable") }));
  app.use("*", serveStatic({ root }));
  app.get("*", (c) => {
    if (!existsSync(indexPath)) {
      return c.text("The web app is not built yet: run `npm run build:web` (npm start does it).", 503);
    }
    return c.html(readFileSync(indexPath, "utf8"));
  });
}
