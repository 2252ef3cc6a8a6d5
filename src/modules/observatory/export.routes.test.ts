/**
 * The explorer's exports over HTTP: for each format, the file read back holds exactly the
 * rows GET /rates (or /series) answers the same caller — a viewer's suppressed cells empty,
 * an analyst's figures all there — with the names and the about sheet.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, it } from "node:test";
import { forEachDatabase } from "../../../test/helpers/databases.js";
import { signIn, testApp, type Client } from "../../../test/helpers/http.js";
import { readCsv, readGeoJson, readXlsx, type Cell, type Row } from "../../../test/helpers/table-files.js";
import { importObservatoryFile } from "./import/import.service.js";

interface RateRow {
  code: number;
  count: number | null;
  population: number | null;
  ratePer1000: number | null;
  smoothedPer1000: number | null;
  interval: { lower: number; upper: number } | null;
  suppressed: boolean;
}

const figures = ["code", "population", "count", "rate_per_1000", "smoothed_per_1000", "interval_lower", "interval_upper", "suppressed"] as const;

/** The rows of GET /rates under the file's column names. */
const expected = (rows: RateRow[]): Row[] =>
  rows.map((r) => ({
    code: r.code,
    population: r.population,
    count: r.count,
    rate_per_1000: r.ratePer1000,
    smoothed_per_1000: r.smoothedPer1000,
    interval_lower: r.interval?.lower ?? null,
    interval_upper: r.interval?.upper ?? null,
    suppressed: r.suppressed,
  }));

/** A file row's figures as typed values: CSV text to numbers, 1/0 to booleans. */
function typed(row: Row): Row {
  const value = (key: string, cell: Cell): Cell => {
    if (cell === null) return null;
    if (key === "suppressed") return cell === true || cell === 1 || cell === "1";
    return typeof cell === "string" ? Number(cell) : cell;
  };
  return Object.fromEntries(figures.map((k) => [k, value(k, row[k] ?? null)]));
}

const dir = mkdtempSync(join(tmpdir(), "vigil-export-test-"));
after(() => rmSync(dir, { recursive: true, force: true }));

