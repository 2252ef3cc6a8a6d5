/** A plan's measures with their theme, lead organisation and late milestones: the list, the detail and the overview read them here. */
import type { MeasureStatus, Pillar } from "../../shared/plan.js";
import { milestoneIsLateSql } from "./lateness.js";
import { planOr404, type Reader, compareCodes } from "./plan.common.js";

export interface MeasureFilter {
  theme?: number | undefined;
  pillar?: Pillar | undefined;
  status?: MeasureStatus | undefined;
  lead?: number | undefined;
  q?: string | undefined;
}

function measuresQuery(db: Reader) {
  return db
    .selectFrom("plan_measures as m")
    .innerJoin("plan_themes as t", "t.id", "m.theme_id")
    .innerJoin("organisations as o", "o.id", "m.lead_organisation_id")
    .select([
      "m.id",
      "m.plan_id",
      "m.code",
      "m.title_fr",
      "m.title_nl",
      "m.description_fr",
      "m.description_nl",
      "m.pillar",
      "m.approach",
      "m.status",
      "m.progress",
      "m.weight",
      "m.scope",
      "m.is_demo",
      "m.lead_organisation_id",
      "t.id as theme_id",
      "t.number as theme_number",
      "t.title_fr as theme_title_fr",
      "t.title_nl as theme_title_nl",
      "t.title_en as theme_title_en",
      "o.code as lead_code",
      "o.name_fr as lead_name_fr",
      "o.name_nl as lead_name_nl",
      "o.name_en as lead_name_en",
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof measuresQuery>["execute"]>>[number];
export type MeasureRow = Row & { late_milestones: number };

/** Lower case without accents, for searching either language as people type it. */
export function folded(text: string): string {
  return text.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();
}

/** Theme number, then code in natural order (1.2 before 1.10). */
export function byThemeAndCode(a: Pick<Row, "theme_number" | "code">, b: Pick<Row, "theme_number" | "code">): number {
  return a.theme_number - b.theme_number || compareCodes(a.code, b.code);
}

/** How many milestones of each measure are late on `today` (due before it, not done). */
async function lateCounts(db: Reader, measureIds: number[], today: string): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  if (!measureIds.length) return counts;
  const rows = await db
    .selectFrom("plan_milestones")
    .select(["measure_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("measure_id", "in", measureIds)
    .where(milestoneIsLateSql(today))
    .groupBy("measure_id")
    .execute();
  for (const r of rows) counts.set(r.measure_id, Number(r.n));
  return counts;
}

async function withLateCounts(db: Reader, rows: Row[], today: string): Promise<MeasureRow[]> {
  const late = await lateCounts(db, rows.map((r) => r.id), today);
  return rows.map((r) => ({ ...r, late_milestones: late.get(r.id) ?? 0 }));
}

/** The plan's measures (404 for an unknown plan), filtered, in theme and code order. */
export async function listMeasureRows(db: Reader, planId: number, filter: MeasureFilter, today: string): Promise<MeasureRow[]> {
  await planOr404(db, planId);
  let q = measuresQuery(db).where("m.plan_id", "=", planId);
  if (filter.theme !== undefined) q = q.where("m.theme_id", "=", filter.theme);
  if (filter.pillar) q = q.where("m.pillar", "=", filter.pillar);
  if (filter.status) q = q.where("m.status", "=", filter.status);
  if (filter.lead !== undefined) q = q.where("m.lead_organisation_id", "=", filter.lead);
  let rows = await q.execute();
  const words = folded(filter.q ?? "").split(/\s+/).filter(Boolean);
  if (words.length) {
    rows = rows.filter((r) => {
      const haystack = folded(`${r.code} ${r.title_fr} ${r.title_nl}`);
      return words.every((w) => haystack.includes(w));
    });
  }
  return (await withLateCounts(db, rows, today)).sort(byThemeAndCode);
}

/** One measure as the list shows it; undefined when it does not exist. */
export async function findMeasureRow(db: Reader, measureId: number, today: string): Promise<MeasureRow | undefined> {
  const row = await measuresQuery(db).where("m.id", "=", measureId).executeTakeFirst();
  return row ? (await withLateCounts(db, [row], today))[0] : undefined;
}
