import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { parse } from "csv-parse/sync";
import { forEachDatabase } from "../../../test/helpers/databases.js";
import { AppError } from "../../shared/errors.js";
import { choropleth } from "./territory.choropleth.js";
import { TERRITORY_DATA_VERSION } from "./territory.data.js";
import { exportColumns, exportRows, exportTerritory } from "./territory.export.js";
import { territoryGeoJson } from "./territory.geojson.js";
import { seedTerritory } from "./territory.seed.js";
import { getMunicipality, getNeighbourhood, getPoliceZone, listMunicipalities, listNeighbourhoods, listPoliceZones } from "./territory.service.js";
import { apportionByArea, apportionToMunicipalities, locate } from "./territory.spatial.js";

const csv = (path: string) =>
  parse(readFileSync(new URL(`../../../data/brussels/${path}`, import.meta.url)), { columns: true, bom: true }) as Record<string, string>[];
const isNotFound = (entity: string) => (err: unknown) => err instanceof AppError && err.code === "not_found" && err.options.params?.entity === entity;

describe("apportionByArea (pure)", () => {
  const shares = new Map([
    [1, [{ municipality: 21004, share: 1 }]],
    [30, [{ municipality: 21005, share: 0.3066 }, { municipality: 21015, share: 0.2957 }, { municipality: 21018, share: 0.2441 }, { municipality: 21004, share: 0.1535 }]],
    [800, [{ municipality: 21004, share: 0.9672 }, { municipality: 21006, share: 0.0327 }]],
  ]);

  it("splits by area share and keeps the total, even when rounded shares do not add up to 1", () => {
    const result = apportionByArea([{ neighbourhood: 30, value: 1000 }, { neighbourhood: 800, value: 50 }, { neighbourhood: 1, value: 7 }, { neighbourhood: 1, value: 3 }], shares);
    const total = [...result.values()].reduce((s, v) => s + v, 0);
    assert.ok(Math.abs(total - 1060) < 1e-9);
    // The shares of 30 and of 800 add up to 0.9999: each is divided by its neighbourhood's sum.
    assert.ok(Math.abs(result.get(21005)! - 306.6 / 0.9999) < 1e-9);
    assert.ok(Math.abs(result.get(21006)! - (50 * 0.0327) / 0.9999) < 1e-9);
    assert.ok(Math.abs(result.get(21004)! - (153.5 / 0.9999 + (50 * 0.9672) / 0.9999 + 10)) < 1e-9);
  });

  it("refuses an unknown neighbourhood", () => {
    assert.throws(() => apportionByArea([{ neighbourhood: 4242, value: 1 }], shares), isNotFound("neighbourhood"));
  });
});

