/**
 * Hot spots (Getis-Ord Gi*) and local Moran clusters of one category's rates in one year,
 * with the global Moran's I of the same values, for the explorer's analysis maps.
 *
 * - Analysis set: the residential neighbourhoods with residents that year (parks,
 *   cemeteries and industrial zones are listed with `analysed: false` and null statistics).
 * - Values: the rate per 1,000 (`rate`) or its global Empirical Bayes smoothing
 *   (`smoothed`), as the explorer computes them (explorer.service.ts).
 * - Weights: queen contiguity or k = 6 nearest neighbours over the residential polygons
 *   (the priority zones' cached weights), restricted to the analysis set; a unit left
 *   without neighbours is an island and is not tested.
 * - Inference: seeded conditional permutations (pseudo-p), then Benjamini-Hochberg over the
 *   tested units (`fdr`, default) or each pseudo-p against alpha (`none`).
 * Same input, same answer. Conventions and sources: docs/statistics.md.
 */
import type { Db } from "../../server/db/database.js";
import { AppError } from "../../shared/errors.js";
import { ExplorerNotFoundError, ratesByNeighbourhood, type NeighbourhoodRate } from "./explorer.service.js";
import { DEFAULT_KNN, subsetWeights } from "./priority-zones.js";
import { weightsFor } from "./priority-zones.service.js";
import { confidenceBin, DEFAULT_SEED, getisOrdGiStar, localMoran, moran, type ConfidenceBin, type Quadrant } from "./stats/autocorrelation.js";
import { benjaminiHochberg } from "./stats/multiple-testing.js";
import { rowStandardise, type SpatialWeights } from "./stats/weights.js";

export const analysisMeasures = ["rate", "smoothed"] as const;
export const analysisWeightNames = ["queen", "knn"] as const;
export const corrections = ["fdr", "none"] as const;
export type AnalysisMeasure = (typeof analysisMeasures)[number];
export type AnalysisWeightsName = (typeof analysisWeightNames)[number];
export type Correction = (typeof corrections)[number];

/** Defaults of every analysis (docs/modules/observatory.md): 999 permutations, the statistics' documented seed, alpha 0.05, FDR. */
export const ANALYSIS_DEFAULTS = { permutations: 999, seed: DEFAULT_SEED, alpha: 0.05, correction: "fdr" } as const;
export const MIN_PERMUTATIONS = 99;
export const MAX_PERMUTATIONS = 9999;
/** Largest significance level offered (0.2): beyond it a "hot spot" means little. */
export const MAX_ALPHA = 0.2;
/** Fewest analysed neighbourhoods for which Moran's moments are defined (n - 3 in a denominator). */
export const MIN_UNITS = 4;

export interface AnalysisInput {
  categoryCode: string;
  year: number;
  measure: AnalysisMeasure;
  weights: AnalysisWeightsName;
  permutations?: number;
  seed?: number;
  alpha?: number;
  correction?: Correction;
}

export interface AnalysisSettings {
  categoryCode: string;
  year: number;
  measure: AnalysisMeasure;
  weights: AnalysisWeightsName;
  permutations: number;
  seed: number;
  alpha: number;
  correction: Correction;
}

export interface GlobalMoran {
  /** Moran's I with row-standardised weights; null when every value is the same */
  I: number | null;
  expected: number;
  /** z under randomisation */
  z: number | null;
  /** permutation pseudo-p (folded, as PySAL p_sim) */
  pseudoP: number | null;
}

interface UnitBase {
  code: number;
  kind: string;
  /** in the analysis set (residential, with residents that year) */
  analysed: boolean;
  /** analysed but without a neighbour in the analysis set: not tested */
  island: boolean;
  count: number;
  population: number | null;
  /** the analysed value (rate per 1,000, raw or smoothed); null outside the analysis set */
  value: number | null;
  pseudoP: number | null;
  /** after the correction (BH-adjusted, or the pseudo-p itself without correction) */
  adjustedP: number | null;
  significant: boolean;
}

export interface HotSpotUnit extends UnitBase {
  z: number | null;
  /** -3..3 (99/95/90 %) where significant after the correction, else 0 */
  bin: ConfidenceBin;
}

export interface ClusterUnit extends UnitBase {
  localI: number | null;
  /** HH, LH, LL or HL where significant after the correction, else null */
  quadrant: Quadrant | null;
}

