import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import { readTerritoryData } from "../../territory/territory.data.js";
import { readCrimeTaxonomy } from "../taxonomy.seed.js";
import { DEMO_SERIES, distanceKm, generateDemoCounts, type DemoInput, type GeneratedCount } from "./generator.js";
import { DemoRandom } from "./random.js";

const territory = readTerritoryData();
const input: DemoInput = {
  neighbourhoods: territory.neighbourhoods.map((n) => ({
    code: n.code,
    kind: n.kind,
    centroidLon: n.centroid_lon,
    centroidLat: n.centroid_lat,
    municipalityNis: n.primary_municipality_nis,
  })),
  population: territory.population.map((p) => ({ neighbourhoodCode: p.neighbourhood_code, year: p.year, population: p.population ?? null })),
  categories: DEMO_SERIES.map((s) => s.code),
};
const rows = generateDemoCounts(input);
const categories = DEMO_SERIES.filter((s) => s.parent === null).map((s) => s.code);
const hash = (r: GeneratedCount[]) => createHash("sha256").update(JSON.stringify(r)).digest("hex");
const popOf = (code: number, year: number) => territory.population.find((p) => p.neighbourhood_code === code && p.year === year)?.population ?? 0;

function totals(data: GeneratedCount[], keep: (r: GeneratedCount) => boolean, key: (r: GeneratedCount) => string | number) {
  const out = new Map<string | number, number>();
  for (const r of data) if (keep(r)) out.set(key(r), (out.get(key(r)) ?? 0) + r.count);
  return out;
}
const changePct = (data: GeneratedCount[], codes: string[]) => {
  const byYear = totals(data, (r) => codes.includes(r.category), (r) => r.month.slice(0, 4));
  return (byYear.get("2018")! / byYear.get("2009")! - 1) * 100;
};

