/**
 * Priority intervention zones: the pure engine. A neighbourhood is proposed for a group of
 * categories when, in at least k of the last m years, its Getis-Ord Gi* is a significant
 * HOT spot (z > 0 and rejected by Benjamini-Hochberg at alpha over the year's family of
 * permutation pseudo-p values) for ALL FOUR combinations of rate (raw per 1,000 and global
 * Empirical Bayes) and weights (queen contiguity and k nearest neighbours).
 * Islands (no neighbour in the analysis set) are left out of the tests. No I/O.
 * Rule, defaults and sources: docs/statistics.md, "Priority intervention zones".
 */
import type { MultiPolygon } from "../territory/territory.geo.js";
import { DEFAULT_PERMUTATIONS, getisOrdGiStar, type ConfidenceBin } from "./stats/autocorrelation.js";
import { benjaminiHochberg } from "./stats/multiple-testing.js";
import { empiricalBayesGlobal, ratePer1000 } from "./stats/rates.js";
import { contiguity, nearestNeighboursOfShapes, type SpatialWeights } from "./stats/weights.js";

export type RateKind = "raw" | "smoothed";
export type WeightsName = "queen" | "knn";
export type Combination = `${RateKind}/${WeightsName}`;
export const COMBINATIONS: readonly Combination[] = ["raw/queen", "raw/knn", "smoothed/queen", "smoothed/knn"];

export interface PriorityZoneOptions {
  /** years considered: the last m years of the data (default 5) */
  years?: number;
  /** years among them in which all four tests must hold (default 3) */
  required?: number;
  /** false-discovery rate of the Benjamini-Hochberg control, per year and combination (default 0.05) */
  alpha?: number;
  /** conditional permutations per Gi* (default 999) */
  permutations?: number;
  /** seed of the permutations (default 2018); the same seed serves every year and combination */
  seed?: number;
  /** last year of the window; default the latest year in the observations */
  lastYear?: number;
}

export const PRIORITY_ZONE_DEFAULTS = { years: 5, required: 3, alpha: 0.05, permutations: DEFAULT_PERMUTATIONS, seed: 2018 } as const;
/** Neighbours of the k-nearest-neighbour weights (centroids in Lambert 2008). */
export const DEFAULT_KNN = 6;

export interface Observation {
  code: number;
  year: number;
  /** events of the category group (sum of the chosen categories) */
  count: number;
  /** residents of the same year; null or 0 leaves the unit out of that year */
  population: number | null;
}

export interface ZoneWeights {
  /** unit codes, in the order of the weights' indices (the analysis set) */
  codes: number[];
  queen: SpatialWeights;
  knn: SpatialWeights;
}

export interface TestEvidence {
  /** rate used: per 1,000 residents (smoothed or raw) */
  rate: number;
  z: number;
  bin: ConfidenceBin;
  /** permutation pseudo-p (normal two-sided p when permutations = 0) */
  p: number;
  /** Benjamini-Hochberg adjusted p */
  q: number;
  /** z > 0 and rejected by BH at alpha */
  hot: boolean;
}

export interface YearEvidence {
  year: number;
  /** all four combinations hot */
  qualifies: boolean;
  /** null where the unit was not tested (island, no population) */
  tests: Record<Combination, TestEvidence | null>;
}

export interface ZoneProposal {
  code: number;
  qualifyingYears: number[];
  evidence: YearEvidence[];
}

export interface PriorityZoneResult {
  years: number[];
  options: Required<Omit<PriorityZoneOptions, "lastYear">> & { lastYear: number | null };
  /** the proposed neighbourhoods (at least `required` qualifying years) */
  proposals: ZoneProposal[];
  /** every unit of the analysis set, with its evidence (proposed or not), in weights order */
  assessed: ZoneProposal[];
}

/** Queen and kNN weights over the analysis set (shapes in WGS84, projected inside). */
export function analysisWeights(units: { code: number; shape: MultiPolygon }[], k = DEFAULT_KNN): ZoneWeights {
  const shapes = units.map((u) => u.shape);
  return { codes: units.map((u) => u.code), queen: contiguity(shapes, "queen"), knn: nearestNeighboursOfShapes(shapes, k) };
}

