/**
 * The plan's dashboard (progress per theme, status per pillar, late milestones, who has
 * not filed in the current round, figures per lead organisation, territorial measures)
 * and the explanation of any progress figure. Both roll up with `progress.ts`.
 */
import type { Actor } from "../../server/auth/actor.js";
import { can } from "../../server/auth/policy.js";
import { AppError, notFound } from "../../shared/errors.js";
import { localName, type Locale } from "../../shared/locale.js";
import { measureStatuses, pillars, type MeasureStatus, type Pillar } from "../../shared/plan.js";
import { daysBetween, milestoneIsLateSql } from "./lateness.js";
import { byThemeAndCode, listMeasureRows, type MeasureRow } from "./measure-list.service.js";
import { brusselsDay, planOr404, titlesOf, type Reader, compareCodes } from "./plan.common.js";
import { numberedOf, type NumberedRow } from "./plans.service.js";
import { planProgress, themeProgress, type RollUpMeasure } from "./progress.js";

/** Figures are shown with one decimal; the explanation keeps the exact parts. */
export const oneDecimal = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

const rollUpMeasure = (locale: Locale) => (m: MeasureRow): RollUpMeasure => ({
  id: m.id,
  label: `${m.code} ${localName(locale, titlesOf(m))}`,
  themeId: m.theme_id,
  weight: m.weight,
  progress: m.progress,
  status: m.status,
});
const rollUpTheme = (locale: Locale) => (t: NumberedRow) => ({ id: t.id, label: `${t.number}. ${localName(locale, titlesOf(t))}`, weight: t.weight });

function countsByPillar(measures: MeasureRow[]) {
  const zero = () => Object.fromEntries(measureStatuses.map((s) => [s, 0])) as Record<MeasureStatus, number>;
  const out = Object.fromEntries(pillars.map((p) => [p, { total: 0, byStatus: zero() }])) as Record<Pillar, { total: number; byStatus: Record<MeasureStatus, number> }>;
  for (const m of measures) {
    const pillar = out[m.pillar as Pillar];
    if (!pillar) continue;
    pillar.total += 1;
    if (m.status in pillar.byStatus) pillar.byStatus[m.status as MeasureStatus] += 1;
  }
  return out;
}

async function lateMilestonesOf(db: Reader, planId: number, today: string) {
  const rows = await db
    .selectFrom("plan_milestones as ms")
    .innerJoin("plan_measures as m", "m.id", "ms.measure_id")
    .select(["ms.id", "ms.title_fr", "ms.title_nl", "ms.due_date", "m.id as measure_id", "m.code", "m.title_fr as measure_title_fr", "m.title_nl as measure_title_nl"])
    .where("m.plan_id", "=", planId)
    .where(milestoneIsLateSql(today, "ms"))
    .execute();
  return rows
    .map((r) => ({ ...r, days_late: daysBetween(r.due_date, today) }))
    .sort((a, b) => a.due_date.localeCompare(b.due_date) || compareCodes(a.code, b.code) || a.id - b.id);
}

/** The open round that has opened by `today` (the latest one), with the updates still to file that `actor` may read. */
async function currentRoundOf(db: Reader, actor: Actor, planId: number, today: string) {
  const round = await db
    .selectFrom("plan_rounds")
    .selectAll()
    .where("plan_id", "=", planId)
    .where("status", "=", "open")
    .where("opens_on", "<=", today)
    .orderBy("opens_on", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
  if (!round) return null;
  const missing = await db
    .selectFrom("plan_updates as u")
    .innerJoin("plan_measures as m", "m.id", "u.measure_id")
    .innerJoin("plan_themes as t", "t.id", "m.theme_id")
    .innerJoin("organisations as o", "o.id", "u.organisation_id")
    .select(["m.id as measure_id", "m.code", "m.title_fr", "m.title_nl", "t.number as theme_number", "o.id as organisation_id", "o.name_fr", "o.name_nl", "o.name_en"])
    .where("u.round_id", "=", round.id)
    .where("u.state", "in", ["draft", "returned"])
    .execute();
  return {
    round,
    missing: missing.filter((u) => can(actor, "update", "read", { organisationId: u.organisation_id })).sort(byThemeAndCode),
  };
}

async function territorialOf(db: Reader, measures: MeasureRow[]) {
  const ids = measures.map((m) => m.id);
  if (!ids.length) return [];
  const links = await db.selectFrom("plan_measure_territories").select(["measure_id", "level", "code"]).where("measure_id", "in", ids).orderBy("level").orderBy("code").execute();
  return measures
    .map((m) => ({ measure: m, territories: links.filter((l) => l.measure_id === m.id).map(({ level, code }) => ({ level, code })) }))
    .filter((m) => m.territories.length > 0);
}

function byLeadOrganisation(locale: Locale, measures: MeasureRow[]) {
  const groups = new Map<number, MeasureRow[]>();
  for (const m of measures) groups.set(m.lead_organisation_id, [...(groups.get(m.lead_organisation_id) ?? []), m]);
  return [...groups.values()]
    .map((group) => {
      const first = group[0]!;
      return {
        organisation: { id: first.lead_organisation_id, code: first.lead_code, names: { fr: first.lead_name_fr, nl: first.lead_name_nl, en: first.lead_name_en } },
        measures: group.length,
        progress: oneDecimal(themeProgress(group.map(rollUpMeasure(locale))).value),
        lateMilestones: group.reduce((sum, m) => sum + m.late_milestones, 0),
      };
    })
    .sort((a, b) => b.measures - a.measures || a.organisation.code.localeCompare(b.organisation.code));
}

/** The dashboard of a plan on `today`, as `actor` may see it. */
export async function planOverview(db: Reader, actor: Actor, locale: Locale, planId: number, today: string = brusselsDay()) {
  const plan = await planOr404(db, planId);
  const themes = await numberedOf(db, "plan_themes", planId);
  const measures = await listMeasureRows(db, planId, {}, today);
  const rollUp = planProgress(themes.map(rollUpTheme(locale)), measures.map(rollUpMeasure(locale)));
  return {
    plan,
    progress: oneDecimal(rollUp.value),
    themes: themes.map((t) => {
      const own = measures.filter((m) => m.theme_id === t.id);
      return { theme: t, progress: oneDecimal(rollUp.themes.get(t.id)?.value ?? null), measureCount: own.length, byPillar: countsByPillar(own) };
    }),
    lateMilestones: await lateMilestonesOf(db, planId, today),
    currentRound: await currentRoundOf(db, actor, planId, today),
    byLeadOrganisation: byLeadOrganisation(locale, measures),
    territorial: await territorialOf(db, measures),
  };
}

export type OverviewView = Awaited<ReturnType<typeof planOverview>>;

/** How the plan's progress, or one theme's, is computed: exact parts that add up to the value. */
export async function explainProgress(db: Reader, locale: Locale, planId: number, level: "plan" | "theme", themeId?: number) {
  await planOr404(db, planId);
  const themes = await numberedOf(db, "plan_themes", planId);
  const measures = (await listMeasureRows(db, planId, {}, brusselsDay())).map(rollUpMeasure(locale));
  if (level === "plan") {
    const { value, method, parts } = planProgress(themes.map(rollUpTheme(locale)), measures);
    return { level, id: planId, value, method, parts };
  }
  if (themeId === undefined) throw new AppError("validation_failed", { fields: [{ field: "query.id", key: "validation.required" }] });
  if (!themes.some((t) => t.id === themeId)) throw notFound("theme", themeId);
  const { value, method, parts } = themeProgress(measures.filter((m) => m.themeId === themeId));
  return { level, id: themeId, value, method, parts };
}
