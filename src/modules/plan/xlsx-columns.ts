/**
 * The columns of the measures spreadsheet, shared by the export and the import: each
 * measure becomes one row of canonical cell values, so that exporting a plan and
 * importing the file back compares equal value for value (zero changes).
 */
import { compareCodes } from "./plan.common.js";
import { approaches, measureStatuses, pillars, territoryLevels } from "../../shared/plan.js";
import type { Reader } from "./plan.common.js";

export const columnKeys = [
  "code",
  "theme",
  "titleFr",
  "titleNl",
  "descriptionFr",
  "descriptionNl",
  "pillar",
  "approach",
  "lead",
  "partners",
  "goals",
  "priorities",
  "status",
  "progress",
  "weight",
  "scope",
  "territories",
] as const;
export type ColumnKey = (typeof columnKeys)[number];

/** Cells that must hold a value on every row. */
export const requiredColumns: readonly ColumnKey[] = ["code", "theme", "titleFr", "titleNl", "pillar", "approach", "lead", "status", "progress", "weight", "scope"];

export const measureScopes = ["region", "territories"] as const;

/** Columns whose cells take one value of a fixed list (offered as a drop-down in the file). */
export const allowedValues: Partial<Record<ColumnKey, readonly string[]>> = {
  pillar: pillars,
  approach: approaches,
  status: measureStatuses,
  scope: measureScopes,
};

/** Longest title or description text accepted in a cell. */
export const TITLE_MAX_LENGTH = 500;
export const DESCRIPTION_MAX_LENGTH = 10_000;

/** What one cell holds: text, or a number for theme, progress and weight. */
export type CellValue = string | number;
export type MeasureRow = Record<ColumnKey, CellValue>;

/** Lists are written sorted, comma-separated, so the same set always gives the same text. */
export function joinList(values: (string | number)[]): string {
  return values.join(", ");
}

export function sortNumbers(values: number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

export function sortTexts(values: string[]): string[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export interface Territory {
  level: string;
  code: number;
}

/** `municipality:21004, neighbourhood:1`, ordered by level (as listed in the vocabulary) then code. */
export function territoriesText(territories: Territory[]): string {
  const rank = (level: string) => (territoryLevels as readonly string[]).indexOf(level);
  const sorted = [...territories].sort((a, b) => rank(a.level) - rank(b.level) || a.code - b.code);
  return joinList(sorted.map((t) => `${t.level}:${t.code}`));
}

/** Two cells mean the same thing (numbers and numeric text compare by value). */
export function sameCell(a: CellValue | null, b: CellValue | null): boolean {
  return String(a ?? "").trim() === String(b ?? "").trim();
}

export interface CurrentMeasure {
  id: number;
  row: MeasureRow;
}

/** The plan's measures as spreadsheet rows, ordered by theme number then code. */
export async function measureRows(db: Reader, planId: number): Promise<CurrentMeasure[]> {
  const measures = await db
    .selectFrom("plan_measures as m")
    .innerJoin("plan_themes as t", "t.id", "m.theme_id")
    .innerJoin("organisations as o", "o.id", "m.lead_organisation_id")
    .select([
      "m.id", "m.code", "t.number as theme", "m.title_fr", "m.title_nl", "m.description_fr", "m.description_nl", "m.pillar",
      "m.approach", "o.code as lead", "m.status", "m.progress", "m.weight", "m.scope",
    ])
    .where("m.plan_id", "=", planId)
    .execute();
  const ids = measures.map((m) => m.id);
  const grouped = <T>(rows: (T & { measure_id: number })[]) => {
    const map = new Map<number, T[]>();
    for (const r of rows) map.set(r.measure_id, [...(map.get(r.measure_id) ?? []), r]);
    return map;
  };
  if (ids.length === 0) return [];
  const partners = grouped(
    await db.selectFrom("plan_measure_partners as p").innerJoin("organisations as o", "o.id", "p.organisation_id").select(["p.measure_id", "o.code"]).where("p.measure_id", "in", ids).execute(),
  );
  const goals = grouped(
    await db.selectFrom("plan_measure_goals as g").innerJoin("plan_goals as n", "n.id", "g.goal_id").select(["g.measure_id", "n.number"]).where("g.measure_id", "in", ids).execute(),
  );
  const priorities = grouped(
    await db.selectFrom("plan_measure_priorities as p").innerJoin("plan_priorities as n", "n.id", "p.priority_id").select(["p.measure_id", "n.number"]).where("p.measure_id", "in", ids).execute(),
  );
  const territories = grouped(
    await db.selectFrom("plan_measure_territories").select(["measure_id", "level", "code"]).where("measure_id", "in", ids).execute(),
  );
  return measures
    .map((m) => ({
      id: m.id,
      row: {
        code: m.code,
        theme: Number(m.theme),
        titleFr: m.title_fr,
        titleNl: m.title_nl,
        descriptionFr: m.description_fr,
        descriptionNl: m.description_nl,
        pillar: m.pillar,
        approach: m.approach,
        lead: m.lead,
        partners: joinList(sortTexts((partners.get(m.id) ?? []).map((p) => p.code))),
        goals: joinList(sortNumbers((goals.get(m.id) ?? []).map((g) => Number(g.number)))),
        priorities: joinList(sortNumbers((priorities.get(m.id) ?? []).map((p) => Number(p.number)))),
        status: m.status,
        progress: Number(m.progress),
        weight: Number(m.weight),
        scope: m.scope,
        territories: territoriesText((territories.get(m.id) ?? []).map((t) => ({ level: t.level, code: Number(t.code) }))),
      },
    }))
    .sort((a, b) => Number(a.row.theme) - Number(b.row.theme) || compareCodes(String(a.row.code), String(b.row.code)));
}
