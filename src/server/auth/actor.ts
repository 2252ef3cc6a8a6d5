import type { Locale } from "../../shared/locale.js";
import type { OrganisationKind, Role } from "../../shared/roles.js";

/** Who is making a request: a signed-in person, or a machine client with an API token. */
export interface Actor {
  kind: "user" | "token";
  userId: number | null;
  tokenId: number | null;
  organisationId: number;
  organisationKind: OrganisationKind;
  role: Role;
  locale: Locale;
  /** Signed in with a one-time password: only the account routes are open until it is changed. */
  mustChangePassword?: boolean;
}

/** Used by the CLI and the seeders: writes done by the platform itself. */
export const systemActor: Actor = {
  kind: "user",
  userId: null,
  tokenId: null,
  organisationId: 0,
  organisationKind: "agency",
  role: "admin",
  locale: "en",
};
