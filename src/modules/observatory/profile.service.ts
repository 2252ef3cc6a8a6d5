/**
 * The neighbourhood profile of the observatory (docs/statistics.md, "Neighbourhood profile"):
 * for every top-level category of the active taxonomy (on request, each followed by its
 * phenomena), the yearly counts and rates per 1,000 of one neighbourhood, its primary
 * municipality and the region over a window of years; the change first -> last year; the Mann-Kendall trend
 * of the neighbourhood's rate; the conditional binomial test of the last two years; its rank
 * among the residential neighbourhoods in the last year; and its context (population, share
 * of the region, the territory's indicators).
 *
 * `loadProfileData` reads everything in a fixed handful of queries, whatever the number of
 * categories and years (counts grouped by category, neighbourhood and year in SQL);
 * `buildProfile` is pure, so one load serves the profiles of many neighbourhoods.
 * Callers who are not analysts get the figures of profile.disclosure.ts: one pattern per
 * category over the frame (every year with data), the same for every neighbourhood and window.
 */
import { sql } from "kysely";
import type { Db } from "../../server/db/database.js";
import { toNumber } from "../../server/db/dialect.js";
import { notFound } from "../../shared/errors.js";
import { listNeighbourhoods, namesByCode, type IndicatorValue, type Names, type NeighbourhoodRecord } from "../territory/territory.service.js";
import { DEFAULT_THRESHOLD, type CellStatus } from "./disclosure.js";
import { protectLinked, type LinkedPattern } from "./profile.disclosure.js";
import { mannKendallTrend, type Trend } from "./profile.trend.js";
import { ratePer1000, yearOnYearTest } from "./stats/rates.js";

/** Significance level of the trend and year-on-year flags. */
export const PROFILE_ALPHA = 0.05;

export interface Period {
  from: number;
  to: number;
}

export interface ProfileCategory {
  id: number;
  code: string;
  level: "category" | "phenomenon";
  parentCode: string | null;
  labels: { fr: string; nl: string; en: string };
  toVerify: boolean;
}

export interface ProfileData {
  categories: ProfileCategory[];
  /** Every calendar year with data in the active taxonomy; null when nothing is loaded. */
  frame: Period | null;
  /** The requested years clipped to the frame; null when they do not meet. */
  window: Period | null;
  /** The year of the context figures: the window's last, else the requested last year. */
  contextYear: number;
  /** The 145 neighbourhoods by code, with their territory record. */
  neighbourhoods: NeighbourhoodRecord[];
  municipalities: number[];
  policeZones: Map<number, Names>;
  /** counts.get(categoryId)[neighbourhood index][frame year index] */
  counts: Map<number, number[][]>;
  /** populations[neighbourhood index][year - firstPopulationYear] */
  populations: (number | null)[][];
  firstPopulationYear: number;
  /** Disclosure patterns per category, computed on first use. */
  patterns: Map<number, LinkedPattern>;
}

export interface AreaPoint {
  year: number;
  count: number | null;
  population: number | null;
  ratePer1000: number | null;
  suppressed: boolean;
}

export interface Change {
  from: number;
  to: number;
  countPercent: number | null;
  ratePercent: number | null;
}

export interface AreaSeries {
  /** Sum over the window; null when it would give a suppressed count back. */
  total: number | null;
  points: AreaPoint[];
  change: Change | null;
}

export interface YearOnYear {
  from: number;
  to: number;
  rateRatio: number | null;
  pValue: number;
  significant: boolean;
}

export interface CategoryProfile extends Omit<ProfileCategory, "id"> {
  neighbourhood: AreaSeries;
  municipality: AreaSeries;
  region: AreaSeries;
  trend: Trend | null;
  yearOnYear: YearOnYear | null;
  rank: { year: number; position: number; of: number } | null;
}

export interface NeighbourhoodCrimeProfile {
  neighbourhood: {
    code: number;
    kind: string;
    names: Names;
    municipality: { nisCode: number; names: Names };
    policeZone: { id: number; names: Names | null };
    policeZones: number[];
  };
  period: Period | null;
  years: number[];
  suppressed: boolean;
  threshold: number | null;
  context: {
    year: number;
    population: number | null;
    municipalityPopulation: number | null;
    regionPopulation: number | null;
    /** Share of the region's population, 0-1. */
    regionShare: number | null;
    indicators: { unemploymentRate: IndicatorValue | null; cpasRate: IndicatorValue | null; bimRate: IndicatorValue | null };
  };
  categories: CategoryProfile[];
}

