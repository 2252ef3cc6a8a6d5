/** Users and organisations on a real database: rules, side effects and their audit entries. */
import assert from "node:assert/strict";
import { it } from "node:test";
import type { Db } from "../../server/db/database.js";
import { listAudit, verifyAuditChain } from "../audit/audit.service.js";
import { rejectsWith } from "../../../test/helpers/assertions.js";
import { forEachDatabase } from "../../../test/helpers/databases.js";
import { actorOf, agencyAdmin, buildOrganisation, buildUser, contextOf, organisationIdOf, unique } from "../../../test/helpers/access.builders.js";
import { createOrganisation, getOrganisation, updateOrganisation } from "./organisation.service.js";
import { login, resolveSession } from "./session.service.js";
import { createUser, resetPassword, updateUser } from "./user.service.js";

const policy = { LOGIN_MAX_FAILURES: 5, LOGIN_LOCKOUT_MINUTES: 15, SESSION_TTL_HOURS: 12 };

/** The entity's audit entries, newest first, without its sign-in events (tested in session.service.test.ts). */
async function auditOf(db: Db, entityType: string, entityId: number) {
  const entries = await listAudit(db, { entityType, entityId: String(entityId), limit: 50 });
  return entries.filter((e) => !["account.signed_in", "account.signed_out", "account.sign_in_failed"].includes(e.action));
}

