/** Sessions over HTTP: the cookie, CSRF, the account's language and password, throttling and lockout. */
import assert from "node:assert/strict";
import { before, it } from "node:test";
import type { App } from "../../src/server/app.js";
import { translator } from "../../src/shared/i18n/index.js";
import { forEachDatabase } from "../helpers/databases.js";
import { signIn, testApp, withBearer, type Client } from "../helpers/http.js";
import { buildUser } from "../helpers/access.builders.js";

/** Signs in by hand, to see the raw cookie and send requests without the CSRF header. */
async function rawSignIn(app: App, email: string, password: string, headers: Record<string, string> = {}) {
  const res = await app.request("/api/session", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ email, password }),
  });
  return { res, setCookie: res.headers.get("set-cookie") ?? "", cookie: (res.headers.get("set-cookie") ?? "").split(";")[0]! };
}

const attempt = (app: App, email: string, password: string) =>
  app.request("/api/session", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });

const codeOf = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

forEachDatabase("HTTP session", (ctx) => {
  let app: App;
  before(() => {
    app = testApp(ctx.db);
  });

  it("sets an HttpOnly, SameSite=Lax session cookie, Secure only behind HTTPS", async () => {
    const user = await buildUser(ctx.db);
    const plain = await rawSignIn(app, user.email, user.password);
    assert.equal(plain.res.status, 200);
    assert.match(plain.setCookie, /^vigil_session=[\w-]{43};/);
    assert.match(plain.setCookie, /; HttpOnly/i);
    assert.match(plain.setCookie, /; SameSite=Lax/i);
    assert.match(plain.setCookie, /; Path=\//);
    assert.doesNotMatch(plain.setCookie, /; Secure/i);
    const proxied = await rawSignIn(app, user.email, user.password, { "x-forwarded-proto": "https" });
    assert.match(proxied.setCookie, /; Secure/i);
    const never = await rawSignIn(testApp(ctx.db, { SECURE_COOKIES: "never" }), user.email, user.password, { "x-forwarded-proto": "https" });
    assert.doesNotMatch(never.setCookie, /; Secure/i);
  });

  it("returns the account and the permissions of the signed-in person", async () => {
    const admin = await (await signIn(app, "admin@bps.demo")).json("GET", "/api/session");
    assert.equal(admin.status, 200);
    assert.equal(admin.body.kind, "user");
    assert.equal(admin.body.account.email, "admin@bps.demo");
    assert.equal(admin.body.account.organisation.code, "bps");
    assert.deepEqual(admin.body.permissions.user, ["read", "create", "update", "disable", "resetPassword"]);
    assert.deepEqual(admin.body.permissions.audit, ["read", "verify"]);
    assert.match(admin.body.csrfToken, /^[\w-]{43}$/);
    const viewer = await (await signIn(app, "viewer@bps.demo")).json("GET", "/api/session");
    assert.deepEqual(viewer.body.permissions.user, []);
    assert.deepEqual(viewer.body.permissions.audit, []);
    assert.deepEqual(viewer.body.permissions.account, ["read", "update"]);
  });

  it("refuses a cookie write without the session's X-CSRF-Token, and accepts it with", async () => {
    const user = await buildUser(ctx.db);
    const { cookie, res } = await rawSignIn(app, user.email, user.password);
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const patch = (headers: Record<string, string>) =>
      app.request("/api/account", { method: "PATCH", headers: { "content-type": "application/json", cookie, ...headers }, body: JSON.stringify({ locale: "en" }) });
    const without = await patch({});
    assert.equal(without.status, 403);
    assert.equal(await codeOf(without), "csrf_failed");
    const wrong = await patch({ "x-csrf-token": "x".repeat(43) });
    assert.equal(await codeOf(wrong), "csrf_failed");
    assert.equal((await ctx.db.selectFrom("users").select("locale").where("id", "=", user.id).executeTakeFirstOrThrow()).locale, "fr");
    const withToken = await patch({ "x-csrf-token": csrfToken });
    assert.equal(withToken.status, 200);
    assert.equal((await ctx.db.selectFrom("users").select("locale").where("id", "=", user.id).executeTakeFirstOrThrow()).locale, "en");
  });

  it("lets a Bearer token write without a CSRF token", async () => {
    const admin = await signIn(app, "admin@bps.demo");
    const agencyId = (await admin.json("GET", "/api/organisations?kind=agency")).body[0].id;
    const created = await admin.json("POST", "/api/tokens", { name: "sync", organisationId: agencyId, role: "admin" });
    assert.equal(created.status, 201);
    const machine = withBearer(app, created.body.token);
    const code = `bearer-${Date.now()}`;
    const res = await machine.request("POST", "/api/organisations", { kind: "association", code, nameFr: "a", nameNl: "b", nameEn: "c" });
    assert.equal(res.status, 201, await res.clone().text());
    assert.equal(((await res.json()) as { code: string }).code, code);
    assert.equal((await withBearer(app, "vgl_not-a-real-token").request("GET", "/api/session")).status, 401);
  });

  it("signs out: the cookie is cleared and no longer accepted", async () => {
    const user = await buildUser(ctx.db);
    const client = await signIn(app, user.email, user.password);
    const { cookie } = await rawSignIn(app, user.email, user.password);
    const other = (await app.request("/api/session", { headers: { cookie } })).status;
    assert.equal(other, 200);
    const out = await client.request("DELETE", "/api/session");
    assert.equal(out.status, 204);
    assert.match(out.headers.get("set-cookie") ?? "", /^vigil_session=;.*Max-Age=0/i);
    assert.equal((await client.request("GET", "/api/session")).status, 401);
    assert.equal((await app.request("/api/session", { headers: { cookie } })).status, 200, "only that session ended");
  });

  it("keeps the language chosen with PATCH /api/account, for the session and for error messages", async () => {
    const user = await buildUser(ctx.db, { locale: "fr" });
    const client = await signIn(app, user.email, user.password);
    const changed = await client.json("PATCH", "/api/account", { locale: "nl" });
    assert.equal(changed.status, 200);
    assert.equal(changed.body.locale, "nl");
    const again = await signIn(app, user.email, user.password);
    const session = await again.json("GET", "/api/session");
    assert.equal(session.body.locale, "nl");
    assert.equal(session.body.account.locale, "nl");
    const error = await again.json("PATCH", "/api/account", { locale: "de" });
    assert.equal(error.status, 400);
    const dutch = translator("nl");
    assert.equal(error.body.error.message, dutch("errors.validation_failed"));
    assert.notEqual(error.body.error.message, translator("fr")("errors.validation_failed"));
    assert.equal(error.body.error.fields[0].field, "body.locale");
    assert.equal(error.body.error.fields[0].message, dutch("validation.invalid_value", { values: "fr, nl, en" }));
  });

  it("changes the password only with the current one, and ends the other sessions", async () => {
    const user = await buildUser(ctx.db);
    const current = await signIn(app, user.email, user.password);
    const other = await signIn(app, user.email, user.password);
    const wrong = await current.json("POST", "/api/account/password", { currentPassword: "not-my-password", newPassword: "a-brand-new-password" });
    assert.equal(wrong.status, 400);
    assert.deepEqual(wrong.body.error.fields.map((f: { field: string }) => f.field), ["body.currentPassword"]);
    const weak = await current.json("POST", "/api/account/password", { currentPassword: user.password, newPassword: "short" });
    assert.deepEqual(weak.body.error.fields.map((f: { field: string }) => f.field), ["body.newPassword"]);
    assert.equal((await other.request("GET", "/api/session")).status, 200, "failed attempts end nothing");

    const done = await current.request("POST", "/api/account/password", { currentPassword: user.password, newPassword: "a-brand-new-password" });
    assert.equal(done.status, 204);
    assert.equal((await current.request("GET", "/api/session")).status, 200, "this session goes on");
    assert.equal((await other.request("GET", "/api/session")).status, 401, "the other one ended");
    assert.equal((await attempt(app, user.email, user.password)).status, 401);
    assert.equal((await attempt(app, user.email, "a-brand-new-password")).status, 200);
  });

  it("stops the session of a disabled person at once", async () => {
    const user = await buildUser(ctx.db);
    const client: Client = await signIn(app, user.email, user.password);
    assert.equal((await client.request("GET", "/api/session")).status, 200);
    const admin = await signIn(app, "admin@bps.demo");
    assert.equal((await admin.request("PATCH", `/api/users/${user.id}`, { active: false })).status, 200);
    const res = await client.request("GET", "/api/session");
    assert.equal(res.status, 401);
    assert.equal(await codeOf(res), "unauthenticated");
  });

  it("throttles an address after many failed sign-ins with 429", async () => {
    const throttled = testApp(ctx.db);
    const user = await buildUser(ctx.db);
    for (let i = 0; i < 20; i++) {
      assert.equal((await attempt(throttled, `nobody-${i}@example.test`, "wrong-password")).status, 401, `attempt ${i + 1}`);
    }
    const refused = await attempt(throttled, user.email, user.password);
    assert.equal(refused.status, 429);
    assert.equal(await codeOf(refused), "too_many_requests");
    assert.equal((await attempt(app, user.email, user.password)).status, 200, "the throttle is per application instance and address");
  });

  it("answers 423 account_locked after LOGIN_MAX_FAILURES, even to the right password", async () => {
    const strict = testApp(ctx.db, { LOGIN_MAX_FAILURES: "3" });
    const user = await buildUser(ctx.db);
    assert.equal((await attempt(strict, user.email, "wrong-1")).status, 401);
    assert.equal((await attempt(strict, user.email, "wrong-2")).status, 401);
    const locked = await attempt(strict, user.email, "wrong-3");
    assert.equal(locked.status, 423);
    const body = (await locked.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, "account_locked");
    const right = await attempt(strict, user.email, user.password);
    assert.equal(right.status, 423);
    assert.equal(await codeOf(right), "account_locked");
  });
});
