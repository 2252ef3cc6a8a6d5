/**
 * Writes the synthetic demo data (see generator.ts) as one aggregated import batch marked
 * `is_synthetic`, so that every screen and export can say the figures are invented, and a
 * published 2018 annual report built from that batch (its manifest only: the files are
 * generated on demand), so that the public page has figures.
 */
import { createHash } from "node:crypto";
import type { Transaction } from "kysely";
import { systemActor } from "../../../server/auth/actor.js";
import type { Database } from "../../../server/db/schema.js";
import { insertInChunks } from "../../../server/db/batch.js";
import { buildManifest } from "../publications/manifest.js";
import { insertPublication } from "../publications/publication.service.js";
import { DEMO_DEFAULT_SEED, DEMO_FIRST_YEAR, DEMO_LAST_YEAR, generateDemoCounts } from "./generator.js";

export const DEMO_TAXONOMY_VERSION = "federal-police-v1";
export const DEMO_SOURCE = "synthetic-demo";
export const DEMO_BATCH_KEY = `${DEMO_SOURCE}|aggregated|${DEMO_FIRST_YEAR}-01-01|${DEMO_LAST_YEAR}-12-31`;
/** The year of the demo's published annual report. */
const DEMO_REPORT_YEAR = DEMO_LAST_YEAR;

/** Stores the published annual report of the demo batch, unless an annual report of that year exists (in any status). */
async function seedDemoReport(trx: Transaction<Database>, batchId: number): Promise<void> {
  const existing = await trx
    .selectFrom("observatory_publications")
    .select("id")
    .where("kind", "=", "annual_report")
    .where("year", "=", DEMO_REPORT_YEAR)
    .executeTakeFirst();
  if (existing) return;
  const manifest = await buildManifest(trx, { year: DEMO_REPORT_YEAR, batchIds: [batchId] });
  await insertPublication(trx, { actor: systemActor, requestId: null }, manifest, "published");
}

/**
 * Seeds the synthetic batch and its crime_counts, then the published demo report. Returns
 * null when the batch exists already (idempotent: only a missing demo report is added), or
 * when taxonomy `federal-police-v1` has no categories yet, writing nothing (seedCrimeTaxonomy
 * must run first; this seed never creates the taxonomy).
 */
export async function seedObservatoryDemo(trx: Transaction<Database>, options: { seed?: number } = {}): Promise<{ rows: number } | null> {
  const seed = options.seed ?? DEMO_DEFAULT_SEED;
  const existing = await trx.selectFrom("observatory_batches").select("id").where("batch_key", "=", DEMO_BATCH_KEY).executeTakeFirst();
  if (existing) {
    await seedDemoReport(trx, existing.id);
    return null;
  }
  const taxonomy = await trx.selectFrom("crime_taxonomies").select("id").where("version", "=", DEMO_TAXONOMY_VERSION).executeTakeFirst();
  if (!taxonomy) return null;
  const categories = await trx.selectFrom("crime_categories").select(["id", "code"]).where("taxonomy_id", "=", taxonomy.id).execute();
  if (!categories.length) return null;

  const neighbourhoods = await trx
    .selectFrom("neighbourhoods")
    .select(["code", "kind", "centroid_lon", "centroid_lat", "primary_municipality_nis"])
    .execute();
  const population = await trx
    .selectFrom("neighbourhood_population")
    .select(["neighbourhood_code", "year", "population"])
    .where("year", ">=", DEMO_FIRST_YEAR)
    .where("year", "<=", DEMO_LAST_YEAR)
    .execute();
  const generated = generateDemoCounts(
    {
      neighbourhoods: neighbourhoods.map((n) => ({
        code: n.code,
        kind: n.kind,
        centroidLon: n.centroid_lon,
        centroidLat: n.centroid_lat,
        municipalityNis: n.primary_municipality_nis,
      })),
      population: population.map((p) => ({ neighbourhoodCode: p.neighbourhood_code, year: p.year, population: p.population })),
      categories: categories.map((c) => c.code),
    },
    seed,
  );

  const idOf = new Map(categories.map((c) => [c.code, c.id]));
  const sha256 = createHash("sha256");
  for (const r of generated) sha256.update(`${r.neighbourhood},${r.category},${r.month},${r.count}\n`);
  const { id: batchId } = await trx
    .insertInto("observatory_batches")
    .values({
      batch_key: DEMO_BATCH_KEY,
      grain: "aggregated",
      source: DEMO_SOURCE,
      period_start: `${DEMO_FIRST_YEAR}-01-01`,
      period_end: `${DEMO_LAST_YEAR}-12-31`,
      taxonomy_id: taxonomy.id,
      filename: "generated",
      sha256: sha256.digest("hex"),
      rows: generated.length,
      is_synthetic: 1,
      imported_by: null,
      imported_at: new Date().toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await insertInChunks(
    trx,
    "crime_counts",
    generated.map((r) => ({ batch_id: batchId, neighbourhood_code: r.neighbourhood, category_id: idOf.get(r.category)!, month: r.month, count: r.count })),
  );
  await seedDemoReport(trx, batchId);
  return { rows: generated.length };
}