const range = (p: Period) => Array.from({ length: p.to - p.from + 1 }, (_, k) => p.from + k);

/** Reads what the profiles of the window need. `from` <= `to` (the route checks it). */
export async function loadProfileData(db: Db, input: Period & { phenomena: boolean }): Promise<ProfileData> {
  const taxonomy = await db.selectFrom("crime_taxonomies").select("id").where("status", "=", "active").orderBy("id", "desc").executeTakeFirst();
  const rows = taxonomy ? await db.selectFrom("crime_categories").selectAll().where("taxonomy_id", "=", taxonomy.id).orderBy("position").orderBy("id").execute() : [];
  const codeOf = new Map(rows.map((r) => [r.id, r.code]));
  // Each category, then its phenomena.
  const parents = rows.filter((r) => r.parent_id === null);
  const ordered = parents.flatMap((p) => [p, ...rows.filter((r) => r.parent_id === p.id)]);
  const categories = ordered
    .filter((r) => input.phenomena || r.level === "category")
    .map((r): ProfileCategory => ({
      id: r.id,
      code: r.code,
      level: r.level === "phenomenon" ? "phenomenon" : "category",
      parentCode: r.parent_id === null ? null : (codeOf.get(r.parent_id) ?? null),
      labels: { fr: r.label_fr, nl: r.label_nl, en: r.label_en },
      toVerify: r.to_verify === 1,
    }));
  const ids = categories.length ? categories.map((c) => c.id) : [-1];

  // The frame covers every code of the taxonomy, so that a category's pattern never depends on the request.
  const span = await db
    .selectFrom("crime_counts")
    .select([(e) => e.fn.min("month").as("first"), (e) => e.fn.max("month").as("last")])
    .where("category_id", "in", rows.length ? rows.map((r) => r.id) : [-1])
    .executeTakeFirst();
  const frame = span?.first && span.last ? { from: Number(String(span.first).slice(0, 4)), to: Number(String(span.last).slice(0, 4)) } : null;
  const window = frame && Math.max(frame.from, input.from) <= Math.min(frame.to, input.to) ? { from: Math.max(frame.from, input.from), to: Math.min(frame.to, input.to) } : null;
  const contextYear = window?.to ?? input.to;
  const firstPopulationYear = Math.min(frame?.from ?? contextYear, contextYear);
  const lastPopulationYear = Math.max(frame?.to ?? contextYear, contextYear);

  const year = sql<string>`substr(month, 1, 4)`;
  const [neighbourhoods, policeZones, counted, people] = await Promise.all([
    listNeighbourhoods(db),
    namesByCode(db, "police-zones"),
    frame
      ? db
          .selectFrom("crime_counts")
          .select(["category_id", "neighbourhood_code", year.as("year"), (e) => e.fn.sum<number>("count").as("total")])
          .where("category_id", "in", ids)
          .groupBy(["category_id", "neighbourhood_code", year])
          .execute()
      : [],
    db
      .selectFrom("neighbourhood_population")
      .select(["neighbourhood_code", "year", "population"])
      .where("year", ">=", firstPopulationYear)
      .where("year", "<=", lastPopulationYear)
      .execute(),
  ]);

  const index = new Map(neighbourhoods.map((n, i) => [n.code, i]));
  const width = frame ? frame.to - frame.from + 1 : 0;
  const counts = new Map(categories.map((c) => [c.id, neighbourhoods.map(() => new Array<number>(width).fill(0))]));
  for (const r of counted) {
    const i = index.get(r.neighbourhood_code);
    if (i !== undefined) counts.get(r.category_id)![i]![Number(r.year) - frame!.from] = toNumber(r.total);
  }
  const populations = neighbourhoods.map(() => new Array<number | null>(lastPopulationYear - firstPopulationYear + 1).fill(null));
  for (const p of people) {
    const i = index.get(p.neighbourhood_code);
    if (i !== undefined && p.population !== null) populations[i]![p.year - firstPopulationYear] = Number(p.population);
  }
  const municipalities = [...new Set(neighbourhoods.map((n) => n.primaryMunicipality.nisCode))].sort((a, b) => a - b);
  return { categories, frame, window, contextYear, neighbourhoods, municipalities, policeZones, counts, populations, firstPopulationYear, patterns: new Map() };
}

