import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./context.js";

const require = createRequire(import.meta.url);
const swaggerDir = (() => {
  try {
    return join(require.resolve("swagger-ui-dist/package.json"), "..");
  } catch {
    return null;
  }
})();

const assets: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
};

const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Vigil API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><div id="swagger"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;

// Served as a file, not inline: the CSP forbids inline script.
const init = `window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger", deepLinking: true });`;

/** The OpenAPI document generated from the route schemas, and Swagger UI served locally (no CDN). */
export function registerDocs(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent("securitySchemes", "session", { type: "apiKey", in: "cookie", name: "vigil_session" });
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer" });
  app.doc31("/api/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Vigil API",
      version: "0.1.0",
      description:
        "JSON API of Vigil, the platform of a regional prevention & security agency. Every route names the permission it needs; errors share one shape `{ error: { code, message, requestId, fields? } }`. Cookie-authenticated writes send the session's CSRF token in `X-CSRF-Token`.",
    },
  });
  app.get("/api/docs", (c) => c.html(page));
  app.get("/api/docs/init.js", (c) => c.body(init, 200, { "Content-Type": "text/javascript; charset=utf-8" }));
  app.get("/api/docs/:asset", (c) => {
    const asset = c.req.param("asset");
    const type = assets[asset];
    if (!type || !swaggerDir) return c.notFound();
    return c.body(readFileSync(join(swaggerDir, asset)), 200, { "Content-Type": type, "Cache-Control": "public, max-age=86400" });
  });
}
