import { agencyRoleIn, type ResourcePolicy } from "../../server/auth/rules.js";

/** The audit log: read and verified by the agency's administrators only; nobody writes to it by hand. */
export const auditPolicy = {
  audit: { read: agencyRoleIn("admin"), verify: agencyRoleIn("admin") },
} satisfies Record<string, ResourcePolicy>;
