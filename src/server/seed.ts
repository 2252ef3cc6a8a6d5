import type { Db } from "./db/database.js";
import { seedDemoAccounts, seedOrganisations, type DemoAccount } from "../modules/access/access.seed.js";
import { recordAudit } from "../modules/audit/audit.service.js";
import { seedTerritory } from "../modules/territory/territory.seed.js";
import { systemActor } from "./auth/actor.js";

export interface SeedResult {
  territoryLoaded: boolean;
  organisationsCreated: number;
  accountsCreated: DemoAccount[];
}

/**
 * Loads the reference data (territory, organisations) and, with `demo`, the demo accounts.
 * Idempotent: what exists is left alone. One transaction: a failure leaves nothing half-loaded.
 */
export async function seed(db: Db, options: { demo: boolean }): Promise<SeedResult> {
  return db.transaction().execute(async (trx) => {
    const { loaded } = await seedTerritory(trx);
    const organisationsCreated = await seedOrganisations(trx);
    const accountsCreated = options.demo ? await seedDemoAccounts(trx) : [];
    if (loaded || organisationsCreated || accountsCreated.length) {
      await recordAudit(trx, { actor: systemActor, requestId: null }, {
        action: "reference.seeded",
        entityType: "reference_data",
        entityId: options.demo ? "reference+demo" : "reference",
        after: { territory_loaded: loaded, organisations_created: organisationsCreated, accounts_created: accountsCreated.length },
      });
    }
    return { territoryLoaded: loaded, organisationsCreated, accountsCreated };
  });
}