export interface AnalysisAnswer<U> extends AnalysisSettings {
  synthetic: boolean;
  /** neighbourhoods in the analysis set, tested (not islands, defined statistic), significant */
  analysed: number;
  tested: number;
  significant: number;
  moran: GlobalMoran;
  /** all 145 neighbourhoods, by code */
  neighbourhoods: U[];
}

export type HotSpots = AnalysisAnswer<HotSpotUnit>;
export type Clusters = AnalysisAnswer<ClusterUnit>;

const invalid = (field: string, key: string, params?: Record<string, string | number>) =>
  new AppError("validation_failed", { fields: [{ field: `query.${field}`, key, ...(params ? { params } : {}) }] });

/** The input with its defaults, checked (the HTTP schema checks the same; callers of the service get the same errors). */
export function analysisSettings(input: AnalysisInput): AnalysisSettings {
  const d = ANALYSIS_DEFAULTS;
  const s: AnalysisSettings = {
    categoryCode: input.categoryCode,
    year: input.year,
    measure: input.measure,
    weights: input.weights,
    permutations: input.permutations ?? d.permutations,
    seed: input.seed ?? d.seed,
    alpha: input.alpha ?? d.alpha,
    correction: input.correction ?? d.correction,
  };
  if (!analysisMeasures.includes(s.measure)) throw invalid("measure", "validation.invalid_value", { values: analysisMeasures.join(", ") });
  if (!analysisWeightNames.includes(s.weights)) throw invalid("weights", "validation.invalid_value", { values: analysisWeightNames.join(", ") });
  if (!corrections.includes(s.correction)) throw invalid("correction", "validation.invalid_value", { values: corrections.join(", ") });
  if (!Number.isInteger(s.permutations) || s.permutations < MIN_PERMUTATIONS) throw invalid("permutations", "validation.too_small", { minimum: MIN_PERMUTATIONS });
  if (s.permutations > MAX_PERMUTATIONS) throw invalid("permutations", "validation.too_big", { maximum: MAX_PERMUTATIONS });
  if (!Number.isInteger(s.seed) || s.seed < 0 || s.seed > 0xffffffff) throw invalid("seed", "validation.invalid");
  if (!(s.alpha > 0)) throw invalid("alpha", "validation.too_small", { minimum: 0 });
  if (s.alpha > MAX_ALPHA) throw invalid("alpha", "validation.too_big", { maximum: MAX_ALPHA });
  return s;
}

interface Prepared {
  settings: AnalysisSettings;
  synthetic: boolean;
  rows: NeighbourhoodRate[];
  /** position in the analysed vector of each row, or undefined outside the analysis set */
  position: (number | undefined)[];
  values: number[];
  /** every value the same (e.g. no count, or EB shrinking everything to the mean): nothing can be tested */
  constant: boolean;
  w: SpatialWeights;
}

/** Rates of the year, the analysis set, its values and its weights. */
async function prepare(db: Db, input: AnalysisInput): Promise<Prepared> {
  const settings = analysisSettings(input);
  const rates = await ratesByNeighbourhood(db, { categoryCode: settings.categoryCode, year: settings.year }).catch((err: unknown) => {
    if (!(err instanceof ExplorerNotFoundError)) throw err;
    if (err.what.startsWith("category ")) throw invalid("category", "validation.unknown", { value: settings.categoryCode });
    throw new AppError("not_found", { params: { entity: "crime_taxonomy", id: err.what }, detail: err.message });
  });
  const residential = rates.neighbourhoods.filter((r) => r.kind === "residential");
  const all = await weightsFor(db, residential.map((r) => r.code), DEFAULT_KNN);
  const rowOf = new Map(rates.neighbourhoods.map((r) => [r.code, r]));
  const keep = all.codes.flatMap((code, i) => ((rowOf.get(code)!.population ?? 0) > 0 ? [i] : []));
  if (keep.length < MIN_UNITS) throw invalid("year", "observatorySpatial.error.tooFewUnits", { year: settings.year, count: keep.length, minimum: MIN_UNITS });
  const analysed = keep.map((i) => rowOf.get(all.codes[i]!)!);
  const values = analysed.map((r) => (settings.measure === "rate" ? r.ratePer1000! : r.smoothedPer1000!));
  const index = new Map(analysed.map((r, k) => [r.code, k]));
  const low = Math.min(...values), high = Math.max(...values);
  return {
    settings,
    synthetic: rates.synthetic,
    rows: rates.neighbourhoods,
    position: rates.neighbourhoods.map((r) => index.get(r.code)),
    values,
    // relative tolerance: EB's w r_i + (1 - w) r with w = 0 can differ from r in the last bit
    constant: high - low <= 1e-9 * Math.max(Math.abs(low), Math.abs(high)),
    w: subsetWeights(all[settings.weights], keep),
  };
}

