import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, it } from "node:test";
import ExcelJS from "exceljs";
import { forEachDatabase } from "../../../../test/helpers/databases.js";
import { seedCrimeTaxonomy } from "../taxonomy.seed.js";
import { errorReportCsv } from "./error-report.js";
import { importObservatoryFile } from "./import.service.js";

const dir = mkdtempSync(join(tmpdir(), "vigil-obs-import-"));
let n = 0;
after(() => rmSync(dir, { recursive: true, force: true }));
function file(content: string | Buffer, ext = "csv"): string {
  const path = join(dir, `f${++n}.${ext}`);
  writeFileSync(path, content);
  return path;
}

forEachDatabase("importObservatoryFile", (ctx) => {
  let a = 0;
  let b = 0;
  before(async () => {
    await ctx.db.transaction().execute((trx) => seedCrimeTaxonomy(trx));
    const codes = await ctx.db.selectFrom("neighbourhoods").select("code").orderBy("code").limit(2).execute();
    [a, b] = codes.map((c) => c.code) as [number, number];
  });
  const counts = (batchId: number) =>
    ctx.db
      .selectFrom("crime_counts")
      .innerJoin("crime_categories", "crime_categories.id", "crime_counts.category_id")
      .select(["neighbourhood_code", "code", "month", "count"])
      .where("batch_id", "=", batchId)
      .orderBy("month")
      .orderBy("neighbourhood_code")
      .execute();

  it("reads a ';' CSV with a BOM, derives the period and records the file's sha256", async () => {
    const content = `\uFEFFneighbourhood;category;month;count\r\n${a};theft.car;2024-01;3\r\n${b};theft.car;2024-03;0\r\n${a};theft;2024-02;12\r\n`;
    const path = file(content);
    const result = await importObservatoryFile(ctx.db, { file: path, grain: "aggregated", source: "test-semicolon" });
    assert.deepEqual(result.errors, []);
    assert.equal(result.ok, true);
    assert.equal(result.rows, 3);
    assert.equal(result.batchKey, "test-semicolon|aggregated|2024-01-01|2024-03-31");
    assert.deepEqual(await counts(result.batchId!), [
      { neighbourhood_code: a, code: "theft.car", month: "2024-01", count: 3 },
      { neighbourhood_code: a, code: "theft", month: "2024-02", count: 12 },
      { neighbourhood_code: b, code: "theft.car", month: "2024-03", count: 0 },
    ]);
    const batch = await ctx.db.selectFrom("observatory_batches").selectAll().where("id", "=", result.batchId!).executeTakeFirstOrThrow();
    // Reference: node's crypto over the whole file, independent of the streamed hash.
    assert.equal(batch.sha256, createHash("sha256").update(readFileSync(path)).digest("hex"));
    assert.equal(batch.rows, 3);
    assert.equal(batch.period_end, "2024-03-31");
  });

  it("reads a ',' CSV of individual facts", async () => {
    const content = [
      "occurred_at,category,neighbourhood,lon,lat,attempt,victim_type",
      `2024-02-29T23:15,theft.pickpocketing,${a},4.3517,50.8466,1,person`,
      `2024-02-01,theft.burglary_building,${b},,,0,business`,
    ].join("\n");
    const result = await importObservatoryFile(ctx.db, { file: file(content), grain: "individual", source: "test-comma" });
    assert.deepEqual(result.errors, []);
    assert.equal(result.batchKey, "test-comma|individual|2024-02-01|2024-02-29");
    const facts = await ctx.db.selectFrom("crime_facts").select(["occurred_at", "neighbourhood_code", "lon", "lat", "attempt", "victim_type"]).where("batch_id", "=", result.batchId!).orderBy("occurred_at").execute();
    assert.deepEqual(facts, [
      { occurred_at: "2024-02-01T00:00", neighbourhood_code: b, lon: null, lat: null, attempt: 0, victim_type: "business" },
      { occurred_at: "2024-02-29T23:15", neighbourhood_code: a, lon: 4.3517, lat: 50.8466, attempt: 1, victim_type: "person" },
    ]);
  });

  it("reads the first sheet of an XLSX workbook", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("data");
    sheet.addRow(["Neighbourhood", "Category", "Month", "Count"]);
    sheet.addRow([a, "theft.bag_snatching", "2023-11", 7]);
    sheet.addRow([b, "theft.bag_snatching", "2023-12", 2]);
    workbook.addWorksheet("notes").addRow(["ignored", "sheet"]);
    const path = file(Buffer.from(await workbook.xlsx.writeBuffer()), "xlsx");
    const result = await importObservatoryFile(ctx.db, { file: path, grain: "aggregated", source: "test-xlsx" });
    assert.deepEqual(result.errors, []);
    assert.equal(result.batchKey, "test-xlsx|aggregated|2023-11-01|2023-12-31");
    assert.deepEqual((await counts(result.batchId!)).map((r) => r.count), [7, 2]);
    assert.equal(result.sha256, createHash("sha256").update(readFileSync(path)).digest("hex"));
  });

  it("writes nothing when one row is bad, and reports that row", async () => {
    const before = await ctx.db.selectFrom("observatory_batches").select("id").execute();
    const content = `neighbourhood;category;month;count\n${a};theft.car;2022-01;3\n${a};theft.car;2022-02;-1\n${b};nope;2022-13;2.5\n`;
    const result = await importObservatoryFile(ctx.db, { file: file(content), grain: "aggregated", source: "test-bad" });
    assert.equal(result.ok, false);
    assert.deepEqual(
      result.errors.map((e) => [e.row, e.column, e.value, e.key]),
      [
        [3, "count", "-1", "observatoryImport.error.badCount"],
        [4, "category", "nope", "observatoryImport.error.unknownCategory"],
        [4, "month", "2022-13", "observatoryImport.error.badMonth"],
        [4, "count", "2.5", "observatoryImport.error.badCount"],
      ],
    );
    assert.deepEqual(await ctx.db.selectFrom("observatory_batches").select("id").execute(), before);
    assert.equal((await ctx.db.selectFrom("crime_counts").select("month").where("month", "like", "2022-%").execute()).length, 0);
    const report = errorReportCsv(result.errors.slice(0, 1), result.errorCount);
    const lines = report.replace(/^\uFEFF/, "").trim().split("\n");
    assert.equal(lines[0], "row;column;value;message_fr;message_nl;message_en");
    assert.equal(lines[1], '3;count;-1;Ligne 3 : nombre invalide « -1 » (entier positif ou nul attendu);Rij 3: ongeldig aantal „-1” (geheel getal, nul of meer);"Row 3: invalid count ""-1"" (a whole number, zero or more)"');
    assert.match(lines[2]!, /3 more errors not listed/);
  });

  it("reports rows with bad facts: date, victim type, coordinates, neighbourhood", async () => {
    const content = `occurred_at;category;neighbourhood;lon;lat;attempt;victim_type\n2024-02-30;theft.car;${a};;;0;person\n2024-03-01T10:00;theft.car;999999;4.35;;maybe;shop\n`;
    const result = await importObservatoryFile(ctx.db, { file: file(content), grain: "individual", source: "test-bad-facts" });
    assert.deepEqual(
      result.errors.map((e) => `${e.row}:${e.column}:${e.key.split(".").pop()}`),
      ["2:occurred_at:badDate", "3:neighbourhood:unknownNeighbourhood", "3:lat:coordinatePair", "3:attempt:badAttempt", "3:victim_type:badVictimType"],
    );
  });

  it("replaces a batch imported again under the same key", async () => {
    const first = await importObservatoryFile(ctx.db, { file: file(`neighbourhood,category,month,count\n${a},theft.violent,2021-05,4\n${b},theft.violent,2021-05,5\n`), grain: "aggregated", source: "test-replace" });
    const again = await importObservatoryFile(ctx.db, { file: file(`neighbourhood,category,month,count\n${a},theft.violent,2021-05,9\n`), grain: "aggregated", source: "test-replace" });
    assert.equal(first.replaced, false);
    assert.equal(again.replaced, true);
    assert.equal(again.batchKey, first.batchKey);
    const batches = await ctx.db.selectFrom("observatory_batches").select("id").where("batch_key", "=", again.batchKey!).execute();
    assert.deepEqual(batches, [{ id: again.batchId! }]);
    assert.deepEqual((await counts(again.batchId!)).map((r) => r.count), [9]);
    assert.equal((await counts(first.batchId!)).length, 0);
  });

  it("leaves nothing when the import is interrupted mid-way (progress callback throws)", async () => {
    const lines = ["neighbourhood;category;month;count"];
    for (let i = 0; i < 5000; i++) lines.push(`${i % 2 ? a : b};theft.car;2019-${String((i % 12) + 1).padStart(2, "0")};${i % 7}`);
    const before = await ctx.db.selectFrom("crime_counts").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    let calls = 0;
    await assert.rejects(
      importObservatoryFile(ctx.db, {
        file: file(lines.join("\n")),
        grain: "aggregated",
        source: "test-interrupted",
        batchSize: 500,
        onProgress: (p) => {
          calls++;
          if (p.rows >= 2500) throw new Error("interrupted");
        },
      }),
      /interrupted/,
    );
    assert.equal(calls, 5); // 5 batches of 500 were inserted before the throw
    const after = await ctx.db.selectFrom("crime_counts").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
    assert.equal((await ctx.db.selectFrom("observatory_batches").select("id").where("source", "=", "test-interrupted").execute()).length, 0);
  });

  it("rejects rows outside a given period, and a dry run writes nothing", async () => {
    const path = file(`neighbourhood;category;month;count\n${a};theft.car;2020-01;1\n${a};theft.car;2020-02;1\n`);
    const outside = await importObservatoryFile(ctx.db, { file: path, grain: "aggregated", source: "test-period", periodStart: "2020-01-01", periodEnd: "2020-01-31" });
    assert.deepEqual(outside.errors.map((e) => [e.row, e.key]), [[3, "observatoryImport.error.outsidePeriod"]]);
    const dry = await importObservatoryFile(ctx.db, { file: path, grain: "aggregated", source: "test-period", dryRun: true });
    assert.equal(dry.ok, true);
    assert.equal(dry.batchId, null);
    assert.equal((await ctx.db.selectFrom("observatory_batches").select("id").where("source", "=", "test-period").execute()).length, 0);
  });

  it("reports a missing column once, not once per row", async () => {
    const result = await importObservatoryFile(ctx.db, { file: file(`neighbourhood;category;count\n${a};theft.car;1\n`), grain: "aggregated", source: "test-header" });
    assert.deepEqual(result.errors.map((e) => [e.row, e.column, e.key]), [[1, "month", "observatoryImport.error.missingColumn"]]);
  });
}, { seeded: true, demo: false });
