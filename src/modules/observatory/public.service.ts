/**
 * The observatory's published figures, for anonymous users: the public page, the public API
 * and the open data (docs/modules/observatory.md, "Public figures and open data").
 *
 * - Published years: from the first year of the data up to the last year of a published
 *   publication (observatory_publications, status `published`); none while nothing is published.
 * - One table per published year: the 145 neighbourhoods x the top-level categories of the
 *   active taxonomy (a phenomenon is part of its category and never published apart), with row
 *   totals, column totals and the region total, disclosure-controlled by `suppressTable`
 *   (threshold 5). Every public answer about a year is cut from that one table, so two answers
 *   never disagree and subtracting one from another gives nothing new.
 * - Rates per 1,000 residents only from published counts (populations are public, IBSA).
 * - The regional series of a category: its yearly regional counts are the column totals of the
 *   yearly tables, with their status there. The series total is published only when every year
 *   is: otherwise it would add an equation (the sum of the years) the tables were not protected for.
 * - `synthetic`: some batch counted in the published years is synthetic.
 * Nothing here looks at who asks: an analyst on the public page gets the public figures.
 * A year's table is built once per database handle and data version (the batches counted,
 * the categories) and kept in memory: anonymous requests cost no aggregation. Counts change
 * only through imports, which write a new batch.
 */
import { sql } from "kysely";
import type { Db } from "../../server/db/database.js";
import { toNumber } from "../../server/db/dialect.js";
import { AppError, notFound } from "../../shared/errors.js";
import { localName, type Locale } from "../../shared/locale.js";
import { DEFAULT_THRESHOLD, suppressTable, type CellStatus, type SuppressedTable } from "./disclosure.js";

export interface PublicCategory {
  id: number;
  code: string;
  labels: { fr: string; nl: string; en: string };
}

export interface PublicScope {
  /** Published years, ascending; empty when nothing is published. */
  years: number[];
  categories: PublicCategory[];
  synthetic: boolean;
  /** When the last publication was published, and when the counted data last changed (ISO). */
  publishedAt: string | null;
  dataChangedAt: string | null;
  /** When each year became public: the publication date of the first publication covering it. */
  issued: Map<number, string>;
  /** Changes whenever the published tables may change (categories, batches counted). */
  version: string;
}

export interface NeighbourhoodInfo {
  code: number;
  names: { fr: string; nl: string };
}

/** One year's public table, as published (`table`) with the populations rates are computed from. */
export interface YearTable {
  year: number;
  neighbourhoods: NeighbourhoodInfo[];
  populations: (number | null)[];
  regionPopulation: number;
  table: SuppressedTable;
}

/** What is published: years, top-level categories, the synthetic flag and dates. */
export async function publicScope(db: Db): Promise<PublicScope> {
  const taxonomy = await db.selectFrom("crime_taxonomies").select("id").where("status", "=", "active").orderBy("id", "desc").executeTakeFirst();
  const publications = await db
    .selectFrom("observatory_publications")
    .select(["year", "published_at"])
    .where("status", "=", "published")
    .orderBy("published_at")
    .execute();
  const empty: PublicScope = { years: [], categories: [], synthetic: false, publishedAt: null, dataChangedAt: null, issued: new Map(), version: "" };
  if (!taxonomy) return empty;
  const categories = (
    await db
      .selectFrom("crime_categories")
      .select(["id", "code", "label_fr", "label_nl", "label_en"])
      .where("taxonomy_id", "=", taxonomy.id)
      .where("level", "=", "category")
      .orderBy("position")
      .orderBy("id")
      .execute()
  ).map((r) => ({ id: r.id, code: r.code, labels: { fr: r.label_fr, nl: r.label_nl, en: r.label_en } }));
  if (!publications.length) return { ...empty, categories };
  const last = Math.max(...publications.map((p) => Number(p.year)));
  const batches = await db
    .selectFrom("observatory_batches")
    .select(["id", "period_start", "is_synthetic", "imported_at"])
    .where("taxonomy_id", "=", taxonomy.id)
    .where("period_start", "<=", `${last}-12-31`)
    .execute();
  const first = Math.min(last, ...batches.map((b) => Number(b.period_start.slice(0, 4))));
  const years = Array.from({ length: last - first + 1 }, (_, k) => first + k);
  const issued = new Map<number, string>();
  for (const year of years) {
    const covering = publications.find((p) => Number(p.year) >= year && p.published_at);
    if (covering) issued.set(year, String(covering.published_at));
  }
  const latest = (values: (string | null)[]) => values.filter((v): v is string => !!v).sort().at(-1) ?? null;
  return {
    years,
    categories,
    synthetic: batches.some((b) => Number(b.is_synthetic) === 1),
    publishedAt: latest(publications.map((p) => p.published_at)),
    dataChangedAt: latest(batches.map((b) => String(b.imported_at))),
    issued,
    version: [categories.map((c) => c.id).join(","), ...batches.map((b) => `${b.id}@${String(b.imported_at)}`).sort()].join("|"),
  };
}