async function auditCount(db: Db): Promise<number> {
  return (await db.selectFrom("audit_log").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n;
}

async function userRow(db: Db, id: number) {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

async function sessionsOf(db: Db, userId: number): Promise<number> {
  return (await db.selectFrom("sessions").select("id").where("user_id", "=", userId).execute()).length;
}

forEachDatabase("user service", (ctx) => {
  it("creates a user with the email lower-cased and a one-time password to change, and audits it", async () => {
    const admin = await agencyAdmin(ctx.db);
    const { id: organisationId } = await buildOrganisation(ctx.db);
    const email = `${unique("Mixed.Case")}@Example.TEST`;
    const created = await ctx.db.transaction().execute((trx) =>
      createUser(trx, admin, { email: `  ${email} `, displayName: "Nadia", organisationId, role: "analyst" }),
    );
    assert.match(created.oneTimePassword ?? "", /^\w{4}-\w{4}-\w{4}-\w{4}$/);
    const row = await userRow(ctx.db, created.id);
    assert.equal(row.email, email.toLowerCase());
    assert.equal(row.must_change_password, 1);
    assert.match(row.password_hash, /^\$argon2id\$/);
    await login(ctx.db, policy, email, created.oneTimePassword!);

    const [entry, ...rest] = await auditOf(ctx.db, "user", created.id);
    assert.equal(rest.length, 0);
    assert.equal(entry?.action, "user.created");
    assert.equal(entry?.actor_user_id, admin.actor.userId);
    assert.equal(entry?.request_id, admin.requestId);
    assert.deepEqual(entry?.diff.email, [null, email.toLowerCase()]);
    assert.deepEqual(entry?.diff.password_hash, ["[secret]", "[secret changed]"]);
  });

  it("keeps a chosen password and does not ask to change it", async () => {
    const user = await buildUser(ctx.db);
    assert.equal((await userRow(ctx.db, user.id)).must_change_password, 0);
    await login(ctx.db, policy, user.email, user.password);
  });

  it("refuses a second account with the same email, whatever its case, and records nothing", async () => {
    const user = await buildUser(ctx.db);
    const before = await auditCount(ctx.db);
    const admin = await agencyAdmin(ctx.db);
    await rejectsWith(
      ctx.db.transaction().execute((trx) =>
        createUser(trx, admin, { email: user.email.toUpperCase(), displayName: "Twin", organisationId: user.organisationId, role: "viewer" }),
      ),
      "conflict",
      "body.email",
    );
    assert.equal(await auditCount(ctx.db), before);
  });

  it("refuses a weak password naming the field", async () => {
    await rejectsWith(buildUser(ctx.db, { password: "short" }), "validation_failed", "body.password");
  });

  it("lets a municipality admin create people in its own organisation only", async () => {
    const municipalityAdmin = contextOf(await actorOf(ctx.db, "admin@anderlecht.demo"));
    const anderlecht = await organisationIdOf(ctx.db, "mun-21001");
    const other = await buildOrganisation(ctx.db);
    const input = { displayName: "Municipal", role: "editor" as const, password: "municipal-password" };
    await rejectsWith(
      ctx.db.transaction().execute((trx) => createUser(trx, municipalityAdmin, { ...input, email: `${unique("x")}@example.test`, organisationId: other.id })),
      "forbidden",
    );
    const { id } = await ctx.db.transaction().execute((trx) =>
      createUser(trx, municipalityAdmin, { ...input, email: `${unique("y")}@example.test`, organisationId: anderlecht }),
    );
    assert.equal((await userRow(ctx.db, id)).organisation_id, anderlecht);
  });

  it("keeps sessions on a name change but ends them on a role change or disable", async () => {
    const admin = await agencyAdmin(ctx.db);
    const user = await buildUser(ctx.db);
    const first = await login(ctx.db, policy, user.email, user.password);
    await ctx.db.transaction().execute((trx) => updateUser(trx, admin, user.id, { displayName: "Renamed" }));
    assert.ok(await resolveSession(ctx.db, 12, first.sessionToken), "rename keeps the session");

    await ctx.db.transaction().execute((trx) => updateUser(trx, admin, user.id, { role: "viewer" }));
    assert.equal(await resolveSession(ctx.db, 12, first.sessionToken), null, "role change ends the session");

    const second = await login(ctx.db, policy, user.email, user.password);
    await ctx.db.transaction().execute((trx) => updateUser(trx, admin, user.id, { active: false }));
    assert.equal(await resolveSession(ctx.db, 12, second.sessionToken), null);
    assert.equal(await sessionsOf(ctx.db, user.id), 0);
    await rejectsWith(login(ctx.db, policy, user.email, user.password), "invalid_credentials");

    const actions = (await auditOf(ctx.db, "user", user.id)).map((e) => e.action);
    assert.deepEqual(actions, ["user.disabled", "user.updated", "user.updated", "user.created"]);
    const [disabled] = await auditOf(ctx.db, "user", user.id);
    assert.deepEqual(disabled?.diff, { active: [1, 0] });
  });

  it("refuses an update of an unknown user or by another organisation's admin", async () => {
    const admin = await agencyAdmin(ctx.db);
    await rejectsWith(ctx.db.transaction().execute((trx) => updateUser(trx, admin, 987_654, { displayName: "Ghost" })), "not_found");
    const user = await buildUser(ctx.db);
    const municipalityAdmin = contextOf(await actorOf(ctx.db, "admin@anderlecht.demo"));
    await rejectsWith(ctx.db.transaction().execute((trx) => updateUser(trx, municipalityAdmin, user.id, { active: false })), "forbidden");
    assert.equal((await userRow(ctx.db, user.id)).active, 1);
  });

  it("resets a password: the old one stops working, the new one must be changed, sessions end", async () => {
    const admin = await agencyAdmin(ctx.db);
    const user = await buildUser(ctx.db);
    const session = await login(ctx.db, policy, user.email, user.password);
    const next = await ctx.db.transaction().execute((trx) => resetPassword(trx, admin, user.id));
    assert.notEqual(next, user.password);
    assert.equal(await resolveSession(ctx.db, 12, session.sessionToken), null);
    await rejectsWith(login(ctx.db, policy, user.email, user.password), "invalid_credentials");
    await login(ctx.db, policy, user.email, next);
    assert.equal((await userRow(ctx.db, user.id)).must_change_password, 1);
    const [entry] = await auditOf(ctx.db, "user", user.id);
    assert.equal(entry?.action, "user.password_reset");
    assert.deepEqual(entry?.diff, { password_hash: ["[secret]", "[secret changed]"] });
  });
});

forEachDatabase("organisation service", (ctx) => {
  it("creates and updates an organisation, auditing both with their differences", async () => {
    const admin = await agencyAdmin(ctx.db);
    const { id, code } = await buildOrganisation(ctx.db, { kind: "school" });
    await ctx.db.transaction().execute((trx) => updateOrganisation(trx, admin, id, { nameEn: "Renamed school", active: false }));
    const row = await getOrganisation(ctx.db, id);
    assert.equal(row.name_en, "Renamed school");
    assert.equal(row.active, 0);
    assert.equal(row.code, code);
    const [updated, created] = await auditOf(ctx.db, "organisation", id);
    assert.equal(created?.action, "organisation.created");
    assert.deepEqual(created?.diff.code, [null, code]);
    assert.equal(updated?.action, "organisation.updated");
    assert.deepEqual(updated?.diff, { active: [1, 0], name_en: [`Association ${code}`, "Renamed school"] });
  });

  it("refuses a code already in use, on create and on update", async () => {
    const admin = await agencyAdmin(ctx.db);
    const taken = await buildOrganisation(ctx.db);
    const other = await buildOrganisation(ctx.db);
    await rejectsWith(buildOrganisation(ctx.db, { code: taken.code }), "conflict", "body.code");
    await rejectsWith(ctx.db.transaction().execute((trx) => updateOrganisation(trx, admin, other.id, { code: taken.code })), "conflict", "body.code");
    assert.equal((await getOrganisation(ctx.db, other.id)).code, other.code);
    // Keeping one's own code is no conflict.
    await ctx.db.transaction().execute((trx) => updateOrganisation(trx, admin, other.id, { code: other.code, nameFr: "Même code" }));
  });

  it("writes the audit entry in the caller's transaction: a failing transaction leaves neither row nor entry", async () => {
    const admin = await agencyAdmin(ctx.db);
    const before = await auditCount(ctx.db);
    const code = unique("rolled-back");
    await assert.rejects(
      ctx.db.transaction().execute(async (trx) => {
        await createOrganisation(trx, admin, { kind: "association", code, nameFr: "a", nameNl: "b", nameEn: "c" });
        const inside = await trx.selectFrom("audit_log").select("action").orderBy("seq", "desc").limit(1).executeTakeFirstOrThrow();
        assert.equal(inside.action, "organisation.created", "visible inside the transaction");
        throw new Error("boom after the audit entry");
      }),
      /boom/,
    );
    assert.equal(await auditCount(ctx.db), before);
    assert.equal(await ctx.db.selectFrom("organisations").select("id").where("code", "=", code).executeTakeFirst(), undefined);
    assert.deepEqual(await verifyAuditChain(ctx.db), { ok: true, entries: before });
  });
});
