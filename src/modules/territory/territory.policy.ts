import { anyone, type ResourcePolicy } from "../../server/auth/rules.js";

/** Reference geography: every signed-in user reads it; it changes only through `vigil seed`. */
export const territoryPolicy = {
  territory: { read: anyone, export: anyone },
} satisfies Record<string, ResourcePolicy>;