/** The profile of one neighbourhood from loaded data; 404 for an unknown code. */
export function buildProfile(data: ProfileData, code: number, analyst: boolean): NeighbourhoodCrimeProfile {
  const own = data.neighbourhoods.findIndex((n) => n.code === code);
  if (own < 0) throw notFound("neighbourhood", code);
  const record = data.neighbourhoods[own]!;
  const nis = record.primaryMunicipality.nisCode;
  const members = data.neighbourhoods.flatMap((n, i) => (n.primaryMunicipality.nisCode === nis ? [i] : []));
  const everyone = data.neighbourhoods.map((_, i) => i);
  const population = (set: number[], year: number) => sumOrNull(set.map((i) => data.populations[i]![year - data.firstPopulationYear] ?? null));
  const regionPopulation = population(everyone, data.contextYear);
  const ownPopulation = population([own], data.contextYear);
  return {
    neighbourhood: {
      code,
      kind: record.kind,
      names: record.names,
      municipality: { nisCode: nis, names: record.primaryMunicipality.names },
      policeZone: { id: record.primaryPoliceZone, names: data.policeZones.get(record.primaryPoliceZone) ?? null },
      policeZones: record.policeZones,
    },
    period: data.window,
    years: data.window ? range(data.window) : [],
    suppressed: !analyst,
    threshold: analyst ? null : DEFAULT_THRESHOLD,
    context: {
      year: data.contextYear,
      population: ownPopulation,
      municipalityPopulation: population(members, data.contextYear),
      regionPopulation,
      regionShare: ownPopulation !== null && regionPopulation ? ownPopulation / regionPopulation : null,
      indicators: record.indicators,
    },
    categories: data.categories.map((category) => categoryProfile(data, category, { own, members, everyone }, analyst)),
  };
}

/** Loads and builds one profile. */
export async function neighbourhoodProfile(db: Db, input: Period & { neighbourhood: number; phenomena: boolean; analyst: boolean }): Promise<NeighbourhoodCrimeProfile> {
  return buildProfile(await loadProfileData(db, input), input.neighbourhood, input.analyst);
}

function patternOf(data: ProfileData, categoryId: number): LinkedPattern | null {
  if (!data.frame) return null;
  let pattern = data.patterns.get(categoryId);
  if (!pattern) {
    const nisIndex = new Map(data.municipalities.map((nis, m) => [nis, m]));
    pattern = protectLinked({
      neighbourhoods: data.counts.get(categoryId)!,
      municipalityOf: data.neighbourhoods.map((n) => nisIndex.get(n.primaryMunicipality.nisCode)!),
      municipalities: data.municipalities.length,
    });
    data.patterns.set(categoryId, pattern);
  }
  return pattern;
}

interface Areas {
  own: number;
  members: number[];
  everyone: number[];
}

function categoryProfile(data: ProfileData, category: ProfileCategory, areas: Areas, analyst: boolean): CategoryProfile {
  const { id, ...head } = category;
  const counts = data.counts.get(id)!;
  const pattern = analyst ? null : patternOf(data, id);
  const years = data.window ? range(data.window) : [];
  const offset = data.window && data.frame ? data.window.from - data.frame.from : 0;
  const municipalityIndex = data.municipalities.indexOf(data.neighbourhoods[areas.own]!.primaryMunicipality.nisCode);
  // A total over the window is published when every count in it is, or when it is a total
  // over the whole frame that the pattern publishes (a municipality's: all its rows').
  const wholeFrame = years.length === counts[0]?.length;
  const series = (set: number[], statusOf: (k: number) => CellStatus) =>
    areaSeries(
      years.map((year, k) => ({ year, count: set.reduce((s, i) => s + counts[i]![offset + k]!, 0), population: sumOrNull(set.map((i) => data.populations[i]![year - data.firstPopulationYear] ?? null)) })),
      (k) => statusOf(offset + k) !== "published",
      !pattern || (wholeFrame && set.every((i) => pattern.rowTotals[i])),
    );
  const neighbourhood = series([areas.own], (k) => pattern?.neighbourhoods[areas.own]![k] ?? "published");
  const municipality = series(areas.members, (k) => pattern?.municipalities[municipalityIndex]![k] ?? "published");
  const region = series(areas.everyone, () => "published");
  return {
    ...head,
    neighbourhood,
    municipality,
    region,
    trend: trendOf(neighbourhood.points),
    yearOnYear: yearOnYearOf(neighbourhood.points),
    rank: rankOf(data, counts, areas.own, offset + years.length - 1, years.at(-1), pattern),
  };
}