/** The weights restricted to the units `keep` (ascending indices into w): the induced links only. */
export function subsetWeights(w: SpatialWeights, keep: number[]): SpatialWeights {
  if (keep.length === w.n) return w;
  const position = new Map(keep.map((i, p) => [i, p]));
  const neighbours = keep.map((i) => w.neighbours[i]!.flatMap((j) => (position.has(j) ? [position.get(j)!] : [])));
  return {
    n: keep.length,
    kind: w.kind,
    transform: "binary",
    neighbours,
    weights: neighbours.map((row) => row.map(() => 1)),
    islands: neighbours.flatMap((row, p) => (row.length === 0 ? [p] : [])),
  };
}

/** One Gi* test per unit of one year, one rate kind and one weights, with BH over the year's family. */
function testYear(rates: number[], w: SpatialWeights, alpha: number, permutations: number, seed: number): (TestEvidence | null)[] {
  const gi = getisOrdGiStar(rates, w, { permutations, seed });
  const p = gi.z.map((z, i) => (w.neighbours[i]!.length === 0 || !Number.isFinite(z) ? null : permutations > 0 ? gi.pseudoP[i]! : gi.p[i]!));
  const bh = benjaminiHochberg(p, alpha);
  return rates.map((rate, i) =>
    p[i] === null ? null : { rate, z: gi.z[i]!, bin: gi.bins[i]!, p: p[i]!, q: bh.adjusted[i]!, hot: gi.z[i]! > 0 && bh.rejected[i]! },
  );
}

export function proposePriorityZones(observations: Observation[], weights: ZoneWeights, options: PriorityZoneOptions = {}): PriorityZoneResult {
  const { years: m, required, alpha, permutations, seed } = { ...PRIORITY_ZONE_DEFAULTS, ...options };
  if (!(required >= 1 && required <= m)) throw new RangeError(`required = ${required} must lie in 1..${m}`);
  const index = new Map(weights.codes.map((c, i) => [c, i]));
  const byYear = new Map<number, Map<number, Observation>>();
  for (const o of observations) {
    if (!index.has(o.code)) continue; // outside the analysis set
    let year = byYear.get(o.year);
    if (!year) byYear.set(o.year, (year = new Map()));
    year.set(o.code, o);
  }
  const lastYear = options.lastYear ?? (byYear.size ? Math.max(...byYear.keys()) : null);
  const years = lastYear === null ? [] : Array.from({ length: m }, (_, i) => lastYear - m + 1 + i);

  const evidence = weights.codes.map((): YearEvidence[] => []);
  for (const year of years) {
    const rows = byYear.get(year) ?? new Map<number, Observation>();
    // units with residents that year; a unit without a row has no population either
    const keep = weights.codes.flatMap((code, i) => ((rows.get(code)?.population ?? 0) > 0 ? [i] : []));
    const counts = keep.map((i) => rows.get(weights.codes[i]!)!.count);
    const populations = keep.map((i) => rows.get(weights.codes[i]!)!.population!);
    const raw = counts.map((e, k) => ratePer1000(e, populations[k]!)!);
    const smoothed = empiricalBayesGlobal(counts, populations).smoothed.map((r) => r! * 1000);
    const tests = {} as Record<Combination, (TestEvidence | null)[]>;
    if (keep.length >= 3) {
      const w = { queen: subsetWeights(weights.queen, keep), knn: subsetWeights(weights.knn, keep) };
      for (const combination of COMBINATIONS) {
        const [rate, name] = combination.split("/") as [RateKind, WeightsName];
        tests[combination] = testYear(rate === "raw" ? raw : smoothed, w[name], alpha, permutations, seed);
      }
    }
    const position = new Map(keep.map((i, k) => [i, k]));
    weights.codes.forEach((_, i) => {
      const k = position.get(i);
      const entry = Object.fromEntries(COMBINATIONS.map((c) => [c, k === undefined || !tests[c] ? null : tests[c][k]!])) as Record<Combination, TestEvidence | null>;
      evidence[i]!.push({ year, qualifies: COMBINATIONS.every((c) => entry[c]?.hot === true), tests: entry });
    });
  }

  const assessed = weights.codes.map((code, i) => ({ code, qualifyingYears: evidence[i]!.filter((e) => e.qualifies).map((e) => e.year), evidence: evidence[i]! }));
  const proposals = assessed.filter((a) => a.qualifyingYears.length >= required);
  return { years, options: { years: m, required, alpha, permutations, seed, lastYear }, proposals, assessed };
}
