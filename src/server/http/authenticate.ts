import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { AppError } from "../../shared/errors.js";
import { isLocale, localeFromHeader } from "../../shared/locale.js";
import { resolveSession } from "../../modules/access/session.service.js";
import { resolveToken } from "../../modules/access/token.service.js";
import type { AppEnv } from "./context.js";

export const SESSION_COOKIE = "vigil_session";
export const LANG_COOKIE = "vigil_lang";
export const CSRF_HEADER = "x-csrf-token";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Finds who is calling: a Bearer API token, or a session cookie. Cookie-authenticated
 * writes must echo the session's CSRF token in `X-CSRF-Token` (tokens are exempt: a
 * browser never sends them on its own). Whether the actor may call the route is decided
 * later, by the route's declared access.
 */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const db = c.get("authDb");
  const config = c.get("config");
  const header = c.req.header("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const actor = match ? await resolveToken(db, match[1]!) : null;
    if (!actor) throw new AppError("unauthenticated");
    c.set("actor", actor);
  } else {
    const cookie = getCookie(c, SESSION_COOKIE);
    const session = cookie ? await resolveSession(db, config.SESSION_TTL_HOURS, cookie) : null;
    if (session) {
      if (!SAFE_METHODS.has(c.req.method) && c.req.header(CSRF_HEADER) !== session.csrfToken) throw new AppError("csrf_failed");
      c.set("actor", session.actor);
      c.set("sessionId", session.sessionId);
      c.set("csrfToken", session.csrfToken);
    }
  }
  const actor = c.get("actor");
  const cookieLang = getCookie(c, LANG_COOKIE);
  c.set("locale", actor?.kind === "user" ? actor.locale : isLocale(cookieLang) ? cookieLang : localeFromHeader(c.req.header("accept-language")));
  return next();
};
