/**
 * The shared table writer, each format read back by an independent reader: CSV (BOM, CRLF,
 * quoting) with csv-parse, XLSX (numbers as numbers, formats, frozen bold header, about
 * sheet) with exceljs, GeoJSON (145 neighbourhoods, properties joined) with JSON.parse.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import ExcelJS from "exceljs";
import { forEachDatabase } from "../../../test/helpers/databases.js";
import { readCsv, readGeoJson, readXlsx } from "../../../test/helpers/table-files.js";
import { tableCsv, tableXlsx, writeTable, type TableFile } from "./table-file.js";

const file: TableFile = {
  name: "vigil-test-table",
  columns: [{ key: "code", width: 8 }, { key: "name" }, { key: "rate", numFmt: "0.00" }, { key: "flag" }],
  rows: [
    { code: 1, name: "Grand-Place, « Îlot Sacré »", rate: 12.345678901234, flag: true },
    { code: 2, name: 'Rue "Neuve"\nsecond line', rate: null, flag: false },
    { code: 3, name: "Saint-Gilles; Parvis", rate: 0, flag: null },
  ],
  about: [
    ["Titre", "Criminalité enregistrée par quartier"],
    ["Année", "2018"],
  ],
  geometryKey: "code",
  createdAt: new Date("2026-02-03T04:05:06Z"),
};

it("writes CSV with a BOM, CRLF line ends, quoting, empty nulls and 1/0 booleans", () => {
  const text = tableCsv(file.columns, file.rows);
  assert.ok(text.startsWith("\uFEFFcode,name,rate,flag\r\n"), JSON.stringify(text.slice(0, 30)));
  assert.ok(text.endsWith("\r\n"));
  assert.equal(text.split("\r\n").length, 5, "header, three rows (one with an embedded LF), final CRLF");
  const { header, rows } = readCsv(text);
  assert.deepEqual(header, ["code", "name", "rate", "flag"]);
  assert.deepEqual(rows, [
    { code: "1", name: "Grand-Place, « Îlot Sacré »", rate: "12.345678901234", flag: "1" },
    { code: "2", name: 'Rue "Neuve"\nsecond line', rate: null, flag: "0" },
    { code: "3", name: "Saint-Gilles; Parvis", rate: "0", flag: null },
  ]);
});

it("writes XLSX with numbers as numbers, the column formats, a frozen bold header and the about sheet", async () => {
  const bytes = await tableXlsx(file);
  const { header, rows, about, numFmt } = await readXlsx(bytes);
  assert.deepEqual(header, ["code", "name", "rate", "flag"]);
  assert.deepEqual(rows, [
    { code: 1, name: "Grand-Place, « Îlot Sacré »", rate: 12.345678901234, flag: true },
    { code: 2, name: 'Rue "Neuve"\nsecond line', rate: null, flag: false },
    { code: 3, name: "Saint-Gilles; Parvis", rate: 0, flag: null },
  ]);
  assert.equal(numFmt.get("rate"), "0.00");
  assert.deepEqual(about, file.about);

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const data = workbook.getWorksheet("data")!;
  assert.equal(data.getRow(1).getCell(1).font?.bold, true);
  assert.deepEqual([data.views[0]?.state, (data.views[0] as { ySplit?: number }).ySplit], ["frozen", 1]);
  assert.equal(workbook.created.toISOString(), "2026-02-03T04:05:06.000Z");
  assert.deepEqual(workbook.worksheets.map((s) => s.name), ["data", "about"]);
});

forEachDatabase("table files: GeoJSON", (ctx) => {
  it("joins the rows on the 145 neighbourhoods' full geometry; others keep only their code", async () => {
    const codes = (await ctx.db.selectFrom("neighbourhoods").select("code").orderBy("code").execute()).map((r) => r.code);
    const [first, second] = codes as [number, number];
    const table: TableFile = {
      ...file,
      rows: [
        { code: first, name: "Quartier, « un »", rate: 1.5, flag: true },
        { code: String(second), name: "deux", rate: null, flag: false },
        { code: "not a code", name: "ignored", rate: 3, flag: true },
      ],
    };
    const written = await writeTable(ctx.db, table, "geojson");
    assert.deepEqual([written.filename, written.contentType], ["vigil-test-table.geojson", "application/geo+json"]);
    const doc = readGeoJson(new TextDecoder().decode(written.body));
    assert.equal(doc.type, "FeatureCollection");
    assert.equal(doc.features.length, 145);
    assert.deepEqual(doc.features.map((f) => f.id).sort((a, b) => a - b), codes);
    const byId = new Map(doc.features.map((f) => [f.id, f]));
    assert.deepEqual(byId.get(first)!.properties, { code: first, name: "Quartier, « un »", rate: 1.5, flag: 1 });
    assert.deepEqual(byId.get(second)!.properties, { code: String(second), name: "deux", rate: null, flag: 0 });
    assert.deepEqual(byId.get(codes[2]!)!.properties, { code: codes[2] });
    assert.ok(["Polygon", "MultiPolygon"].includes(byId.get(first)!.geometry.type));
    assert.ok(byId.get(first)!.geometry.coordinates.length > 0);
  });

  it("names the file by format and refuses GeoJSON without a geometry key", async () => {
    const csv = await writeTable(ctx.db, file, "csv");
    assert.deepEqual([csv.filename, csv.contentType], ["vigil-test-table.csv", "text/csv; charset=utf-8"]);
    assert.deepEqual([...csv.body.slice(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 byte-order mark");
    assert.equal(new TextDecoder("utf-8", { ignoreBOM: true }).decode(csv.body), tableCsv(file.columns, file.rows));
    const xlsx = await writeTable(ctx.db, file, "xlsx");
    assert.equal(xlsx.filename, "vigil-test-table.xlsx");
    assert.deepEqual((await readXlsx(xlsx.body)).rows, (await readXlsx(await tableXlsx(file))).rows);
    const { geometryKey: _key, ...noKey } = file;
    await assert.rejects(writeTable(ctx.db, noKey, "geojson"), /geometryKey/);
  });
});
