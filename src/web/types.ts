import type { Locale } from "../shared/locale.js";
import type { OrganisationKind, Role } from "../shared/roles.js";

/** Shapes of the API answers the web app reads (see the OpenAPI document at /api/docs). */

export type Permissions = Record<string, string[]>;

export interface Account {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  locale: Locale;
  mustChangePassword: boolean;
  organisation: { id: number; code: string; kind: OrganisationKind; name: string };
}

export interface Session {
  kind: "user" | "token";
  account: Account | null;
  csrfToken: string | null;
  locale: Locale;
  permissions: Permissions;
}

export interface Organisation {
  id: number;
  kind: OrganisationKind;
  code: string;
  name: string;
  names: { fr: string; nl: string; en: string };
  territoryLevel: "municipality" | "police_zone" | null;
  territoryCode: string | null;
  active: boolean;
  actions: string[];
}

export interface User extends Account {
  active: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
  actions: string[];
}

export interface OneTimePassword {
  id: number;
  oneTimePassword: string | null;
}

export interface ApiToken {
  id: number;
  name: string;
  prefix: string;
  organisationId: number;
  organisationCode: string;
  role: Role;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  actions: string[];
}

export interface CreatedToken {
  id: number;
  token: string;
}

export interface AuditEntry {
  seq: number;
  at: string;
  action: string;
  entityType: string;
  entityId: string;
  diff: Record<string, [unknown, unknown]>;
  requestId: string | null;
  actor: { userId: number | null; tokenId: number | null; name: string | null; organisationId: number | null; organisationCode: string | null };
  hash: string;
}

export interface AuditPage {
  entries: AuditEntry[];
  nextBeforeSeq: number | null;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  seq?: number;
  problem?: "altered" | "removed" | "reordered";
}
