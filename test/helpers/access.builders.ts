/**
 * Builders for the access module: each call makes new, uniquely named data, so tests
 * share a database without cleaning up and without seeing each other's rows.
 */
import { randomBytes } from "node:crypto";
import type { Actor } from "../../src/server/auth/actor.js";
import type { Db } from "../../src/server/db/database.js";
import type { WriteContext } from "../../src/server/http/context.js";
import type { OrganisationKind, Role } from "../../src/shared/roles.js";
import { createOrganisation, type OrganisationInput } from "../../src/modules/access/organisation.service.js";
import { createUser, type NewUser } from "../../src/modules/access/user.service.js";

export const BUILT_PASSWORD = "builder-password-2026";

/** A short unique name, e.g. `org-3f9a1c2e`. */
export function unique(label: string): string {
  return `${label}-${randomBytes(4).toString("hex")}`;
}

/** The write context of a person (or token) acting in a request with a fresh id. */
export function contextOf(actor: Actor): WriteContext {
  return { actor, requestId: unique("req") };
}

/** The seeded agency administrator (admin@bps.demo) as a write context. */
export async function agencyAdmin(db: Db): Promise<WriteContext> {
  return contextOf(await actorOf(db, "admin@bps.demo"));
}

/** The actor of an existing account, as the session would resolve it. */
export async function actorOf(db: Db, email: string): Promise<Actor> {
  const row = await db
    .selectFrom("users")
    .innerJoin("organisations", "organisations.id", "users.organisation_id")
    .select(["users.id", "users.role", "users.organisation_id", "organisations.kind"])
    .where("users.email", "=", email)
    .executeTakeFirstOrThrow();
  return {
    kind: "user",
    userId: row.id,
    tokenId: null,
    organisationId: row.organisation_id,
    organisationKind: row.kind as OrganisationKind,
    role: row.role as Role,
    locale: "en",
  };
}

export async function organisationIdOf(db: Db, code: string): Promise<number> {
  return (await db.selectFrom("organisations").select("id").where("code", "=", code).executeTakeFirstOrThrow()).id;
}

export async function buildOrganisation(db: Db, overrides: Partial<OrganisationInput> = {}): Promise<{ id: number; code: string }> {
  const code = overrides.code ?? unique("org");
  const ctx = await agencyAdmin(db);
  const input: OrganisationInput = { kind: "association", code, nameFr: `Asbl ${code}`, nameNl: `Vzw ${code}`, nameEn: `Association ${code}`, ...overrides };
  const id = await db.transaction().execute((trx) => createOrganisation(trx, ctx, input));
  return { id, code };
}

export interface BuiltUser {
  id: number;
  email: string;
  password: string;
  organisationId: number;
}

/** A person with a known password, in a new organisation unless one is given. */
export async function buildUser(db: Db, overrides: Partial<NewUser> = {}): Promise<BuiltUser> {
  const organisationId = overrides.organisationId ?? (await buildOrganisation(db)).id;
  const input: NewUser = {
    email: `${unique("person")}@example.test`,
    displayName: "Built Person",
    role: "editor",
    password: BUILT_PASSWORD,
    ...overrides,
    organisationId,
  };
  const ctx = await agencyAdmin(db);
  const { id } = await db.transaction().execute((trx) => createUser(trx, ctx, input));
  return { id, email: input.email.toLowerCase(), password: input.password ?? BUILT_PASSWORD, organisationId };
}
