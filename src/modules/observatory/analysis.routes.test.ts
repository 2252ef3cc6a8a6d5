/**
 * The hot-spot and cluster maps over HTTP, on the synthetic demo series: defaults, access,
 * validation, and each export format read back (CSV parsed, XLSX opened, GeoJSON parsed)
 * against the JSON answer. Also the explorer's `synthetic` flag as a viewer reads it.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { before, it } from "node:test";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { forEachDatabase } from "../../../test/helpers/databases.js";
import { signIn, testApp, type Client } from "../../../test/helpers/http.js";
import { seedObservatoryDemo } from "./demo/demo.seed.js";

const version = (JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string }).version;
const fieldsOf = (body: any): string[] => body.error.fields?.map((f: { field: string }) => f.field) ?? [];

forEachDatabase("HTTP observatory hot spots and clusters", (ctx) => {
  let analyst: Client;
  let viewer: Client;

  before(async () => {
    await ctx.db.transaction().execute((trx) => seedObservatoryDemo(trx));
    const app = testApp(ctx.db);
    analyst = await signIn(app, "analyst@bps.demo");
    viewer = await signIn(app, "viewer@bps.demo");
  });

  it("answers a bare GET with the documented defaults: the centre is a hot spot and a high-high cluster", async () => {
    const hot = await analyst.json("GET", "/api/observatory/hotspots");
    assert.equal(hot.status, 200, JSON.stringify(hot.body));
    const { neighbourhoods, moran, ...head } = hot.body;
    assert.deepEqual(
      [head.categoryCode, head.year, head.measure, head.weights, head.permutations, head.seed, head.alpha, head.correction, head.synthetic],
      ["theft", 2018, "smoothed", "queen", 999, 20260101, 0.05, "fdr", true],
    );
    assert.equal(neighbourhoods.length, 145);
    assert.equal(head.analysed, 118);
    assert.ok(head.significant > 0 && moran.I > 0);
    const grandPlace = neighbourhoods.find((n: { code: number }) => n.code === 1);
    assert.ok(grandPlace.significant && grandPlace.bin > 0, JSON.stringify(grandPlace));

    const clusters = await analyst.json("GET", "/api/observatory/clusters?weights=knn&measure=rate&permutations=499&seed=3&alpha=0.1&correction=none");
    assert.equal(clusters.status, 200, JSON.stringify(clusters.body));
    assert.deepEqual([clusters.body.weights, clusters.body.measure, clusters.body.permutations, clusters.body.seed, clusters.body.alpha, clusters.body.correction], ["knn", "rate", 499, 3, 0.1, "none"]);
    assert.equal(clusters.body.neighbourhoods.find((n: { code: number }) => n.code === 1).quadrant, "HH");
    assert.deepEqual(clusters.body.moran.pseudoP, 1 / 500);
  });

  it("is for analysts only, and names the bad field", async () => {
    for (const path of ["/api/observatory/hotspots", "/api/observatory/clusters", "/api/observatory/hotspots/export", "/api/observatory/clusters/export?format=xlsx"]) {
      assert.equal((await viewer.request("GET", path)).status, 403, path);
    }
    for (const [query, field] of [
      ["permutations=10000", "query.permutations"],
      ["permutations=10", "query.permutations"],
      ["alpha=0.5", "query.alpha"],
      ["measure=count", "query.measure"],
      ["weights=rook", "query.weights"],
      ["category=nope", "query.category"],
      ["year=2050", "query.year"],
      ["format=pdf", "query.format"],
    ] as const) {
      const path = `/api/observatory/${field === "query.format" ? "hotspots/export" : "hotspots"}?${query}`;
      const res = await analyst.json("GET", path);
      assert.deepEqual([res.status, fieldsOf(res.body)], [400, [field]], path);
    }
    const noPopulation = await analyst.json("GET", "/api/observatory/clusters?year=2050");
    assert.match(noPopulation.body.error.fields[0].message, /2050/);
  });

  it("exports the hot-spot map's rows as CSV: the same figures as the JSON answer", async () => {
    const json = (await analyst.json("GET", "/api/observatory/hotspots?measure=rate")).body;
    const res = await analyst.request("GET", "/api/observatory/hotspots/export?measure=rate");
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/csv; charset=utf-8");
    assert.equal(res.headers.get("content-disposition"), 'attachment; filename="vigil-observatory-hotspots-theft-2018-rate-queen.csv"');
    const text = await res.text();
    const rows = parse(text.replace(/^\uFEFF/, ""), { columns: true }) as Record<string, string>[];
    assert.equal(rows.length, 145);
    assert.deepEqual(Object.keys(rows[0]!), ["code", "name_fr", "name_nl", "kind", "analysed", "island", "count", "population", "rate_per_1000", "z", "pseudo_p", "adjusted_p", "significant", "bin"]);
    const num = (v: string | undefined) => (v === undefined || v === "" ? null : Number(v));
    json.neighbourhoods.forEach((n: any, i: number) => {
      const r = rows[i]!;
      assert.equal(Number(r.code), n.code);
      assert.deepEqual([num(r.rate_per_1000), num(r.z), num(r.pseudo_p), num(r.adjusted_p), r.significant, Number(r.bin)], [n.value, n.z, n.pseudoP, n.adjustedP, n.significant ? "1" : "0", n.bin]);
    });
    assert.equal(rows.find((r) => r.code === "1")!.name_fr, "Grand Place");
  });

  it("exports the cluster map as XLSX with the settings in the about sheet, and as GeoJSON", async () => {
    const query = "category=theft&year=2017&measure=smoothed&weights=knn&permutations=199&seed=5";
    const json = (await analyst.json("GET", `/api/observatory/clusters?${query}`)).body;
    const res = await analyst.request("GET", `/api/observatory/clusters/export?${query}&format=xlsx`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-disposition"), 'attachment; filename="vigil-observatory-clusters-theft-2017-smoothed-knn.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const data = workbook.getWorksheet("data")!;
    assert.equal(data.rowCount, 146);
    const header = (data.getRow(1).values as unknown[]).slice(1);
    assert.deepEqual(header, ["code", "name_fr", "name_nl", "kind", "analysed", "island", "count", "population", "smoothed_per_1000", "local_i", "pseudo_p", "adjusted_p", "significant", "quadrant"]);
    const col = (name: string) => header.indexOf(name) + 1;
    const quadrants = json.neighbourhoods.map((n: { quadrant: string | null }) => n.quadrant);
    for (let i = 0; i < 145; i++) {
      const row = data.getRow(i + 2);
      assert.equal(row.getCell(col("code")).value, json.neighbourhoods[i].code);
      assert.equal(row.getCell(col("quadrant")).value ?? null, quadrants[i]);
      assert.equal(row.getCell(col("local_i")).value ?? null, json.neighbourhoods[i].localI);
    }
    // The about sheet, in the analyst's language (French): one line per setting
    const about = new Map<string, string>();
    workbook.getWorksheet("about")!.eachRow((row) => about.set(String(row.getCell(1).value), String(row.getCell(2).value)));
    assert.equal(about.get("Catégorie"), "theft");
    assert.equal(about.get("Année"), "2017");
    assert.equal(about.get("Mesure"), "Taux lissé (bayésien empirique)");
    assert.equal(about.get("Pondération"), "6 plus proches voisins");
    assert.equal(about.get("Permutations"), "199");
    assert.equal(about.get("Graine"), "5");
    assert.equal(about.get("Seuil de signification (alpha)"), "0.05");
    assert.equal(about.get("Correction des tests multiples"), "Benjamini-Hochberg (taux de fausses découvertes)");
    assert.equal(about.get("Logiciel"), `Vigil ${version}`);
    assert.match(about.get("Données")!, /synthétiques|fictives|démonstration/i);

    const geo = await analyst.request("GET", `/api/observatory/clusters/export?${query}&format=geojson`);
    assert.equal(geo.status, 200);
    assert.equal(geo.headers.get("content-type"), "application/geo+json");
    const collection = JSON.parse(await geo.text()) as { type: string; features: { properties: Record<string, unknown>; geometry: { type: string } }[] };
    assert.equal(collection.type, "FeatureCollection");
    assert.equal(collection.features.length, 145);
    const byCode = new Map(collection.features.map((f) => [Number(f.properties.code), f]));
    for (const n of json.neighbourhoods) {
      const f = byCode.get(n.code)!;
      assert.match(f.geometry.type, /Polygon/);
      assert.deepEqual([f.properties.quadrant, f.properties.significant, f.properties.analysed], [n.quadrant, n.significant ? 1 : 0, n.analysed ? 1 : 0]);
    }
  });

  it("tells every reader, a viewer too, that the explorer's figures are synthetic", async () => {
    const rates = await viewer.json("GET", "/api/observatory/rates");
    assert.deepEqual([rates.status, rates.body.synthetic], [200, true]);
    const series = await viewer.json("GET", "/api/observatory/series");
    assert.deepEqual([series.status, series.body.synthetic], [200, true]);
    const later = await viewer.json("GET", "/api/observatory/series?from=2020&to=2022");
    assert.deepEqual([later.status, later.body.synthetic], [200, false]);
  });
});
