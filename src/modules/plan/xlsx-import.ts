/**
 * Importing the measures workbook: every row is checked (all problems are collected,
 * each with its row and column), rows are matched to measures by code, and the preview
 * lists the field-level changes. Nothing here writes: `xlsx-apply.ts` does, all or nothing.
 */
import type { Translate } from "../../shared/i18n/index.js";
import { translator } from "../../shared/i18n/index.js";
import type { Locale } from "../../shared/locale.js";
import { territoryLevels } from "../../shared/plan.js";
import { planOr404, type Reader } from "./plan.common.js";
import {
  allowedValues,
  columnKeys,
  DESCRIPTION_MAX_LENGTH,
  joinList,
  measureRows,
  requiredColumns,
  sameCell,
  sortNumbers,
  sortTexts,
  territoriesText,
  TITLE_MAX_LENGTH,
  type CellValue,
  type ColumnKey,
  type MeasureRow,
  type Territory,
} from "./xlsx-columns.js";
import { IMPORT_MAX_ROWS, type SheetContent, type SheetRow } from "./xlsx-read.js";

export interface ImportIssue {
  row: number;
  /** The column's header as in the file (or as expected, for a missing column). */
  column: string;
  /** e.g. `unknownTheme`; the message is `planFiles.import.<code>`. */
  code: string;
  params: Record<string, string | number>;
}

export interface ImportChange {
  row: number;
  code: string;
  field: ColumnKey;
  before: CellValue | null;
  after: CellValue | null;
}

/** A row that passed every check, with the ids its codes and numbers stand for. */
export interface ValidRow {
  row: number;
  measureId: number | null;
  target: MeasureRow;
  themeId: number;
  leadId: number;
  partnerIds: number[];
  goalIds: number[];
  priorityIds: number[];
  territories: Territory[];
  changes: ImportChange[];
}

export interface ImportPreview {
  summary: { rows: number; changed: number; unchanged: number; created: number; errors: number };
  changes: ImportChange[];
  errors: ImportIssue[];
  valid: ValidRow[];
}

interface Lookups {
  themes: Map<number, number>;
  goals: Map<number, number>;
  priorities: Map<number, number>;
  /** lower-case code -> organisation */
  organisations: Map<string, { id: number; code: string }>;
  territories: Record<string, Set<number>>;
  /** lower-case code or label in any language -> code value, per vocabulary column */
  vocabularies: Partial<Record<ColumnKey, Map<string, string>>>;
}

const labelPrefix: Partial<Record<ColumnKey, string>> = { pillar: "plan.pillar", approach: "plan.approach", status: "plan.status" };

async function lookups(db: Reader, planId: number): Promise<Lookups> {
  const numbered = async (table: "plan_themes" | "plan_goals" | "plan_priorities") =>
    new Map((await db.selectFrom(table).select(["id", "number"]).where("plan_id", "=", planId).execute()).map((r) => [Number(r.number), r.id]));
  const organisations = await db.selectFrom("organisations").select(["id", "code"]).execute();
  const codes = async (query: Promise<{ code: number }[]>) => new Set((await query).map((r) => Number(r.code)));
  const vocabularies: Lookups["vocabularies"] = {};
  for (const [key, values] of Object.entries(allowedValues) as [ColumnKey, readonly string[]][]) {
    const map = new Map(values.map((v) => [v.toLowerCase(), v]));
    const prefix = labelPrefix[key];
    if (prefix) {
      for (const locale of ["fr", "nl", "en"] as Locale[]) {
        const t = translator(locale);
        for (const v of values) map.set(t(`${prefix}.${v}`).toLowerCase(), v);
      }
    }
    vocabularies[key] = map;
  }
  return {
    themes: await numbered("plan_themes"),
    goals: await numbered("plan_goals"),
    priorities: await numbered("plan_priorities"),
    organisations: new Map(organisations.map((o) => [o.code.toLowerCase(), o])),
    territories: {
      municipality: await codes(db.selectFrom("municipalities").select("nis_code as code").execute()),
      neighbourhood: await codes(db.selectFrom("neighbourhoods").select("code").execute()),
      police_zone: await codes(db.selectFrom("police_zones").select("id as code").execute()),
    },
    vocabularies,
  };
}

