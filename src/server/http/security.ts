import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./context.js";

/**
 * Security headers on every response. The CSP allows no inline script and no third-party
 * origin: the web app, its fonts, the map geometry and Swagger UI are all served by Vigil.
 * Inline styles are allowed because Leaflet and ECharts position elements with style attributes.
 */
const csp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * Set before the handler runs, so they are part of the response it builds: touching
 * `c.res.headers` afterwards would make the Node adapter materialise a full Response for
 * every request. A handler may still override one (e.g. Cache-Control on cacheable answers).
 */
export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.header("Content-Security-Policy", csp);
  c.header("X-Content-Type-Options", "nosniff");
  c.header("X-Frame-Options", "DENY");
  c.header("Referrer-Policy", "no-referrer");
  c.header("Cross-Origin-Opener-Policy", "same-origin");
  c.header("Cross-Origin-Resource-Policy", "same-origin");
  c.header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (c.req.path.startsWith("/api/")) c.header("Cache-Control", "no-store");
  await next();
};
