/**
 * Explorer queries of the observatory: rates per neighbourhood, time series, a
 * neighbourhood's profile against its municipality and the region, and the typology by
 * location quotients. Aggregation happens in SQL (group by), one or two queries per call;
 * the statistics are the pure functions of stats/rates.ts (docs/statistics.md).
 *
 * Conventions:
 * - a category's count includes its phenomena (as imported); the category is looked up in
 *   the active taxonomy unless `taxonomyVersion` is given; all batches of that taxonomy count;
 * - a missing crime_counts row means 0; population is that of the same year
 *   (neighbourhood_population), null when unknown;
 * - municipality = the neighbourhoods whose PRIMARY municipality it is (each neighbourhood in
 *   exactly one municipality, counts stay integers); `apportion: "area"` instead spreads each
 *   neighbourhood's count over municipalities by its area shares
 *   (neighbourhood_municipality_shares), which gives fractional counts.
 * Index note: crime_counts has (category_id, month), which serves every query here; no index
 * is missing for these access paths.
 */
import { sql } from "kysely";
import type { Db } from "../../server/db/database.js";
import { toNumber } from "../../server/db/dialect.js";
import { empiricalBayesGlobal, locationQuotients, rateIntervalPer1000, ratePer1000, type Interval } from "./stats/rates.js";

export class ExplorerNotFoundError extends Error {
  constructor(readonly what: string) {
    super(`observatory explorer: unknown ${what}`);
  }
}

async function taxonomyId(db: Db, version?: string): Promise<number> {
  let q = db.selectFrom("crime_taxonomies").select("id");
  q = version ? q.where("version", "=", version) : q.where("status", "=", "active").orderBy("id", "desc");
  const row = await q.executeTakeFirst();
  if (!row) throw new ExplorerNotFoundError(version ? `taxonomy ${version}` : "active taxonomy");
  return row.id;
}

async function categoryId(db: Db, code: string, version?: string): Promise<number> {
  const taxonomy = await taxonomyId(db, version);
  const row = await db.selectFrom("crime_categories").select("id").where("taxonomy_id", "=", taxonomy).where("code", "=", code).executeTakeFirst();
  if (!row) throw new ExplorerNotFoundError(`category ${code}`);
  return row.id;
}

const yearOf = sql<string>`substr(month, 1, 4)`;
const monthsOf = (from: number, to: number) => [`${from}-01`, `${to}-12`] as const;

