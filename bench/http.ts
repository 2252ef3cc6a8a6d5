/**
 * HTTP throughput and tail latency of two territory endpoints, against a bare hello-world
 * on the same stack measured in the same run. Aims (issue #2): at least half the
 * hello-world rate, and p99 under 20 ms at 200 connections on SQLite.
 *
 *   npm run bench:http            (10 s per measurement; BENCH_SECONDS to change)
 */
import { loadConfig } from "../src/server/config.js";
import { openDatabase } from "../src/server/db/database.js";
import { migrateToLatest } from "../src/server/db/migrate.js";
import { seed } from "../src/server/seed.js";
import { createToken } from "../src/modules/access/token.service.js";
import { systemActor } from "../src/server/auth/actor.js";
import { load, startProcess, stopProcess, tempDbPath, type LoadResult } from "./lib.js";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const helloPort = 18090;
const vigilPort = 18091;

const dbPath = tempDbPath();
const db = openDatabase(dbPath);
await migrateToLatest(db);
await seed(db, { demo: true });
const bps = await db.selectFrom("organisations").select("id").where("code", "=", "bps").executeTakeFirstOrThrow();
const { token } = await db.transaction().execute((trx) => createToken(trx, { actor: systemActor, requestId: "bench" }, { name: "bench", organisationId: bps.id, role: "viewer" }));
await db.destroy();

const ok = (url: string) => async () => (await fetch(url)).ok;
const hello = await startProcess(process.execPath, ["--import", "tsx", "bench/hello.ts"], { PORT: String(helloPort) }, ok(`http://127.0.0.1:${helloPort}/hello`));
const vigil = await startProcess(
  process.execPath,
  ["bin/vigil.mjs", "serve", "--port", String(vigilPort)],
  { DATABASE_URL: dbPath, LOG_LEVEL: "silent", HOST: "127.0.0.1", WEB_DIST: loadConfig().WEB_DIST },
  ok(`http://127.0.0.1:${vigilPort}/readyz`),
);

const auth = { authorization: `Bearer ${token}` };
const targets: { name: string; url: string; headers?: Record<string, string> }[] = [
  { name: "hello-world (peer)", url: `http://127.0.0.1:${helloPort}/hello` },
  { name: "GET /api/territory/neighbourhoods", url: `http://127.0.0.1:${vigilPort}/api/territory/neighbourhoods`, headers: auth },
  { name: "GET /api/territory/geojson/neighbourhoods", url: `http://127.0.0.1:${vigilPort}/api/territory/geojson/neighbourhoods`, headers: auth },
];

const rows: { target: string; connections: number; result: LoadResult }[] = [];
try {
  for (const connections of [50, 200]) {
    for (const t of targets) {
      await load(t.url, 10, 1, t.headers); // warm-up
      rows.push({ target: t.name, connections, result: await load(t.url, connections, seconds, t.headers) });
    }
  }
} finally {
  await stopProcess(vigil);
  await stopProcess(hello);
}

console.log(`\nHTTP benchmark on SQLite, ${seconds} s per line, Node ${process.version}`);
console.log("target".padEnd(44) + "conns".padStart(6) + "req/s".padStart(10) + "p50 ms".padStart(8) + "p99 ms".padStart(8) + "vs peer".padStart(9) + "errors".padStart(8));
for (const row of rows) {
  const peer = rows.find((r) => r.connections === row.connections && r.target.startsWith("hello"))!;
  const ratio = row.result.requestsPerSecond / peer.result.requestsPerSecond;
  console.log(
    row.target.padEnd(44) +
      String(row.connections).padStart(6) +
      row.result.requestsPerSecond.toFixed(0).padStart(10) +
      String(row.result.p50).padStart(8) +
      String(row.result.p99).padStart(8) +
      ratio.toFixed(2).padStart(9) +
      String(row.result.errors + row.result.non2xx).padStart(8),
  );
}
console.log("\nAims: ratio >= 0.50 to the hello-world peer; p99 < 20 ms at 200 connections.");
