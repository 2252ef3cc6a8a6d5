/**
 * The observatory explorer on ten years of facts (the synthetic demo batch, 2009-2018,
 * monthly counts aggregated per neighbourhood and category): `ratesByNeighbourhood` for one
 * category and year, 300 times. Aim: p95 < 50 ms on SQLite and PostgreSQL.
 * Peer: `select count(*) from neighbourhoods` on the same connection (the floor of one query).
 *
 *   npm run bench:observatory   (SQLite in a temp file; PostgreSQL too when VIGIL_TEST_DATABASE_URL is set)
 */
import { sql } from "kysely";
import { openDatabase, type Db } from "../src/server/db/database.js";
import { migrateToLatest } from "../src/server/db/migrate.js";
import { seed } from "../src/server/seed.js";
import { ratesByNeighbourhood } from "../src/modules/observatory/explorer.service.js";
import { createPostgresDatabase } from "../test/helpers/databases.js";
import { tempDbPath } from "./lib.js";

const RUNS = Number(process.env.BENCH_REQUESTS ?? 300);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function time(run: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 10; i++) await run(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

async function bench(label: string, db: Db): Promise<boolean> {
  const loadStart = performance.now();
  await migrateToLatest(db);
  await seed(db, { demo: false, observatoryDemo: true });
  const rows = await db.selectFrom("crime_counts").select((e) => e.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  console.log(`${label}: loaded ${Number(rows.n)} crime_counts rows in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`);
  const explorer = await time(() => ratesByNeighbourhood(db, { categoryCode: "theft", year: 2015 }));
  const peer = await time(() => sql`select count(*) from neighbourhoods`.execute(db));
  const ok = explorer.p95 < 50;
  console.log(`${label}: ratesByNeighbourhood(theft, 2015) x${RUNS}  p50 ${explorer.p50.toFixed(2)} ms  p95 ${explorer.p95.toFixed(2)} ms  ${ok ? "OK" : "OVER 50 ms"}`);
  console.log(`${label}: peer select count(*) from neighbourhoods  p50 ${peer.p50.toFixed(2)} ms  p95 ${peer.p95.toFixed(2)} ms`);
  return ok;
}

let ok = true;
const sqlite = openDatabase(tempDbPath());
try {
  ok = (await bench("sqlite", sqlite)) && ok;
} finally {
  await sqlite.destroy();
}
if (process.env.VIGIL_TEST_DATABASE_URL) {
  const server = await createPostgresDatabase(process.env.VIGIL_TEST_DATABASE_URL, "vigil_bench");
  const pg = openDatabase(server.url);
  try {
    ok = (await bench("postgres", pg)) && ok;
  } finally {
    await pg.destroy();
    await server.drop();
  }
}
process.exitCode = ok ? 0 : 1;
