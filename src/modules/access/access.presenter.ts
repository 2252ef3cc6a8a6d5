import type { Actor } from "../../server/auth/actor.js";
import { allowedActions, policies, type Resource } from "../../server/auth/policy.js";
import { localName, type Locale } from "../../shared/locale.js";
import type { OrganisationKind, Role } from "../../shared/roles.js";
import type { OrganisationTable } from "./access.table.js";
import type { UserRow } from "./user.service.js";
import type { listTokens } from "./token.service.js";
import type { Selectable } from "kysely";

export function presentOrganisation(actor: Actor, locale: Locale, row: Selectable<OrganisationTable>) {
  return {
    id: row.id,
    kind: row.kind as OrganisationKind,
    code: row.code,
    name: localName(locale, { fr: row.name_fr, nl: row.name_nl, en: row.name_en }),
    names: { fr: row.name_fr, nl: row.name_nl, en: row.name_en },
    territoryLevel: row.territory_level as "municipality" | "police_zone" | null,
    territoryCode: row.territory_code,
    active: row.active === 1,
    actions: allowedActions(actor, "organisation", { organisationId: row.id }),
  };
}

export function presentAccount(locale: Locale, row: UserRow) {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role as Role,
    locale: row.locale as Locale,
    mustChangePassword: row.must_change_password === 1,
    organisation: {
      id: row.organisation_id,
      code: row.organisation_code,
      kind: row.organisation_kind as OrganisationKind,
      name: localName(locale, { fr: row.organisation_name_fr, nl: row.organisation_name_nl, en: row.organisation_name_en }),
    },
  };
}

export function presentUser(actor: Actor, locale: Locale, row: UserRow) {
  return {
    ...presentAccount(locale, row),
    active: row.active === 1,
    lockedUntil: row.locked_until,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
    actions: allowedActions(actor, "user", { organisationId: row.organisation_id }),
  };
}

export function presentToken(actor: Actor, row: Awaited<ReturnType<typeof listTokens>>[number]) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    organisationId: row.organisation_id,
    organisationCode: row.organisation_code,
    role: row.role as Role,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    actions: row.revoked_at ? [] : allowedActions(actor, "apiToken", { organisationId: row.organisation_id }).filter((a) => a === "revoke"),
  };
}

/** Every resource with the actions the actor may take on it in general: the web app builds its navigation from this. */
export function presentPermissions(actor: Actor): Record<string, string[]> {
  return Object.fromEntries((Object.keys(policies) as Resource[]).map((r) => [r, allowedActions(actor, r)]));
}
