/**
 * The observatory's rows as the API shows them, with disclosure control applied for
 * callers without `observatory.analyse` (disclosure.ts: counts below the threshold, and
 * their complements, become null and are flagged).
 */
import type { Selectable } from "kysely";
import type { Locale } from "../../shared/locale.js";
import { publicRates, suppressList } from "./disclosure.js";
import type { ProfileYear, RatesByNeighbourhood } from "./explorer.service.js";
import type { CrimeCategoryTable, ObservatoryBatchTable } from "./observatory.table.js";

export function presentCategory(locale: Locale, row: Selectable<CrimeCategoryTable>, parentCode: string | null) {
  const labels = { fr: row.label_fr, nl: row.label_nl, en: row.label_en };
  return {
    code: row.code,
    level: row.level === "phenomenon" ? ("phenomenon" as const) : ("category" as const),
    parentCode,
    label: labels[locale] ?? labels.fr,
    labels,
    toVerify: row.to_verify === 1,
  };
}

/** Analysts get every figure; others the published ones (`suppressed: true` and the threshold). */
export function presentRates(rates: RatesByNeighbourhood, analyst: boolean) {
  const head = { categoryCode: rates.categoryCode, year: rates.year, synthetic: rates.synthetic, region: rates.region };
  if (analyst) {
    const neighbourhoods = rates.neighbourhoods.map(({ kind: _kind, ...r }) => ({ ...r, suppressed: false }));
    return { ...head, suppressed: false, threshold: null, neighbourhoods };
  }
  const published = publicRates(rates.neighbourhoods);
  // The region's count is the list's total: suppressed with it (and its rate and interval) when it is small.
  const region = published.total === null ? { ...rates.region, count: null, ratePer1000: null, interval: null } : rates.region;
  return { ...head, region, suppressed: true, threshold: published.threshold, neighbourhoods: published.rows };
}

export function presentSeries(
  head: { categoryCode: string; level: string; code: number | null; step: "month" | "year"; synthetic: boolean },
  points: { period: string; count: number }[],
  analyst: boolean,
) {
  const total = points.reduce((s, p) => s + p.count, 0);
  if (analyst) return { ...head, suppressed: false, threshold: null, total, points: points.map((p) => ({ ...p, suppressed: false })) };
  const list = suppressList(points.map((p) => p.count));
  return {
    ...head,
    suppressed: true,
    threshold: list.threshold,
    total: list.total,
    points: points.map((p, i) => ({ period: p.period, count: list.cells[i]!, suppressed: list.status[i] !== "published" })),
  };
}

/** A neighbourhood's years against its municipality and the region, unsuppressed (the route is for analysts; others read /profile). */
export function presentComparison(neighbourhood: number, categoryCode: string, profile: { municipalityNis: number; years: ProfileYear[] }) {
  const open = <F extends object>(f: F) => ({ ...f, suppressed: false });
  return {
    neighbourhood,
    municipalityNis: profile.municipalityNis,
    categoryCode,
    suppressed: false,
    threshold: null,
    years: profile.years.map((y) => ({ year: y.year, neighbourhood: open(y.neighbourhood), municipality: open(y.municipality), region: open(y.region) })),
  };
}

export function presentBatch(row: Selectable<ObservatoryBatchTable>) {
  return {
    id: row.id,
    key: row.batch_key,
    grain: row.grain,
    source: row.source,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    filename: row.filename,
    sha256: row.sha256,
    rows: Number(row.rows),
    isSynthetic: Number(row.is_synthetic) === 1,
    importedBy: row.imported_by,
    importedAt: String(row.imported_at),
  };
}
