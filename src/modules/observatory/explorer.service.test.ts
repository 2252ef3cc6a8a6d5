import assert from "node:assert/strict";
import { before, it } from "node:test";
import { forEachDatabase } from "../../../test/helpers/databases.js";
import { loadDemoSeries, type DemoSeries } from "../../../test/helpers/observatory-demo.js";
import { ExplorerNotFoundError, includesSynthetic, profileComparison, ratesByNeighbourhood, timeSeries, typology } from "./explorer.service.js";

/**
 * Reference values are computed here by an independent method: every crime_counts row is
 * read raw and aggregated in JavaScript (no SQL group by), and the rate formulas are written
 * out again from docs/statistics.md. Garwood bound for k = 0: 3.688879 (R poisson.test(0)).
 */
forEachDatabase("observatory explorer", (ctx) => {
  let raw: DemoSeries["raw"] = [];
  let hoods: DemoSeries["hoods"] = [];
  let population = new Map<string, number>();

  before(async () => {
    ({ raw, hoods, population } = await loadDemoSeries(ctx.db));
  });

  const sum = (filter: (r: (typeof raw)[number]) => boolean) => raw.filter(filter).reduce((s, r) => s + r.count, 0);

  it("rates by neighbourhood: counts, populations, rates, EB and intervals for all 145", async () => {
    const out = await ratesByNeighbourhood(ctx.db, { categoryCode: "theft", year: 2015 });
    assert.equal(out.neighbourhoods.length, 145);
    const counts = out.neighbourhoods.map((n) => sum((r) => r.code === "theft" && r.neighbourhood === n.code && r.month.startsWith("2015-")));
    assert.deepEqual(out.neighbourhoods.map((n) => n.count), counts);
    assert.ok(counts.reduce((s, v) => s + v, 0) > 1000, "the demo data is there");
    for (const n of out.neighbourhoods) {
      const b = population.get(`${n.code}|2015`) ?? null;
      assert.equal(n.population, b);
      if (b && b > 0) assert.ok(Math.abs(n.ratePer1000! - (1000 * n.count) / b) < 1e-9);
      else assert.equal(n.ratePer1000, null);
    }
    // Global EB (Marshall) over residential neighbourhoods with a population, written out again.
    const used = out.neighbourhoods.filter((n) => n.kind === "residential" && (n.population ?? 0) > 0);
    assert.equal(used.length, 118);
    const e = used.reduce((s, n) => s + n.count, 0);
    const b = used.reduce((s, n) => s + n.population!, 0);
    const r = e / b;
    const s2 = Math.max(0, used.reduce((s, n) => s + n.population! * (n.count / n.population! - r) ** 2, 0) / b - r / (b / used.length));
    for (const n of used) {
      const w = s2 / (s2 + r / n.population!);
      assert.ok(Math.abs(n.smoothedPer1000! - 1000 * (w * (n.count / n.population!) + (1 - w) * r)) < 1e-9);
    }
    for (const n of out.neighbourhoods.filter((n) => n.kind !== "residential")) assert.equal(n.smoothedPer1000, null);
    const regionPopulation = [...population].filter(([k]) => k.endsWith("|2015")).reduce((s, [, v]) => s + v, 0);
    assert.equal(out.region.count, sum((r) => r.code === "theft" && r.month.startsWith("2015-")));
    assert.equal(out.region.population, regionPopulation);
    assert.ok(Math.abs(out.region.ratePer1000! - (1000 * out.region.count) / regionPopulation) < 1e-9);
  });

  it("a zero count with residents gets the Garwood interval [0, 3.688879] / population", async () => {
    const out = await ratesByNeighbourhood(ctx.db, { categoryCode: "theft.car", year: 2018 });
    const zero = out.neighbourhoods.find((n) => n.count === 0 && (n.population ?? 0) > 0);
    assert.ok(zero, "the demo data has such a neighbourhood");
    assert.equal(zero.ratePer1000, 0);
    assert.equal(zero.interval!.lower, 0);
    assert.ok(Math.abs(zero.interval!.upper - (1000 * 3.688879454) / zero.population!) < 1e-6);
  });

  it("a category's count includes its phenomena", async () => {
    const theft = await ratesByNeighbourhood(ctx.db, { categoryCode: "theft", year: 2012 });
    const car = await ratesByNeighbourhood(ctx.db, { categoryCode: "theft.car", year: 2012 });
    theft.neighbourhoods.forEach((n, i) => assert.ok(n.count >= car.neighbourhoods[i]!.count));
  });

  it("time series at the three levels, by month and by year, every period present", async () => {
    const region = await timeSeries(ctx.db, { categoryCode: "damage", level: "region", from: 2009, to: 2018, step: "year" });
    assert.deepEqual(region, Array.from({ length: 10 }, (_, k) => ({ period: String(2009 + k), count: sum((r) => r.code === "damage" && r.month.startsWith(`${2009 + k}-`)) })));
    const hood = hoods.find((h) => h.kind === "residential")!;
    const monthly = await timeSeries(ctx.db, { categoryCode: "damage", level: "neighbourhood", code: hood.code, from: 2017, to: 2018, step: "month" });
    assert.equal(monthly.length, 24);
    for (const m of monthly) assert.equal(m.count, sum((r) => r.code === "damage" && r.neighbourhood === hood.code && r.month === m.period));
    const nis = hood.nis;
    const members = new Set(hoods.filter((h) => h.nis === nis).map((h) => h.code));
    const primary = await timeSeries(ctx.db, { categoryCode: "damage", level: "municipality", code: nis, from: 2018, to: 2018, step: "year" });
    assert.deepEqual(primary, [{ period: "2018", count: sum((r) => r.code === "damage" && members.has(r.neighbourhood) && r.month.startsWith("2018-")) }]);
    const shares = await ctx.db.selectFrom("neighbourhood_municipality_shares").selectAll().where("municipality_nis", "=", nis).execute();
    const expected = shares.reduce((s, sh) => s + sh.area_share * sum((r) => r.code === "damage" && r.neighbourhood === sh.neighbourhood_code && r.month.startsWith("2018-")), 0);
    const area = await timeSeries(ctx.db, { categoryCode: "damage", level: "municipality", code: nis, from: 2018, to: 2018, step: "year", apportion: "area" });
    assert.ok(Math.abs(area[0]!.count - expected) < 1e-6);
    await assert.rejects(timeSeries(ctx.db, { categoryCode: "damage", level: "municipality", from: 2018, to: 2018, step: "year" }), ExplorerNotFoundError);
  });

  it("profile comparison: neighbourhood, primary municipality and region per year", async () => {
    const hood = hoods.find((h) => h.kind === "residential")!;
    const out = await profileComparison(ctx.db, { neighbourhood: hood.code, categoryCode: "drugs" });
    assert.equal(out.municipalityNis, hood.nis);
    assert.deepEqual(out.years.map((y) => y.year), [2009, 2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018]);
    const members = hoods.filter((h) => h.nis === hood.nis).map((h) => h.code);
    for (const y of out.years) {
      const inYear = (r: (typeof raw)[number]) => r.code === "drugs" && r.month.startsWith(`${y.year}-`);
      const popOf = (codes: number[]) => codes.reduce((s, c) => s + (population.get(`${c}|${y.year}`) ?? 0), 0);
      assert.equal(y.neighbourhood.count, sum((r) => inYear(r) && r.neighbourhood === hood.code));
      assert.equal(y.municipality.count, sum((r) => inYear(r) && members.includes(r.neighbourhood)));
      assert.equal(y.region.count, sum(inYear));
      assert.equal(y.neighbourhood.population, popOf([hood.code]));
      assert.equal(y.municipality.population, popOf(members));
      assert.equal(y.region.population, popOf(hoods.map((h) => h.code)));
      assert.ok(Math.abs(y.municipality.ratePer1000! - (1000 * y.municipality.count) / y.municipality.population) < 1e-9);
    }
    await assert.rejects(profileComparison(ctx.db, { neighbourhood: -1, categoryCode: "drugs" }), ExplorerNotFoundError);
  });

  it("typology: location quotients of the top-level categories", async () => {
    const out = await typology(ctx.db, { year: 2016 });
    assert.ok(["theft", "damage", "physical_integrity", "drugs"].every((c) => out.categories.includes(c)));
    assert.ok(!out.categories.some((c) => c.includes(".")), "phenomena are not categories of the typology");
    assert.equal(out.neighbourhoods.length, 145);
    const inYear = raw.filter((r) => r.month.startsWith("2016-") && out.categories.includes(r.code));
    const total = inYear.reduce((s, r) => s + r.count, 0);
    const hood = hoods.find((h) => h.kind === "residential")!;
    const own = inYear.filter((r) => r.neighbourhood === hood.code);
    const ownTotal = own.reduce((s, r) => s + r.count, 0);
    const got = out.neighbourhoods.find((n) => n.code === hood.code)!;
    out.categories.forEach((c, k) => {
      const column = inYear.filter((r) => r.code === c).reduce((s, r) => s + r.count, 0);
      const e = own.filter((r) => r.code === c).reduce((s, r) => s + r.count, 0);
      if (column === 0) assert.equal(got.lq[k], null);
      else assert.ok(Math.abs(got.lq[k]! - e / ownTotal / (column / total)) < 1e-9);
    });
    const empty = out.neighbourhoods.find((n) => hoods.find((h) => h.code === n.code)!.kind !== "residential")!;
    assert.ok(empty.lq.every((v) => v === null), "a neighbourhood without facts has no quotient");
  });

  it("flags figures counted from a synthetic batch, and only those", async () => {
    assert.equal((await ratesByNeighbourhood(ctx.db, { categoryCode: "theft", year: 2015 })).synthetic, true);
    assert.equal(await includesSynthetic(ctx.db, { categoryCode: "drugs", from: 2009, to: 2018 }), true);
    // no count of the category in the period: nothing synthetic was counted
    assert.equal((await ratesByNeighbourhood(ctx.db, { categoryCode: "theft", year: 2021 })).synthetic, false);
    assert.equal(await includesSynthetic(ctx.db, { categoryCode: "fraud", from: 2009, to: 2018 }), false);
    // real (imported) counts in 2021 are not synthetic
    const taxonomy = await ctx.db.selectFrom("crime_taxonomies").select("id").where("status", "=", "active").executeTakeFirstOrThrow();
    const theft = await ctx.db.selectFrom("crime_categories").select("id").where("taxonomy_id", "=", taxonomy.id).where("code", "=", "theft").executeTakeFirstOrThrow();
    const { id } = await ctx.db
      .insertInto("observatory_batches")
      .values({ batch_key: "test|real|2021", grain: "aggregated", source: "test", period_start: "2021-01-01", period_end: "2021-12-31", taxonomy_id: taxonomy.id, filename: "real.csv", sha256: "", rows: 1, is_synthetic: 0, imported_by: null, imported_at: new Date().toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    await ctx.db.insertInto("crime_counts").values({ batch_id: id, neighbourhood_code: 1, category_id: theft.id, month: "2021-03", count: 4 }).execute();
    assert.equal((await ratesByNeighbourhood(ctx.db, { categoryCode: "theft", year: 2021 })).synthetic, false);
    assert.equal(await includesSynthetic(ctx.db, { categoryCode: "theft", from: 2021, to: 2021 }), false);
    assert.equal(await includesSynthetic(ctx.db, { categoryCode: "theft", from: 2018, to: 2021 }), true, "2018 is synthetic");
  });

  it("rejects an unknown category", async () => {
    await assert.rejects(ratesByNeighbourhood(ctx.db, { categoryCode: "nope", year: 2015 }), ExplorerNotFoundError);
  });
});