type Raw = { year: number; count: number; population: number | null };

function areaSeries(raw: Raw[], hidden: (k: number) => boolean, frameTotal: boolean): AreaSeries {
  const points = raw.map((p, k): AreaPoint => {
    const suppressed = hidden(k);
    const rate = p.population === null ? null : ratePer1000(p.count, p.population);
    return { year: p.year, count: suppressed ? null : p.count, population: p.population, ratePer1000: suppressed ? null : rate, suppressed };
  });
  const anyHidden = points.some((p) => p.suppressed);
  const first = points[0];
  const last = points.at(-1);
  const percent = (a: number | null | undefined, b: number | null | undefined) => (a === null || a === undefined || b === null || b === undefined || a <= 0 ? null : (b / a - 1) * 100);
  return {
    total: anyHidden && !frameTotal ? null : raw.reduce((s, p) => s + p.count, 0),
    points,
    change:
      first && last && points.length > 1 && !first.suppressed && !last.suppressed
        ? { from: first.year, to: last.year, countPercent: percent(first.count, last.count), ratePercent: percent(first.ratePer1000, last.ratePer1000) }
        : null,
  };
}

/** Mann-Kendall on the neighbourhood's rates: at least 3 years, each with a rate (nothing suppressed, residents known), and some event. */
function trendOf(points: AreaPoint[]): Trend | null {
  const rates = points.map((p) => p.ratePer1000);
  if (rates.length < 3 || rates.some((r) => r === null) || points.every((p) => p.count === 0)) return null;
  return mannKendallTrend(rates as number[], PROFILE_ALPHA);
}

/** Conditional binomial test of the last two years' counts given their residents. */
function yearOnYearOf(points: AreaPoint[]): YearOnYear | null {
  const [before, after] = points.slice(-2);
  if (!before || !after || before.count === null || after.count === null || !before.population || !after.population) return null;
  const test = yearOnYearTest(before.count, before.population, after.count, after.population);
  return { from: before.year, to: after.year, rateRatio: test.rateRatio, pValue: test.pValue, significant: test.pValue < PROFILE_ALPHA };
}

/**
 * Rank of the neighbourhood's rate in the last year among the residential neighbourhoods
 * with residents (1 = highest; ties share the better rank; none when no one has an event).
 * For callers who are not analysts, only neighbourhoods whose count of that year is
 * published take part, so a rank never depends on a suppressed count.
 */
function rankOf(data: ProfileData, counts: number[][], own: number, k: number, year: number | undefined, pattern: LinkedPattern | null): CategoryProfile["rank"] {
  if (year === undefined) return null;
  const b = (i: number) => data.populations[i]![year - data.firstPopulationYear] ?? 0;
  const ranked = data.neighbourhoods.flatMap((n, i) => (n.kind === "residential" && b(i) > 0 && (!pattern || pattern.neighbourhoods[i]![k] === "published") ? [i] : []));
  const x = (i: number) => counts[i]![k]!;
  if (!ranked.includes(own) || ranked.every((i) => x(i) === 0)) return null;
  // rate_i > rate_own, compared without division: x_i b_own > x_own b_i.
  const higher = ranked.filter((i) => x(i) * b(own) > x(own) * b(i)).length;
  return { year, position: higher + 1, of: ranked.length };
}

function sumOrNull(values: (number | null)[]): number | null {
  return values.some((v) => v !== null) ? values.reduce<number>((s, v) => s + (v ?? 0), 0) : null;
}
