/**
 * The reproducibility manifest of an observatory annual report: the batches counted (with
 * their sha256), the period and filters, the taxonomy, the categories, the population
 * vintage and territory version, the disclosure threshold, the hot-spot and priority-zone
 * settings (seed, permutations, alpha, FDR), the software version and a fingerprint of
 * the data read. Everything the figures depend on is in it, so the same manifest on the
 * same data gives the same figures (report-data.ts). Stored and hashed as canonical JSON.
 */
import { z } from "@hono/zod-openapi";
import { SOFTWARE } from "../../../shared/version.js";
import { AppError } from "../../../shared/errors.js";
import { DEFAULT_THRESHOLD } from "../disclosure.js";
import { DEFAULT_KNN, PRIORITY_ZONE_DEFAULTS } from "../priority-zones.js";
import { canonicalJson, inputsSha256, loadInputs, sha256Of, taxonomyRow, territoryVersion, topCategories, type Reader, type ReportCategory } from "./report-inputs.js";

/** Years of an annual report when no first year is asked: the report year and the nine before. */
export const DEFAULT_PERIOD_YEARS = 10;
/** Significance level of the trend flags (Mann-Kendall) and of the changes. */
export const TREND_ALPHA = 0.05;

const year = z.number().int().min(1990).max(2100);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const ManifestBatch = z.strictObject({
  id: z.number().int().positive(),
  batchKey: z.string(),
  sha256,
  rows: z.number().int().nonnegative(),
  synthetic: z.boolean(),
});

export const ReportManifest = z.strictObject({
  format: z.literal(1),
  kind: z.literal("annual_report"),
  year,
  period: z.strictObject({ from: year, to: year }),
  createdAt: z.iso.datetime(),
  taxonomy: z.strictObject({ version: z.string() }),
  batches: z.array(ManifestBatch).min(1),
  filters: z.strictObject({ grain: z.literal("aggregated"), categoryLevel: z.literal("category"), neighbourhoods: z.literal("all") }),
  categories: z.array(z.string()).min(1),
  /** The category of the maps, hot spots and priority zones: the largest in the report year. */
  mapCategory: z.string(),
  population: z.strictObject({
    source: z.literal("neighbourhood_population"),
    territoryVersion: z.string(),
    vintage: z.array(z.strictObject({ year, populationYear: year })),
  }),
  trends: z.strictObject({ test: z.literal("mann_kendall"), on: z.literal("rate_per_1000"), change: z.literal("conditional_binomial"), alpha: z.number().positive().max(0.5) }),
  disclosure: z.strictObject({ threshold: z.number().int().positive() }),
  hotSpots: z.strictObject({
    statistic: z.literal("getis_ord_gi_star"),
    measure: z.literal("smoothed_rate"),
    weights: z.tuple([z.literal("queen"), z.literal("knn")]),
    knn: z.number().int().positive(),
    permutations: z.number().int().nonnegative(),
    seed: z.number().int(),
    alpha: z.number().positive().max(0.5),
    multipleTesting: z.literal("benjamini_hochberg"),
    analysisSet: z.literal("residential"),
  }),
  priorityZones: z.strictObject({
    categories: z.array(z.string()).min(1),
    groupLabel: z.string(),
    years: z.number().int().positive(),
    required: z.number().int().positive(),
    alpha: z.number().positive().max(0.5),
    permutations: z.number().int().nonnegative(),
    seed: z.number().int(),
    knn: z.number().int().positive(),
    residentialOnly: z.literal(true),
  }),
  inputsSha256: sha256,
  software: z.strictObject({ name: z.string(), version: z.string() }),
});
export type ReportManifest = z.infer<typeof ReportManifest>;

/** The manifest as a file: its content and the sha256 of that content's canonical JSON. */
export const SignedManifest = ReportManifest.extend({ sha256 });
export type SignedManifest = z.infer<typeof SignedManifest>;

export function signManifest(manifest: ReportManifest): SignedManifest {
  return { ...manifest, sha256: sha256Of(canonicalJson(manifest)) };
}

/** The stored text of a manifest (canonical JSON, without its hash). */
export function manifestText(manifest: ReportManifest): string {
  return canonicalJson(manifest);
}

