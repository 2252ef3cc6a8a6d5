/**
 * Getis-Ord Gi* at full size: the 145 real monitoring neighbourhoods
 * (data/brussels/derived/neighbourhoods.geojson), queen contiguity, a synthetic seeded rate
 * vector, 9,999 conditional permutations (stats/autocorrelation.ts). 20 timed runs after a
 * warm-up: median and p95. Peer: the same call with permutations = 0 (analytic z only), the
 * floor of the computation. Aim: Gi* with 9,999 permutations under 200 ms.
 *
 *   npm run bench:gistar            (BENCH_RUNS=… to change the number of timed runs)
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { toMultiPolygon, type Geometry } from "../src/modules/territory/territory.geo.js";
import { getisOrdGiStar, type GiStarResult } from "../src/modules/observatory/stats/autocorrelation.js";
import { createRng } from "../src/modules/observatory/stats/random.js";
import { contiguity, summarise } from "../src/modules/observatory/stats/weights.js";
import { root } from "./lib.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const WARMUP = 3;
const PERMUTATIONS = 9_999;
const SEED = 20260101;

interface Feature { properties: { code: number }; geometry: Geometry }

const collection = JSON.parse(readFileSync(join(root, "data/brussels/derived/neighbourhoods.geojson"), "utf8")) as { features: Feature[] };
const features = [...collection.features].sort((a, b) => a.properties.code - b.properties.code);
const shapes = features.map((f) => toMultiPolygon(f.geometry));

const weightsStarted = performance.now();
const queen = contiguity(shapes, "queen");
const weightsMs = performance.now() - weightsStarted;
const summary = summarise(queen);

// Synthetic rates per 1,000 inhabitants: a smooth west-east gradient plus seeded noise
// (log-normal-like, always positive), so that Gi* finds some clustering to count.
const rng = createRng(SEED);
const rates = features.map((_, i) => {
  const u1 = rng.next() || 1e-12, u2 = rng.next();
  const gauss = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  return Math.exp(3 + 0.5 * Math.sin(i / 20) + 0.4 * gauss);
});

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

function timeRuns(permutations: number): { median: number; p95: number; result: GiStarResult } {
  let result = getisOrdGiStar(rates, queen, { permutations, seed: SEED });
  for (let i = 1; i < WARMUP; i++) getisOrdGiStar(rates, queen, { permutations, seed: SEED });
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const started = performance.now();
    const again = getisOrdGiStar(rates, queen, { permutations, seed: SEED });
    times.push(performance.now() - started);
    // Same seed, same answer: a run that differs would mean the benchmark times something else.
    if (again.pseudoP.some((p, i) => p !== result.pseudoP[i]) || again.z.some((z, i) => z !== result.z[i])) throw new Error("Gi* is not reproducible");
    result = again;
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 50), p95: percentile(times, 95), result };
}

const full = timeRuns(PERMUTATIONS);
const analytic = timeRuns(0);
const significant = full.result.bins.filter((b) => b !== 0).length;
const pseudoSignificant = full.result.pseudoP.filter((p) => p !== null && p < 0.05).length;
const fmt = (ms: number) => `${ms.toFixed(2).padStart(8)} ms`;

console.log(`\nGi* benchmark, ${features.length} neighbourhoods, queen (mean ${summary.meanNeighbours.toFixed(2)} neighbours, max ${summary.maxNeighbours}, islands ${summary.islands}; built in ${weightsMs.toFixed(0)} ms), ${RUNS} runs after ${WARMUP} warm-up, Node ${process.version}`);
console.log(`  Gi*, ${PERMUTATIONS.toLocaleString("en")} conditional permutations   median ${fmt(full.median)}   p95 ${fmt(full.p95)}`);
console.log(`  Gi*, analytic z only (peer)             median ${fmt(analytic.median)}   p95 ${fmt(analytic.p95)}`);
console.log(`  ratio (median): ${(full.median / analytic.median).toFixed(0)}x   units with |z| >= 1.645: ${significant}; pseudo-p < 0.05: ${pseudoSignificant}`);
console.log(`  aim: 9,999 permutations under 200 ms -> ${full.p95 < 200 ? "met" : "NOT met"} (p95)`);
