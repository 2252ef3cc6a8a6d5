/** The HTTP error model: one shape, stable codes, named fields, translated messages, no leaks; and the headers on every answer. */
import assert from "node:assert/strict";
import { before, it } from "node:test";
import type { App } from "../../src/server/app.js";
import { translator } from "../../src/shared/i18n/index.js";
import { forEachDatabase } from "../helpers/databases.js";
import { anonymous, signIn, testApp, type Client } from "../helpers/http.js";
import { buildUser } from "../helpers/access.builders.js";

interface ErrorReply {
  error: { code: string; message: string; requestId: string; fields?: { field: string; key: string; message: string }[] };
}

/** Checks what every answer carries, then returns the error body. */
async function errorOf(res: Response, status: number): Promise<ErrorReply["error"]> {
  const text = await res.text();
  assert.equal(res.status, status, text);
  assertCommonHeaders(res);
  assert.doesNotMatch(text, /\bat \S+ \(|\.ts:\d+|node_modules|Error:|stack/i, "no stack trace or internals");
  const body = JSON.parse(text) as ErrorReply;
  assert.equal(body.error.requestId, res.headers.get("x-request-id"));
  assert.ok(body.error.message.length > 0);
  return body.error;
}

function assertCommonHeaders(res: Response): void {
  assert.match(res.headers.get("x-request-id") ?? "", /^[\w.-]{1,64}$/);
  const csp = res.headers.get("content-security-policy") ?? "";
  assert.match(csp, /(^|; )script-src 'self'(;|$)/);
  assert.match(csp, /(^|; )frame-ancestors 'none'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-eval|script-src[^;]*unsafe-inline/);
  assert.equal(res.headers.get("x-content-type-options"), "nosniff");
  assert.equal(res.headers.get("x-frame-options"), "DENY");
}

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  ({ method: "POST", headers: { "content-type": "application/json", ...headers }, body }) satisfies RequestInit;

forEachDatabase("HTTP errors", (ctx) => {
  let app: App;
  let admin: Client;
  let agencyId: number;
  before(async () => {
    app = testApp(ctx.db);
    admin = await signIn(app, "admin@bps.demo");
    agencyId = (await admin.json("GET", "/api/organisations?kind=agency")).body[0].id;
  });
  const newUser = (extra: Record<string, unknown> = {}) => ({ email: "new.person@example.test", displayName: "New", organisationId: agencyId, role: "viewer", ...extra });

  it("answers 400 malformed_json to a body that is not JSON, signed in or not", async () => {
    const anon = await errorOf(await app.request("/api/session", post("/api/session", '{"email": "a@b.c",')), 400);
    assert.equal(anon.code, "malformed_json");
    const signedIn = await errorOf(await admin.request("POST", "/api/users", "{not json"), 400);
    assert.equal(signedIn.code, "malformed_json");
  });

  it("names an unknown field as body.<name>, in the caller's language", async () => {
    const body = JSON.stringify({ email: "a@b.c", password: "x", nickname: "z" });
    const messages: Record<string, string> = {};
    for (const lang of ["fr-BE", "nl-BE", "en-GB"]) {
      const error = await errorOf(await app.request("/api/session", post("/api/session", body, { "accept-language": lang })), 400);
      assert.equal(error.code, "validation_failed");
      assert.deepEqual(error.fields?.map((f) => [f.field, f.key]), [["body.nickname", "validation.unknown_field"]]);
      messages[lang] = error.fields![0]!.message;
    }
    const expected = { "fr-BE": "fr", "nl-BE": "nl", "en-GB": "en" } as const;
    for (const [lang, locale] of Object.entries(expected)) assert.equal(messages[lang], translator(locale)("validation.unknown_field"), lang);
    assert.equal(new Set(Object.values(messages)).size, 3, "three different languages");
  });

  it("speaks the signed-in person's language rather than the browser's", async () => {
    const dutch = await buildUser(ctx.db, { locale: "nl" });
    const client = await signIn(app, dutch.email, dutch.password);
    const res = await client.request("PATCH", "/api/account", { locale: "nl", extra: true }, { "accept-language": "en" });
    const error = await errorOf(res, 400);
    assert.equal(error.message, translator("nl")("errors.validation_failed"));
    assert.equal(error.fields?.[0]?.message, translator("nl")("validation.unknown_field"));
    assert.notEqual(error.message, translator("en")("errors.validation_failed"));
  });

  it("names a field of the wrong type, and a missing one as required", async () => {
    const wrongType = await errorOf(await admin.request("POST", "/api/users", newUser({ organisationId: "bps" })), 400);
    assert.deepEqual(wrongType.fields?.map((f) => [f.field, f.key]), [["body.organisationId", "validation.invalid_type"]]);
    const { displayName: _omitted, ...withoutName } = newUser();
    const missing = await errorOf(await admin.request("POST", "/api/users", withoutName), 400);
    assert.deepEqual(missing.fields?.map((f) => [f.field, f.key]), [["body.displayName", "validation.required"]]);
    assert.equal(missing.fields?.[0]?.message, translator("fr")("validation.required"), "admin@bps.demo reads French");
    const badValue = await errorOf(await admin.request("POST", "/api/users", newUser({ role: "emperor", email: "not-an-email" })), 400);
    assert.deepEqual(badValue.fields?.map((f) => f.field).sort(), ["body.email", "body.role"]);
    assert.equal((await ctx.db.selectFrom("users").select("id").where("email", "=", "new.person@example.test").execute()).length, 0);
  });

  it("answers 404 to an unknown id and to an unknown API path", async () => {
    const user = await errorOf(await admin.request("GET", "/api/users/987654"), 404);
    assert.equal(user.code, "not_found");
    assert.match(user.message, /987654/);
    assert.equal((await errorOf(await admin.request("GET", "/api/organisations/987654"), 404)).code, "not_found");
    assert.equal((await errorOf(await admin.request("GET", "/api/no-such-thing"), 404)).code, "not_found");
  });

  it("answers 400, not 500, to values the database cannot hold (an id past the integer range, a NUL character)", async () => {
    const huge = await admin.json("GET", "/api/organisations/99999999999");
    assert.equal(huge.status, 400);
    assert.equal(huge.body.error.fields[0].field, "param.id");
    const nul = await admin.json("POST", "/api/organisations", { kind: "association", code: `nul-${Date.now()}`, nameFr: "A\u0000B", nameNl: "A", nameEn: "A" });
    assert.ok(nul.status === 201 || nul.status === 400, `status ${nul.status}`);
  });

  it("answers 413 to a body over BODY_LIMIT_BYTES before reading it", async () => {
    const small = testApp(ctx.db, { BODY_LIMIT_BYTES: "2048" });
    const big = JSON.stringify({ email: "a@b.c", password: "x".repeat(3000) });
    const error = await errorOf(await small.request("/api/session", post("/api/session", big)), 413);
    assert.equal(error.code, "payload_too_large");
    const fine = await small.request("/api/session", post("/api/session", JSON.stringify({ email: "a@b.c", password: "x" }) + " ".repeat(1900)));
    assert.equal(fine.status, 401, "under the limit, the request is handled");
  });

  it("answers 415 to a body that is not declared as JSON", async () => {
    const res = await app.request("/api/session", { method: "POST", headers: { "content-type": "text/plain" }, body: "{}" });
    assert.equal((await errorOf(res, 415)).code, "unsupported_media_type");
  });

  it("keeps a valid incoming X-Request-Id and replaces an unsafe one", async () => {
    const kept = await app.request("/api/session", { headers: { "x-request-id": "trace-123.abc" } });
    assert.equal((await errorOf(kept, 401)).requestId, "trace-123.abc");
    const replaced = await app.request("/api/session", { headers: { "x-request-id": "<script>" } });
    assert.notEqual(replaced.headers.get("x-request-id"), "<script>");
    await errorOf(replaced, 401);
  });

  it("answers /healthz and /readyz with 200 and the security headers", async () => {
    for (const path of ["/healthz", "/readyz"]) {
      const res = await app.request(path);
      assert.equal(res.status, 200, path);
      assertCommonHeaders(res);
      assert.deepEqual(await res.json(), { status: "ok" });
    }
  });

  it("publishes a valid OpenAPI 3.1 document listing the routes", async () => {
    const res = await anonymous(app).request("GET", "/api/openapi.json");
    assert.equal(res.status, 200);
    assertCommonHeaders(res);
    const doc = JSON.parse(await res.text()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    assert.match(doc.openapi, /^3\.1\./);
    assert.ok(doc.paths["/api/users"]?.get && doc.paths["/api/users"]?.post);
    assert.ok(doc.paths["/api/audit/verify"]?.get);
  });

  it("serves the API docs as HTML whose scripts are all files (the CSP forbids inline script)", async () => {
    const res = await app.request("/api/docs");
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /^text\/html/);
    assertCommonHeaders(res);
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    assert.ok(scripts.length >= 1);
    for (const [, attributes, content] of scripts) {
      assert.match(attributes ?? "", /\bsrc="\/api\/docs\/[\w.-]+\.js"/);
      assert.equal(content?.trim(), "");
    }
    const init = await app.request("/api/docs/init.js");
    assert.equal(init.status, 200);
    assert.match(await init.text(), /\/api\/openapi\.json/);
  });

  it("never answers 500 to any of these requests", async () => {
    const responses = await Promise.all([
      app.request("/api/session", post("/api/session", "[")),
      app.request("/api/session", post("/api/session", "null")),
      app.request("/api/session", post("/api/session", '"text"')),
      admin.request("GET", "/api/users/not-a-number"),
      admin.request("GET", "/api/users?organisationId=-1"),
      admin.request("GET", "/api/audit?limit=100000"),
      admin.request("PATCH", "/api/users/987654", { displayName: "x" }),
    ]);
    for (const res of responses) {
      assert.ok(res.status >= 400 && res.status < 500, `${res.url}: ${res.status}`);
      await errorOf(res, res.status);
    }
  });
});