/** True when a synthetic batch (demo data) has counts of the category in the years [from, to]: the figures are then invented. */
async function countsSynthetic(db: Db, category: number, from: number, to: number): Promise<boolean> {
  const [first, last] = monthsOf(from, to);
  const row = await db
    .selectFrom("crime_counts as c")
    .innerJoin("observatory_batches as b", "b.id", "c.batch_id")
    .select("c.batch_id")
    .where("c.category_id", "=", category)
    .where("c.month", ">=", first)
    .where("c.month", "<=", last)
    .where("b.is_synthetic", "=", 1)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether the counts of a category over the years [from, to] include synthetic data (the explorer's `synthetic` flag). */
export async function includesSynthetic(db: Db, input: { categoryCode: string; from: number; to: number; taxonomyVersion?: string }): Promise<boolean> {
  return countsSynthetic(db, await categoryId(db, input.categoryCode, input.taxonomyVersion), input.from, input.to);
}

export interface NeighbourhoodRate {
  code: number;
  kind: string;
  count: number;
  population: number | null;
  ratePer1000: number | null;
  /** Global Empirical Bayes over the residential neighbourhoods with a population; null otherwise. */
  smoothedPer1000: number | null;
  /** Exact Poisson (Garwood) 95% interval of the rate per 1,000. */
  interval: Interval | null;
}

export interface RatesByNeighbourhood {
  categoryCode: string;
  year: number;
  /** Some counted batch is synthetic (demo data). */
  synthetic: boolean;
  neighbourhoods: NeighbourhoodRate[];
  region: { count: number; population: number; ratePer1000: number | null; interval: Interval | null };
}

/** Counts and rates of one category in one year for every neighbourhood (145), in one query. */
export async function ratesByNeighbourhood(db: Db, input: { categoryCode: string; year: number; taxonomyVersion?: string }): Promise<RatesByNeighbourhood> {
  const category = await categoryId(db, input.categoryCode, input.taxonomyVersion);
  const [first, last] = monthsOf(input.year, input.year);
  const rows = await db
    .selectFrom("neighbourhoods as n")
    .leftJoin(
      (eb) =>
        eb
          .selectFrom("crime_counts")
          .select(["neighbourhood_code", (e) => e.fn.sum<number>("count").as("total")])
          .where("category_id", "=", category)
          .where("month", ">=", first)
          .where("month", "<=", last)
          .groupBy("neighbourhood_code")
          .as("c"),
      (join) => join.onRef("c.neighbourhood_code", "=", "n.code"),
    )
    .leftJoin("neighbourhood_population as p", (join) => join.onRef("p.neighbourhood_code", "=", "n.code").on("p.year", "=", input.year))
    .select(["n.code", "n.kind", "c.total", "p.population"])
    .orderBy("n.code")
    .execute();

  const counts = rows.map((r) => toNumber(r.total));
  const populations = rows.map((r) => (r.population === null || r.population === undefined ? null : Number(r.population)));
  const residential = rows.map((r, i) => r.kind === "residential" && (populations[i] ?? 0) > 0);
  const eb = empiricalBayesGlobal(
    counts.filter((_, i) => residential[i]),
    populations.filter((_, i) => residential[i]).map((b) => b!),
  );
  let k = 0;
  const neighbourhoods = rows.map((r, i): NeighbourhoodRate => {
    const b = populations[i] ?? 0;
    const smoothed = residential[i] ? eb.smoothed[k++] : null;
    return {
      code: r.code,
      kind: r.kind,
      count: counts[i]!,
      population: populations[i] ?? null,
      ratePer1000: ratePer1000(counts[i]!, b),
      smoothedPer1000: smoothed === null || smoothed === undefined ? null : 1000 * smoothed,
      interval: rateIntervalPer1000(counts[i]!, b),
    };
  });
  const count = counts.reduce((s, v) => s + v, 0);
  const population = populations.reduce<number>((s, v) => s + (v ?? 0), 0);
  return {
    categoryCode: input.categoryCode,
    year: input.year,
    synthetic: await countsSynthetic(db, category, input.year, input.year),
    neighbourhoods,
    region: { count, population, ratePer1000: ratePer1000(count, population), interval: rateIntervalPer1000(count, population) },
  };
}

export interface TimeSeriesInput {
  categoryCode: string;
  level: "neighbourhood" | "municipality" | "region";
  /** Neighbourhood code or municipality NIS code; not for the region. */
  code?: number;
  from: number;
  to: number;
  step: "month" | "year";
  /** Municipality only: "primary" (default) or "area" shares. */
  apportion?: "primary" | "area";
  taxonomyVersion?: string;
}

/** Counts per month (YYYY-MM) or year (YYYY), every period of [from, to] present (0 when no row). */
export async function timeSeries(db: Db, input: TimeSeriesInput): Promise<{ period: string; count: number }[]> {
  if (input.level !== "region" && input.code === undefined) throw new ExplorerNotFoundError(`${input.level} code`);
  const category = await categoryId(db, input.categoryCode, input.taxonomyVersion);
  const [first, last] = monthsOf(input.from, input.to);
  const period = input.step === "year" ? yearOf : sql<string>`month`;
  const base = db
    .selectFrom("crime_counts as c")
    .where("c.category_id", "=", category)
    .where("c.month", ">=", first)
    .where("c.month", "<=", last);
  let rows: { period: string; total: unknown }[];
  if (input.level === "region") {
    rows = await base.select([period.as("period"), (e) => e.fn.sum<number>("c.count").as("total")]).groupBy(period).execute();
  } else if (input.level === "neighbourhood") {
    rows = await base
      .where("c.neighbourhood_code", "=", input.code!)
      .select([period.as("period"), (e) => e.fn.sum<number>("c.count").as("total")])
      .groupBy(period)
      .execute();
  } else if (input.apportion === "area") {
    rows = await base
      .innerJoin("neighbourhood_municipality_shares as s", "s.neighbourhood_code", "c.neighbourhood_code")
      .where("s.municipality_nis", "=", input.code!)
      .select([period.as("period"), sql<number>`sum(c.count * s.area_share)`.as("total")])
      .groupBy(period)
      .execute();
  } else {
    rows = await base
      .innerJoin("neighbourhoods as n", "n.code", "c.neighbourhood_code")
      .where("n.primary_municipality_nis", "=", input.code!)
      .select([period.as("period"), (e) => e.fn.sum<number>("c.count").as("total")])
      .groupBy(period)
      .execute();
  }
  const byPeriod = new Map(rows.map((r) => [String(r.period), toNumber(r.total)]));
  const periods: string[] = [];
  for (let y = input.from; y <= input.to; y++) {
    if (input.step === "year") periods.push(String(y));
    else for (let m = 1; m <= 12; m++) periods.push(`${y}-${String(m).padStart(2, "0")}`);
  }
  return periods.map((p) => ({ period: p, count: byPeriod.get(p) ?? 0 }));
}

export interface ProfileYear {
  year: number;
  neighbourhood: { count: number; population: number; ratePer1000: number | null };
  municipality: { count: number; population: number; ratePer1000: number | null };
  region: { count: number; population: number; ratePer1000: number | null };
}

/**
 * A neighbourhood's rate per year against its primary municipality (the neighbourhoods whose
 * primary municipality it is) and the region, over the years that have counts. Two queries.
 */
export async function profileComparison(db: Db, input: { neighbourhood: number; categoryCode: string; taxonomyVersion?: string }): Promise<{ municipalityNis: number; years: ProfileYear[] }> {
  const category = await categoryId(db, input.categoryCode, input.taxonomyVersion);
  const home = await db.selectFrom("neighbourhoods").select("primary_municipality_nis").where("code", "=", input.neighbourhood).executeTakeFirst();
  if (!home) throw new ExplorerNotFoundError(`neighbourhood ${input.neighbourhood}`);
  const nis = home.primary_municipality_nis;
  const parts = (alias: "c" | "p", value: "count" | "population") => [
    sql<number>`sum(case when n.code = ${input.neighbourhood} then ${sql.ref(`${alias}.${value}`)} else 0 end)`.as("own"),
    sql<number>`sum(case when n.primary_municipality_nis = ${nis} then ${sql.ref(`${alias}.${value}`)} else 0 end)`.as("municipality"),
    sql<number>`sum(${sql.ref(`${alias}.${value}`)})`.as("region"),
  ];
  const counts = await db
    .selectFrom("crime_counts as c")
    .innerJoin("neighbourhoods as n", "n.code", "c.neighbourhood_code")
    .where("c.category_id", "=", category)
    .select([sql<string>`substr(c.month, 1, 4)`.as("year"), ...parts("c", "count")])
    .groupBy(sql`substr(c.month, 1, 4)`)
    .execute();
  const years = counts.map((r) => Number(r.year)).sort((a, b) => a - b);
  const populations = years.length
    ? await db
        .selectFrom("neighbourhood_population as p")
        .innerJoin("neighbourhoods as n", "n.code", "p.neighbourhood_code")
        .where("p.year", "in", years)
        .select(["p.year", ...parts("p", "population")])
        .groupBy("p.year")
        .execute()
    : [];
  const popOf = new Map(populations.map((r) => [Number(r.year), r]));
  const figure = (count: unknown, population: unknown) => {
    const c = toNumber(count);
    const b = toNumber(population);
    return { count: c, population: b, ratePer1000: ratePer1000(c, b) };
  };
  return {
    municipalityNis: nis,
    years: years.map((year) => {
      const c = counts.find((r) => Number(r.year) === year)!;
      const p = popOf.get(year);
      return {
        year,
        neighbourhood: figure(c.own, p?.own),
        municipality: figure(c.municipality, p?.municipality),
        region: figure(c.region, p?.region),
      };
    }),
  };
}

/**
 * Typology: per neighbourhood, the location quotient of each top-level category in one year,
 * LQ_ic = (e_ic / e_i.) / (e_.c / e_..), over the top-level categories (phenomena excluded,
 * so nothing is counted twice). One query.
 */
export async function typology(db: Db, input: { year: number; taxonomyVersion?: string }): Promise<{ categories: string[]; neighbourhoods: { code: number; lq: (number | null)[] }[] }> {
  const taxonomy = await taxonomyId(db, input.taxonomyVersion);
  const [first, last] = monthsOf(input.year, input.year);
  const [categories, neighbourhoods, rows] = await Promise.all([
    db.selectFrom("crime_categories").select(["id", "code"]).where("taxonomy_id", "=", taxonomy).where("level", "=", "category").orderBy("position").execute(),
    db.selectFrom("neighbourhoods").select("code").orderBy("code").execute(),
    db
      .selectFrom("crime_counts as c")
      .innerJoin("crime_categories as k", "k.id", "c.category_id")
      .where("k.taxonomy_id", "=", taxonomy)
      .where("k.level", "=", "category")
      .where("c.month", ">=", first)
      .where("c.month", "<=", last)
      .select(["c.neighbourhood_code", "c.category_id", (e) => e.fn.sum<number>("c.count").as("total")])
      .groupBy(["c.neighbourhood_code", "c.category_id"])
      .execute(),
  ]);
  const column = new Map(categories.map((c, k) => [c.id, k]));
  const row = new Map(neighbourhoods.map((n, i) => [n.code, i]));
  const table = neighbourhoods.map(() => categories.map(() => 0));
  for (const r of rows) table[row.get(r.neighbourhood_code)!]![column.get(r.category_id)!] = toNumber(r.total);
  const lq = locationQuotients(table);
  return { categories: categories.map((c) => c.code), neighbourhoods: neighbourhoods.map((n, i) => ({ code: n.code, lq: lq[i]! })) };
}