forEachDatabase("HTTP observatory exports", (ctx) => {
  let viewer: Client;
  let analyst: Client;

  before(async () => {
    // Theft in 2017-2018 in every neighbourhood, counts 0-12: small counts to suppress, larger ones to publish.
    const codes = (await ctx.db.selectFrom("neighbourhoods").select("code").orderBy("code").execute()).map((r) => r.code);
    const lines = codes.flatMap((code) => [`${code};theft;2018-03;${code % 13}`, `${code};theft;2017-05;${(code * 7) % 11}`]);
    const file = join(dir, `counts-${ctx.dialect}.csv`);
    writeFileSync(file, ["neighbourhood;category;month;count", ...lines].join("\n"));
    const imported = await importObservatoryFile(ctx.db, { file, grain: "aggregated", source: "export-test" });
    assert.equal(imported.ok, true, JSON.stringify(imported.errors.slice(0, 3)));
    const app = testApp(ctx.db);
    viewer = await signIn(app, "viewer@bps.demo");
    analyst = await signIn(app, "analyst@bps.demo");
  });

  const rates = async (client: Client) => {
    const { status, body } = await client.json<{ neighbourhoods: RateRow[] }>("GET", "/api/observatory/rates?category=theft&year=2018");
    assert.equal(status, 200);
    return expected(body.neighbourhoods);
  };
  const download = async (client: Client, query: string) => {
    const res = await client.request("GET", `/api/observatory/export/rates?category=theft&year=2018&${query}`);
    assert.equal(res.status, 200, await res.clone().text());
    return res;
  };

  for (const [who, suppressed] of [
    ["viewer", true],
    ["analyst", false],
  ] as const) {
    it(`writes in each format exactly the rows of GET /rates for the ${who}`, async () => {
      const client = who === "viewer" ? viewer : analyst;
      const json = await rates(client);
      assert.equal(json.length, 145);
      assert.equal(
        json.some((r) => r.suppressed),
        suppressed,
        suppressed ? "the viewer has suppressed cells" : "the analyst has none",
      );
      if (!suppressed) assert.ok(json.some((r) => (r.count as number) > 0 && (r.count as number) < 5), "small counts shown to the analyst");

      const csv = await download(client, "measure=rate&format=csv");
      assert.equal(csv.headers.get("content-type"), "text/csv; charset=utf-8");
      assert.equal(csv.headers.get("content-disposition"), 'attachment; filename="vigil-observatory-rates-theft-2018-rate.csv"');
      const fromCsv = readCsv(await csv.text());
      assert.deepEqual(fromCsv.rows.map(typed), json);

      const xlsx = await download(client, "measure=rate&format=xlsx");
      assert.match(xlsx.headers.get("content-disposition") ?? "", /filename="vigil-observatory-rates-theft-2018-rate\.xlsx"/);
      const fromXlsx = await readXlsx(await xlsx.arrayBuffer());
      assert.deepEqual(fromXlsx.header, fromCsv.header);
      assert.deepEqual(fromXlsx.rows.map(typed), json);

      const geo = await download(client, "measure=rate&format=geojson");
      assert.equal(geo.headers.get("content-type"), "application/geo+json");
      const features = readGeoJson(await geo.text()).features.sort((a, b) => a.id - b.id);
      assert.equal(features.length, 145);
      assert.deepEqual(features.map((f) => typed(f.properties)), json);
    });
  }

  it("names each neighbourhood and its municipality, and states the measure and disclosure in the about sheet", async () => {
    const places = await ctx.db
      .selectFrom("neighbourhoods as n")
      .innerJoin("municipalities as m", "m.nis_code", "n.primary_municipality_nis")
      .select(["n.code", "n.name_fr", "n.name_nl", "m.nis_code", "m.name_nl as municipality_nl"])
      .orderBy("n.code")
      .execute();
    const { rows } = readCsv(await (await download(viewer, "format=csv")).text());
    assert.deepEqual(
      rows.map((r) => [Number(r.code), r.name_fr, r.name_nl, Number(r.municipality_nis), r.municipality_nl]),
      places.map((p) => [p.code, p.name_fr, p.name_nl, p.nis_code, p.municipality_nl]),
    );

    const about = new Map((await readXlsx(await (await download(viewer, "measure=smoothed&format=xlsx")).arrayBuffer())).about);
    assert.equal(about.get("Mesure affichée sur la carte"), "Taux lissé (bayésien empirique) (smoothed)");
    assert.match(about.get("Contrôle de la divulgation") ?? "", /inférieurs à 5/);
    assert.equal(about.get("Année"), "2018");
    const analystAbout = new Map((await readXlsx(await (await download(analyst, "format=xlsx")).arrayBuffer())).about);
    assert.match(analystAbout.get("Contrôle de la divulgation") ?? "", /^Non appliqué/);
  });

  it("writes the series of the chart as GET /series answers it", async () => {
    const query = "category=theft&level=region&from=2016&to=2018&step=year";
    const json = (await viewer.json("GET", `/api/observatory/series?${query}`)).body as { points: { period: string; count: number | null; suppressed: boolean }[] };
    const res = await viewer.request("GET", `/api/observatory/export/series?${query}&format=csv`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-disposition") ?? "", /filename="vigil-observatory-series-theft-region-2016-2018-year\.csv"/);
    const { header, rows } = readCsv(await res.text());
    assert.deepEqual(header, ["period", "count", "suppressed"]);
    const points = rows.map((r) => ({ period: r.period, count: r.count === null ? null : Number(r.count), suppressed: r.suppressed === "1" }));
    assert.deepEqual(points, json.points);
    assert.equal(points.find((p) => p.period === "2016")?.count, 0);
    assert.ok((points.find((p) => p.period === "2018")?.count ?? 0) > 0);

    const xlsx = await readXlsx(await (await viewer.request("GET", `/api/observatory/export/series?${query}&format=xlsx`)).arrayBuffer());
    assert.deepEqual(xlsx.rows, json.points.map((p) => ({ period: p.period, count: p.count, suppressed: p.suppressed })));
  });

  it("answers a bare GET with the defaults and names bad query fields", async () => {
    const bare = await viewer.request("GET", "/api/observatory/export/rates");
    assert.equal(bare.status, 200);
    assert.match(bare.headers.get("content-disposition") ?? "", /vigil-observatory-rates-theft-2018-count\.csv/);
    const unknown = await viewer.json("GET", "/api/observatory/export/rates?category=no_such_thing");
    assert.equal(unknown.status, 400);
    assert.deepEqual(unknown.body.error.fields.map((f: { field: string }) => f.field), ["query.category"]);
    const badFormat = await viewer.json("GET", "/api/observatory/export/series?format=geojson");
    assert.deepEqual([badFormat.status, badFormat.body.error.fields[0].field], [400, "query.format"]);
    const noCode = await viewer.json("GET", "/api/observatory/export/series?level=municipality");
    assert.deepEqual([noCode.status, noCode.body.error.fields[0].field], [400, "query.code"]);
  });
});
