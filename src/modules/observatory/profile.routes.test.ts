/**
 * The neighbourhood profile over HTTP, on a small synthetic batch imported here (2016-2018,
 * a few neighbourhoods): disclosure control for a viewer, raw figures for an analyst, errors,
 * and the table as CSV and XLSX read back. Anonymous 401 and the 403 of every route are
 * covered by test/authorization-matrix.test.ts.
 */
import assert from "node:assert/strict";
import { before, it } from "node:test";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { App } from "../../server/app.js";
import { forEachDatabase } from "../../../test/helpers/databases.js";
import { signIn, testApp, type Client } from "../../../test/helpers/http.js";

// Neighbourhoods 66 and 67 are the two of Berchem-Sainte-Agathe (21003); 1 and 2 lie in Brussels (21004).
const batch = [
  "neighbourhood;category;month;count",
  "66;theft;2016-03;3",
  "66;theft;2017-03;12",
  "66;theft;2018-03;15",
  "67;theft;2016-03;20",
  "67;theft;2017-03;25",
  "67;theft;2018-03;30",
  "1;theft;2016-05;40",
  "1;theft;2017-05;35",
  "1;theft;2018-05;30",
  "1;theft.car;2017-02;6",
  "1;drugs;2018-01;2",
  "2;theft;2016-05;8",
  "2;theft;2017-05;9",
  "2;theft;2018-05;2",
].join("\n");

interface Point {
  year: number;
  count: number | null;
  ratePer1000: number | null;
  suppressed: boolean;
}
const fieldsOf = (body: any): string[] => body.error.fields?.map((f: { field: string }) => f.field) ?? [];
const category = (body: any, code: string) => body.categories.find((c: { code: string }) => c.code === code);
const counts = (points: Point[]) => points.map((p) => p.count);

