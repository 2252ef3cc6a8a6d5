/**
 * The spatial figures of an annual report, for the map category of the report year: Gi*
 * hot and cold spots (smoothed rates, queen and k-nearest-neighbour weights, conditional
 * permutations, Benjamini-Hochberg) and the priority zones of the pure engine
 * (priority-zones.ts) with the manifest's parameters, with the decisions already taken in
 * priority_zone_proposals up to the manifest's date (later ones never change a report).
 */
import { analysisWeights, proposePriorityZones, subsetWeights, type Observation, type ZoneWeights } from "../priority-zones.js";
import { confidenceBin, getisOrdGiStar, type ConfidenceBin } from "../stats/autocorrelation.js";
import { benjaminiHochberg } from "../stats/multiple-testing.js";
import { empiricalBayesGlobal } from "../stats/rates.js";
import type { SpatialWeights } from "../stats/weights.js";
import type { SignedManifest } from "./manifest.js";
import { shapesOf, type InputIndex, type Reader } from "./report-inputs.js";

export interface GiTest {
  z: number;
  /** confidence bin of z (+-1/2/3 at 90/95/99 %) */
  bin: ConfidenceBin;
  /** permutation pseudo-p (normal p without permutations) */
  p: number;
  /** Benjamini-Hochberg adjusted p */
  q: number;
  /** rejected by Benjamini-Hochberg at alpha */
  significant: boolean;
}

export interface HotSpot {
  code: number;
  /** smoothed rate per 1,000 */
  rate: number;
  queen: GiTest | null;
  knn: GiTest | null;
  /** what the map shows: the queen bin where FDR-significant, else 0 */
  bin: ConfidenceBin;
}

export interface ZoneDecision {
  code: number;
  status: "accepted" | "rejected";
  decidedAt: string;
}

export interface PriorityZone {
  code: number;
  qualifyingYears: number[];
  decision: ZoneDecision | null;
}

export interface ZoneFigures {
  years: number[];
  /** residential neighbourhoods assessed */
  assessed: number;
  zones: PriorityZone[];
  /** decisions taken (up to the manifest's date) on neighbourhoods not proposed in this report */
  otherDecisions: ZoneDecision[];
}

/** Weights depend only on the reference geography: built once per process per territory version, set and k. */
const weightsCache = new Map<string, ZoneWeights>();

export async function weightsFor(db: Reader, version: string, codes: number[], k: number): Promise<ZoneWeights> {
  const key = `${version}|${k}|${codes.join(",")}`;
  const cached = weightsCache.get(key);
  if (cached) return cached;
  const shapes = await shapesOf(db, "neighbourhoods", "geometry");
  const missing = codes.filter((c) => !shapes.has(c));
  if (missing.length) throw new Error(`no neighbourhood geometry for ${missing.join(", ")}`);
  const weights = analysisWeights(codes.map((code) => ({ code, shape: shapes.get(code)! })), k);
  weightsCache.set(key, weights);
  return weights;
}

function giTests(rates: number[], w: SpatialWeights, permutations: number, seed: number, alpha: number): (GiTest | null)[] {
  const gi = getisOrdGiStar(rates, w, { permutations, seed });
  const p = gi.z.map((z, i) => (w.neighbours[i]!.length === 0 || !Number.isFinite(z) ? null : permutations > 0 ? gi.pseudoP[i]! : gi.p[i]!));
  const bh = benjaminiHochberg(p, alpha);
  return p.map((pi, i) => (pi === null ? null : { z: gi.z[i]!, bin: confidenceBin(gi.z[i]!), p: pi, q: bh.adjusted[i]!, significant: bh.rejected[i]! }));
}

/** Gi* on the smoothed rates of the map category in the report year, residential neighbourhoods with residents. */
export function hotSpots(manifest: SignedManifest, weights: ZoneWeights, at: InputIndex): HotSpot[] {
  const { year, mapCategory } = manifest;
  const { permutations, seed, alpha } = manifest.hotSpots;
  const keep = weights.codes.flatMap((code, i) => ((at.population(code, year) ?? 0) > 0 ? [i] : []));
  if (keep.length < 3) return [];
  const codes = keep.map((i) => weights.codes[i]!);
  const eb = empiricalBayesGlobal(codes.map((code) => at.count(mapCategory, code, year)), codes.map((code) => at.population(code, year)!));
  const rates = eb.smoothed.map((r) => r! * 1000);
  const queen = giTests(rates, subsetWeights(weights.queen, keep), permutations, seed, alpha);
  const knn = giTests(rates, subsetWeights(weights.knn, keep), permutations, seed, alpha);
  return codes.map((code, k) => ({ code, rate: rates[k]!, queen: queen[k] ?? null, knn: knn[k] ?? null, bin: queen[k]?.significant ? queen[k].bin : 0 }));
}

/** The latest decision per neighbourhood on the manifest's zone group, taken up to the manifest's date. */
async function decisions(db: Reader, manifest: SignedManifest): Promise<Map<number, ZoneDecision>> {
  const rows = await db
    .selectFrom("priority_zone_proposals")
    .select(["neighbourhood_code", "status", "decided_at"])
    .where("category_group", "=", manifest.priorityZones.groupLabel)
    .where("status", "in", ["accepted", "rejected"])
    .where("decided_at", "<=", manifest.createdAt)
    .orderBy("decided_at")
    .orderBy("id")
    .execute();
  return new Map(rows.map((r) => [r.neighbourhood_code, { code: r.neighbourhood_code, status: r.status as ZoneDecision["status"], decidedAt: r.decided_at! }]));
}

export async function priorityZones(db: Reader, manifest: SignedManifest, weights: ZoneWeights, at: InputIndex): Promise<ZoneFigures> {
  const z = manifest.priorityZones;
  const years = Array.from({ length: z.years }, (_, i) => manifest.year - z.years + 1 + i);
  const observations: Observation[] = years.flatMap((year) =>
    weights.codes.map((code) => ({ code, year, population: at.population(code, year), count: z.categories.reduce((s, c) => s + at.count(c, code, year), 0) })),
  );
  const result = proposePriorityZones(observations, weights, { years: z.years, required: z.required, alpha: z.alpha, permutations: z.permutations, seed: z.seed, lastYear: manifest.year });
  const decided = await decisions(db, manifest);
  const proposed = new Set(result.proposals.map((p) => p.code));
  return {
    years: result.years,
    assessed: weights.codes.length,
    zones: result.proposals.map((p) => ({ code: p.code, qualifyingYears: p.qualifyingYears, decision: decided.get(p.code) ?? null })),
    otherDecisions: [...decided.values()].filter((d) => !proposed.has(d.code)).sort((a, b) => a.code - b.code),
  };
}
