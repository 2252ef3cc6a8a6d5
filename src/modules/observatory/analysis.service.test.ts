import assert from "node:assert/strict";
import { before, it } from "node:test";
import { forEachDatabase } from "../../../test/helpers/databases.js";
import { rejectsWith } from "../../../test/helpers/assertions.js";
import type { Db } from "../../server/db/database.js";
import { AppError } from "../../shared/errors.js";
import { clusters, hotSpots, type AnalysisInput, type HotSpots } from "./analysis.service.js";
import { ratesByNeighbourhood } from "./explorer.service.js";
import { DEMO_SERIES, distanceKm, generateDemoCounts, type GeneratedCount } from "./demo/generator.js";
import { DemoRandom, streamSeed } from "./demo/random.js";
import { confidenceBin } from "./stats/autocorrelation.js";

/**
 * The generator multiplies rates by 1 + 2.5 exp(-d / 1.5 km) around the Grand Place
 * (demo/generator.ts): the Pentagon (codes 1-10, within 1.2 km) is the planted hot area.
 * One year of one seed is noisy, so the test asks for at least half of the Pentagon, every
 * hot spot within 2.5 km (where the factor is still above 1.47) and no cold spot there.
 */
const PENTAGON = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const HOT_RADIUS_KM = 2.5;
const theft2018: AnalysisInput = { categoryCode: "theft", year: 2018, measure: "smoothed", weights: "queen" };

