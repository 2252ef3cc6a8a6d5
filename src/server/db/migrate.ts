import { Migrator, type Migration, type MigrationResultSet } from "kysely";
import type { Db } from "./database.js";
import * as m0001 from "./migrations/0001_foundation.js";
import * as m0002 from "./migrations/0002_plan.js";
import * as m0003 from "./migrations/0003_observatory.js";
import * as m0004 from "./migrations/0004_observatory_publications.js";

/** Ordered list of migrations; names sort in the order they must run. */
const migrations: Record<string, Migration> = {
  "0001_foundation": m0001,
  "0002_plan": m0002,
  "0003_observatory": m0003,
  "0004_observatory_publications": m0004,
};

export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}
