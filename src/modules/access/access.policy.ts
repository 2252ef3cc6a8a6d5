import { anyone, roleIn, type ResourcePolicy, type Rule } from "../../server/auth/rules.js";
import type { Actor } from "../../server/auth/actor.js";

/** The subject of a rule on something that belongs to one organisation. */
export interface OwnedSubject {
  organisationId: number;
}

/** Agency admins administer everyone; another organisation's admin administers its own people. */
const adminOf: Rule<OwnedSubject> = (actor: Actor, subject?: OwnedSubject) =>
  actor.role === "admin" && (actor.organisationKind === "agency" || subject === undefined || subject.organisationId === actor.organisationId);

const agencyAdmin: Rule = (actor) => actor.role === "admin" && actor.organisationKind === "agency";

export const accessPolicy = {
  organisation: { read: anyone, create: agencyAdmin, update: agencyAdmin },
  user: { read: roleIn("admin"), create: adminOf, update: adminOf, disable: adminOf, resetPassword: adminOf },
  apiToken: { read: roleIn("admin"), create: adminOf, revoke: adminOf },
  account: { read: anyone, update: (actor) => actor.kind === "user" },
} satisfies Record<string, ResourcePolicy>;