const finite = (v: number | null | undefined): number | null => (v === null || v === undefined || !Number.isFinite(v) ? null : v);

/** Moran's I with row-standardised weights; none for constant values (every permutation would tie and fold to a spurious small p). */
function globalMoran(p: Prepared): GlobalMoran {
  const expected = -1 / (p.values.length - 1);
  if (p.constant) return { I: null, expected, z: null, pseudoP: null };
  const m = moran(p.values, rowStandardise(p.w), { permutations: p.settings.permutations, seed: p.settings.seed });
  return { I: finite(m.I), expected, z: finite(m.zRandom), pseudoP: m.pseudoP };
}

/** The correction over the tested units' pseudo-p values: BH (FDR) or none (p <= alpha). */
function correct(p: (number | null)[], settings: AnalysisSettings): { adjusted: (number | null)[]; rejected: boolean[] } {
  if (settings.correction === "fdr") return benjaminiHochberg(p, settings.alpha);
  return { adjusted: p, rejected: p.map((v) => v !== null && v <= settings.alpha) };
}

/** Rows of all neighbourhoods, analysed ones filled by `unit(k)` (k its position in the analysed vector). */
function assemble<U extends UnitBase>(p: Prepared, unit: (k: number, base: UnitBase) => U, outside: (base: UnitBase) => U): AnalysisAnswer<U> {
  const neighbourhoods = p.rows.map((r, i) => {
    const k = p.position[i];
    const base: UnitBase = {
      code: r.code,
      kind: r.kind,
      analysed: k !== undefined,
      island: k !== undefined && p.w.neighbours[k]!.length === 0,
      count: r.count,
      population: r.population,
      value: k === undefined ? null : p.values[k]!,
      pseudoP: null,
      adjustedP: null,
      significant: false,
    };
    return k === undefined ? outside(base) : unit(k, base);
  });
  return {
    ...p.settings,
    synthetic: p.synthetic,
    analysed: p.values.length,
    tested: neighbourhoods.filter((n) => n.pseudoP !== null).length,
    significant: neighbourhoods.filter((n) => n.significant).length,
    moran: globalMoran(p),
    neighbourhoods,
  };
}

/** Gi* hot and cold spots: z, pseudo-p, significance after the correction, confidence bin. */
export async function hotSpots(db: Db, input: AnalysisInput): Promise<HotSpots> {
  const p = await prepare(db, input);
  const gi = p.constant ? null : getisOrdGiStar(p.values, p.w, { permutations: p.settings.permutations, seed: p.settings.seed });
  // untested: islands, and every unit when the values are all equal
  const z = p.values.map((_, k) => finite(gi?.z[k]));
  const pseudoP = z.map((zk, k) => (zk === null ? null : (gi!.pseudoP[k] ?? null)));
  const decision = correct(pseudoP, p.settings);
  return assemble<HotSpotUnit>(
    p,
    (k, base) => {
      const significant = decision.rejected[k]!;
      return { ...base, z: z[k] ?? null, pseudoP: pseudoP[k] ?? null, adjustedP: decision.adjusted[k] ?? null, significant, bin: significant ? confidenceBin(z[k]!) : 0 };
    },
    (base) => ({ ...base, z: null, bin: 0 }),
  );
}

/** Local Moran clusters: I_i, pseudo-p, significance after the correction, quadrant where significant. */
export async function clusters(db: Db, input: AnalysisInput): Promise<Clusters> {
  const p = await prepare(db, input);
  const lm = p.constant ? null : localMoran(p.values, p.w, { permutations: p.settings.permutations, seed: p.settings.seed });
  const localI = p.values.map((_, k) => finite(lm?.Is[k]));
  const pseudoP = localI.map((I, k) => (I === null ? null : (lm!.pseudoP[k] ?? null)));
  const decision = correct(pseudoP, p.settings);
  return assemble<ClusterUnit>(
    p,
    (k, base) => {
      const significant = decision.rejected[k]!;
      return { ...base, localI: localI[k] ?? null, pseudoP: pseudoP[k] ?? null, adjustedP: decision.adjusted[k] ?? null, significant, quadrant: significant ? lm!.quadrants[k]! : null };
    },
    (base) => ({ ...base, localI: null, quadrant: null }),
  );
}
