/**
 * What an annual report reads from the database, and nothing else: the top-level
 * categories of a taxonomy, the yearly counts of the manifest's batches only (a category
 * includes its phenomena; no row = 0), the neighbourhoods' populations of the same years,
 * the neighbourhoods and municipalities, and their polygons. `inputsSha256` fingerprints
 * the counts and populations so a regeneration can prove it read the same data;
 * `indexInputs` looks them up by category, neighbourhood and year.
 */
import { createHash } from "node:crypto";
import { sql, type Kysely } from "kysely";
import { toNumber } from "../../../server/db/dialect.js";
import type { Database } from "../../../server/db/schema.js";
import type { TerritoryLevel } from "../../territory/territory.data.js";
import { toMultiPolygon, type Geometry, type MultiPolygon } from "../../territory/territory.geo.js";

export type Reader = Kysely<Database>;

export interface Labels {
  fr: string;
  nl: string;
  en: string;
}

export interface ReportCategory {
  id: number;
  code: string;
  labels: Labels;
}

export interface YearCount {
  categoryCode: string;
  neighbourhood: number;
  year: number;
  count: number;
}

export interface YearPopulation {
  neighbourhood: number;
  year: number;
  population: number | null;
}

export interface ReportInputs {
  counts: YearCount[];
  populations: YearPopulation[];
}

export interface Neighbourhood {
  code: number;
  kind: string;
  names: { fr: string; nl: string };
  municipality: { nis: number; names: { fr: string; nl: string } };
}

/** Canonical JSON: object keys sorted at every level, no spaces. The same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

export const sha256Of = (text: string) => createHash("sha256").update(text).digest("hex");

/** The active taxonomy (the latest one), or the named version. */
export async function taxonomyRow(db: Reader, version?: string): Promise<{ id: number; version: string } | undefined> {
  let q = db.selectFrom("crime_taxonomies").select(["id", "version"]);
  q = version ? q.where("version", "=", version) : q.where("status", "=", "active").orderBy("id", "desc");
  return q.executeTakeFirst();
}

/** The top-level categories of a taxonomy, in its order. */
export async function topCategories(db: Reader, taxonomyId: number): Promise<ReportCategory[]> {
  const rows = await db
    .selectFrom("crime_categories")
    .select(["id", "code", "label_fr", "label_nl", "label_en"])
    .where("taxonomy_id", "=", taxonomyId)
    .where("parent_id", "is", null)
    .orderBy("position")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ id: r.id, code: r.code, labels: { fr: r.label_fr, nl: r.label_nl, en: r.label_en } }));
}

/** Yearly counts and populations of the years from..to, counting only the given batches and categories. */
export async function loadInputs(db: Reader, input: { batchIds: number[]; categories: ReportCategory[]; from: number; to: number }): Promise<ReportInputs> {
  const year = sql<string>`substr(month, 1, 4)`;
  const rows =
    input.batchIds.length && input.categories.length
      ? await db
          .selectFrom("crime_counts")
          .select(["category_id", "neighbourhood_code", year.as("year"), (eb) => eb.fn.sum<number | string>("count").as("total")])
          .where("batch_id", "in", input.batchIds)
          .where("category_id", "in", input.categories.map((c) => c.id))
          .where("month", ">=", `${input.from}-01`)
          .where("month", "<=", `${input.to}-12`)
          .groupBy(["category_id", "neighbourhood_code", year])
          .execute()
      : [];
  const codeOf = new Map(input.categories.map((c) => [c.id, c.code]));
  const counts = rows
    .map((r) => ({ categoryCode: codeOf.get(r.category_id)!, neighbourhood: r.neighbourhood_code, year: Number(r.year), count: toNumber(r.total) }))
    .filter((r) => r.count > 0)
    .sort((a, b) => a.year - b.year || a.neighbourhood - b.neighbourhood || (a.categoryCode < b.categoryCode ? -1 : a.categoryCode > b.categoryCode ? 1 : 0));
  const populations = (
    await db
      .selectFrom("neighbourhood_population")
      .select(["neighbourhood_code", "year", "population"])
      .where("year", ">=", input.from)
      .where("year", "<=", input.to)
      .execute()
  )
    .map((p) => ({ neighbourhood: p.neighbourhood_code, year: Number(p.year), population: p.population === null ? null : Number(p.population) }))
    .sort((a, b) => a.year - b.year || a.neighbourhood - b.neighbourhood);
  return { counts, populations };
}

/** The fingerprint of what a report counts: its yearly counts and populations, canonical. */
export function inputsSha256(inputs: ReportInputs): string {
  return sha256Of(canonicalJson(inputs));
}

/** Counts by "category|neighbourhood|year" and populations by "neighbourhood|year". */
export function indexInputs(inputs: ReportInputs) {
  const counts = new Map(inputs.counts.map((r) => [`${r.categoryCode}|${r.neighbourhood}|${r.year}`, r.count]));
  const populations = new Map(inputs.populations.map((p) => [`${p.neighbourhood}|${p.year}`, p.population]));
  return {
    count: (category: string, code: number, year: number) => counts.get(`${category}|${code}|${year}`) ?? 0,
    population: (code: number, year: number) => populations.get(`${code}|${year}`) ?? null,
  };
}

export type InputIndex = ReturnType<typeof indexInputs>;

/** The version of the reference geography loaded (data/brussels), or null before the seed. */
export async function territoryVersion(db: Reader): Promise<string | null> {
  const row = await db.selectFrom("reference_data").select("version").where("key", "=", "territory").executeTakeFirst();
  return row?.version ?? null;
}

/** The 145 neighbourhoods with their primary municipality, by code. */
export async function neighbourhoods(db: Reader): Promise<Neighbourhood[]> {
  const rows = await db
    .selectFrom("neighbourhoods as n")
    .innerJoin("municipalities as m", "m.nis_code", "n.primary_municipality_nis")
    .select(["n.code", "n.kind", "n.name_fr", "n.name_nl", "m.nis_code", "m.name_fr as municipality_fr", "m.name_nl as municipality_nl"])
    .orderBy("n.code")
    .execute();
  return rows.map((r) => ({
    code: r.code,
    kind: r.kind,
    names: { fr: r.name_fr, nl: r.name_nl },
    municipality: { nis: r.nis_code, names: { fr: r.municipality_fr, nl: r.municipality_nl } },
  }));
}

/** Polygons of one level, by code: the full geometry (for spatial weights) or the simplified one (for drawing). */
export async function shapesOf(db: Reader, level: TerritoryLevel, which: "geometry" | "simplified"): Promise<Map<number, MultiPolygon>> {
  const rows = await db.selectFrom("territory_geometries").select(["code", `${which} as shape`]).where("level", "=", level).orderBy("code").execute();
  return new Map(rows.map((r) => [r.code, toMultiPolygon(JSON.parse(r.shape) as Geometry)]));
}
