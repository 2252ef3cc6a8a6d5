/**
 * Every figure of an annual report, computed from its manifest only (and the database):
 * regional yearly counts and rates per category with the change over the period and over
 * the last year (conditional binomial test) and the Mann-Kendall trend; the
 * neighbourhoods' counts and rates of the report year under disclosure control; the Gi*
 * hot spots and the priority zones of the report year (report-spatial.ts). Refuses when a batch of the manifest is gone or changed,
 * or when the data read differ from the manifest's fingerprint.
 * Formulas: docs/statistics.md.
 */
import { AppError } from "../../../shared/errors.js";
import { isPrimarySensitive, suppressTable } from "../disclosure.js";
import { empiricalBayesGlobal, mannKendall, ratePer1000, yearOnYearTest } from "../stats/rates.js";
import type { SignedManifest } from "./manifest.js";
import {
  indexInputs,
  inputsSha256,
  loadInputs,
  neighbourhoods as loadNeighbourhoods,
  taxonomyRow,
  territoryVersion,
  topCategories,
  type InputIndex,
  type Labels,
  type Neighbourhood,
  type Reader,
  type ReportCategory,
  type ReportInputs,
} from "./report-inputs.js";
import { hotSpots, priorityZones, weightsFor, type HotSpot, type ZoneFigures } from "./report-spatial.js";

export interface SeriesPoint {
  year: number;
  /** null when suppressed: a regional count from 1 to threshold - 1 is not published, nor its rate */
  count: number | null;
  population: number;
  /** per 1,000 residents */
  rate: number | null;
  suppressed: boolean;
}

/** A change between two years: relative change of the count, rate ratio and its exact conditional test. */
export interface ChangeTest {
  fromYear: number;
  toYear: number;
  countChange: number | null;
  rateRatio: number | null;
  pValue: number;
  significant: boolean;
}

export interface Trend {
  n: number;
  s: number;
  z: number;
  pValue: number;
  tau: number;
  /** up / down when Mann-Kendall rejects "no trend" at the manifest's alpha */
  direction: "up" | "down" | "none";
}

export interface CategoryFigures {
  code: string;
  labels: Labels;
  series: SeriesPoint[];
  overPeriod: ChangeTest | null;
  lastYear: ChangeTest | null;
  trend: Trend | null;
}

export interface Cell {
  /** null when suppressed (disclosure control) */
  count: number | null;
  rate: number | null;
  /** global Empirical Bayes per 1,000, residential neighbourhoods with residents only */
  smoothed: number | null;
  suppressed: boolean;
}

export interface NeighbourhoodFigures extends Neighbourhood {
  population: number | null;
  /** one per reported category, in the manifest's order */
  cells: Cell[];
}

export interface ReportFigures {
  manifestSha256: string;
  year: number;
  period: { from: number; to: number };
  synthetic: boolean;
  mapCategory: string;
  context: { population: number; populationFirstYear: number; neighbourhoods: number; residential: number; municipalities: number };
  categories: CategoryFigures[];
  neighbourhoods: NeighbourhoodFigures[];
  hotSpots: HotSpot[];
  priorityZones: ZoneFigures;
}

const refuse = (field: string, key: string, params: Record<string, string | number>, detail: string) =>
  new AppError("conflict", { fields: [{ field, key, params }], detail });

/** The batches of the manifest must still exist with the same content. */
async function checkBatches(db: Reader, manifest: SignedManifest): Promise<void> {
  const rows = await db
    .selectFrom("observatory_batches")
    .select(["id", "batch_key", "sha256"])
    .where((eb) => eb.or([eb("id", "in", manifest.batches.map((b) => b.id)), eb("batch_key", "in", manifest.batches.map((b) => b.batchKey))]))
    .execute();
  for (const [i, batch] of manifest.batches.entries()) {
    const same = rows.find((r) => r.id === batch.id);
    if (same && same.sha256 === batch.sha256) continue;
    const replaced = same ?? rows.find((r) => r.batch_key === batch.batchKey);
    const key = replaced ? "observatoryReport.error.batchChanged" : "observatoryReport.error.batchMissing";
    throw refuse(`manifest.batches.${i}`, key, { batch: batch.batchKey }, `batch ${batch.id} (${batch.batchKey}) ${replaced ? "changed" : "is gone"}`);
  }
}

/** Checks that the manifest can still be regenerated identically (batches, territory, data read) and returns its inputs. */
export async function verifyManifest(db: Reader, manifest: SignedManifest): Promise<{ categories: ReportCategory[]; allCategories: ReportCategory[]; inputs: ReportInputs }> {
  await checkBatches(db, manifest);
  const territory = await territoryVersion(db);
  if (territory !== manifest.population.territoryVersion) {
    throw refuse("manifest.population.territoryVersion", "observatoryReport.error.territoryChanged", { version: manifest.population.territoryVersion }, `territory ${territory}`);
  }
  const taxonomy = await taxonomyRow(db, manifest.taxonomy.version);
  const all = taxonomy ? await topCategories(db, taxonomy.id) : [];
  const categories = manifest.categories.map((code) => all.find((c) => c.code === code));
  if (categories.some((c) => !c)) throw refuse("manifest.categories", "observatoryReport.error.inputsChanged", {}, "category missing");
  const known = categories as ReportCategory[];
  const inputs = await loadInputs(db, { batchIds: manifest.batches.map((b) => b.id), categories: known, from: manifest.period.from, to: manifest.period.to });
  if (inputsSha256(inputs) !== manifest.inputsSha256) throw refuse("manifest.inputsSha256", "observatoryReport.error.inputsChanged", {}, "inputs differ");
  return { categories: known, allCategories: all, inputs };
}

