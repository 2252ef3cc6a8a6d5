/** Administration over HTTP: who sees and manages which accounts, API tokens, and the audit log of it all. */
import assert from "node:assert/strict";
import { before, it } from "node:test";
import type { App } from "../../src/server/app.js";
import { forEachDatabase } from "../helpers/databases.js";
import { signIn, testApp, withBearer, type Client } from "../helpers/http.js";
import { buildUser, organisationIdOf, unique } from "../helpers/access.builders.js";

interface UserReply {
  id: number;
  email: string;
  organisation: { id: number; code: string };
  actions: string[];
}

interface AuditReply {
  entries: {
    seq: number;
    action: string;
    entityType: string;
    entityId: string;
    requestId: string | null;
    diff: Record<string, [unknown, unknown]>;
    actor: { userId: number | null; name: string | null; organisationCode: string | null };
  }[];
  nextBeforeSeq: number | null;
}

forEachDatabase("HTTP administration", (ctx) => {
  let app: App;
  let agencyAdmin: Client;
  let municipalityAdmin: Client;
  let agencyId: number;
  let anderlechtId: number;

  before(async () => {
    app = testApp(ctx.db);
    agencyAdmin = await signIn(app, "admin@bps.demo");
    municipalityAdmin = await signIn(app, "admin@anderlecht.demo");
    agencyId = await organisationIdOf(ctx.db, "bps");
    anderlechtId = await organisationIdOf(ctx.db, "mun-21001");
  });

  const newUser = (organisationId: number) => ({ email: `${unique("Made.By.Api")}@Example.test`, displayName: "Via API", organisationId, role: "editor" });

  it("shows the agency admin the people of every organisation", async () => {
    const { status, body } = await agencyAdmin.json<UserReply[]>("GET", "/api/users");
    assert.equal(status, 200);
    const emails = body.map((u) => u.email);
    for (const email of ["admin@bps.demo", "admin@anderlecht.demo", "editor@stib.demo", "viewer@federal-police.demo"]) assert.ok(emails.includes(email), email);
    assert.ok(new Set(body.map((u) => u.organisation.id)).size >= 6);
    const stib = body.find((u) => u.email === "editor@stib.demo")!;
    assert.deepEqual(stib.actions, ["read", "create", "update", "disable", "resetPassword"]);
  });

  it("shows a municipality admin only the people of its own organisation", async () => {
    const { status, body } = await municipalityAdmin.json<UserReply[]>("GET", "/api/users");
    assert.equal(status, 200);
    assert.ok(body.length >= 2);
    assert.ok(body.every((u) => u.organisation.id === anderlechtId), JSON.stringify(body.map((u) => u.email)));
    assert.ok(body.some((u) => u.email === "editor@anderlecht.demo"));
    const filtered = await municipalityAdmin.json<UserReply[]>("GET", `/api/users?organisationId=${agencyId}`);
    assert.deepEqual(filtered.body, [], "a filter cannot widen the scope");
  });

  it("refuses a municipality admin another organisation's people: 403 to create, 404 to read", async () => {
    const refused = await municipalityAdmin.json("POST", "/api/users", newUser(agencyId));
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, "forbidden");
    const own = await municipalityAdmin.json("POST", "/api/users", newUser(anderlechtId));
    assert.equal(own.status, 201);

    const agencyPerson = (await agencyAdmin.json<UserReply[]>("GET", "/api/users")).body.find((u) => u.email === "admin@bps.demo")!;
    const hidden = await municipalityAdmin.json("GET", `/api/users/${agencyPerson.id}`);
    assert.equal(hidden.status, 404);
    assert.equal(hidden.body.error.code, "not_found");
    const visible = await municipalityAdmin.json<UserReply>("GET", `/api/users/${own.body.id}`);
    assert.equal(visible.status, 200);
    assert.equal(visible.body.organisation.id, anderlechtId);
  });

  it("creates an account with a one-time password that signs in and must be changed", async () => {
    const input = newUser(agencyId);
    const created = await agencyAdmin.json<{ id: number; oneTimePassword: string }>("POST", "/api/users", input);
    assert.equal(created.status, 201);
    assert.match(created.body.oneTimePassword, /^\w{4}-\w{4}-\w{4}-\w{4}$/);
    const person = await signIn(app, input.email, created.body.oneTimePassword);
    const session = await person.json("GET", "/api/session");
    assert.equal(session.body.account.id, created.body.id);
    assert.equal(session.body.account.email, input.email.toLowerCase());
    assert.equal(session.body.account.mustChangePassword, true);
    // Until the one-time password is changed, only the account routes answer.
    const blocked = await person.json("GET", "/api/organisations");
    assert.equal(blocked.status, 403);
    assert.equal(blocked.body.error.code, "password_change_required");
    const changed = await person.request("POST", "/api/account/password", { currentPassword: created.body.oneTimePassword, newPassword: "a-new-long-password" });
    assert.equal(changed.status, 204);
    assert.equal((await person.json("GET", "/api/organisations")).status, 200);
    const again = await agencyAdmin.json("POST", "/api/users", { ...input, email: input.email.toUpperCase() });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, "conflict");
  });

  it("issues an API token that works as Bearer until it is revoked", async () => {
    const created = await agencyAdmin.json<{ id: number; token: string }>("POST", "/api/tokens", { name: "open-data", organisationId: anderlechtId, role: "viewer" });
    assert.equal(created.status, 201);
    const machine = withBearer(app, created.body.token);
    const orgs = await machine.json<{ code: string }[]>("GET", "/api/organisations");
    assert.equal(orgs.status, 200);
    assert.ok(orgs.body.some((o) => o.code === "mun-21001"));
    assert.equal((await machine.request("GET", "/api/users")).status, 403, "a viewer token is no admin");

    const listed = await agencyAdmin.json<{ id: number; prefix: string; lastUsedAt: string | null }[]>("GET", "/api/tokens");
    const row = listed.body.find((t) => t.id === created.body.id)!;
    assert.equal(row.prefix, created.body.token.slice(0, 10));
    assert.notEqual(row.lastUsedAt, null);
    assert.ok(!JSON.stringify(listed.body).includes(created.body.token), "the secret is never listed");

    assert.equal((await agencyAdmin.request("DELETE", `/api/tokens/${created.body.id}`)).status, 204);
    const after = await machine.json("GET", "/api/organisations");
    assert.equal(after.status, 401);
    assert.equal(after.body.error.code, "unauthenticated");
  });

  it("records these writes in the audit log with their actor, request and diff", async () => {
    const input = newUser(anderlechtId);
    const res = await agencyAdmin.request("POST", "/api/users", input);
    assert.equal(res.status, 201);
    const { id } = (await res.json()) as { id: number };
    const log = await agencyAdmin.json<AuditReply>("GET", `/api/audit?entityType=user&entityId=${id}`);
    assert.equal(log.status, 200);
    const [entry, ...rest] = log.body.entries;
    assert.equal(rest.length, 0);
    assert.equal(entry?.action, "user.created");
    assert.equal(entry?.requestId, res.headers.get("x-request-id"));
    assert.equal(entry?.actor.name, "Amina Admin");
    assert.equal(entry?.actor.organisationCode, "bps");
    assert.deepEqual(entry?.diff.email, [null, input.email.toLowerCase()]);
    assert.deepEqual(entry?.diff.password_hash, ["[secret]", "[secret changed]"]);

    assert.equal((await agencyAdmin.request("PATCH", `/api/users/${id}`, { active: false })).status, 200);
    const disabled = await agencyAdmin.json<AuditReply>("GET", `/api/audit?entityType=user&action=user.disabled&entityId=${id}`);
    assert.deepEqual(disabled.body.entries.map((e) => [e.action, e.diff.active]), [["user.disabled", [1, 0]]]);
  });

  it("filters the audit log by entity type and action, and pages backwards with beforeSeq", async () => {
    for (let i = 0; i < 3; i++) await buildUser(ctx.db);
    const token = await agencyAdmin.json<{ id: number }>("POST", "/api/tokens", { name: "audited", organisationId: agencyId, role: "viewer" });
    assert.equal((await agencyAdmin.request("DELETE", `/api/tokens/${token.body.id}`)).status, 204);
    const tokens = await agencyAdmin.json<AuditReply>("GET", "/api/audit?entityType=api_token");
    assert.ok(tokens.body.entries.every((e) => e.entityType === "api_token"));
    const mine = tokens.body.entries.filter((e) => e.entityId === String(token.body.id)).map((e) => e.action);
    assert.deepEqual(mine, ["api_token.revoked", "api_token.created"]);
    const revoked = await agencyAdmin.json<AuditReply>("GET", "/api/audit?entityType=api_token&action=api_token.revoked");
    assert.ok(revoked.body.entries.some((e) => e.entityId === String(token.body.id)));
    assert.ok(revoked.body.entries.every((e) => e.action === "api_token.revoked" && e.actor.userId !== null));
    const created = await agencyAdmin.json<AuditReply>("GET", "/api/audit?action=user.created");
    assert.ok(created.body.entries.length >= 3);
    assert.ok(created.body.entries.every((e) => e.action === "user.created"));

    const all = (await agencyAdmin.json<AuditReply>("GET", "/api/audit?limit=500")).body.entries.map((e) => e.seq);
    const first = await agencyAdmin.json<AuditReply>("GET", "/api/audit?limit=2");
    assert.deepEqual(first.body.entries.map((e) => e.seq), all.slice(0, 2));
    assert.equal(first.body.nextBeforeSeq, all[1]);
    const second = await agencyAdmin.json<AuditReply>("GET", `/api/audit?limit=2&beforeSeq=${first.body.nextBeforeSeq}`);
    assert.deepEqual(second.body.entries.map((e) => e.seq), all.slice(2, 4));
    const last = await agencyAdmin.json<AuditReply>("GET", `/api/audit?limit=500&beforeSeq=${all[all.length - 2]}`);
    assert.deepEqual(last.body.entries.map((e) => e.seq), [all[all.length - 1]]);
    assert.equal(last.body.nextBeforeSeq, null);
  });

  it("verifies the audit chain for agency admins only", async () => {
    const verified = await agencyAdmin.json("GET", "/api/audit/verify");
    assert.equal(verified.status, 200);
    assert.equal(verified.body.ok, true);
    assert.ok(verified.body.entries > 1);
    const viewer = await signIn(app, "viewer@bps.demo");
    for (const path of ["/api/audit", "/api/audit/verify"]) {
      assert.equal((await viewer.request("GET", path)).status, 403, `viewer ${path}`);
      assert.equal((await municipalityAdmin.request("GET", path)).status, 403, `municipality admin ${path}`);
    }
  });
});
