/**
 * The observatory's rows as the API shows them, with disclosure control applied for
 * callers without `observatory.analyse` (disclosure.ts: counts below the threshold, and
 * their complements, become null and are flagged).
 */
import type { Selectable } from "kysely";
import type { Locale } from "../../shared/locale.js";
import { DEFAULT_THRESHOLD, publicRates, suppressList } from "./disclosure.js";
import type { ProfileYear, RatesByNeighbourhood } from "./explorer.service.js";
import type { CrimeCategoryTable, ObservatoryBatchTable, PriorityZoneProposalTable } from "./observatory.table.js";

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
  const head = { categoryCode: rates.categoryCode, year: rates.year, region: rates.region };
  if (analyst) {
    const neighbourhoods = rates.neighbourhoods.map(({ kind: _kind, ...r }) => ({ ...r, suppressed: false }));
    return { ...head, suppressed: false, threshold: null, neighbourhoods };
  }
  const published = publicRates(rates.neighbourhoods);
  return { ...head, suppressed: true, threshold: published.threshold, neighbourhoods: published.rows };
}

export function presentSeries(
  head: { categoryCode: string; level: string; code: number | null; step: "month" | "year" },
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
    total,
    points: points.map((p, i) => ({ period: p.period, count: list.cells[i]!, suppressed: list.status[i] !== "published" })),
  };
}

type Figure = { count: number; population: number; ratePer1000: number | null };

/** Suppresses one line of figures (a neighbourhood's or a municipality's years) as a list. */
function protect(figures: Figure[], analyst: boolean) {
  if (analyst) return figures.map((f) => ({ ...f, suppressed: false }));
  const list = suppressList(figures.map((f) => f.count));
  return figures.map((f, i) =>
    list.status[i] === "published" ? { ...f, suppressed: false } : { count: null, population: f.population, ratePer1000: null, suppressed: true },
  );
}

export function presentComparison(neighbourhood: number, categoryCode: string, profile: { municipalityNis: number; years: ProfileYear[] }, analyst: boolean) {
  const own = protect(profile.years.map((y) => y.neighbourhood), analyst);
  const municipality = protect(profile.years.map((y) => y.municipality), analyst);
  return {
    neighbourhood,
    municipalityNis: profile.municipalityNis,
    categoryCode,
    suppressed: !analyst,
    threshold: analyst ? null : DEFAULT_THRESHOLD,
    years: profile.years.map((y, i) => ({ year: y.year, neighbourhood: own[i]!, municipality: municipality[i]!, region: { ...y.region, suppressed: false } })),
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

const statuses = ["proposed", "accepted", "rejected"] as const;

export function presentProposal(row: Selectable<PriorityZoneProposalTable>) {
  let evidence = { qualifyingYears: [] as number[], yearsAssessed: 0 };
  try {
    const parsed = JSON.parse(row.evidence) as { qualifyingYears?: number[]; years?: unknown[] };
    evidence = { qualifyingYears: parsed.qualifyingYears ?? [], yearsAssessed: parsed.years?.length ?? 0 };
  } catch {
    // stored by computeProposals as JSON; an unreadable value shows as no evidence
  }
  return {
    id: row.id,
    runKey: row.run_key,
    categoryGroup: row.category_group,
    neighbourhoodCode: row.neighbourhood_code,
    status: statuses.find((s) => s === row.status) ?? "proposed",
    reason: row.reason,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at === null ? null : String(row.decided_at),
    createdAt: String(row.created_at),
    evidence,
  };
}