/** 400 on `query.year` unless the year is published. */
export function assertPublishedYear(scope: PublicScope, year: number): void {
  if (scope.years.includes(year)) return;
  const field = { field: "query.year", params: { year } };
  if (!scope.years.length) throw new AppError("validation_failed", { fields: [{ ...field, key: "observatoryPublic.errors.nothingPublished" }] });
  throw new AppError("validation_failed", {
    fields: [{ ...field, key: "observatoryPublic.errors.yearNotPublished", params: { year, first: scope.years[0]!, last: scope.years.at(-1)! } }],
  });
}

/** The top-level category with this code, or 404. */
export function publicCategory(scope: PublicScope, code: string): PublicCategory {
  const category = scope.categories.find((c) => c.code === code);
  if (!category) throw notFound("crime_category", code);
  return category;
}

const tableCache = new WeakMap<object, Map<string, Promise<YearTable>>>();
const CACHED_TABLES = 64;

/** The published tables of some published years, from the cache or built together. */
export function yearTables(db: Db, scope: PublicScope, years: readonly number[]): Promise<YearTable[]> {
  let cache = tableCache.get(db);
  if (!cache) tableCache.set(db, (cache = new Map()));
  const key = (year: number) => `${scope.version}|${year}`;
  const missing = years.filter((y) => !cache.has(key(y)));
  if (missing.length) {
    const built = buildTables(db, scope, missing);
    missing.forEach((year, k) => {
      const table = built.then((tables) => tables[k]!);
      cache.set(key(year), table);
      table.catch(() => cache.delete(key(year)));
    });
    for (const old of [...cache.keys()].slice(0, Math.max(0, cache.size - CACHED_TABLES))) cache.delete(old);
  }
  return Promise.all(years.map((y) => cache.get(key(y)) ?? buildTables(db, scope, [y]).then(([t]) => t!)));
}

