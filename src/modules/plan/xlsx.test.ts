/** The measures workbook on a real database: export, round trip, field-level preview, all-or-nothing apply, error report. */
import assert from "node:assert/strict";
import { it } from "node:test";
import ExcelJS from "exceljs";
import type { Db } from "../../server/db/database.js";
import { AppError } from "../../shared/errors.js";
import type { Locale } from "../../shared/locale.js";
import { listAudit } from "../audit/audit.service.js";
import { forEachDatabase } from "../../../test/helpers/databases.js";
import { agencyAdmin, organisationIdOf } from "../../../test/helpers/access.builders.js";
import { buildMeasure, buildPlan, type BuiltPlan } from "../../../test/helpers/plan.builders.js";
import { applyImport } from "./xlsx-apply.js";
import { columnKeys } from "./xlsx-columns.js";
import { importErrorReportXlsx } from "./xlsx-errors.js";
import { exportMeasuresXlsx } from "./xlsx-export.js";
import { previewImport } from "./xlsx-import.js";
import { readWorkbook } from "./xlsx-read.js";

async function load(bytes: Uint8Array | Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as never);
  return workbook;
}
const bytesOf = async (workbook: ExcelJS.Workbook) => new Uint8Array(await workbook.xlsx.writeBuffer());

/** The 1-based column of a column key in an exported sheet (the export writes them in `columnKeys` order). */
const col = (key: (typeof columnKeys)[number]) => columnKeys.indexOf(key) + 1;

/** A plan with two measures using every kind of column: partners, goals, priorities, territories. */
async function planWithMeasures(db: Db) {
  const plan = await buildPlan(db, { themes: 3 });
  const a = await buildMeasure(db, plan, { leadOrganisationCode: "mun-21001", status: "in_progress", progress: 40 });
  const b = await buildMeasure(db, plan, { themeId: plan.themes[1]!, pillar: "reaction", status: "planned", weight: 2.5 });
  await db.insertInto("plan_measure_partners").values([
    { measure_id: a.id, organisation_id: await organisationIdOf(db, "stib") },
    { measure_id: a.id, organisation_id: await organisationIdOf(db, "pz-5341") },
  ]).execute();
  await db.insertInto("plan_measure_goals").values([{ measure_id: a.id, goal_id: plan.goals[2]! }, { measure_id: a.id, goal_id: plan.goals[0]! }]).execute();
  await db.insertInto("plan_measure_priorities").values({ measure_id: b.id, priority_id: plan.priorities[4]! }).execute();
  const neighbourhood = await db.selectFrom("neighbourhoods").select("code").orderBy("code").executeTakeFirstOrThrow();
  await db.updateTable("plan_measures").set({ scope: "territories", title_fr: "Médiation à l’école — été", title_nl: "Bemiddeling op school — coördinatie" }).where("id", "=", b.id).execute();
  await db.insertInto("plan_measure_territories").values([
    { measure_id: b.id, level: "neighbourhood", code: Number(neighbourhood.code) },
    { measure_id: b.id, level: "municipality", code: 21004 },
  ]).execute();
  return { plan, a, b, neighbourhood: Number(neighbourhood.code) };
}

/** Finds the row of a measure code in the first sheet. */
function rowOf(sheet: ExcelJS.Worksheet, code: string): ExcelJS.Row {
  for (let r = 2; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(1).value === code) return sheet.getRow(r);
  throw new Error(`no row for ${code}`);
}