describe("synthetic crime generator", () => {
  it("is deterministic: the same seed gives the same rows, another seed other rows", () => {
    assert.equal(hash(generateDemoCounts(input)), hash(rows));
    assert.equal(hash(generateDemoCounts({ ...input, neighbourhoods: [...input.neighbourhoods].reverse() })), hash(rows));
    assert.notEqual(hash(generateDemoCounts(input, 7)), hash(rows));
  });

  it("stays well under 150k rows, 2009-01..2018-12, without zero counts", () => {
    assert.ok(rows.length > 50_000 && rows.length < 120_000, `${rows.length} rows`);
    const months = [...new Set(rows.map((r) => r.month))].sort();
    assert.equal(months.length, 120);
    assert.deepEqual([months[0], months.at(-1)], ["2009-01", "2018-12"]);
    assert.ok(rows.every((r) => Number.isInteger(r.count) && r.count > 0));
  });

  it("covers the 118 residential neighbourhoods and gives nothing to the others", () => {
    const kinds = new Map(input.neighbourhoods.map((n) => [n.code, n.kind]));
    const codes = new Set(rows.map((r) => r.neighbourhood));
    assert.equal(codes.size, 118);
    assert.ok([...codes].every((c) => kinds.get(c) === "residential"));
    // A non-residential zone with residents still gets nothing.
    const park = input.neighbourhoods.find((n) => n.kind !== "residential")!;
    const alone = generateDemoCounts({ ...input, neighbourhoods: [park], population: [{ neighbourhoodCode: park.code, year: 2010, population: 5000 }] });
    assert.equal(alone.length, 0);
  });

  it("hits the 2018 report's changes 2009 -> 2018 on the generated counts, for several seeds", () => {
    for (const data of [rows, generateDemoCounts(input, 1), generateDemoCounts(input, 2)]) {
      assert.ok(Math.abs(changePct(data, categories) + 20) <= 4, `total ${changePct(data, categories)}`);
      assert.ok(Math.abs(changePct(data, ["theft.from_vehicle"]) + 61) <= 5);
      assert.ok(Math.abs(changePct(data, ["theft.car"]) + 55) <= 5);
      assert.ok(Math.abs(changePct(data, ["theft.armed_robbery"]) + 43) <= 6);
    }
  });

  it("keeps the regional total between 100 and 150 per 1,000 residents every year", () => {
    const byYear = totals(rows, (r) => categories.includes(r.category), (r) => r.month.slice(0, 4));
    for (let year = 2009; year <= 2018; year++) {
      const residents = input.neighbourhoods.filter((n) => n.kind === "residential").reduce((s, n) => s + popOf(n.code, year), 0);
      const rate = (byYear.get(String(year))! / residents) * 1000;
      assert.ok(rate >= 100 && rate <= 150, `${year}: ${rate}`);
    }
  });

  it("gives central neighbourhoods higher rates than peripheral ones", () => {
    const byPlace = totals(rows, (r) => categories.includes(r.category) && r.month.startsWith("2015"), (r) => r.neighbourhood);
    const rate = (code: number) => (byPlace.get(code)! / popOf(code, 2015)) * 1000;
    const residential = input.neighbourhoods.filter((n) => n.kind === "residential");
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const central = residential.filter((n) => distanceKm(n.centroidLon, n.centroidLat) < 1.5).map((n) => rate(n.code));
    const peripheral = residential.filter((n) => distanceKm(n.centroidLon, n.centroidLat) > 5).map((n) => rate(n.code));
    assert.ok(central.length >= 5 && peripheral.length >= 10);
    assert.ok(mean(central) > 1.5 * mean(peripheral), `${mean(central)} vs ${mean(peripheral)}`);
  });

  it("nests phenomena in their category and puts burglaries in winter", () => {
    const cell = new Map(rows.map((r) => [`${r.neighbourhood}|${r.category}|${r.month}`, r.count]));
    for (const r of rows.filter((x) => x.category.startsWith("theft."))) assert.ok(r.count <= cell.get(`${r.neighbourhood}|theft|${r.month}`)!);
    const byMonth = totals(rows, (r) => r.category === "theft.burglary_home", (r) => r.month.slice(5));
    const sum = (ms: string[]) => ms.reduce((s, m) => s + byMonth.get(m)!, 0);
    assert.ok(sum(["12", "01", "02"]) > 1.3 * sum(["06", "07", "08"]));
  });

  it("uses codes and parents of data/observatory/crime_taxonomy.csv", () => {
    const taxonomy = new Map(readCrimeTaxonomy().map((r) => [r.code, r]));
    for (const s of DEMO_SERIES) assert.equal(taxonomy.get(s.code)?.parent_code, s.parent ?? "", s.code);
  });

  it("emits only the categories the taxonomy has", () => {
    const some = generateDemoCounts({ ...input, categories: ["drugs", "theft.car"] });
    assert.deepEqual([...new Set(some.map((r) => r.category))].sort(), ["drugs", "theft.car"]);
    assert.deepEqual(some.filter((r) => r.category === "drugs"), rows.filter((r) => r.category === "drugs"));
  });
});

describe("demo Poisson sampler", () => {
  // Reference: the exact Poisson pmf e^-m m^k / k! (computed here by its formula, an
  // independent method), against 200,000 draws; tolerance ~5 standard errors.
  for (const mean of [0.6, 3.7, 45]) {
    it(`matches the Poisson(${mean}) distribution`, () => {
      const random = new DemoRandom(12345);
      const n = 200_000;
      const freq = new Map<number, number>();
      let sum = 0;
      let squares = 0;
      for (let i = 0; i < n; i++) {
        const k = random.poisson(mean);
        freq.set(k, (freq.get(k) ?? 0) + 1);
        sum += k;
        squares += k * k;
      }
      const m = sum / n;
      assert.ok(Math.abs(m - mean) < 5 * Math.sqrt(mean / n), `mean ${m}`);
      assert.ok(Math.abs(squares / n - m * m - mean) < 0.03 * mean + 0.01, `variance`);
      let pmf = Math.exp(-mean);
      for (let k = 0; k <= Math.ceil(mean); k++) {
        if (k > 0) pmf *= mean / k;
        const observed = (freq.get(k) ?? 0) / n;
        assert.ok(Math.abs(observed - pmf) < 5 * Math.sqrt((pmf * (1 - pmf)) / n) + 1e-6, `P(${k}) ${observed} vs ${pmf}`);
      }
    });
  }
});
