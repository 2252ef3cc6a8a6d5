import type { Db } from "./db/database.js";
import { seedDemoAccounts, seedOrganisations, type DemoAccount } from "../modules/access/access.seed.js";
import { recordAudit } from "../modules/audit/audit.service.js";
import { seedTerritory } from "../modules/territory/territory.seed.js";
import { seedPlanDemo } from "../modules/plan/plan.demo.js";
import { systemActor } from "./auth/actor.js";

export interface SeedResult {
  territoryLoaded: boolean;
  organisationsCreated: number;
  accountsCreated: DemoAccount[];
  /** Demo content created (the 2017-2020 plan with its bodies and rounds), when not there yet. */
  planDemoCreated: boolean;
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
    const planDemoCreated = options.demo ? await seedPlanDemo(trx) : false;
    if (loaded || organisationsCreated || accountsCreated.length || planDemoCreated) {
      await recordAudit(trx, { actor: systemActor, requestId: null }, {
        action: "reference.seeded",
        entityType: "reference_data",
        entityId: options.demo ? "reference+demo" : "reference",
        after: { territory_loaded: loaded, organisations_created: organisationsCreated, accounts_created: accountsCreated.length, plan_demo_created: planDemoCreated },
      });
    }
    return { territoryLoaded: loaded, organisationsCreated, accountsCreated, planDemoCreated };
  });
}
