import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, it } from "node:test";
import ExcelJS from "exceljs";
import { sql } from "kysely";
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

  it("refuses a batch whose period overlaps another batch of the same source and grain, naming it", async () => {
    const year = await importObservatoryFile(ctx.db, { file: file(`neighbourhood;category;month;count\n${a};theft;2018-01;4\n${a};theft;2018-12;6\n`), grain: "aggregated", source: "test-overlap" });
    assert.equal(year.batchKey, "test-overlap|aggregated|2018-01-01|2018-12-31");
    const june = file(`neighbourhood;category;month;count\n${b};theft;2018-06;9\n`);
    for (const dryRun of [true, false]) {
      const refused = await importObservatoryFile(ctx.db, { file: june, grain: "aggregated", source: "test-overlap", dryRun });
      assert.equal(refused.ok, false);
      assert.deepEqual(refused.errors, [
        { row: 0, column: "period", value: year.batchKey, key: "observatoryImport.error.overlap", params: { batchKey: year.batchKey, from: "2018-06-01", to: "2018-06-30" } },
      ]);
    }
    const batches = await ctx.db.selectFrom("observatory_batches").select(["batch_key", "rows"]).where("source", "=", "test-overlap").execute();
    assert.deepEqual(batches, [{ batch_key: year.batchKey, rows: 2 }]);
    assert.deepEqual((await counts(year.batchId!)).map((r) => r.count), [4, 6]);
    // The message names the batch and the months in common, in the three languages.
    const report = errorReportCsv(
      (await importObservatoryFile(ctx.db, { file: june, grain: "aggregated", source: "test-overlap" })).errors,
    );
    const line = report.replace(/^\uFEFF/, "").trim().split("\n")[1]!;
    for (const text of ["chevauche le lot « test-overlap|aggregated|2018-01-01|2018-12-31 »", "du 2018-06-01 au 2018-06-30", "overlapt met batch „test-overlap|aggregated|2018-01-01|2018-12-31”", 'overlaps batch ""test-overlap|aggregated|2018-01-01|2018-12-31""', "from 2018-06-01 to 2018-06-30"]) {
      assert.ok(line.includes(text), `${text} in ${line}`);
    }
  });

  it("accepts the next months, another source, and the other grain over the same months", async () => {
    const next = await importObservatoryFile(ctx.db, { file: file(`neighbourhood;category;month;count\n${a};theft;2019-01;1\n`), grain: "aggregated", source: "test-overlap" });
    assert.equal(next.batchKey, "test-overlap|aggregated|2019-01-01|2019-01-31");
    const other = await importObservatoryFile(ctx.db, { file: file(`neighbourhood;category;month;count\n${a};theft;2018-06;2\n`), grain: "aggregated", source: "test-overlap-other" });
    assert.equal(other.ok, true);
    const facts = await importObservatoryFile(ctx.db, { file: file(`occurred_at;category;neighbourhood;victim_type\n2018-06-03;theft;${a};person\n`), grain: "individual", source: "test-overlap" });
    assert.equal(facts.ok, true);
  });

  it("refuses individual facts overlapping facts of the same source, by day", async () => {
    const header = "occurred_at;category;neighbourhood;victim_type";
    const first = await importObservatoryFile(ctx.db, { file: file(`${header}\n2017-03-01;theft;${a};person\n2017-03-10T22:15;theft;${b};person\n`), grain: "individual", source: "test-facts-overlap" });
    assert.equal(first.batchKey, "test-facts-overlap|individual|2017-03-01|2017-03-10");
    const after = await importObservatoryFile(ctx.db, { file: file(`${header}\n2017-03-11;theft;${a};business\n`), grain: "individual", source: "test-facts-overlap" });
    assert.equal(after.ok, true);
    const inside = await importObservatoryFile(ctx.db, { file: file(`${header}\n2017-02-20;theft;${a};person\n2017-03-05;theft;${a};person\n`), grain: "individual", source: "test-facts-overlap" });
    assert.deepEqual(inside.errors.map((e) => [e.key, e.value, e.params]), [["observatoryImport.error.overlap", first.batchKey, { batchKey: first.batchKey, from: "2017-03-01", to: "2017-03-05" }]]);
    assert.equal((await ctx.db.selectFrom("crime_facts").select("id").where("occurred_at", "like", "2017-02-%").execute()).length, 0);
  });

  it("reports a quote inside an unquoted field as an unreadable row, after checking the rows before it", async () => {
    const result = await importObservatoryFile(ctx.db, { file: file(`neighbourhood;category;month;count\n${a};theft;2016-01;x\n${a};the"ft;2016-02;1\n${a};theft;2016-03;1\n`), grain: "aggregated", source: "test-quote" });
    assert.deepEqual(result.errors.map((e) => [e.row, e.column, e.key]), [
      [2, "count", "observatoryImport.error.badCount"],
      [3, "", "observatoryImport.error.unreadable"],
    ]);
  });

  it("reads a CSV in UTF-16 (little-endian, with its byte order mark) through csv-parse", async () => {
    const text = `neighbourhood;category;month;count\r\n${a};theft.car;2015-04;5\r\n"${b}";"theft.car";2015-05;6\r\n`;
    const result = await importObservatoryFile(ctx.db, { file: file(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")])), grain: "aggregated", source: "test-utf16" });
    assert.deepEqual(result.errors, []);
    assert.equal(result.batchKey, "test-utf16|aggregated|2015-04-01|2015-05-31");
    assert.deepEqual((await counts(result.batchId!)).map((r) => [r.neighbourhood_code, r.count]), [[a, 5], [b, 6]]);
  });

  it("refuses an importing user who does not exist, writing nothing", async () => {
    await assert.rejects(importObservatoryFile(ctx.db, { file: file(`neighbourhood;category;month;count\n${a};theft;2014-03;1\n`), grain: "aggregated", source: "test-user", importedBy: 999_999 }), /not a user/);
    assert.equal((await ctx.db.selectFrom("observatory_batches").select("id").where("source", "=", "test-user").execute()).length, 0);
  });

  it("leaves foreign keys enforced after an import, whatever its outcome", async (t) => {
    if (ctx.dialect !== "sqlite") return t.skip("SQLite only: the import turns enforcement off on its connection");
    const enforced = async () => Number((await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(ctx.db)).rows[0]!.foreign_keys);
    await importObservatoryFile(ctx.db, { file: file(`neighbourhood;category;month;count\n${a};theft;2014-01;1\n`), grain: "aggregated", source: "test-fk" });
    assert.equal(await enforced(), 1);
    await importObservatoryFile(ctx.db, { file: file(`neighbourhood;category;month;count\n${a};nope;2014-01;1\n`), grain: "aggregated", source: "test-fk-bad" });
    assert.equal(await enforced(), 1);
    await assert.rejects(importObservatoryFile(ctx.db, { file: file(`neighbourhood;category;month;count\n${a};theft;2014-02;1\n`), grain: "aggregated", source: "test-fk-throw", onProgress: () => { throw new Error("stop"); } }), /stop/);
    assert.equal(await enforced(), 1);
    await assert.rejects(sql`insert into crime_counts (batch_id, neighbourhood_code, category_id, month, count) values (999999, ${a}, 1, '2014-01', 1)`.execute(ctx.db), /FOREIGN KEY/);
  });

  it("reports a missing column once, not once per row", async () => {
    const result = await importObservatoryFile(ctx.db, { file: file(`neighbourhood;category;count\n${a};theft.car;1\n`), grain: "aggregated", source: "test-header" });
    assert.deepEqual(result.errors.map((e) => [e.row, e.column, e.key]), [[1, "month", "observatoryImport.error.missingColumn"]]);
  });
}, { seeded: true, demo: false });
