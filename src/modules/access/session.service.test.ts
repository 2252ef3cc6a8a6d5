/** Sign-in, lockout, sessions and API tokens on a real database; time is passed in as `now`. */
import assert from "node:assert/strict";
import { it } from "node:test";
import type { Db } from "../../server/db/database.js";
import { listAudit } from "../audit/audit.service.js";
import { rejectsWith } from "../../../test/helpers/assertions.js";
import { forEachDatabase } from "../../../test/helpers/databases.js";
import { agencyAdmin, buildOrganisation, buildUser } from "../../../test/helpers/access.builders.js";
import { updateOrganisation } from "./organisation.service.js";
import { login, logout, resolveSession, sha256 } from "./session.service.js";
import { createToken, resolveToken, revokeToken } from "./token.service.js";

const policy = { LOGIN_MAX_FAILURES: 3, LOGIN_LOCKOUT_MINUTES: 15, SESSION_TTL_HOURS: 12 };
const T0 = new Date("2026-03-02T09:00:00.000Z");
const later = (ms: number, from = T0) => new Date(from.getTime() + ms);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const userRow = (db: Db, id: number) => db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const tokenRow = (db: Db, id: number) => db.selectFrom("api_tokens").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

forEachDatabase("sign-in and sessions", (ctx) => {
  it("opens a session for the right password, whatever the email's case", async () => {
    const user = await buildUser(ctx.db, { role: "analyst" });
    const result = await login(ctx.db, policy, `  ${user.email.toUpperCase()} `, user.password, T0);
    assert.equal(result.userId, user.id);
    assert.equal(result.expiresAt, later(12 * HOUR).toISOString());
    assert.equal((await userRow(ctx.db, user.id)).last_login_at, T0.toISOString());
    const stored = await ctx.db.selectFrom("sessions").selectAll().where("user_id", "=", user.id).executeTakeFirstOrThrow();
    assert.equal(stored.id, sha256(result.sessionToken), "only the hash of the cookie is stored");

    const session = await resolveSession(ctx.db, 12, result.sessionToken, later(MINUTE / 2));
    assert.equal(session?.actor.userId, user.id);
    assert.equal(session?.actor.role, "analyst");
    assert.equal(session?.actor.organisationId, user.organisationId);
    assert.equal(session?.csrfToken, result.csrfToken);
  });

  it("answers invalid_credentials to a wrong password and to an unknown email alike", async () => {
    const user = await buildUser(ctx.db);
    await rejectsWith(login(ctx.db, policy, user.email, "wrong-password", T0), "invalid_credentials");
    assert.equal((await userRow(ctx.db, user.id)).failed_logins, 1);
    await rejectsWith(login(ctx.db, policy, `nobody-${user.email}`, user.password, T0), "invalid_credentials");
    await login(ctx.db, policy, user.email, user.password, T0);
    assert.equal((await userRow(ctx.db, user.id)).failed_logins, 0, "a success resets the count");
  });

  it("locks the account after LOGIN_MAX_FAILURES wrong passwords, even against the right one, until locked_until", async () => {
    const user = await buildUser(ctx.db);
    await rejectsWith(login(ctx.db, policy, user.email, "wrong-1", T0), "invalid_credentials");
    await rejectsWith(login(ctx.db, policy, user.email, "wrong-2", T0), "invalid_credentials");
    const locked = await rejectsWith(login(ctx.db, policy, user.email, "wrong-3", T0), "account_locked");
    const until = later(15 * MINUTE).toISOString();
    assert.equal(locked.options.params?.until, until);
    assert.equal((await userRow(ctx.db, user.id)).locked_until, until);

    await rejectsWith(login(ctx.db, policy, user.email, user.password, later(MINUTE)), "account_locked");
    await rejectsWith(login(ctx.db, policy, user.email, user.password, later(15 * MINUTE - 1)), "account_locked");
    const result = await login(ctx.db, policy, user.email, user.password, later(16 * MINUTE));
    assert.equal(result.userId, user.id);
    assert.equal((await userRow(ctx.db, user.id)).locked_until, null);

    const [entry] = await listAudit(ctx.db, { entityType: "user", entityId: String(user.id), action: "account.locked", limit: 5 });
    assert.deepEqual(entry?.diff, { locked_until: [null, until] });
    assert.equal(entry?.at, T0.toISOString());
  });

  it("expires an idle session after SESSION_TTL_HOURS and slides the expiry while it is used", async () => {
    const user = await buildUser(ctx.db);
    const idle = await login(ctx.db, policy, user.email, user.password, T0);
    assert.equal(await resolveSession(ctx.db, 12, idle.sessionToken, later(13 * HOUR)), null);

    const used = await login(ctx.db, policy, user.email, user.password, T0);
    assert.ok(await resolveSession(ctx.db, 12, used.sessionToken, later(6 * HOUR)));
    const stored = await ctx.db.selectFrom("sessions").select("expires_at").where("id", "=", sha256(used.sessionToken)).executeTakeFirstOrThrow();
    assert.equal(stored.expires_at, later(18 * HOUR).toISOString());
    assert.ok(await resolveSession(ctx.db, 12, used.sessionToken, later(17 * HOUR)), "still valid thanks to the slide");
    assert.equal(await resolveSession(ctx.db, 12, "not-a-session-token", T0), null);
  });

  it("ends a session on logout, and ends all sessions when the organisation is deactivated", async () => {
    const user = await buildUser(ctx.db);
    const a = await login(ctx.db, policy, user.email, user.password);
    const b = await login(ctx.db, policy, user.email, user.password);
    const self = (await resolveSession(ctx.db, 12, a.sessionToken))!.actor;
    await logout(ctx.db, self, sha256(a.sessionToken), "req-logout");
    assert.equal(await resolveSession(ctx.db, 12, a.sessionToken), null);
    assert.ok(await resolveSession(ctx.db, 12, b.sessionToken), "the other session goes on");

    const admin = await agencyAdmin(ctx.db);
    await ctx.db.transaction().execute((trx) => updateOrganisation(trx, admin, user.organisationId, { active: false }));
    assert.equal(await resolveSession(ctx.db, 12, b.sessionToken), null);
    await rejectsWith(login(ctx.db, policy, user.email, user.password), "invalid_credentials");
  });

  it("records sign-in, failed sign-in and sign-out in the audit log, with the request id and no password", async () => {
    const user = await buildUser(ctx.db);
    await rejectsWith(login(ctx.db, policy, user.email, "wrong password!", new Date(), "req-fail"), "invalid_credentials");
    const session = await login(ctx.db, policy, user.email, user.password, new Date(), "req-in");
    const self = (await resolveSession(ctx.db, 12, session.sessionToken))!.actor;
    await logout(ctx.db, self, sha256(session.sessionToken), "req-out");
    await logout(ctx.db, self, sha256(session.sessionToken), "req-out-again");
    const entries = await listAudit(ctx.db, { entityType: "user", entityId: String(user.id), limit: 10 });
    assert.deepEqual(
      entries.slice(0, 3).map((e) => [e.action, e.request_id, e.actor_user_id]),
      [
        ["account.signed_out", "req-out", user.id],
        ["account.signed_in", "req-in", user.id],
        ["account.sign_in_failed", "req-fail", user.id],
      ],
    );
    assert.equal(entries[3]?.action, "user.created");
    assert.equal(entries.length, 4, "the second sign-out of an ended session records nothing");
    assert.ok(!JSON.stringify(entries).includes(user.password), "no password in the log");
  });
});

