/**
 * The synthetic demo series as the observatory's tests read it back, to check the services
 * against an independent aggregation: its raw rows, the neighbourhoods and their populations.
 */
import type { Db } from "../../src/server/db/database.js";
import { seedObservatoryDemo } from "../../src/modules/observatory/demo/demo.seed.js";

export interface DemoSeries {
  raw: { neighbourhood: number; code: string; month: string; year: number; count: number }[];
  hoods: { code: number; kind: string; nis: number }[];
  /** Population by `code|year` (unknown years left out). */
  population: Map<string, number>;
}

/** Seeds the demo series into `db` and reads it back. */
export async function loadDemoSeries(db: Db): Promise<DemoSeries> {
  await db.transaction().execute((trx) => seedObservatoryDemo(trx));
  const rows = await db
    .selectFrom("crime_counts as c")
    .innerJoin("crime_categories as k", "k.id", "c.category_id")
    .select(["c.neighbourhood_code", "k.code", "c.month", "c.count"])
    .execute();
  const hoods = await db.selectFrom("neighbourhoods").select(["code", "kind", "primary_municipality_nis"]).orderBy("code").execute();
  const pop = await db.selectFrom("neighbourhood_population").select(["neighbourhood_code", "year", "population"]).execute();
  return {
    raw: rows.map((r) => ({ neighbourhood: r.neighbourhood_code, code: r.code, month: r.month, year: Number(r.month.slice(0, 4)), count: Number(r.count) })),
    hoods: hoods.map((h) => ({ code: h.code, kind: h.kind, nis: h.primary_municipality_nis })),
    population: new Map(pop.filter((p) => p.population !== null).map((p) => [`${p.neighbourhood_code}|${p.year}`, Number(p.population)])),
  };
}
