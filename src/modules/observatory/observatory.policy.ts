import type { Actor } from "../../server/auth/actor.js";
import { agencyRoleIn, anyone, type ResourcePolicy, type Rule } from "../../server/auth/rules.js";

/** Analysts see every figure unsuppressed: the agency's analysts, coordinators and admins, and police zones' analysts. */
const analyst: Rule = (actor: Actor) =>
  (actor.organisationKind === "agency" && ["analyst", "coordinator", "admin"].includes(actor.role)) ||
  (actor.organisationKind === "police_zone" && actor.role === "analyst");

export const observatoryPolicy = {
  /** `read`: published (disclosure-controlled) figures, for every signed-in user; `analyse`: everything, unsuppressed. */
  observatory: {
    read: anyone,
    analyse: analyst,
    import: agencyRoleIn("analyst", "admin"),
    proposeZones: agencyRoleIn("analyst", "coordinator", "admin"),
    decideZones: agencyRoleIn("coordinator", "admin"),
    /** Generate and read draft publications (annual reports) and their manifests. */
    report: agencyRoleIn("analyst", "coordinator", "admin"),
    /** Publish or withdraw a publication: its years become the public figures. */
    publish: agencyRoleIn("coordinator", "admin"),
  },
} satisfies Record<string, ResourcePolicy>;