forEachDatabase("API tokens", (ctx) => {
  it("creates a token shown once, stored as a hash, and audited without its secret", async () => {
    const admin = await agencyAdmin(ctx.db);
    const org = await buildOrganisation(ctx.db);
    const { id, token } = await ctx.db.transaction().execute((trx) => createToken(trx, admin, { name: "etl", organisationId: org.id, role: "analyst" }));
    assert.match(token, /^vgl_[\w-]{43}$/);
    const row = await tokenRow(ctx.db, id);
    assert.equal(row.token_hash, sha256(token));
    assert.equal(row.prefix, token.slice(0, 10));
    assert.equal(row.created_by, admin.actor.userId);
    const [entry] = await listAudit(ctx.db, { entityType: "api_token", entityId: String(id), limit: 5 });
    assert.equal(entry?.action, "api_token.created");
    assert.deepEqual(entry?.diff.name, [null, "etl"]);
    assert.ok(!("token_hash" in (entry?.diff ?? {})), "no hash in the log");
    assert.ok(!JSON.stringify(entry).includes(token.slice(4)));
  });

  it("resolves a token to its organisation and role, and records when it was last used", async () => {
    const admin = await agencyAdmin(ctx.db);
    const org = await buildOrganisation(ctx.db);
    const { id, token } = await ctx.db.transaction().execute((trx) => createToken(trx, admin, { name: "bi", organisationId: org.id, role: "viewer" }));
    assert.equal((await tokenRow(ctx.db, id)).last_used_at, null);
    const actor = await resolveToken(ctx.db, token, T0);
    assert.deepEqual(actor, { kind: "token", userId: null, tokenId: id, organisationId: org.id, organisationKind: "association", role: "viewer", locale: "en" });
    assert.equal((await tokenRow(ctx.db, id)).last_used_at, T0.toISOString());
    await resolveToken(ctx.db, token, later(30_000));
    assert.equal((await tokenRow(ctx.db, id)).last_used_at, T0.toISOString(), "not rewritten within a minute");
    await resolveToken(ctx.db, token, later(2 * MINUTE));
    assert.equal((await tokenRow(ctx.db, id)).last_used_at, later(2 * MINUTE).toISOString());
  });

  it("refuses a revoked token at once, and audits the revocation once", async () => {
    const admin = await agencyAdmin(ctx.db);
    const org = await buildOrganisation(ctx.db);
    const { id, token } = await ctx.db.transaction().execute((trx) => createToken(trx, admin, { name: "old", organisationId: org.id, role: "editor" }));
    assert.ok(await resolveToken(ctx.db, token));
    await ctx.db.transaction().execute((trx) => revokeToken(trx, admin, id));
    await ctx.db.transaction().execute((trx) => revokeToken(trx, admin, id));
    assert.equal(await resolveToken(ctx.db, token), null);
    assert.notEqual((await tokenRow(ctx.db, id)).revoked_at, null);
    const actions = (await listAudit(ctx.db, { entityType: "api_token", entityId: String(id), limit: 5 })).map((e) => e.action);
    assert.deepEqual(actions, ["api_token.revoked", "api_token.created"]);
  });

  it("refuses an expired token, an unknown one and one without the prefix", async () => {
    const admin = await agencyAdmin(ctx.db);
    const org = await buildOrganisation(ctx.db);
    const expiresAt = later(HOUR).toISOString();
    const { token } = await ctx.db.transaction().execute((trx) => createToken(trx, admin, { name: "temp", organisationId: org.id, role: "viewer", expiresAt }));
    assert.ok(await resolveToken(ctx.db, token, later(HOUR - 1)));
    assert.equal(await resolveToken(ctx.db, token, later(HOUR)), null);
    assert.equal(await resolveToken(ctx.db, `${token}x`, T0), null);
    assert.equal(await resolveToken(ctx.db, token.slice(4), T0), null);
  });

  it("refuses to create a token for an unknown organisation", async () => {
    const admin = await agencyAdmin(ctx.db);
    await rejectsWith(ctx.db.transaction().execute((trx) => createToken(trx, admin, { name: "x", organisationId: 987_654, role: "viewer" })), "not_found");
  });
});
