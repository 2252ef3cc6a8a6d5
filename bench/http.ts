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

// Every request carries what a browser sends: Accept-Encoding (the peer's body is too small to compress).
const browser = { "accept-encoding": "gzip, deflate, br" };
const auth = { ...browser, authorization: `Bearer ${token}` };
/** Size of an answer as sent to a browser, so a same-size static body can serve as a second peer. */
async function sentBytes(url: string): Promise<number> {
  const res = await fetch(url, { headers: auth });
  const length = Number(res.headers.get("content-length"));
  await res.arrayBuffer();
  return length;
}

interface Target {
  name: string;
  url: string;
  headers?: Record<string, string>;
  /** Name of the target its ratio is taken against. */
  peer?: string;
}
const targets: Target[] = [{ name: "hello-world (peer)", url: `http://127.0.0.1:${helloPort}/hello`, headers: browser }];
for (const path of ["/api/territory/neighbourhoods", "/api/territory/geojson/neighbourhoods"]) {
  const url = `http://127.0.0.1:${vigilPort}${path}`;
  const bytes = await sentBytes(url);
  const peer = `static ${bytes} B (peer)`;
  targets.push({ name: peer, url: `http://127.0.0.1:${helloPort}/bytes/${bytes}`, headers: browser });
  targets.push({ name: `GET ${path}`, url, headers: auth, peer });
}

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

console.log(`\nHTTP benchmark on SQLite, ${seconds} s per line, Node ${process.version}, gzip accepted as by a browser`);
console.log(
  "target".padEnd(44) + "conns".padStart(6) + "req/s".padStart(10) + "p50 ms".padStart(8) + "p99 ms".padStart(8) + "/hello".padStart(8) + "/same-size".padStart(11) + "errors".padStart(8),
);
for (const row of rows) {
  const rate = (name: string) => rows.find((r) => r.connections === row.connections && r.target === name)?.result.requestsPerSecond;
  const hello = rate("hello-world (peer)")!;
  const target = targets.find((t) => t.name === row.target)!;
  const same = target.peer ? rate(target.peer) : undefined;
  console.log(
    row.target.padEnd(44) +
      String(row.connections).padStart(6) +
      row.result.requestsPerSecond.toFixed(0).padStart(10) +
      String(row.result.p50).padStart(8) +
      String(row.result.p99).padStart(8) +
      (row.result.requestsPerSecond / hello).toFixed(2).padStart(8) +
      (same ? (row.result.requestsPerSecond / same).toFixed(2) : "").padStart(11) +
      String(row.result.errors + row.result.non2xx).padStart(8),
  );
}
console.log("\nAims (issue #2): >= 0.50 of the hello-world rate; p99 < 20 ms at 200 connections.");
console.log("The same-size peer serves a static body as large as the endpoint's answer: the ratio against it separates Vigil's work from moving the bytes.");
