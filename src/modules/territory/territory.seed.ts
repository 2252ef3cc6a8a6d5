import type { Insertable, Transaction } from "kysely";
import type { Database } from "../../server/db/schema.js";
import { chunksOf, insertInChunks } from "../../server/db/batch.js";
import { readTerritoryData, TERRITORY_DATA_VERSION } from "./territory.data.js";

/**
 * Inserts or updates by primary key, so that rows other modules refer to (zones,
 * municipalities, neighbourhoods) keep their identity when the data is reloaded.
 */
async function upsertAll<T extends "police_zones" | "municipalities" | "neighbourhoods">(
  trx: Transaction<Database>,
  table: T,
  key: string,
  rows: Insertable<Database[T]>[],
): Promise<void> {
  if (!rows.length) return;
  const columns = Object.keys(rows[0]!).filter((c) => c !== key);
  for (const batch of chunksOf(rows, columns.length + 1)) {
    await trx
      .insertInto(table)
      .values(batch as never)
      .onConflict((oc) =>
        oc.column(key as never).doUpdateSet((eb) => Object.fromEntries(columns.map((c) => [c, eb.ref(`excluded.${c}` as never)])) as never),
      )
      .execute();
  }
}

/**
 * Loads the reference geography of the Brussels-Capital Region from data/brussels:
 * 6 police zones, 19 municipalities, 145 neighbourhoods with their municipality shares,
 * population series 1994-2025, vulnerability indicators and geometries (full and simplified).
 * Idempotent: does nothing when `reference_data.territory` already holds this version.
 */
export async function seedTerritory(trx: Transaction<Database>): Promise<{ loaded: boolean }> {
  const current = await trx.selectFrom("reference_data").select("version").where("key", "=", "territory").executeTakeFirst();
  if (current?.version === TERRITORY_DATA_VERSION) return { loaded: false };

  const data = readTerritoryData();
  // Dependent rows first out, parents last in: the foreign keys hold at every statement.
  await trx.deleteFrom("territory_geometries").execute();
  await trx.deleteFrom("neighbourhood_population").execute();
  await trx.deleteFrom("neighbourhood_municipality_shares").execute();
  await upsertAll(trx, "police_zones", "id", data.policeZones);
  await upsertAll(trx, "municipalities", "nis_code", data.municipalities);
  await upsertAll(trx, "neighbourhoods", "code", data.neighbourhoods);
  await insertInChunks(trx, "neighbourhood_municipality_shares", data.shares);
  await insertInChunks(trx, "neighbourhood_population", data.population);
  await insertInChunks(trx, "territory_geometries", data.geometries);

  const row = { key: "territory", version: TERRITORY_DATA_VERSION, loaded_at: new Date().toISOString() };
  await trx
    .insertInto("reference_data")
    .values(row)
    .onConflict((oc) => oc.column("key").doUpdateSet({ version: row.version, loaded_at: row.loaded_at }))
    .execute();
  return { loaded: true };
}
