import type { Db } from "./db/database.js";
import { seedDemoAccounts, seedOrganisations, type DemoAccount } from "../modules/access/access.seed.js";
import { recordAudit } from "../modules/audit/audit.service.js";
import { seedTerritory } from "../modules/territory/territory.seed.js";
import { seedPlanDemo } from "../modules/plan/plan.demo.js";
import { seedObservatoryDemo } from "../modules/observatory/demo/demo.seed.js";
import { seedCrimeTaxonomy } from "../modules/observatory/taxonomy.seed.js";
import { systemActor } from "./auth/actor.js";

export interface SeedResult {
  territoryLoaded: boolean;
  organisationsCreated: number;
  accountsCreated: DemoAccount[];
  /** Demo content created (the 2017-2020 plan with its bodies and rounds), when not there yet. */
  planDemoCreated: boolean;
  taxonomyLoaded: boolean;
  /** Rows of the synthetic registered-crime batch created now (0 when it existed or was not asked for). */
  observatoryDemoRows: number;
}

export interface SeedOptions {
  /** Demo accounts and demo content of the plan. */
  demo: boolean;
  /**
   * The synthetic registered-crime series (about 100,000 rows). Defaults to `demo`; test
   * databases leave it out, the observatory's own tests seed it where they need it.
   */
  observatoryDemo?: boolean;
}

/**
 * Loads the reference data (territory, organisations, crime taxonomy) and, with `demo`, the
 * demo accounts and demo content. Idempotent: what exists is left alone. One transaction:
 * a failure leaves nothing half-loaded.
 */
export async function seed(db: Db, options: SeedOptions): Promise<SeedResult> {
  return db.transaction().execute(async (trx) => {
    const { loaded } = await seedTerritory(trx);
    const organisationsCreated = await seedOrganisations(trx);
    const taxonomyLoaded = await seedCrimeTaxonomy(trx);
    const accountsCreated = options.demo ? await seedDemoAccounts(trx) : [];
    const planDemoCreated = options.demo ? await seedPlanDemo(trx) : false;
    const observatoryDemoRows = (options.observatoryDemo ?? options.demo) ? ((await seedObservatoryDemo(trx))?.rows ?? 0) : 0;
    if (loaded || organisationsCreated || taxonomyLoaded || accountsCreated.length || planDemoCreated || observatoryDemoRows) {
      await recordAudit(trx, { actor: systemActor, requestId: null }, {
        action: "reference.seeded",
        entityType: "reference_data",
        entityId: options.demo ? "reference+demo" : "reference",
        after: {
          territory_loaded: loaded,
          organisations_created: organisationsCreated,
          taxonomy_loaded: taxonomyLoaded,
          accounts_created: accountsCreated.length,
          plan_demo_created: planDemoCreated,
          observatory_demo_rows: observatoryDemoRows,
        },
      });
    }
    return { territoryLoaded: loaded, organisationsCreated, accountsCreated, planDemoCreated, taxonomyLoaded, observatoryDemoRows };
  });
}
