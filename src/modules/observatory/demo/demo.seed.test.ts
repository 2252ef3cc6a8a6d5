import assert from "node:assert/strict";
import { it } from "node:test";
import { forEachDatabase } from "../../../../test/helpers/databases.js";
import type { Db } from "../../../server/db/database.js";
import { readTerritoryData } from "../../territory/territory.data.js";
import { DEMO_SERIES, generateDemoCounts } from "./generator.js";
import { DEMO_BATCH_KEY, seedObservatoryDemo } from "./demo.seed.js";

function expectedRows(seed: number) {
  const t = readTerritoryData();
  return generateDemoCounts(
    {
      neighbourhoods: t.neighbourhoods.map((n) => ({ code: n.code, kind: n.kind, centroidLon: n.centroid_lon, centroidLat: n.centroid_lat, municipalityNis: n.primary_municipality_nis })),
      population: t.population.map((p) => ({ neighbourhoodCode: p.neighbourhood_code, year: p.year, population: p.population ?? null })),
      categories: DEMO_SERIES.map((s) => s.code),
    },
    seed,
  );
}

const countRows = async (db: Db) => Number((await db.selectFrom("crime_counts").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

forEachDatabase(
  "observatory demo seed",
  (ctx) => {
    it("skips with null, writing nothing, while taxonomy federal-police-v1 has no categories", async () => {
      // Inside a transaction rolled back at the end: the seeded taxonomy loses its categories for a moment.
      const rollback = new Error("rollback");
      await ctx.db
        .transaction()
        .execute(async (trx) => {
          await trx.deleteFrom("crime_categories").where("parent_id", "is not", null).execute();
          await trx.deleteFrom("crime_categories").execute();
          assert.equal(await seedObservatoryDemo(trx), null);
          assert.equal((await trx.selectFrom("observatory_batches").selectAll().execute()).length, 0);
          throw rollback;
        })
        .catch((err: unknown) => {
          if (err !== rollback) throw err;
        });
    });

    it("writes one synthetic aggregated batch with every generated row, then is idempotent", async () => {
      const started = performance.now();
      const result = await ctx.db.transaction().execute((trx) => seedObservatoryDemo(trx, { seed: 11 }));
      const seconds = (performance.now() - started) / 1000;
      const expected = expectedRows(11);
      assert.deepEqual(result, { rows: expected.length });
      console.log(`[${ctx.dialect}] seeded ${expected.length} rows in ${seconds.toFixed(2)} s (generation + insert)`);

      const batch = await ctx.db.selectFrom("observatory_batches").selectAll().where("batch_key", "=", DEMO_BATCH_KEY).executeTakeFirstOrThrow();
      assert.equal(batch.batch_key, "synthetic-demo|aggregated|2009-01-01|2018-12-31");
      assert.deepEqual(
        [batch.is_synthetic, batch.source, batch.grain, batch.filename, batch.rows, batch.period_start, batch.period_end],
        [1, "synthetic-demo", "aggregated", "generated", expected.length, "2009-01-01", "2018-12-31"],
      );
      assert.match(batch.sha256, /^[0-9a-f]{64}$/);
      assert.equal(await countRows(ctx.db), expected.length);

      const stored = await ctx.db
        .selectFrom("crime_counts as c")
        .innerJoin("crime_categories as k", "k.id", "c.category_id")
        .select(["k.code", (eb) => eb.fn.sum<number | string>("c.count").as("total")])
        .where("c.batch_id", "=", batch.id)
        .groupBy("k.code")
        .execute();
      const want = new Map<string, number>();
      for (const r of expected) want.set(r.category, (want.get(r.category) ?? 0) + r.count);
      assert.deepEqual(new Map(stored.map((s) => [s.code, Number(s.total)])), want);

      assert.equal(await ctx.db.transaction().execute((trx) => seedObservatoryDemo(trx, { seed: 11 })), null);
      assert.equal(await countRows(ctx.db), expected.length);
      assert.equal((await ctx.db.selectFrom("observatory_batches").selectAll().execute()).length, 1);
    });
  },
  // The reference data (territory, taxonomy) without the demo content.
  { demo: false },
);
