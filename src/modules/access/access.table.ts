import type { Generated } from "kysely";

export interface OrganisationTable {
  id: Generated<number>;
  kind: string;
  code: string;
  name_fr: string;
  name_nl: string;
  name_en: string;
  /** 'municipality' (NIS code) or 'police_zone' (zone id) when the organisation has a territory. */
  territory_level: string | null;
  territory_code: string | null;
  active: number;
  created_at: string;
}

export interface UserTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  password_hash: string;
  organisation_id: number;
  role: string;
  locale: string;
  active: number;
  failed_logins: number;
  locked_until: string | null;
  must_change_password: number;
  password_changed_at: string;
  last_login_at: string | null;
  created_at: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie value: a stolen database does not yield live sessions. */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface ApiTokenTable {
  id: Generated<number>;
  name: string;
  token_hash: string;
  prefix: string;
  organisation_id: number;
  role: string;
  created_by: number | null;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}