/** The manifest as a downloadable file: sorted keys, indented, with its sha256. */
export function manifestFile(manifest: SignedManifest): string {
  return `${JSON.stringify(JSON.parse(canonicalJson(manifest)), null, 2)}\n`;
}

const manifestError = (field: string, key: string, params?: Record<string, string | number>) =>
  new AppError("validation_failed", { fields: [{ field, key, ...(params ? { params } : {}) }], detail: `manifest: ${key}` });

/** Reads a manifest file (CLI, stored rows): the schema, then the hash of its content. */
export function parseManifest(text: string): SignedManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw manifestError("manifest", "observatoryReport.error.manifestInvalid");
  }
  const parsed = SignedManifest.safeParse(value);
  if (!parsed.success) throw manifestError(`manifest.${parsed.error.issues[0]?.path.join(".") ?? ""}`, "observatoryReport.error.manifestInvalid");
  const { sha256: claimed, ...content } = parsed.data;
  if (sha256Of(canonicalJson(content)) !== claimed) throw manifestError("manifest.sha256", "observatoryReport.error.manifestHash");
  return parsed.data;
}

export interface ManifestRequest {
  /** The report year (the last year covered). */
  year: number;
  /** First year; default year - 9, clipped to the data. */
  fromYear?: number;
  /** Batches to count; default every aggregated batch of the active taxonomy overlapping the period. */
  batchIds?: number[];
  createdAt?: Date;
}

const bodyError = (field: string, key: string, params?: Record<string, string | number>) =>
  new AppError("validation_failed", { fields: [{ field: `body.${field}`, key, ...(params ? { params } : {}) }] });

const yearOf = (day: string) => Number(day.slice(0, 4));

/** The aggregated batches of a taxonomy (or the ones asked for), oldest first. */
async function candidateBatches(db: Reader, taxonomyId: number, batchIds: number[] | undefined) {
  let q = db
    .selectFrom("observatory_batches")
    .select(["id", "batch_key", "sha256", "rows", "is_synthetic", "period_start", "period_end"])
    .where("taxonomy_id", "=", taxonomyId)
    .where("grain", "=", "aggregated")
    .orderBy("id");
  if (batchIds) q = q.where("id", "in", batchIds.length ? batchIds : [0]);
  const rows = await q.execute();
  const unknown = (batchIds ?? []).filter((id) => !rows.some((r) => r.id === id));
  if (unknown.length) throw bodyError("batchIds", "validation.unknown", { value: unknown.join(", ") });
  return rows;
}

/** Two batches counting the same category in the same month would count its facts twice: refused, naming them. */
async function refuseDoubleCounts(db: Reader, batches: { id: number; batch_key: string }[], categories: ReportCategory[], from: number, to: number): Promise<void> {
  if (batches.length < 2) return;
  const clash = await db
    .selectFrom("crime_counts")
    .select(["category_id", "month", (eb) => eb.fn.min("batch_id").as("first"), (eb) => eb.fn.max("batch_id").as("second")])
    .where("batch_id", "in", batches.map((b) => b.id))
    .where("category_id", "in", categories.map((c) => c.id))
    .where("month", ">=", `${from}-01`)
    .where("month", "<=", `${to}-12`)
    .groupBy(["category_id", "month"])
    .having((eb) => eb(eb.fn.count("batch_id").distinct(), ">", 1))
    .orderBy("month")
    .orderBy("category_id")
    .limit(1)
    .executeTakeFirst();
  if (!clash) return;
  const key = (id: unknown) => batches.find((b) => b.id === Number(id))?.batch_key ?? String(id);
  throw bodyError("batchIds", "observatoryReport.error.doubleCount", {
    category: categories.find((c) => c.id === clash.category_id)?.code ?? String(clash.category_id),
    month: clash.month,
    first: key(clash.first),
    second: key(clash.second),
  });
}