/** Builds the tables of some years: one aggregation query, one population query. */
async function buildTables(db: Db, scope: PublicScope, years: readonly number[]): Promise<YearTable[]> {
  if (!years.length) return [];
  const from = Math.min(...years);
  const to = Math.max(...years);
  const yearOf = sql<string>`substr(c.month, 1, 4)`;
  const [neighbourhoods, counts, populations] = await Promise.all([
    db.selectFrom("neighbourhoods").select(["code", "name_fr", "name_nl"]).orderBy("code").execute(),
    scope.categories.length
      ? db
          .selectFrom("crime_counts as c")
          .where(
            "c.category_id",
            "in",
            scope.categories.map((k) => k.id),
          )
          .where("c.month", ">=", `${from}-01`)
          .where("c.month", "<=", `${to}-12`)
          .select([yearOf.as("year"), "c.neighbourhood_code", "c.category_id", (e) => e.fn.sum<number>("c.count").as("total")])
          .groupBy([yearOf, "c.neighbourhood_code", "c.category_id"])
          .execute()
      : [],
    db.selectFrom("neighbourhood_population").select(["neighbourhood_code", "year", "population"]).where("year", ">=", from).where("year", "<=", to).execute(),
  ]);
  const row = new Map(neighbourhoods.map((n, i) => [n.code, i]));
  const column = new Map(scope.categories.map((k, c) => [k.id, c]));
  const grids = new Map(years.map((y) => [y, neighbourhoods.map(() => scope.categories.map(() => 0))]));
  for (const r of counts) {
    const i = row.get(r.neighbourhood_code);
    const c = column.get(r.category_id);
    const grid = grids.get(Number(r.year));
    if (grid && i !== undefined && c !== undefined) grid[i]![c]! += toNumber(r.total);
  }
  const population = new Map(populations.map((p) => [`${p.year}|${p.neighbourhood_code}`, p.population === null ? null : Number(p.population)]));
  return years.map((year) => {
    const table = suppressTable(grids.get(year)!, { threshold: DEFAULT_THRESHOLD });
    // Never publish a table the check does not pass (it would mean a fault in disclosure.ts).
    if (table.exposed.length) throw new Error(`disclosure control left ${table.exposed.length} cells unprotected in ${year}`);
    const pops = neighbourhoods.map((n) => population.get(`${year}|${n.code}`) ?? null);
    return {
      year,
      neighbourhoods: neighbourhoods.map((n) => ({ code: n.code, names: { fr: n.name_fr, nl: n.name_nl } })),
      populations: pops,
      regionPopulation: pops.reduce<number>((s, p) => s + (p ?? 0), 0),
      table,
    };
  });
}

/** Rate per 1,000 residents of a published count; null when the count is suppressed or nobody lives there. */
export function publicRate(count: number | null, population: number | null): number | null {
  return count === null || !population ? null : (1000 * count) / population;
}

const hidden = (status: CellStatus) => status !== "published";

/** A category's figures in one published year: per neighbourhood, the region and the totals of all categories. */
export async function publicFigures(db: Db, locale: Locale, input: { year?: number; category: string }) {
  const scope = await publicScope(db);
  const year = input.year ?? scope.years.at(-1) ?? 0;
  assertPublishedYear(scope, year);
  const category = publicCategory(scope, input.category);
  const [t] = await yearTables(db, scope, [year]);
  const c = scope.categories.indexOf(category);
  const { table } = t!;
  return {
    year,
    category: { code: category.code, label: category.labels[locale] },
    threshold: table.threshold,
    synthetic: scope.synthetic,
    neighbourhoods: t!.neighbourhoods.map((n, i) => ({
      code: n.code,
      name: localName(locale, n.names),
      names: n.names,
      population: t!.populations[i]!,
      count: table.cells[i]![c]!,
      ratePer1000: publicRate(table.cells[i]![c]!, t!.populations[i]!),
      suppressed: hidden(table.status[i]![c]!),
      total: table.rowTotals[i]!,
      totalSuppressed: hidden(table.rowTotalStatus[i]!),
    })),
    region: {
      population: t!.regionPopulation,
      count: table.columnTotals[c]!,
      ratePer1000: publicRate(table.columnTotals[c]!, t!.regionPopulation),
      suppressed: hidden(table.columnTotalStatus[c]!),
      total: table.total,
      totalSuppressed: hidden(table.totalStatus),
    },
  };
}

/** A category's regional count per published year, cut from the yearly tables. */
export async function publicSeries(db: Db, locale: Locale, input: { category: string }) {
  const scope = await publicScope(db);
  const category = publicCategory(scope, input.category);
  const c = scope.categories.indexOf(category);
  const tables = await yearTables(db, scope, scope.years);
  const points = tables.map(({ year, table }) => ({ year, count: table.columnTotals[c]!, suppressed: hidden(table.columnTotalStatus[c]!) }));
  const complete = points.every((p) => !p.suppressed);
  return {
    category: { code: category.code, label: category.labels[locale] },
    threshold: DEFAULT_THRESHOLD,
    synthetic: scope.synthetic,
    points,
    total: complete ? points.reduce((s, p) => s + p.count!, 0) : null,
    totalSuppressed: !complete,
  };
}
