/**
 * The annual report from its manifest, on the synthetic demo batch: manifest (period,
 * canonical hash, file round trip), figures against an independent aggregation of the raw
 * rows, disclosure control, hot spots and zones, the PDF read back (FR and NL) and
 * byte-identical, the XLSX annex against the figures, and the refusals when data changed.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, it } from "node:test";
import ExcelJS from "exceljs";
import { forEachDatabase } from "../../../../test/helpers/databases.js";
import { rejectsWithKey } from "../../../../test/helpers/assertions.js";
import { pdfText } from "../../../../test/helpers/pdf.js";
import type { Db } from "../../../server/db/database.js";
import { AppError } from "../../../shared/errors.js";
import { DEMO_BATCH_KEY, seedObservatoryDemo } from "../demo/demo.seed.js";
import { importObservatoryFile } from "../import/import.service.js";
import { publicScope, yearTables } from "../public.service.js";
import { analysisWeights, proposePriorityZones } from "../priority-zones.js";
import { buildManifest, manifestFile, parseManifest, type SignedManifest } from "./manifest.js";
import { regenerate } from "./publication.service.js";
import { reportFigures, type ReportFigures } from "./report-data.js";
import { canonicalJson, sha256Of, shapesOf } from "./report-inputs.js";

const dir = mkdtempSync(join(tmpdir(), "vigil-report-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

/** Imports aggregated counts of 2018 as one batch of `source`; returns its id. */
async function importCounts(db: Db, source: string, rows: [number, string, string, number][]): Promise<number> {
  const path = join(dir, `counts-${++files}.csv`);
  writeFileSync(path, `neighbourhood;category;month;count\n${rows.map((r) => r.join(";")).join("\n")}\n`);
  const result = await importObservatoryFile(db, { file: path, grain: "aggregated", source, periodStart: "2018-01-01", periodEnd: "2018-12-31" });
  assert.ok(result.ok, JSON.stringify(result.errors.slice(0, 3)));
  return result.batchId!;
}


