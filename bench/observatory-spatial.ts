/**
 * The explorer's analysis maps on the synthetic demo batch (2009-2018): `hotSpots` and
 * `clusters` (theft, 2018, smoothed rates, queen weights, with the global Moran's I) at 999
 * and 9,999 permutations, timed after a warm-up: median and p95. Checks that two runs give
 * the same answer. Peer: `ratesByNeighbourhood` alone (the data part of each request, so the
 * difference is the statistics). Aim: p95 under 500 ms at 9,999 permutations.
 *
 *   node --import tsx bench/observatory-spatial.ts   (BENCH_RUNS=… timed runs, default 20; SQLite in a temp file)
 */
import { isDeepStrictEqual } from "node:util";
import { openDatabase, type Db } from "../src/server/db/database.js";
import { migrateToLatest } from "../src/server/db/migrate.js";
import { seed } from "../src/server/seed.js";
import { clusters, hotSpots, type AnalysisInput } from "../src/modules/observatory/analysis.service.js";
import { ratesByNeighbourhood } from "../src/modules/observatory/explorer.service.js";
import { tempDbPath } from "./lib.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const WARMUP = 3;
const AIM_MS = 500;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function time(run: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < WARMUP; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

async function main(db: Db): Promise<boolean> {
  await migrateToLatest(db);
  await seed(db, { demo: false, observatoryDemo: true });
  const base: AnalysisInput = { categoryCode: "theft", year: 2018, measure: "smoothed", weights: "queen" };
  const peer = await time(() => ratesByNeighbourhood(db, { categoryCode: "theft", year: 2018 }));
  console.log(`peer ratesByNeighbourhood(theft, 2018)  p50 ${peer.p50.toFixed(1)} ms  p95 ${peer.p95.toFixed(1)} ms`);
  let ok = true;
  for (const permutations of [999, 9999]) {
    for (const [name, analyse] of [["hotSpots", hotSpots], ["clusters", clusters]] as const) {
      const input = { ...base, permutations };
      const same = isDeepStrictEqual(await analyse(db, input), await analyse(db, input));
      const t = await time(() => analyse(db, input));
      const within = permutations < 9999 || t.p95 < AIM_MS;
      ok = ok && same && within;
      const answer = await analyse(db, input);
      console.log(
        `${name}(theft, 2018, ${permutations} permutations) x${RUNS}  p50 ${t.p50.toFixed(1)} ms  p95 ${t.p95.toFixed(1)} ms  ` +
          `significant ${answer.significant}/${answer.analysed}  ${same ? "reproducible" : "NOT REPRODUCIBLE"}${within ? "" : `  OVER ${AIM_MS} ms`}`,
      );
    }
  }
  return ok;
}

const db = openDatabase(tempDbPath());
try {
  process.exitCode = (await main(db)) ? 0 : 1;
} finally {
  await db.destroy();
}
