/**
 * Applying an import: all or nothing, in the caller's transaction. Any row in error
 * and nothing is written (400 with every problem); otherwise each changed or new
 * measure is written with one audit entry holding its field-level changes.
 */
import type { Transaction } from "kysely";
import { recordAudit } from "../audit/audit.service.js";
import type { Database } from "../../server/db/schema.js";
import type { WriteContext } from "../../server/http/context.js";
import { AppError } from "../../shared/errors.js";
import type { Locale } from "../../shared/locale.js";
import type { ColumnKey } from "./xlsx-columns.js";
import { previewImport, type ImportIssue, type ImportPreview, type ValidRow } from "./xlsx-import.js";
import type { SheetContent } from "./xlsx-read.js";

/** The row problems as a 400: each names the uploaded file, with its row and column. */
export function importRejected(issues: ImportIssue[]): AppError {
  return new AppError("validation_failed", {
    fields: issues.map((i) => ({ field: "body.file", key: `planFiles.import.${i.code}`, params: { row: i.row, column: i.column, ...i.params } })),
  });
}

/** Measure columns written from each spreadsheet column (lists are written by `writeLinks`). */
const columnOf: Partial<Record<ColumnKey, keyof Database["plan_measures"]>> = {
  titleFr: "title_fr",
  titleNl: "title_nl",
  descriptionFr: "description_fr",
  descriptionNl: "description_nl",
  pillar: "pillar",
  approach: "approach",
  status: "status",
  progress: "progress",
  weight: "weight",
  scope: "scope",
};

async function writeLinks(trx: Transaction<Database>, measureId: number, row: ValidRow, fields: Set<ColumnKey>, replace: boolean): Promise<void> {
  const links = [
    { field: "partners", table: "plan_measure_partners", column: "organisation_id", ids: row.partnerIds },
    { field: "goals", table: "plan_measure_goals", column: "goal_id", ids: row.goalIds },
    { field: "priorities", table: "plan_measure_priorities", column: "priority_id", ids: row.priorityIds },
  ] as const;
  for (const link of links) {
    if (!fields.has(link.field)) continue;
    if (replace) await trx.deleteFrom(link.table).where("measure_id", "=", measureId).execute();
    if (link.ids.length) {
      await trx.insertInto(link.table).values(link.ids.map((id) => ({ measure_id: measureId, [link.column]: id }) as never)).execute();
    }
  }
  if (fields.has("territories")) {
    if (replace) await trx.deleteFrom("plan_measure_territories").where("measure_id", "=", measureId).execute();
    if (row.territories.length) {
      await trx.insertInto("plan_measure_territories").values(row.territories.map((t) => ({ measure_id: measureId, level: t.level, code: t.code }))).execute();
    }
  }
}

async function createMeasure(trx: Transaction<Database>, ctx: WriteContext, planId: number, row: ValidRow, now: string): Promise<void> {
  const { target } = row;
  const { id } = await trx
    .insertInto("plan_measures")
    .values({
      plan_id: planId,
      theme_id: row.themeId,
      code: String(target.code),
      title_fr: String(target.titleFr),
      title_nl: String(target.titleNl),
      description_fr: String(target.descriptionFr),
      description_nl: String(target.descriptionNl),
      pillar: String(target.pillar),
      approach: String(target.approach),
      lead_organisation_id: row.leadId,
      status: String(target.status),
      progress: Number(target.progress),
      weight: Number(target.weight),
      scope: String(target.scope),
      is_demo: 0,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await writeLinks(trx, id, row, new Set(["partners", "goals", "priorities", "territories"]), false);
  await recordAudit(trx, ctx, { action: "measure.import_created", entityType: "measure", entityId: id, before: null, after: { ...target } });
}

async function updateMeasure(trx: Transaction<Database>, ctx: WriteContext, measureId: number, row: ValidRow, now: string): Promise<void> {
  const fields = new Set(row.changes.map((c) => c.field));
  const values: Record<string, unknown> = { updated_at: now };
  for (const field of fields) {
    const column = columnOf[field];
    if (column) values[column] = row.target[field];
  }
  if (fields.has("theme")) values.theme_id = row.themeId;
  if (fields.has("lead")) values.lead_organisation_id = row.leadId;
  await trx.updateTable("plan_measures").set(values).where("id", "=", measureId).execute();
  await writeLinks(trx, measureId, row, fields, true);
  await recordAudit(trx, ctx, {
    action: "measure.import_updated",
    entityType: "measure",
    entityId: measureId,
    before: Object.fromEntries(row.changes.map((c) => [c.field, c.before])),
    after: Object.fromEntries(row.changes.map((c) => [c.field, c.after])),
  });
}

/** Checks the sheet again inside the transaction, then writes every change or nothing. */
export async function applyImport(
  trx: Transaction<Database>,
  ctx: WriteContext,
  planId: number,
  sheet: SheetContent,
  lang: Locale,
): Promise<ImportPreview> {
  const preview = await previewImport(trx, planId, sheet, lang);
  if (preview.errors.length) throw importRejected(preview.errors);
  const now = new Date().toISOString();
  for (const row of preview.valid) {
    if (row.measureId === null) await createMeasure(trx, ctx, planId, row, now);
    else if (row.changes.length) await updateMeasure(trx, ctx, row.measureId, row, now);
  }
  return preview;
}