forEachDatabase("territory services", (ctx) => {
  it("loads 6 zones, 19 municipalities and 145 neighbourhoods, 118 of them residential", async () => {
    assert.equal((await listPoliceZones(ctx.db)).length, 6);
    assert.equal((await listMunicipalities(ctx.db)).length, 19);
    const all = await listNeighbourhoods(ctx.db);
    assert.equal(all.length, 145);
    const kinds = Object.fromEntries(["residential", "cemetery", "industrial", "park"].map((k) => [k, all.filter((n) => n.kind === k).length]));
    assert.deepEqual(kinds, { residential: 118, cemetery: 3, industrial: 6, park: 18 });
    assert.equal((await listNeighbourhoods(ctx.db, { kind: "residential" })).length, 118);
  });

  it("seeding again does nothing; a new version reloads in place", async () => {
    assert.deepEqual(await ctx.db.transaction().execute((trx) => seedTerritory(trx)), { loaded: false });
    await ctx.db.updateTable("reference_data").set({ version: "older" }).where("key", "=", "territory").execute();
    assert.deepEqual(await ctx.db.transaction().execute((trx) => seedTerritory(trx)), { loaded: true });
    const version = await ctx.db.selectFrom("reference_data").select("version").where("key", "=", "territory").executeTakeFirstOrThrow();
    assert.equal(version.version, TERRITORY_DATA_VERSION);
    assert.equal((await listNeighbourhoods(ctx.db)).length, 145);
    const rows = await ctx.db.selectFrom("neighbourhood_population").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
    assert.equal(Number(rows.n), 4640);
    const geometries = await ctx.db.selectFrom("territory_geometries").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
    assert.equal(Number(geometries.n), 170);
  });

  it("sums the populations: 1,252,352 in 2025 (neighbourhoods), 1,218,255 in 2020 (Statbel, municipalities)", async () => {
    const all = await listNeighbourhoods(ctx.db);
    assert.equal(all.reduce((s, n) => s + (n.population ?? 0), 0), 1_252_352);
    assert.equal((await listMunicipalities(ctx.db)).reduce((s, m) => s + m.population2020, 0), 1_218_255);
    assert.equal((await listPoliceZones(ctx.db)).reduce((s, z) => s + z.population2020, 0), 1_218_255);
    const y2020 = await choropleth(ctx.db, "population", 2020);
    assert.equal(y2020.values.reduce((s, v) => s + (v.value ?? 0), 0), 1_215_012);
  });

  it("keeps the area shares of the CSV, never the portal's municipality field", async () => {
    const reference = new Map(csv("neighbourhoods/monitoring_quartiers_145.csv").map((r) => [Number(r.mdzone), r]));
    for (const n of await listNeighbourhoods(ctx.db)) {
      const row = reference.get(n.code)!;
      assert.equal(n.primaryMunicipality.nisCode, Number(row.primary_municipality_nis));
      assert.equal(n.municipalities[0]!.nisCode, n.primaryMunicipality.nisCode, `${n.code}: largest share first`);
      const total = n.municipalities.reduce((s, m) => s + m.share, 0);
      assert.ok(Math.abs(total - 1) < 0.0015, `${n.code}: shares add up to ${total}`);
      assert.deepEqual(n.policeZones.join("|"), row.police_zones_touched, `${n.code}: police zones`);
    }
    const koekelberg = await getMunicipality(ctx.db, 21011);
    assert.equal(koekelberg.names.fr, "Koekelberg");
    assert.ok(koekelberg.neighbourhoods.length >= 1);
  });

  it("39 residential neighbourhoods span several municipalities (2% of area or more)", async () => {
    const residential = await listNeighbourhoods(ctx.db, { kind: "residential" });
    assert.equal(residential.filter((n) => n.municipalities.filter((m) => m.share >= 0.02).length > 1).length, 39);
  });

  it("puts Grand Place (1) in Bruxelles (21004), zone 5339; filters by any part in a municipality", async () => {
    const grandPlace = await getNeighbourhood(ctx.db, 1);
    assert.equal(grandPlace.primaryMunicipality.nisCode, 21004);
    assert.equal(grandPlace.primaryPoliceZone, 5339);
    assert.deepEqual(grandPlace.names, { fr: "Grand Place", nl: "Grote Markt" });
    assert.ok((await getMunicipality(ctx.db, 21004)).neighbourhoods.includes(1));
    const inSchaerbeek = await listNeighbourhoods(ctx.db, { municipality: 21015 });
    assert.ok(inSchaerbeek.some((n) => n.code === 21 && n.primaryMunicipality.nisCode === 21004), "Quartier Nord: mostly Bruxelles, partly Schaerbeek");
    assert.ok(inSchaerbeek.every((n) => n.municipalities.some((m) => m.nisCode === 21015)));
    const zone = await getPoliceZone(ctx.db, 5344);
    assert.deepEqual(zone.municipalities, [21006, 21014, 21015]);
    assert.equal(zone.shortName, "Polbruno");
  });

  it("builds the neighbourhood profile with the 1994-2025 series", async () => {
    const profile = await getNeighbourhood(ctx.db, 1);
    assert.deepEqual(profile.series.map((p) => p.year), Array.from({ length: 32 }, (_, i) => 1994 + i));
    const last = profile.series.at(-1)!;
    assert.deepEqual([last.population, last.foreignNationals, last.foreignShare], [3993, 2311, 57.88]);
    assert.equal(last.nationalities.french, 13.75);
    const groups = Object.entries(last.nationalities).filter(([k]) => k !== "french").reduce((s, [, v]) => s + v, 0);
    assert.ok(Math.abs(groups - 57.88) < 0.1, "the groups except `french` add up to the foreign share");
    assert.deepEqual(profile.indicators.unemploymentRate, { value: 15.15, year: 2023 });
    assert.deepEqual(profile.indicators.bimRate, { value: 19.9, year: 2024 });
    const park = await getNeighbourhood(ctx.db, 906);
    assert.equal(park.kind, "park");
    assert.equal(park.indicators.unemploymentRate, null);
  });

  it("answers not_found for unknown codes", async () => {
    await assert.rejects(getNeighbourhood(ctx.db, 119), isNotFound("neighbourhood"));
    await assert.rejects(getMunicipality(ctx.db, 21020), isNotFound("municipality"));
    await assert.rejects(getPoliceZone(ctx.db, 5345), isNotFound("police_zone"));
    await assert.rejects(listNeighbourhoods(ctx.db, { municipality: 99999 }), isNotFound("municipality"));
  });

  it("locates points: Grand Place, every neighbourhood's own point, outside the region", async () => {
    const here = await locate(ctx.db, 4.3525, 50.8467);
    assert.equal(here.neighbourhood?.code, 1);
    assert.equal(here.municipality?.nisCode, 21004);
    assert.equal(here.policeZone?.id, 5339);
    assert.deepEqual(await locate(ctx.db, 4.0, 50.85), { neighbourhood: null, municipality: null, policeZone: null });
    assert.deepEqual(await locate(ctx.db, 4.3525, 51.5), { neighbourhood: null, municipality: null, policeZone: null });
    // The portal's centre points (a point on the surface, not the centroid) all lie in their own
    // neighbourhood, and the three levels found there must agree with each other. (A municipality's
    // centre point need not: Bruxelles' lies in Schaerbeek, which the city wraps around.)
    const municipalities = new Map((await listMunicipalities(ctx.db)).map((m) => [m.nisCode, m]));
    let own = 0;
    for (const n of await listNeighbourhoods(ctx.db)) {
      const found = await locate(ctx.db, n.centroid[0], n.centroid[1]);
      assert.ok(found.neighbourhood && found.municipality && found.policeZone, `${n.code}: centre point inside the region`);
      if (found.neighbourhood.code === n.code) own++;
      assert.ok(n.municipalities.some((m) => m.nisCode === found.municipality!.nisCode), `${n.code}: in one of its municipalities`);
      assert.equal(found.policeZone.id, municipalities.get(found.municipality.nisCode)!.policeZoneId, `${n.code}: zone of that municipality`);
    }
    assert.equal(own, 145, "every centre point lies in its own neighbourhood");
  });

  it("apportions over the 19 municipalities and conserves the total", async () => {
    const neighbourhoods = await listNeighbourhoods(ctx.db);
    const values = neighbourhoods.map((n) => ({ neighbourhood: n.code, value: n.population ?? 0 }));
    const result = await apportionToMunicipalities(ctx.db, values);
    assert.equal(result.length, 19);
    assert.ok(Math.abs(result.reduce((s, m) => s + m.value, 0) - 1_252_352) < 1e-6);
    const koekelberg = result.find((m) => m.nisCode === 21011)!;
    assert.equal(koekelberg.names.nl, "Koekelberg");
    assert.ok(koekelberg.value > 15_000 && koekelberg.value < 30_000, `Koekelberg: ${koekelberg.value}`);
    await assert.rejects(apportionToMunicipalities(ctx.db, [{ neighbourhood: 500, value: 1 }]), isNotFound("neighbourhood"));
  });

  it("computes choropleths with 5 quantile classes for the 145 neighbourhoods", async () => {
    const density = await choropleth(ctx.db, "density", 2025);
    assert.equal(density.values.length, 145);
    assert.equal(density.unit, "inhabitants_per_km2");
    assert.equal(density.breaks.length, 6);
    assert.ok(density.breaks.every((b, i) => i === 0 || b >= density.breaks[i - 1]!));
    assert.equal(density.values.find((v) => v.code === 1)!.value, Math.round((3993 / 0.386645) * 10) / 10);
    const unemployment = await choropleth(ctx.db, "unemployment", 1994);
    assert.equal(unemployment.year, 2023, "indicators carry their own year");
    assert.equal((await choropleth(ctx.db, "bim")).year, 2024);
    const share = await choropleth(ctx.db, "foreign_share", 1994, "jenks");
    assert.ok(share.values.every((v) => v.value === null || (v.value >= 0 && v.value <= 100)));
    assert.equal(share.breaks.length, 6);
  });

  it("serves the GeoJSON from memory with names and kinds", async () => {
    const first = await territoryGeoJson(ctx.db, "neighbourhoods", "simplified");
    assert.equal(await territoryGeoJson(ctx.db, "neighbourhoods", "simplified"), first, "built once");
    const fc = JSON.parse(first.body);
    assert.equal(fc.features.length, 145);
    const one = fc.features.find((f: { properties: { code: number } }) => f.properties.code === 1);
    assert.deepEqual(one.properties, { code: 1, name_fr: "Grand Place", name_nl: "Grote Markt", kind: "residential", primaryMunicipality: 21004 });
    assert.equal(one.geometry.type, "MultiPolygon");
    const full = await territoryGeoJson(ctx.db, "police-zones", "full");
    assert.equal(JSON.parse(full.body).features.length, 6);
    assert.notEqual(full.etag, first.etag);
  });

  it("exports CSV for Excel and GeoJSON", async () => {
    const text = await exportTerritory(ctx.db, "neighbourhoods", "csv");
    assert.ok(text.startsWith("\uFEFFcode,kind,name_fr,name_nl,"));
    assert.ok(!text.includes(";"), "no semicolons: multi-valued cells use |");
    const rows = parse(text, { columns: true, bom: true }) as Record<string, string>[];
    assert.equal(rows.length, 145);
    assert.equal(rows.reduce((s, r) => s + Number(r.population_2025 || 0), 0), 1_252_352);
    assert.equal(rows.find((r) => r.code === "21")!.municipality_area_shares, "21004:0.6073|21015:0.2689|21014:0.1238");
    for (const level of ["neighbourhoods", "municipalities", "police-zones"] as const) {
      const [row] = await exportRows(ctx.db, level);
      assert.deepEqual(Object.keys(row!), exportColumns[level], `${level}: every column in the header, in order`);
    }
    const zones = parse(await exportTerritory(ctx.db, "police-zones", "csv"), { columns: true, bom: true }) as Record<string, string>[];
    assert.deepEqual(zones.map((z) => z.zone_id), ["5339", "5340", "5341", "5342", "5343", "5344"]);
    const geo = JSON.parse(await exportTerritory(ctx.db, "municipalities", "geojson"));
    assert.equal(geo.features.length, 19);
    assert.equal(geo.features[0].properties.nis_code, 21001);
    assert.equal(geo.features[0].properties.population_2020, 120887);
  });
});
