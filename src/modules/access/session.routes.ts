import type { OpenAPIHono } from "@hono/zod-openapi";
import { getConnInfo } from "@hono/node-server/conninfo";
import { deleteCookie, setCookie } from "hono/cookie";
import { SESSION_COOKIE } from "../../server/http/authenticate.js";
import { actorOf, inTransaction, type AppContext, type AppEnv } from "../../server/http/context.js";
import { errors, json, jsonBody, noContent } from "../../server/http/openapi.js";
import { route } from "../../server/http/route.js";
import { AccountChangesBody, LoginBody, PasswordChangeBody, SessionInfo } from "./access.schema.js";
import { presentAccount, presentPermissions } from "./access.presenter.js";
import { LoginThrottle } from "./login-throttle.js";
import { changeOwnPassword, login, logout, resolveSession } from "./session.service.js";
import { getAccount, setOwnLocale } from "./user.service.js";

const tags = ["session"];

const signIn = route({
  method: "post",
  path: "/api/session",
  tags,
  summary: "Sign in with email and password; sets the session cookie",
  access: "public",
  request: jsonBody(LoginBody),
  responses: { 200: json(SessionInfo), 400: errors[400], 401: errors[401], 423: json(SessionInfo, "Account locked"), 429: errors[400] },
});

const current = route({
  method: "get",
  path: "/api/session",
  tags,
  summary: "Who is signed in, their permissions and the CSRF token for writes",
  access: "signedIn",
  responses: { 200: json(SessionInfo), 401: errors[401] },
});

const signOut = route({
  method: "delete",
  path: "/api/session",
  tags,
  summary: "Sign out",
  access: "signedIn",
  responses: { ...noContent, 401: errors[401] },
});

const updateAccount = route({
  method: "patch",
  path: "/api/account",
  tags,
  summary: "Change one's own preferences (language)",
  access: { resource: "account", action: "update" },
  request: jsonBody(AccountChangesBody),
  responses: { 200: json(SessionInfo), ...errors },
});

const changePassword = route({
  method: "post",
  path: "/api/account/password",
  tags,
  summary: "Change one's own password; other sessions end",
  access: { resource: "account", action: "update" },
  request: jsonBody(PasswordChangeBody),
  responses: { ...noContent, ...errors },
});

async function sessionInfo(c: AppContext) {
  const csrfToken = c.get("csrfToken");
  const actor = actorOf(c);
  const locale = actor.kind === "user" ? actor.locale : c.get("locale");
  const account = actor.userId ? presentAccount(locale, await getAccount(c.get("db"), actor.userId)) : null;
  return { kind: actor.kind, account, csrfToken, locale, permissions: presentPermissions(actor) };
}

function isHttps(c: AppContext): boolean {
  const mode = c.get("config").SECURE_COOKIES;
  if (mode !== "auto") return mode === "always";
  return c.req.header("x-forwarded-proto") === "https" || new URL(c.req.url).protocol === "https:";
}

export function registerSessionRoutes(app: OpenAPIHono<AppEnv>): void {
  const throttle = new LoginThrottle();

  app.openapi(signIn, async (c) => {
    const { email, password } = c.req.valid("json");
    let address = "unknown";
    try {
      address = getConnInfo(c).remote.address ?? "unknown";
    } catch {
      // not behind the Node server (tests call app.request directly)
    }
    throttle.check(address);
    const db = c.get("db");
    const config = c.get("config");
    const result = await login(db, config, email, password, new Date(), c.get("requestId")).catch((err: unknown) => {
      throttle.fail(address);
      throw err;
    });
    setCookie(c, SESSION_COOKIE, result.sessionToken, {
      httpOnly: true,
      sameSite: "Lax",
      secure: isHttps(c),
      path: "/",
      maxAge: config.SESSION_TTL_HOURS * 3600,
    });
    const session = await resolveSession(db, config.SESSION_TTL_HOURS, result.sessionToken);
    c.set("actor", session!.actor);
    c.set("csrfToken", result.csrfToken);
    return c.json(await sessionInfo(c), 200);
  });

  app.openapi(current, async (c) => {
    return c.json(await sessionInfo(c), 200);
  });

  app.openapi(signOut, async (c) => {
    const sessionId = c.get("sessionId");
    if (sessionId) await logout(c.get("db"), actorOf(c), sessionId, c.get("requestId"));
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.body(null, 204);
  });

  app.openapi(updateAccount, async (c) => {
    const { locale } = c.req.valid("json");
    await inTransaction(c, (trx, ctx) => setOwnLocale(trx, ctx, locale));
    const actor = { ...actorOf(c), locale };
    c.set("actor", actor);
    c.set("locale", locale);
    return c.json(await sessionInfo(c), 200);
  });

  app.openapi(changePassword, async (c) => {
    const { currentPassword, newPassword } = c.req.valid("json");
    await changeOwnPassword(c.get("db"), actorOf(c), c.get("sessionId"), currentPassword, newPassword, c.get("requestId"));
    return c.body(null, 204);
  });
}