forEachDatabase("observatory annual report", (ctx) => {
  let demoBatch: number;
  let manifest: SignedManifest;
  let figures: ReportFigures;

  before(async () => {
    await ctx.db.transaction().execute((trx) => seedObservatoryDemo(trx));
    demoBatch = (await ctx.db.selectFrom("observatory_batches").select("id").where("batch_key", "=", DEMO_BATCH_KEY).executeTakeFirstOrThrow()).id;
    // decisions on theft zones: one before any manifest, one on a neighbourhood not proposed, one far in the future
    const decision = (code: number, status: string, decidedAt: string) => ({
      run_key: "test-run", category_group: "theft", neighbourhood_code: code, evidence: "{}", status, reason: "test", decided_by: null, decided_at: decidedAt, created_at: "2019-01-01T00:00:00.000Z",
    });
    await ctx.db.insertInto("priority_zone_proposals").values([decision(1, "accepted", "2019-02-01T10:00:00.000Z"), decision(60, "rejected", "2019-02-02T10:00:00.000Z"), decision(2, "accepted", "2100-01-01T00:00:00.000Z")]).execute();
    manifest = await buildManifest(ctx.db, { year: 2018, batchIds: [demoBatch], createdAt: new Date("2019-03-01T09:30:00Z") });
    figures = await reportFigures(ctx.db, manifest);
  });

  it("builds the manifest: period year - 9 clipped to the data, settings, canonical sha256, file round trip", async () => {
    assert.deepEqual(manifest.period, { from: 2009, to: 2018 });
    assert.deepEqual(manifest.batches.map((b) => [b.id, b.batchKey, b.synthetic]), [[demoBatch, DEMO_BATCH_KEY, true]]);
    assert.deepEqual(manifest.categories, ["theft", "damage", "physical_integrity", "drugs"]);
    assert.equal(manifest.mapCategory, "theft");
    assert.equal(manifest.population.vintage.length, 10);
    assert.ok(manifest.population.vintage.every((v) => v.populationYear === v.year));
    assert.deepEqual([manifest.hotSpots.permutations, manifest.hotSpots.seed, manifest.hotSpots.alpha, manifest.hotSpots.knn], [999, 2018, 0.05, 6]);
    assert.deepEqual([manifest.priorityZones.years, manifest.priorityZones.required], [5, 3]);
    assert.equal(manifest.software.name, "vigil");
    const { sha256, ...content } = manifest;
    assert.equal(sha256, sha256Of(canonicalJson(content)));
    // key order does not change the hash
    const reversed = Object.fromEntries(Object.entries(content).reverse());
    assert.equal(sha256Of(canonicalJson(reversed)), sha256);
    assert.deepEqual(parseManifest(manifestFile(manifest)), manifest);
    const tampered = manifestFile({ ...manifest, hotSpots: { ...manifest.hotSpots, seed: 7 } });
    assert.throws(() => parseManifest(tampered), (err: unknown) => err instanceof AppError && err.options.fields?.[0]?.key === "observatoryReport.error.manifestHash");

    const short = await buildManifest(ctx.db, { year: 2012, batchIds: [demoBatch] });
    assert.deepEqual(short.period, { from: 2009, to: 2012 });
    const chosen = await buildManifest(ctx.db, { year: 2018, fromYear: 2016, batchIds: [demoBatch] });
    assert.deepEqual([chosen.period, chosen.priorityZones.years, chosen.priorityZones.required], [{ from: 2016, to: 2018 }, 3, 3]);
    await rejectsWithKey(buildManifest(ctx.db, { year: 2021 }), "validation_failed", "body.year", "observatoryReport.error.yearOutside");
    await rejectsWithKey(buildManifest(ctx.db, { year: 2015, fromYear: 2016 }), "validation_failed", "body.fromYear", "validation.too_big");
    await rejectsWithKey(buildManifest(ctx.db, { year: 2018, batchIds: [999_999] }), "validation_failed", "body.batchIds", "validation.unknown");
  });

  it("hides the same neighbourhood cells as the public page, so neither can be subtracted from the other", async () => {
    const scope = await publicScope(ctx.db);
    assert.deepEqual([scope.years[0], scope.years.at(-1)], [2009, 2018], "the demo's published report makes 2009-2018 public");
    // A published year whose table hides cells (2018 hides none in the demo series).
    const tables = await yearTables(ctx.db, scope, scope.years);
    const year = tables.find((t) => t.table.status.some((row) => row.some((s) => s !== "published")))!;
    assert.ok(year, "some published year hides cells");
    const report = await reportFigures(ctx.db, await buildManifest(ctx.db, { year: year.year, batchIds: [demoBatch] }));
    const columns = manifest.categories.map((code) => scope.categories.findIndex((c) => c.code === code));
    assert.ok(columns.every((k) => k >= 0));
    let hidden = 0;
    report.neighbourhoods.forEach((n, i) => {
      assert.equal(year.neighbourhoods[i]!.code, n.code);
      n.cells.forEach((cell, c) => {
        const published = year.table.status[i]![columns[c]!] === "published";
        assert.equal(cell.suppressed, !published, `${year.year}, neighbourhood ${n.code}, ${manifest.categories[c]}`);
        if (!published) hidden += 1;
      });
    });
    assert.ok(hidden > 0, `the ${year.year} table hides some of the report's cells`);
  });

  it("computes the regional series equal to an independent aggregation of the raw rows", async () => {
    const raw = await ctx.db
      .selectFrom("crime_counts as c")
      .innerJoin("crime_categories as k", "k.id", "c.category_id")
      .select(["k.code", "k.parent_id", "c.month", "c.count", "c.neighbourhood_code"])
      .where("c.batch_id", "=", demoBatch)
      .execute();
    const populations = await ctx.db.selectFrom("neighbourhood_population").select(["year", "population"]).where("year", ">=", 2009).where("year", "<=", 2018).execute();
    const expected = new Map<string, number>();
    for (const r of raw.filter((r) => r.parent_id === null)) {
      const key = `${r.code}|${r.month.slice(0, 4)}`;
      expected.set(key, (expected.get(key) ?? 0) + Number(r.count));
    }
    const residents = (year: number) => populations.filter((p) => p.year === year).reduce((s, p) => s + (p.population ?? 0), 0);
    for (const c of figures.categories) {
      assert.equal(c.series.length, 10);
      for (const p of c.series) {
        assert.equal(p.count, expected.get(`${c.code}|${p.year}`) ?? 0, `${c.code} ${p.year}`);
        assert.equal(p.population, residents(p.year));
        assert.equal(p.rate, (1000 * p.count!) / p.population);
      }
      assert.equal(c.overPeriod!.countChange, c.series[9]!.count! / c.series[0]!.count! - 1);
      assert.deepEqual([c.lastYear!.fromYear, c.lastYear!.toYear], [2017, 2018]);
    }
    // the generator lowers theft by 26 % over 2009-2018 while the population grows: a falling trend
    const theft = figures.categories.find((c) => c.code === "theft")!;
    assert.equal(theft.trend!.direction, "down");
    assert.ok(theft.overPeriod!.countChange! < -0.2 && theft.overPeriod!.significant);
    assert.equal(figures.context.population, residents(2018));
    assert.deepEqual([figures.context.neighbourhoods, figures.context.residential, figures.context.municipalities], [145, 118, 19]);
    assert.equal(figures.synthetic, true);

    // neighbourhood counts of 2018 (nothing below 5 in the demo: nothing suppressed)
    const theft2018 = new Map<number, number>();
    for (const r of raw.filter((r) => r.code === "theft" && r.month.startsWith("2018"))) theft2018.set(r.neighbourhood_code, (theft2018.get(r.neighbourhood_code) ?? 0) + Number(r.count));
    for (const n of figures.neighbourhoods) {
      assert.equal(n.cells[0]!.count, theft2018.get(n.code) ?? 0);
      const cell = n.cells[0]!;
      if (cell.smoothed !== null) {
        // Empirical Bayes shrinks each rate towards the regional one: it lies between them
        const regional = (1000 * [...theft2018.values()].reduce((s, v) => s + v, 0)) / residents(2018);
        const [lo, hi] = [Math.min(cell.rate!, regional), Math.max(cell.rate!, regional)];
        assert.ok(cell.smoothed >= lo - 1e-9 && cell.smoothed <= hi + 1e-9, `neighbourhood ${n.code}`);
      }
    }
  });

  it("finds the planted hot spots (Pentagon) with Gi*, as the zone engine does, and the decisions up to the manifest's date", async () => {
    const byCode = new Map(figures.hotSpots.map((h) => [h.code, h]));
    assert.equal(figures.hotSpots.length, 118);
    for (let code = 1; code <= 10; code++) assert.ok(byCode.get(code)!.bin >= 2, `neighbourhood ${code}: bin ${byCode.get(code)!.bin}`);
    // the same test through the priority-zone engine (one year, smoothed rates) gives the same z, p and q
    const residential = (await ctx.db.selectFrom("neighbourhoods").select("code").where("kind", "=", "residential").orderBy("code").execute()).map((r) => r.code);
    const shapes = await shapesOf(ctx.db, "neighbourhoods", "geometry");
    const weights = analysisWeights(residential.map((code) => ({ code, shape: shapes.get(code)! })), 6);
    const observations = figures.neighbourhoods
      .filter((n) => n.kind === "residential")
      .map((n) => ({ code: n.code, year: 2018, count: n.cells[0]!.count!, population: n.population }));
    const engine = proposePriorityZones(observations, weights, { years: 1, required: 1, permutations: 999, seed: 2018, alpha: 0.05, lastYear: 2018 });
    for (const unit of engine.assessed) {
      const queen = unit.evidence[0]!.tests["smoothed/queen"];
      const spot = byCode.get(unit.code)!;
      assert.deepEqual([spot.queen?.z, spot.queen?.p, spot.queen?.q], [queen?.z, queen?.p, queen?.q], `neighbourhood ${unit.code}`);
      assert.equal(spot.knn?.z, unit.evidence[0]!.tests["smoothed/knn"]?.z);
    }
    const zones = new Map(figures.priorityZones.zones.map((z) => [z.code, z]));
    assert.deepEqual(figures.priorityZones.years, [2014, 2015, 2016, 2017, 2018]);
    assert.ok(zones.has(1) && zones.has(2), [...zones.keys()].join(","));
    assert.deepEqual(zones.get(1)!.decision, { code: 1, status: "accepted", decidedAt: "2019-02-01T10:00:00.000Z" });
    assert.equal(zones.get(2)!.decision, null, "a decision after the manifest's date is not shown");
    assert.deepEqual(figures.priorityZones.otherDecisions, [{ code: 60, status: "rejected", decidedAt: "2019-02-02T10:00:00.000Z" }]);
  });

  it("writes the French PDF with the French title, labels, synthetic banner and manifest hash, and the Dutch one in Dutch", async () => {
    const report = await regenerate(ctx.db, manifest);
    const fr = await pdfText(await report.pdf("fr"));
    const all = fr.pages.join(" ");
    assert.ok(fr.pages[0]!.includes("Rapport annuel 2018 de l’Observatoire bruxellois de la sécurité"), fr.pages[0]);
    assert.ok(fr.pages[0]!.includes("Données synthétiques de démonstration"));
    assert.ok(fr.pages[0]!.includes(manifest.sha256));
    assert.ok(fr.pages[0]!.includes("Établi le 01/03/2019"));
    for (const text of ["Contexte", "Évolution par catégorie", "Vols et extorsions", "Atteinte à l'intégrité physique", "Points chauds et froids", "Zones d’intervention prioritaires", "Méthodes", "acceptée le 01/02/2019", "Lot synthetic-demo", manifest.inputsSha256]) {
      assert.ok(all.includes(text) || all.toLowerCase().includes(text.toLowerCase()), text);
    }
    assert.ok(!all.includes("Diefstal en afpersing"));
    fr.pages.forEach((text, i) => assert.ok(text.includes(`p. ${i + 1} / ${fr.pages.length}`), `page ${i + 1}`));

    const nl = (await pdfText(await report.pdf("nl"))).pages.join(" ");
    for (const text of ["Jaarverslag 2018 van het Brussels Observatorium voor Veiligheid", "Diefstal en afpersing", "Synthetische demonstratiegegevens", "Prioritaire interventiezones", "aanvaard op 01/02/2019"]) {
      assert.ok(nl.includes(text), text);
    }
    assert.ok(!nl.includes("Vols et extorsions"));
  });

  it("regenerates deepEqual figures and a byte-identical PDF from the same manifest, dated by the manifest", async () => {
    const again = await reportFigures(ctx.db, parseManifest(manifestFile(manifest)));
    assert.deepEqual(again, figures);
    const first = await (await regenerate(ctx.db, manifest)).pdf("fr");
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = await (await regenerate(ctx.db, parseManifest(manifestFile(manifest)))).pdf("fr");
    assert.ok(first.equals(second), "two renderings of one manifest differ");
    const { info } = await pdfText(first);
    assert.match(String(info.CreationDate), /^D:20190301093000/);
    assert.match(String(info.ModDate), /^D:20190301093000/);
    const other = await buildManifest(ctx.db, { year: 2018, batchIds: [demoBatch], createdAt: new Date("2019-03-02T09:30:00Z") });
    assert.notEqual(other.sha256, manifest.sha256);
    assert.deepEqual((await reportFigures(ctx.db, other)).categories, figures.categories);
  });

  it("writes the XLSX annex with the figures of report-data, one sheet per table", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await (await regenerate(ctx.db, manifest)).annex("fr")) as never);
    assert.deepEqual(workbook.worksheets.map((s) => s.name), ["Séries régionales", "Tendances", "Quartiers 2018", "Points chauds 2018", "Zones prioritaires", "Manifeste"]);
    const [series, trends, places, spots, zones, facts] = workbook.worksheets as ExcelJS.Worksheet[];
    const rows = (sheet: ExcelJS.Worksheet) => sheet.getRows(2, sheet.actualRowCount - 1) ?? [];
    const values = (sheet: ExcelJS.Worksheet) => rows(sheet).map((r) => (r.values as unknown[]).slice(1));
    assert.deepEqual(
      values(series!).map((v) => [v[0], v[2], v[3], v[4], v[5]]),
      figures.categories.flatMap((c) => c.series.map((p) => [c.code, p.year, p.count, p.population, p.rate])),
    );
    assert.equal(rows(trends!).length, figures.categories.length * 2);
    assert.deepEqual(values(trends!)[0]!.slice(5, 8), [figures.categories[0]!.overPeriod!.countChange, figures.categories[0]!.overPeriod!.rateRatio, figures.categories[0]!.overPeriod!.pValue]);
    const blank = (v: number | null) => v ?? undefined; // an empty cell reads back as undefined
    const cells = figures.neighbourhoods.flatMap((n) => n.cells.map((c, i) => [n.code, blank(n.population), figures.categories[i]!.code, blank(c.count), blank(c.rate), blank(c.smoothed)]));
    assert.deepEqual(values(places!).map((v) => [v[0], v[4], v[5], v[6], v[7], v[8]]), cells);
    assert.deepEqual(values(spots!).map((v) => [v[0], v[2], v[3], v[5], v[11]]), figures.hotSpots.map((h) => [h.code, h.rate, h.queen?.z, h.queen?.q, h.bin]));
    assert.deepEqual(values(zones!).map((v) => v[0]), [...figures.priorityZones.zones.map((z) => z.code), 60]);
    const manifestRows = new Map(values(facts!).map((v) => [v[0], v[1]]));
    assert.equal(manifestRows.get("sha256"), manifest.sha256);
    assert.equal(manifestRows.get("batches.0.sha256"), manifest.batches[0]!.sha256);
    assert.equal(manifestRows.get("hotSpots.permutations"), 999);
  });

  it("suppresses small neighbourhood counts and their complements in the tables", async () => {
    const fraud = await importCounts(ctx.db, "test-fraud", [[1, "fraud", "2018-03", 2], ...[2, 3, 4, 5, 6, 7, 8].map((code): [number, string, string, number] => [code, "fraud", "2018-05", 30 + code])]);
    const both = await buildManifest(ctx.db, { year: 2018, batchIds: [demoBatch, fraud] });
    assert.deepEqual(both.categories, ["theft", "damage", "physical_integrity", "drugs", "fraud"]);
    const result = await reportFigures(ctx.db, both);
    const row = result.neighbourhoods.find((n) => n.code === 1)!;
    assert.deepEqual(row.cells[4], { count: null, rate: null, smoothed: null, suppressed: true });
    assert.ok(row.cells.filter((c) => c.suppressed).length >= 2, "a second cell of the row hides it from the row total");
    assert.ok(result.neighbourhoods.filter((n) => n.cells[4]!.suppressed).length >= 2, "a second cell of the column hides it from the column total");
    assert.ok(result.neighbourhoods.every((n) => n.cells.every((c) => c.suppressed === (c.count === null))));
    assert.equal(result.categories[4]!.series.at(-1)!.count, 2 + [2, 3, 4, 5, 6, 7, 8].reduce((s, c) => s + 30 + c, 0), "the regional total stays published");
  });

  it("does not publish a regional yearly count below the threshold, nor its rate and the changes from it", async () => {
    const rare = await importCounts(ctx.db, "test-rare", [[1, "weapons", "2018-03", 1], [2, "weapons", "2018-07", 2]]);
    const withRare = await buildManifest(ctx.db, { year: 2018, batchIds: [demoBatch, rare] });
    const result = await reportFigures(ctx.db, withRare);
    const weapons = result.categories.find((c) => c.code === "weapons")!;
    assert.deepEqual(weapons.series.at(-1), { year: 2018, count: null, population: weapons.series.at(-1)!.population, rate: null, suppressed: true });
    assert.equal(weapons.lastYear, null);
    assert.ok(result.categories.filter((c) => c.code !== "weapons").every((c) => c.series.every((p) => !p.suppressed && p.count !== null)));
    const text = (await pdfText(await (await regenerate(ctx.db, withRare)).pdf("fr"))).pages.join(" ");
    assert.ok(text.includes("< 5"), "the PDF shows the suppression marker");
  });

  it("refuses to regenerate when a batch of the manifest was imported again with other content, or is gone, or its rows changed", async () => {
    const rows: [number, string, string, number][] = [[3, "weapons", "2018-02", 12], [4, "weapons", "2018-04", 9]];
    const batch = await importCounts(ctx.db, "test-refuse", rows);
    const frozen = await buildManifest(ctx.db, { year: 2018, batchIds: [demoBatch, batch] });
    await reportFigures(ctx.db, frozen);
    await importCounts(ctx.db, "test-refuse", [[3, "weapons", "2018-02", 13], [4, "weapons", "2018-04", 9]]);
    await rejectsWithKey(reportFigures(ctx.db, frozen), "conflict", "manifest.batches.1", "observatoryReport.error.batchChanged");
    await assert.rejects(reportFigures(ctx.db, frozen), (err: unknown) => err instanceof AppError && err.options.fields?.[0]?.params?.batch === "test-refuse|aggregated|2018-01-01|2018-12-31");

    const gone = await importCounts(ctx.db, "test-gone", rows);
    const withGone = await buildManifest(ctx.db, { year: 2018, batchIds: [demoBatch, gone] });
    await ctx.db.deleteFrom("crime_counts").where("batch_id", "=", gone).execute();
    await ctx.db.deleteFrom("observatory_batches").where("id", "=", gone).execute();
    await rejectsWithKey(reportFigures(ctx.db, withGone), "conflict", "manifest.batches.1", "observatoryReport.error.batchMissing");

    // rows edited behind the batch's back (same batch, same sha256): the data fingerprint differs
    const rollback = new Error("rollback");
    await ctx.db
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable("crime_counts").set({ count: 1000 }).where("batch_id", "=", demoBatch).where("neighbourhood_code", "=", 1).where("month", "=", "2018-01").execute();
        await rejectsWithKey(reportFigures(trx, manifest), "conflict", "manifest.inputsSha256", "observatoryReport.error.inputsChanged");
        throw rollback;
      })
      .catch((err: unknown) => {
        if (err !== rollback) throw err;
      });
    assert.deepEqual(await reportFigures(ctx.db, manifest), figures);
  });

  it("refuses to count two batches that hold the same category in the same month", async () => {
    const double = await importCounts(ctx.db, "test-double", [[1, "theft", "2018-06", 7]]);
    await rejectsWithKey(buildManifest(ctx.db, { year: 2018, batchIds: [demoBatch, double] }), "validation_failed", "body.batchIds", "observatoryReport.error.doubleCount");
    await assert.rejects(buildManifest(ctx.db, { year: 2018, batchIds: [demoBatch, double] }), (err: unknown) => {
      assert.deepEqual((err as AppError).options.fields?.[0]?.params, { category: "theft", month: "2018-06", first: DEMO_BATCH_KEY, second: "test-double|aggregated|2018-01-01|2018-12-31" });
      return true;
    });
    const alone = await buildManifest(ctx.db, { year: 2018, batchIds: [double] });
    assert.deepEqual([alone.period, alone.categories, alone.priorityZones.years], [{ from: 2018, to: 2018 }, ["theft"], 1]);
  });
});