forEachDatabase("HTTP observatory neighbourhood profile", (ctx) => {
  let app: App;
  let viewer: Client;
  let analyst: Client;

  before(async () => {
    app = testApp(ctx.db);
    viewer = await signIn(app, "viewer@bps.demo");
    analyst = await signIn(app, "analyst@bps.demo");
    const imported = await analyst.request("POST", "/api/observatory/imports?grain=aggregated&source=profile-test&dryRun=false", batch, { "content-type": "text/csv" });
    assert.equal(imported.status, 200, await imported.text());
  });

  it("answers a bare GET with every category over the years with data, in the caller's language", async () => {
    const { status, body } = await viewer.json("GET", "/api/observatory/neighbourhoods/66/profile");
    assert.equal(status, 200);
    assert.deepEqual([body.period, body.years, body.suppressed, body.threshold], [{ from: 2016, to: 2018 }, [2016, 2017, 2018], true, 5]);
    assert.equal(body.categories.length, 12);
    assert.equal(body.neighbourhood.municipality.nisCode, 21003);
    assert.equal(body.neighbourhood.name, body.neighbourhood.names.fr, "the demo viewer reads French");
    assert.equal(category(body, "theft").label, category(body, "theft").labels.fr);
    assert.equal(body.context.year, 2018);
    assert.ok(body.context.population > 0);
  });

  it("hides a viewer's small count, its complement and what derives from them; an analyst sees them", async () => {
    const shut = category((await viewer.json("GET", "/api/observatory/neighbourhoods/66/profile")).body, "theft");
    const open = category((await analyst.json("GET", "/api/observatory/neighbourhoods/66/profile")).body, "theft");
    assert.deepEqual(counts(open.neighbourhood.points), [3, 12, 15]);
    assert.equal(open.neighbourhood.points[0].suppressed, false);
    assert.deepEqual(shut.neighbourhood.points[0], { ...open.neighbourhood.points[0], count: null, ratePer1000: null, suppressed: true });
    assert.equal(shut.neighbourhood.points[1].suppressed, true, "a second year of the series, or its total gives the first back");
    assert.equal(shut.neighbourhood.total, 30, "the series total stays published");
    assert.deepEqual([shut.neighbourhood.change, shut.trend], [null, null]);
    assert.deepEqual(counts(shut.municipality.points), [23, 37, 45]);
    // The municipality's 23 minus the other neighbourhood of Berchem would give the 3 back: it is hidden too.
    const other = category((await viewer.json("GET", "/api/observatory/neighbourhoods/67/profile")).body, "theft");
    assert.deepEqual([other.neighbourhood.points[0].count, other.neighbourhood.points[0].suppressed], [null, true]);
    assert.deepEqual(other.municipality, shut.municipality, "every profile publishes the same municipality figures");

    const drugs = (await viewer.json("GET", "/api/observatory/neighbourhoods/1/profile")).body;
    assert.deepEqual(category(drugs, "drugs").neighbourhood.points[2], { year: 2018, count: null, population: category(drugs, "drugs").neighbourhood.points[2].population, ratePer1000: null, suppressed: true });
    assert.equal(category(drugs, "drugs").rank, null);
    const raw = (await analyst.json("GET", "/api/observatory/neighbourhoods/1/profile")).body;
    assert.deepEqual([raw.suppressed, raw.threshold], [false, null]);
    assert.deepEqual(counts(category(raw, "drugs").neighbourhood.points), [0, 0, 2]);
    assert.deepEqual(category(raw, "drugs").rank, { year: 2018, position: 1, of: category(raw, "drugs").rank.of });
  });

  it("adds the phenomena after their category on request, and clips the period", async () => {
    const { body } = await analyst.json("GET", "/api/observatory/neighbourhoods/1/profile?phenomena=true&from=2017&to=2030");
    const codes = body.categories.map((c: { code: string }) => c.code);
    assert.equal(codes[0], "theft");
    assert.ok(codes.indexOf("theft.car") > 0 && codes.indexOf("theft.car") < codes.indexOf("damage"));
    assert.deepEqual(body.years, [2017, 2018]);
    assert.deepEqual(counts(category(body, "theft.car").neighbourhood.points), [6, 0]);
  });

  it("refuses a bad period (naming the field) and an unknown neighbourhood", async () => {
    const backwards = await viewer.json("GET", "/api/observatory/neighbourhoods/1/profile?from=2018&to=2010");
    assert.deepEqual([backwards.status, fieldsOf(backwards.body)], [400, ["query.to"]]);
    const bad = await viewer.json("GET", "/api/observatory/neighbourhoods/1/profile?from=soon");
    assert.deepEqual([bad.status, fieldsOf(bad.body)], [400, ["query.from"]]);
    const phenomena = await viewer.json("GET", "/api/observatory/neighbourhoods/1/profile?phenomena=maybe");
    assert.deepEqual([phenomena.status, fieldsOf(phenomena.body)], [400, ["query.phenomena"]]);
    assert.equal((await viewer.json("GET", "/api/observatory/neighbourhoods/9999/profile")).status, 404);
    assert.equal((await viewer.json("GET", "/api/observatory/neighbourhoods/9999/profile/export")).status, 404);
  });

  it("exports the table of categories as CSV (suppressed cells empty) and XLSX", async () => {
    const res = await viewer.request("GET", "/api/observatory/neighbourhoods/2/profile/export?format=csv");
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/csv; charset=utf-8");
    assert.equal(res.headers.get("content-disposition"), 'attachment; filename="vigil-observatory-profile-2-2016-2018.csv"');
    const rows = parse(await res.text(), { columns: true, bom: true }) as Record<string, string>[];
    assert.equal(rows.length, 12);
    const theft = rows.find((r) => r.code === "theft")!;
    assert.deepEqual([theft.year, theft.count, theft.rate_per_1000, theft.suppressed], ["2018", "", "", "1"]);
    assert.equal(theft.region_count, "77");

    const xlsx = await analyst.request("GET", "/api/observatory/neighbourhoods/2/profile/export?format=xlsx&phenomena=true");
    assert.equal(xlsx.status, 200);
    assert.match(xlsx.headers.get("content-disposition")!, /vigil-observatory-profile-2-2016-2018\.xlsx/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet("data")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    assert.equal(sheet.rowCount, 1 + 27);
    const theftRow = sheet.getRow(2).values as unknown[];
    assert.equal(theftRow[header.indexOf("code") + 1], "theft");
    assert.equal(theftRow[header.indexOf("count") + 1], 2);
    assert.equal(theftRow[header.indexOf("suppressed") + 1], false);
    const about = workbook.getWorksheet("about")!;
    assert.ok(about.rowCount >= 5);
  });
});