forEachDatabase("plan XLSX round trip", (ctx) => {
  const preview = async (plan: BuiltPlan, bytes: Uint8Array, lang: Locale = "en") => previewImport(ctx.db, plan.id, await readWorkbook(bytes), lang);
  const apply = async (plan: BuiltPlan, bytes: Uint8Array) => {
    const admin = await agencyAdmin(ctx.db);
    const sheet = await readWorkbook(bytes);
    return ctx.db.transaction().execute((trx) => applyImport(trx, admin, plan.id, sheet, "fr"));
  };

  it("exports one documented row per measure, headers in French or Dutch, header row frozen, drop-downs on the vocabularies", async () => {
    const { plan, a, b, neighbourhood } = await planWithMeasures(ctx.db);
    const fr = await load((await exportMeasuresXlsx(ctx.db, plan.id, "fr")).content);
    assert.deepEqual(fr.worksheets.map((s) => s.name), ["Mesures", "Colonnes"]);
    const sheet = fr.worksheets[0]!;
    assert.equal(sheet.getRow(1).getCell(col("status")).value, "Statut");
    assert.equal(sheet.getRow(1).getCell(col("lead")).value, "Organisation pilote");
    assert.equal(sheet.views[0]?.state, "frozen");
    assert.equal(sheet.views[0]?.ySplit, 1);
    assert.equal(sheet.actualRowCount, 3);
    const rowA = rowOf(sheet, a.code);
    assert.equal(rowA.getCell(col("theme")).value, 1);
    assert.equal(rowA.getCell(col("lead")).value, "mun-21001");
    assert.equal(rowA.getCell(col("partners")).value, "pz-5341, stib");
    assert.equal(rowA.getCell(col("goals")).value, "1, 3");
    assert.equal(rowA.getCell(col("progress")).value, 40);
    assert.equal(rowA.getCell(col("status")).value, "in_progress");
    const rowB = rowOf(sheet, b.code);
    assert.equal(rowB.getCell(col("titleFr")).value, "Médiation à l’école — été");
    assert.equal(rowB.getCell(col("territories")).value, `municipality:21004, neighbourhood:${neighbourhood}`);
    assert.equal(rowB.getCell(col("weight")).value, 2.5);
    assert.equal(rowB.getCell(col("priorities")).value, "5");
    const validation = rowA.getCell(col("status")).dataValidation;
    assert.equal(validation?.type, "list");
    assert.match(String(validation?.formulae?.[0]), /planned,in_progress,done,delayed,stopped/);
    assert.equal(rowA.getCell(col("pillar")).dataValidation?.type, "list");

    const columns = fr.worksheets[1]!;
    assert.equal(columns.getRow(1).getCell(1).value, "Colonne");
    assert.equal(columns.getRow(1 + col("status")).getCell(1).value, "Statut");
    assert.match(String(columns.getRow(1 + col("status")).getCell(3).value), /in_progress/);
    assert.match(String(columns.getRow(1 + col("theme")).getCell(3).value), /1, 2, 3/);

    const nl = await load((await exportMeasuresXlsx(ctx.db, plan.id, "nl")).content);
    assert.deepEqual(nl.worksheets.map((s) => s.name), ["Maatregelen", "Kolommen"]);
    assert.equal(nl.worksheets[0]!.getRow(1).getCell(col("lead")).value, "Trekkende organisatie");
  });

  it("finds zero changes when the exported file comes back unchanged, in either language", async () => {
    const { plan } = await planWithMeasures(ctx.db);
    for (const lang of ["fr", "nl"] as const) {
      const file = await exportMeasuresXlsx(ctx.db, plan.id, lang);
      const result = await preview(plan, file.content);
      assert.deepEqual(result.errors, []);
      assert.deepEqual(result.changes, []);
      assert.deepEqual(result.summary, { rows: 2, changed: 0, unchanged: 2, created: 0, errors: 0 });
    }
  });

  it("lists exactly the two edited cells, applies them with one audit entry per measure, then the file matches again", async () => {
    const { plan, a, b } = await planWithMeasures(ctx.db);
    const workbook = await load((await exportMeasuresXlsx(ctx.db, plan.id, "fr")).content);
    const sheet = workbook.worksheets[0]!;
    rowOf(sheet, a.code).getCell(col("status")).value = "done";
    rowOf(sheet, b.code).getCell(col("titleNl")).value = "Coördinatie van de bemiddeling";
    const bytes = await bytesOf(workbook);

    const result = await preview(plan, bytes);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      result.changes.map(({ code, field, before, after }) => ({ code, field, before, after })),
      [
        { code: a.code, field: "status", before: "in_progress", after: "done" },
        { code: b.code, field: "titleNl", before: "Bemiddeling op school — coördinatie", after: "Coördinatie van de bemiddeling" },
      ],
    );
    assert.deepEqual(result.summary, { rows: 2, changed: 2, unchanged: 0, created: 0, errors: 0 });
    const unchangedInDryRun = await ctx.db.selectFrom("plan_measures").select("status").where("id", "=", a.id).executeTakeFirstOrThrow();
    assert.equal(unchangedInDryRun.status, "in_progress");

    await apply(plan, bytes);
    const after = await ctx.db.selectFrom("plan_measures").select(["id", "status", "title_nl"]).where("plan_id", "=", plan.id).execute();
    assert.equal(after.find((m) => m.id === a.id)?.status, "done");
    assert.equal(after.find((m) => m.id === b.id)?.title_nl, "Coördinatie van de bemiddeling");
    const auditA = await listAudit(ctx.db, { entityType: "measure", entityId: String(a.id), limit: 10 });
    assert.equal(auditA.length, 1);
    assert.equal(auditA[0]!.action, "measure.import_updated");
    assert.deepEqual(auditA[0]!.diff, { status: ["in_progress", "done"] });
    assert.equal((await listAudit(ctx.db, { entityType: "measure", entityId: String(b.id), limit: 10 })).length, 1);

    const again = await preview(plan, (await exportMeasuresXlsx(ctx.db, plan.id, "nl")).content);
    assert.equal(again.changes.length, 0);
    assert.equal((await preview(plan, bytes)).changes.length, 0);
  });

  it("replaces partners, goals and territories from their cells, and creates a measure for an unknown code", async () => {
    const { plan, a } = await planWithMeasures(ctx.db);
    const workbook = await load((await exportMeasuresXlsx(ctx.db, plan.id, "fr")).content);
    const sheet = workbook.worksheets[0]!;
    const row = rowOf(sheet, a.code);
    row.getCell(col("partners")).value = "asbl-mediation";
    row.getCell(col("goals")).value = "2;4";
    const code = `N-${Date.now().toString(36)}`;
    const values: unknown[] = [];
    Object.assign(values, {
      [col("code")]: code, [col("theme")]: 3, [col("titleFr")]: "Nouvelle mesure", [col("titleNl")]: "Nieuwe maatregel",
      [col("pillar")]: "Analyse et évaluation", [col("approach")]: "territorial", [col("lead")]: "STIB", [col("partners")]: "",
      [col("status")]: "En cours", [col("progress")]: 10, [col("weight")]: "1,5", [col("scope")]: "territories", [col("territories")]: "police_zone:5341",
    });
    sheet.getRow(4).values = values as ExcelJS.CellValue[];
    const result = await preview(plan, await bytesOf(workbook));
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.summary, { rows: 3, changed: 1, unchanged: 1, created: 1, errors: 0 });
    assert.deepEqual(
      result.changes.filter((c) => c.code === a.code).map((c) => [c.field, c.before, c.after]),
      [["partners", "pz-5341, stib", "asbl-mediation"], ["goals", "1, 3", "2, 4"]],
    );
    const created = result.changes.filter((c) => c.code === code);
    assert.ok(created.every((c) => c.before === null));
    assert.deepEqual(created.find((c) => c.field === "pillar")?.after, "analysis_evaluation");
    assert.deepEqual(created.find((c) => c.field === "lead")?.after, "stib");

    await apply(plan, await bytesOf(workbook));
    const partners = await ctx.db.selectFrom("plan_measure_partners").select("organisation_id").where("measure_id", "=", a.id).execute();
    assert.deepEqual(partners.map((p) => p.organisation_id), [await organisationIdOf(ctx.db, "asbl-mediation")]);
    const made = await ctx.db.selectFrom("plan_measures").selectAll().where("plan_id", "=", plan.id).where("code", "=", code).executeTakeFirstOrThrow();
    assert.equal(made.theme_id, plan.themes[2]);
    assert.equal(made.status, "in_progress");
    assert.equal(made.weight, 1.5);
    assert.equal(made.lead_organisation_id, await organisationIdOf(ctx.db, "stib"));
    const territories = await ctx.db.selectFrom("plan_measure_territories").select(["level", "code"]).where("measure_id", "=", made.id).execute();
    assert.deepEqual(territories.map((t) => [t.level, Number(t.code)]), [["police_zone", 5341]]);
    const audit = await listAudit(ctx.db, { entityType: "measure", entityId: String(made.id), limit: 10 });
    assert.deepEqual(audit.map((e) => e.action), ["measure.import_created"]);
    assert.equal((await preview(plan, (await exportMeasuresXlsx(ctx.db, plan.id, "fr")).content)).changes.length, 0);
  });

  it("collects every row error with its row and column, and then writes nothing", async () => {
    const { plan, a, b } = await planWithMeasures(ctx.db);
    const workbook = await load((await exportMeasuresXlsx(ctx.db, plan.id, "fr")).content);
    const sheet = workbook.worksheets[0]!;
    const rowA = rowOf(sheet, a.code);
    rowA.getCell(col("theme")).value = 9;
    rowA.getCell(col("lead")).value = "nobody-here";
    rowA.getCell(col("status")).value = "finished";
    rowA.getCell(col("progress")).value = 150;
    const rowB = rowOf(sheet, b.code);
    rowB.getCell(col("titleFr")).value = "";
    rowB.getCell(col("progress")).value = 12.5;
    rowB.getCell(col("territories")).value = "municipality:99999, planet:3";
    rowB.getCell(col("goals")).value = "7";
    const copy = sheet.getRow(4);
    copy.values = rowA.values as ExcelJS.CellValue[];
    copy.getCell(col("theme")).value = 2;
    const bytes = await bytesOf(workbook);

    const result = await preview(plan, bytes, "fr");
    const found = result.errors.map((e) => [e.row, e.column, e.code]);
    assert.deepEqual(found, [
      [rowA.number, "N° thème", "unknownTheme"],
      [rowA.number, "Statut", "badValue"],
      [rowA.number, "Organisation pilote", "unknownOrganisation"],
      [rowA.number, "Avancement", "badProgress"],
      [rowB.number, "Titre FR", "required"],
      [rowB.number, "Objectifs", "unknownGoal"],
      [rowB.number, "Avancement", "badProgress"],
      [rowB.number, "Territoires", "unknownTerritory"],
      [rowB.number, "Territoires", "badTerritory"],
      [4, "Code", "duplicateCode"],
    ]);
    assert.equal(result.summary.errors, 10);
    assert.deepEqual(result.errors.at(-1)!.params, { value: a.code, firstRow: rowA.number });

    const before = await ctx.db.selectFrom("plan_measures").selectAll().where("plan_id", "=", plan.id).orderBy("id").execute();
    const error = await apply(plan, bytes).catch((e: unknown) => e);
    assert.ok(error instanceof AppError);
    assert.equal(error.code, "validation_failed");
    assert.equal(error.options.fields?.length, 10);
    assert.ok(error.options.fields?.every((f) => f.field === "body.file"));
    assert.deepEqual(error.options.fields?.[0]?.params, { row: rowA.number, column: "N° thème", value: "9" });
    assert.deepEqual(await ctx.db.selectFrom("plan_measures").selectAll().where("plan_id", "=", plan.id).orderBy("id").execute(), before);
  });

  it("answers 400 naming body.file for a body that is not a workbook, and reports a missing column", async () => {
    for (const garbage of [new TextEncoder().encode("code,theme\n1,2\n"), new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), new Uint8Array()]) {
      const error = await readWorkbook(garbage).catch((e: unknown) => e);
      assert.ok(error instanceof AppError);
      assert.equal(error.code, "validation_failed");
      assert.equal(error.options.fields?.[0]?.field, "body.file");
    }
    const { plan } = await planWithMeasures(ctx.db);
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Mesures").addRow(["Code", "Titre FR"]);
    const result = await preview(plan, await bytesOf(workbook), "fr");
    assert.ok(result.errors.some((e) => e.code === "missingColumn" && e.column === "Statut" && e.row === 1));
  });

  it("writes an error report: the uploaded rows with an Erreurs column holding each row's problems", async () => {
    const { plan, a, b } = await planWithMeasures(ctx.db);
    const workbook = await load((await exportMeasuresXlsx(ctx.db, plan.id, "nl")).content);
    const sheet = workbook.worksheets[0]!;
    rowOf(sheet, a.code).getCell(col("progress")).value = 101;
    const rowB = rowOf(sheet, b.code).number;
    const bytes = await bytesOf(workbook);
    const read = await readWorkbook(bytes);
    const result = await previewImport(ctx.db, plan.id, read, "fr");
    const report = await load(await importErrorReportXlsx(read, result.errors, "fr"));
    const out = report.worksheets[0]!;
    const errorColumn = columnKeys.length + 1;
    assert.equal(out.getRow(1).getCell(errorColumn).value, "Erreurs");
    assert.equal(out.getRow(1).getCell(col("lead")).value, "Trekkende organisatie");
    const rowA = rowOf(out, a.code);
    assert.match(String(rowA.getCell(errorColumn).value), /Avancement|Voortgang/);
    assert.match(String(rowA.getCell(errorColumn).value), /101/);
    assert.equal(out.getRow(rowB).getCell(errorColumn).value, null);
    assert.equal(out.getRow(rowB).getCell(col("code")).value, b.code);
    // The report itself imports: its error column is ignored.
    const again = await preview(plan, await bytesOf(report));
    assert.deepEqual(again.errors.map((e) => e.code), ["badProgress"]);
  });
});