const listOf = (text: string) => text.split(/[,;\n]/).map((s) => s.trim()).filter(Boolean);

/** Checks one row; pushes its problems and returns the resolved row when it has none. */
function checkRow(row: SheetRow, headerOf: (key: ColumnKey) => string, ref: Lookups, issues: ImportIssue[]): Omit<ValidRow, "measureId" | "changes"> | null {
  const before = issues.length;
  const problem = (key: ColumnKey, code: string, params: Record<string, string | number> = {}) =>
    issues.push({ row: row.row, column: headerOf(key), code, params });
  const text = (key: ColumnKey) => row.cells[key] ?? "";
  for (const key of requiredColumns) if (!text(key)) problem(key, "required");

  const themeText = text("theme");
  const themeId = ref.themes.get(Number(themeText));
  if (themeText && (!/^\d+$/.test(themeText) || themeId === undefined)) problem("theme", "unknownTheme", { value: themeText });
  for (const key of ["titleFr", "titleNl"] as const) if (text(key).length > TITLE_MAX_LENGTH) problem(key, "tooLong", { maximum: TITLE_MAX_LENGTH });
  for (const key of ["descriptionFr", "descriptionNl"] as const) if (text(key).length > DESCRIPTION_MAX_LENGTH) problem(key, "tooLong", { maximum: DESCRIPTION_MAX_LENGTH });

  const vocabulary: Partial<Record<ColumnKey, string>> = {};
  for (const key of Object.keys(ref.vocabularies) as ColumnKey[]) {
    const given = text(key);
    const value = ref.vocabularies[key]!.get(given.toLowerCase());
    if (given && !value) problem(key, "badValue", { value: given, allowed: allowedValues[key]!.join(", ") });
    vocabulary[key] = value ?? "";
  }

  const organisation = (key: ColumnKey, code: string) => {
    const found = ref.organisations.get(code.toLowerCase());
    if (!found) problem(key, "unknownOrganisation", { value: code });
    return found;
  };
  const lead = text("lead") ? organisation("lead", text("lead")) : undefined;
  const partners = listOf(text("partners")).map((code) => organisation("partners", code)).filter((o) => o !== undefined);

  const numbers = (key: "goals" | "priorities", known: Map<number, number>, code: string) =>
    listOf(text(key)).flatMap((item) => {
      const id = /^\d+$/.test(item) ? known.get(Number(item)) : undefined;
      if (id === undefined) problem(key, code, { value: item });
      return id === undefined ? [] : [{ number: Number(item), id }];
    });
  const goals = numbers("goals", ref.goals, "unknownGoal");
  const priorities = numbers("priorities", ref.priorities, "unknownPriority");

  const progressText = text("progress");
  const progress = Number(progressText);
  if (progressText && !(Number.isInteger(progress) && progress >= 0 && progress <= 100)) problem("progress", "badProgress", { value: progressText });
  const weightText = text("weight");
  // A weight typed as text with a decimal comma (1,5) is read as 1.5.
  const weight = Number(/^\d+,\d+$/.test(weightText) ? weightText.replace(",", ".") : weightText);
  if (weightText && !(Number.isFinite(weight) && weight >= 0 && weight <= 1000)) problem("weight", "badWeight", { value: weightText });

  const territories: Territory[] = [];
  for (const item of listOf(text("territories"))) {
    const match = /^([a-z_]+)\s*:\s*(\d+)$/i.exec(item);
    const level = match?.[1]?.toLowerCase() ?? "";
    if (!match || !(territoryLevels as readonly string[]).includes(level)) {
      problem("territories", "badTerritory", { value: item, levels: territoryLevels.join(", ") });
    } else if (!ref.territories[level]!.has(Number(match[2]))) {
      problem("territories", "unknownTerritory", { value: item });
    } else if (!territories.some((t) => t.level === level && t.code === Number(match[2]))) {
      territories.push({ level, code: Number(match[2]) });
    }
  }
  if (vocabulary.scope === "territories" && territories.length === 0 && !text("territories")) problem("territories", "territoriesRequired");

  if (issues.length > before || themeId === undefined || !lead) return null;
  return {
    row: row.row,
    themeId,
    leadId: lead.id,
    partnerIds: [...new Set(partners.map((p) => p.id))],
    goalIds: [...new Set(goals.map((g) => g.id))],
    priorityIds: [...new Set(priorities.map((p) => p.id))],
    territories,
    target: {
      code: text("code"),
      theme: Number(themeText),
      titleFr: text("titleFr"),
      titleNl: text("titleNl"),
      descriptionFr: text("descriptionFr"),
      descriptionNl: text("descriptionNl"),
      pillar: vocabulary.pillar!,
      approach: vocabulary.approach!,
      lead: lead.code,
      partners: joinList(sortTexts(partners.map((p) => p.code))),
      goals: joinList(sortNumbers(goals.map((g) => g.number))),
      priorities: joinList(sortNumbers(priorities.map((p) => p.number))),
      status: vocabulary.status!,
      progress,
      weight,
      scope: vocabulary.scope!,
      territories: territoriesText(territories),
    },
  };
}