function change(a: SeriesPoint | undefined, b: SeriesPoint | undefined, alpha: number): ChangeTest | null {
  if (!a || !b || a === b || a.count === null || b.count === null || !(a.population > 0) || !(b.population > 0)) return null;
  const test = yearOnYearTest(a.count, a.population, b.count, b.population);
  return { fromYear: a.year, toYear: b.year, countChange: a.count > 0 ? b.count / a.count - 1 : null, rateRatio: test.rateRatio, pValue: test.pValue, significant: test.pValue < alpha };
}

function trendOf(series: SeriesPoint[], alpha: number): Trend | null {
  const rates = series.map((p) => p.rate);
  if (rates.length < 2 || rates.some((r) => r === null)) return null;
  const mk = mannKendall(rates as number[]);
  const direction = mk.pValue < alpha && mk.s !== 0 ? (mk.s > 0 ? "up" : "down") : "none";
  return { n: mk.n, s: mk.s, z: mk.z, pValue: mk.pValue, tau: mk.tau, direction };
}

function regional(manifest: SignedManifest, categories: ReportCategory[], units: Neighbourhood[], at: InputIndex): CategoryFigures[] {
  const years = Array.from({ length: manifest.period.to - manifest.period.from + 1 }, (_, i) => manifest.period.from + i);
  const alpha = manifest.trends.alpha;
  return categories.map((c) => {
    const series = years.map((year) => {
      const count = units.reduce((s, u) => s + at.count(c.code, u.code, year), 0);
      const population = units.reduce((s, u) => s + (at.population(u.code, year) ?? 0), 0);
      if (isPrimarySensitive(count, manifest.disclosure.threshold)) return { year, count: null, population, rate: null, suppressed: true };
      return { year, count, population, rate: ratePer1000(count, population), suppressed: false };
    });
    return { code: c.code, labels: c.labels, series, overPeriod: change(series[0], series.at(-1), alpha), lastYear: change(series.at(-2), series.at(-1), alpha), trend: trendOf(series, alpha) };
  });
}

/**
 * Counts and rates of the report year per neighbourhood and category, with primary and
 * secondary suppression. The suppression runs on the same table as the public figures (all
 * 145 neighbourhoods x every top-level category of the taxonomy, in the same order; the
 * categories the report leaves out have no count in its batches), so that the report and the
 * public page hide the same cells and cannot be subtracted from each other.
 */
function neighbourhoodTable(manifest: SignedManifest, units: Neighbourhood[], at: InputIndex, allCategories: ReportCategory[]): NeighbourhoodFigures[] {
  const { year } = manifest;
  const columnOf = manifest.categories.map((code) => allCategories.findIndex((c) => c.code === code));
  const full = suppressTable(
    units.map((u) => allCategories.map((c) => at.count(c.code, u.code, year))),
    { threshold: manifest.disclosure.threshold },
  );
  const counts = units.map((u) => manifest.categories.map((c) => at.count(c, u.code, year)));
  const table = { status: full.status.map((row) => columnOf.map((k) => row[k]!)) };
  const populations = units.map((u) => at.population(u.code, year));
  const fitted = units.flatMap((u, i) => (u.kind === "residential" && (populations[i] ?? 0) > 0 ? [i] : []));
  const smoothed = manifest.categories.map((_, c) => {
    const eb = empiricalBayesGlobal(fitted.map((i) => counts[i]![c]!), fitted.map((i) => populations[i]!));
    return new Map(fitted.map((i, k) => [i, eb.smoothed[k]! * 1000]));
  });
  return units.map((u, i) => ({
    ...u,
    population: populations[i] ?? null,
    cells: manifest.categories.map((_, c) => {
      const suppressed = table.status[i]![c] !== "published";
      const count = counts[i]![c]!;
      return {
        count: suppressed ? null : count,
        rate: suppressed ? null : ratePer1000(count, populations[i] ?? 0),
        smoothed: suppressed ? null : (smoothed[c]!.get(i) ?? null),
        suppressed,
      };
    }),
  }));
}

/** All the figures of the report the manifest describes. */
export async function reportFigures(db: Reader, manifest: SignedManifest): Promise<ReportFigures> {
  const { categories, allCategories, inputs } = await verifyManifest(db, manifest);
  const at = indexInputs(inputs);
  const units = await loadNeighbourhoods(db);
  const residential = units.filter((u) => u.kind === "residential").map((u) => u.code);
  const zoneWeights = await weightsFor(db, manifest.population.territoryVersion, residential, manifest.priorityZones.knn);
  const spotWeights = await weightsFor(db, manifest.population.territoryVersion, residential, manifest.hotSpots.knn);
  const municipalities = await db.selectFrom("municipalities").select((eb) => eb.fn.countAll<number | string>().as("n")).executeTakeFirstOrThrow();
  const regionPopulation = (year: number) => units.reduce((s, u) => s + (at.population(u.code, year) ?? 0), 0);
  return {
    manifestSha256: manifest.sha256,
    year: manifest.year,
    period: manifest.period,
    synthetic: manifest.batches.some((b) => b.synthetic),
    mapCategory: manifest.mapCategory,
    context: {
      population: regionPopulation(manifest.year),
      populationFirstYear: regionPopulation(manifest.period.from),
      neighbourhoods: units.length,
      residential: residential.length,
      municipalities: Number(municipalities.n),
    },
    categories: regional(manifest, categories, units, at),
    neighbourhoods: neighbourhoodTable(manifest, units, at, allCategories),
    hotSpots: hotSpots(manifest, spotWeights, at),
    priorityZones: await priorityZones(db, manifest, zoneWeights, at),
  };
}