/** Builds the manifest of an annual report from what the database holds now. */
export async function buildManifest(db: Reader, request: ManifestRequest): Promise<SignedManifest> {
  const { year } = request;
  const taxonomy = await taxonomyRow(db);
  const batches = taxonomy ? await candidateBatches(db, taxonomy.id, request.batchIds) : [];
  if (!taxonomy || !batches.length) throw bodyError("year", "observatoryReport.error.noData", { year });
  const first = Math.min(...batches.map((b) => yearOf(b.period_start)));
  const last = Math.max(...batches.map((b) => yearOf(b.period_end)));
  if (year < first || year > last) throw bodyError("year", "observatoryReport.error.yearOutside", { first, last });
  if (request.fromYear !== undefined && request.fromYear > year) throw bodyError("fromYear", "validation.too_big", { maximum: year });
  const from = Math.max(request.fromYear ?? year - DEFAULT_PERIOD_YEARS + 1, first);
  const counted = batches.filter((b) => yearOf(b.period_start) <= year && yearOf(b.period_end) >= from);
  if (!counted.some((b) => yearOf(b.period_end) >= year)) throw bodyError("year", "observatoryReport.error.noData", { year });

  const categories = await topCategories(db, taxonomy.id);
  await refuseDoubleCounts(db, counted, categories, from, year);
  const inputs = await loadInputs(db, { batchIds: counted.map((b) => b.id), categories, from, to: year });
  const reported = categories.filter((c) => inputs.counts.some((r) => r.categoryCode === c.code));
  if (!reported.length) throw bodyError("year", "observatoryReport.error.noData", { year });
  const years = Array.from({ length: year - from + 1 }, (_, i) => from + i);
  for (const y of years) {
    const residents = inputs.populations.filter((p) => p.year === y).reduce((s, p) => s + (p.population ?? 0), 0);
    if (!(residents > 0)) throw bodyError("year", "observatoryReport.error.noPopulation", { year: y });
  }
  const lastYearCount = (code: string) => inputs.counts.filter((r) => r.year === year && r.categoryCode === code).reduce((s, r) => s + r.count, 0);
  // the largest category of the report year; ties go to the first in the taxonomy's order
  const mapCategory = reported.reduce((best, c) => (lastYearCount(c.code) > lastYearCount(best.code) ? c : best)).code;
  const zoneYears = Math.min(PRIORITY_ZONE_DEFAULTS.years, years.length);

  const manifest: ReportManifest = {
    format: 1,
    kind: "annual_report",
    year,
    period: { from, to: year },
    createdAt: (request.createdAt ?? new Date()).toISOString(),
    taxonomy: { version: taxonomy.version },
    batches: counted.map((b) => ({ id: b.id, batchKey: b.batch_key, sha256: b.sha256, rows: Number(b.rows), synthetic: Number(b.is_synthetic) === 1 })),
    filters: { grain: "aggregated", categoryLevel: "category", neighbourhoods: "all" },
    categories: reported.map((c) => c.code),
    mapCategory,
    population: {
      source: "neighbourhood_population",
      territoryVersion: (await territoryVersion(db)) ?? "none",
      vintage: years.map((y) => ({ year: y, populationYear: y })),
    },
    trends: { test: "mann_kendall", on: "rate_per_1000", change: "conditional_binomial", alpha: TREND_ALPHA },
    disclosure: { threshold: DEFAULT_THRESHOLD },
    hotSpots: {
      statistic: "getis_ord_gi_star",
      measure: "smoothed_rate",
      weights: ["queen", "knn"],
      knn: DEFAULT_KNN,
      permutations: PRIORITY_ZONE_DEFAULTS.permutations,
      seed: PRIORITY_ZONE_DEFAULTS.seed,
      alpha: PRIORITY_ZONE_DEFAULTS.alpha,
      multipleTesting: "benjamini_hochberg",
      analysisSet: "residential",
    },
    priorityZones: {
      categories: [mapCategory],
      groupLabel: mapCategory,
      years: zoneYears,
      required: Math.min(PRIORITY_ZONE_DEFAULTS.required, zoneYears),
      alpha: PRIORITY_ZONE_DEFAULTS.alpha,
      permutations: PRIORITY_ZONE_DEFAULTS.permutations,
      seed: PRIORITY_ZONE_DEFAULTS.seed,
      knn: DEFAULT_KNN,
      residentialOnly: true,
    },
    // categories without a count add no row: these are the inputs of the reported categories
    inputsSha256: inputsSha256(inputs),
    software: { name: SOFTWARE.name, version: SOFTWARE.version },
  };
  return signManifest(manifest);
}