/** Checks the whole sheet against the plan and lists what importing it would change. */
export async function previewImport(db: Reader, planId: number, sheet: SheetContent, lang: Locale): Promise<ImportPreview> {
  await planOr404(db, planId);
  const t: Translate = translator(lang);
  const issues: ImportIssue[] = [];
  const inFile = new Map<ColumnKey, string>();
  for (const header of sheet.headers) {
    if (!header.key) continue;
    if (inFile.has(header.key)) issues.push({ row: 1, column: header.text, code: "duplicateColumn", params: {} });
    else inFile.set(header.key, header.text);
  }
  for (const key of columnKeys) {
    if (!inFile.has(key) && (requiredColumns.includes(key) || key === "code")) {
      issues.push({ row: 1, column: t(`planFiles.column.${key}`), code: "missingColumn", params: {} });
    }
  }
  if (sheet.rowCount > IMPORT_MAX_ROWS) issues.push({ row: 1, column: "", code: "tooManyRows", params: { maximum: IMPORT_MAX_ROWS } });
  const headerOf = (key: ColumnKey) => inFile.get(key) ?? t(`planFiles.column.${key}`);

  const ref = await lookups(db, planId);
  const current = new Map((await measureRows(db, planId)).map((m) => [String(m.row.code), m]));
  const firstRowOfCode = new Map<string, number>();
  const valid: ValidRow[] = [];
  const missingColumns = issues.some((i) => i.code === "missingColumn");
  for (const row of missingColumns ? [] : sheet.rows) {
    const code = row.cells.code ?? "";
    const first = firstRowOfCode.get(code);
    if (code && first !== undefined) {
      issues.push({ row: row.row, column: headerOf("code"), code: "duplicateCode", params: { value: code, firstRow: first } });
      continue;
    }
    if (code) firstRowOfCode.set(code, row.row);
    const checked = checkRow(row, headerOf, ref, issues);
    if (!checked) continue;
    const existing = current.get(code);
    const changes: ImportChange[] = [];
    for (const field of columnKeys) {
      if (field === "code") continue;
      const before = existing ? existing.row[field] : null;
      const after = checked.target[field];
      if (existing ? !sameCell(before, after) : !sameCell(null, after)) changes.push({ row: row.row, code, field, before, after });
    }
    valid.push({ ...checked, measureId: existing?.id ?? null, changes });
  }

  const changedRows = valid.filter((v) => v.measureId !== null && v.changes.length > 0).length;
  return {
    summary: {
      rows: sheet.rowCount,
      changed: changedRows,
      unchanged: valid.filter((v) => v.measureId !== null && v.changes.length === 0).length,
      created: valid.filter((v) => v.measureId === null).length,
      errors: issues.length,
    },
    changes: valid.flatMap((v) => v.changes),
    errors: issues.sort((a, b) => a.row - b.row),
    valid,
  };
}

/** An issue in words, in the request's language. */
export function issueMessage(t: Translate, issue: ImportIssue): string {
  return t(`planFiles.import.${issue.code}`, { row: issue.row, column: issue.column, ...issue.params });
}