/** Writes counts as one synthetic aggregated batch (as the demo seed does, but only the rows given). */
async function loadBatch(db: Db, key: string, rows: GeneratedCount[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const taxonomy = await trx.selectFrom("crime_taxonomies").select("id").where("status", "=", "active").executeTakeFirstOrThrow();
    const categories = await trx.selectFrom("crime_categories").select(["id", "code"]).where("taxonomy_id", "=", taxonomy.id).execute();
    const idOf = new Map(categories.map((c) => [c.code, c.id]));
    const { id } = await trx
      .insertInto("observatory_batches")
      .values({ batch_key: key, grain: "aggregated", source: "test", period_start: "2018-01-01", period_end: "2018-12-31", taxonomy_id: taxonomy.id, filename: "generated", sha256: "", rows: rows.length, is_synthetic: 1, imported_by: null, imported_at: new Date().toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("crime_counts")
      .values(rows.map((r) => ({ batch_id: id, neighbourhood_code: r.neighbourhood, category_id: idOf.get(r.category)!, month: r.month, count: r.count })))
      .execute();
  });
}

/**
 * Two small deterministic series for 2018: theft from the synthetic generator (theft only,
 * no phenomena; centrality around the Grand Place), and "damage" drawn as Poisson(25 per
 * 1,000 residents) everywhere: the same expected rate in every neighbourhood, no spatial structure.
 */
async function loadSeries(db: Db): Promise<void> {
  const neighbourhoods = await db.selectFrom("neighbourhoods").select(["code", "kind", "centroid_lon", "centroid_lat", "primary_municipality_nis"]).execute();
  const population = await db.selectFrom("neighbourhood_population").select(["neighbourhood_code", "year", "population"]).where("year", ">=", 2009).where("year", "<=", 2018).execute();
  const theft = generateDemoCounts(
    {
      neighbourhoods: neighbourhoods.map((n) => ({ code: n.code, kind: n.kind, centroidLon: n.centroid_lon, centroidLat: n.centroid_lat, municipalityNis: n.primary_municipality_nis })),
      population: population.map((p) => ({ neighbourhoodCode: p.neighbourhood_code, year: p.year, population: p.population })),
      categories: ["theft"],
    },
    20180101,
    DEMO_SERIES.filter((s) => s.code === "theft"),
  ).filter((r) => r.month.startsWith("2018-"));
  const flat = population
    .filter((p) => p.year === 2018 && (p.population ?? 0) > 0 && neighbourhoods.find((n) => n.code === p.neighbourhood_code)!.kind === "residential")
    .map((p) => ({ neighbourhood: p.neighbourhood_code, category: "damage", month: "2018-06", count: new DemoRandom(streamSeed(7, `flat|${p.neighbourhood_code}`)).poisson((25 / 1000) * p.population!) }))
    .filter((r) => r.count > 0);
  await loadBatch(db, "test|theft|2018", theft);
  await loadBatch(db, "test|flat|2018", flat);
}

const hotCodes = (a: HotSpots) => a.neighbourhoods.filter((n) => n.significant && n.bin > 0).map((n) => n.code);

forEachDatabase("observatory hot spots and clusters", (ctx) => {
  let theft: HotSpots;
  let distance = new Map<number, number>();
  before(async () => {
    await loadSeries(ctx.db);
    theft = await hotSpots(ctx.db, theft2018);
    const centroids = await ctx.db.selectFrom("neighbourhoods").select(["code", "centroid_lon", "centroid_lat"]).execute();
    distance = new Map(centroids.map((n) => [n.code, distanceKm(n.centroid_lon, n.centroid_lat)]));
  });

  /** The planted centre comes out: half the Pentagon at least, nothing far from the centre. */
  const assertCentral = (codes: number[], what: string) => {
    assert.ok(PENTAGON.filter((c) => codes.includes(c)).length >= 5, `${what}: ${codes.join(",")}`);
    assert.ok(codes.every((c) => distance.get(c)! < HOT_RADIUS_KM), `${what} far from the centre: ${codes.join(",")}`);
  };

  it("finds the Pentagon as a significant theft hot spot, with the defaults and every neighbourhood listed", async () => {
    assert.deepEqual([theft.permutations, theft.seed, theft.alpha, theft.correction], [999, 20260101, 0.05, "fdr"]);
    assert.equal(theft.synthetic, true);
    assert.equal(theft.neighbourhoods.length, 145);
    const rates = await ratesByNeighbourhood(ctx.db, { categoryCode: "theft", year: 2018 });
    const inSet = rates.neighbourhoods.filter((r) => r.kind === "residential" && (r.population ?? 0) > 0).map((r) => r.code);
    assert.equal(theft.analysed, inSet.length);
    assert.equal(inSet.length, 118);
    for (const n of theft.neighbourhoods) {
      const rate = rates.neighbourhoods.find((r) => r.code === n.code)!;
      if (inSet.includes(n.code)) {
        assert.equal(n.analysed, true);
        assert.equal(n.value, rate.smoothedPer1000, "the analysed value is the explorer's smoothed rate");
        // significance is the BH decision; the bin is that of z where significant, else 0
        assert.equal(n.significant, n.adjustedP !== null && n.adjustedP <= 0.05);
        assert.equal(n.bin, n.significant ? confidenceBin(n.z!) : 0);
      } else {
        assert.deepEqual([n.analysed, n.value, n.z, n.pseudoP, n.adjustedP, n.significant, n.bin], [false, null, null, null, null, false, 0], `code ${n.code}`);
      }
    }
    assertCentral(hotCodes(theft), "hot spots");
    assert.ok(theft.neighbourhoods.filter((n) => n.bin < 0).every((n) => distance.get(n.code)! > HOT_RADIUS_KM), "no cold spot near the centre");
    assert.equal(theft.significant, theft.neighbourhoods.filter((n) => n.significant).length);
    assert.ok(theft.moran.I! > 0.3 && theft.moran.z! > 3, JSON.stringify(theft.moran));
    assert.equal(theft.moran.pseudoP, 1 / 1000, "no permutation reaches the observed I");
    assert.ok(Math.abs(theft.moran.expected + 1 / 117) < 1e-12);
  });

  it("finds the Pentagon as a high-high cluster, on raw rates and k nearest neighbours too", async () => {
    for (const input of [theft2018, { ...theft2018, measure: "rate", weights: "knn" } as const]) {
      const out = await clusters(ctx.db, input);
      assertCentral(out.neighbourhoods.filter((n) => n.quadrant === "HH").map((n) => n.code), `${input.measure}/${input.weights} HH`);
      for (const n of out.neighbourhoods) {
        if (!n.significant) assert.equal(n.quadrant, null);
        else assert.ok(n.quadrant !== null && n.localI !== null);
      }
      assertCentral(hotCodes(await hotSpots(ctx.db, input)), `${input.measure}/${input.weights} hot spots`);
    }
  });

  it("finds no significant spot or cluster in a series without spatial structure", async () => {
    const flat = { ...theft2018, categoryCode: "damage" };
    for (const measure of ["rate", "smoothed"] as const) {
      const h = await hotSpots(ctx.db, { ...flat, measure });
      const c = await clusters(ctx.db, { ...flat, measure });
      // raw rates vary by Poisson noise only; EB sees no extra variance here and shrinks every rate to the mean (nothing to test)
      assert.equal(h.tested, measure === "rate" ? 118 : 0);
      assert.deepEqual([h.significant, c.significant], [0, 0], `${measure}: ${hotCodes(h).join(",")}`);
      assert.ok(h.neighbourhoods.every((n) => n.bin === 0) && c.neighbourhoods.every((n) => n.quadrant === null));
    }
    // a category without any count: every rate is 0, nothing can be tested (no spurious tiny p from ties)
    const none = await hotSpots(ctx.db, { ...theft2018, categoryCode: "drugs" });
    assert.deepEqual([none.tested, none.significant, none.moran.I, none.moran.pseudoP, none.synthetic], [0, 0, null, null, false]);
    assert.ok(none.neighbourhoods.every((n) => n.z === null && n.pseudoP === null));
  });

  it("gives identical answers for the same seed; another seed moves the pseudo-p values within the permutation error", async () => {
    assert.deepEqual(await hotSpots(ctx.db, theft2018), theft);
    const first = await clusters(ctx.db, theft2018);
    assert.deepEqual(await clusters(ctx.db, theft2018), first);
    for (const [a, b] of [
      [theft, await hotSpots(ctx.db, { ...theft2018, seed: 7 })],
      [first, await clusters(ctx.db, { ...theft2018, seed: 7 })],
    ] as const) {
      const pairs = a.neighbourhoods.flatMap((n, i) => (n.pseudoP === null ? [] : [[n.pseudoP, b.neighbourhoods[i]!.pseudoP!] as const]));
      assert.equal(pairs.length, 118);
      assert.ok(pairs.some(([p, q]) => p !== q), "another seed, other permutations");
      // two independent estimates of the same p from R = 999 draws: sd of the difference sqrt(2 p (1-p) / R)
      for (const [p, q] of pairs) assert.ok(Math.abs(p - q) <= 5 * Math.sqrt((2 * p * (1 - p)) / 999) + 2 / 1000, `${p} vs ${q}`);
      // the z-scores and local I do not depend on the permutations
      assert.deepEqual(
        a.neighbourhoods.map((n) => ("z" in n ? n.z : n.localI)),
        b.neighbourhoods.map((n) => ("z" in n ? n.z : n.localI)),
      );
    }
  });

  it("without correction, rejects every pseudo-p at alpha: at least the FDR's discoveries", async () => {
    const none = await hotSpots(ctx.db, { ...theft2018, correction: "none" });
    for (const n of none.neighbourhoods) {
      assert.equal(n.adjustedP, n.pseudoP);
      assert.equal(n.significant, n.pseudoP !== null && n.pseudoP <= 0.05);
    }
    const fdr = new Set(theft.neighbourhoods.filter((n) => n.significant).map((n) => n.code));
    assert.ok(none.neighbourhoods.filter((n) => fdr.has(n.code)).every((n) => n.significant));
    assert.ok(none.significant >= theft.significant);
  });

  it("refuses an unknown category, a year without population and settings out of range, naming the field", async () => {
    await rejectsWith(hotSpots(ctx.db, { ...theft2018, categoryCode: "nope" }), "validation_failed", ["query.category"]);
    await rejectsWith(clusters(ctx.db, { ...theft2018, year: 2050 }), "validation_failed", ["query.year"]);
    await rejectsWith(hotSpots(ctx.db, { ...theft2018, permutations: 10_000 }), "validation_failed", ["query.permutations"]);
    await rejectsWith(hotSpots(ctx.db, { ...theft2018, alpha: 0 }), "validation_failed", ["query.alpha"]);
    await assert.rejects(hotSpots(ctx.db, { ...theft2018, year: 2050 }), (err: unknown) => {
      assert.ok(err instanceof AppError);
      assert.deepEqual(err.options.fields?.[0], { field: "query.year", key: "observatorySpatial.error.tooFewUnits", params: { year: 2050, count: 0, minimum: 4 } });
      return true;
    });
  });
});
