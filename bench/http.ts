/**
 * HTTP throughput and tail latency of two territory endpoints, against a bare hello-world
 * on the same stack measured in the same run. Aims (issue #2): at least half the
 * hello-world rate, and p99 under 20 ms at 200 connections on SQLite.
 *
 *   npm run bench:http            (10 s per measurement; BENCH_SECONDS to change)
 */
import { writeFileSync } from "node:fs";
import { request } from "node:http";
import { dirname, join } from "node:path";
import { loadConfig } from "../src/server/config.js";
import { openDatabase } from "../src/server/db/database.js";
import { migrateToLatest } from "../src/server/db/migrate.js";
import { seed } from "../src/server/seed.js";
import { createToken } from "../src/modules/access/token.service.js";
import { systemActor } from "../src/server/auth/actor.js";
import { load, loadClient, startProcess, stopProcess, tempDbPath, type LoadResult } from "./lib.js";

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
const vigil = await startProcess(
  process.execPath,
  ["bin/vigil.mjs", "serve", "--port", String(vigilPort)],
  { DATABASE_URL: dbPath, LOG_LEVEL: "silent", HOST: "127.0.0.1", WEB_DIST: loadConfig().WEB_DIST },
  ok(`http://127.0.0.1:${vigilPort}/readyz`),
);

// Every request carries what a browser sends: Accept-Encoding (the hello-world body is too small to compress).
const browser = { "accept-encoding": "gzip, deflate, br" };
const auth = { ...browser, authorization: `Bearer ${token}` };
const paths = ["/api/territory/neighbourhoods", "/api/territory/geojson/neighbourhoods"];

/** Vigil's answer exactly as sent (compressed bytes and content headers), saved for the same-bytes peer. */
function saveAnswer(path: string, file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request({ host: "127.0.0.1", port: vigilPort, path, headers: auth }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const body = Buffer.concat(chunks);
        writeFileSync(file, body);
        const keep = ["content-type", "content-encoding", "etag", "cache-control", "vary"];
        writeFileSync(`${file}.headers.json`, JSON.stringify(Object.fromEntries(keep.filter((h) => res.headers[h]).map((h) => [h, String(res.headers[h])]))));
        resolve(body.length);
      });
    }).on("error", reject).end();
  });
}
const peerFiles = paths.map((_, i) => join(dirname(dbPath), `answer-${i}`));
const sizes = await Promise.all(paths.map((p, i) => saveAnswer(p, peerFiles[i]!)));
const hello = await startProcess(
  process.execPath,
  ["--import", "tsx", "bench/hello.ts"],
  { PORT: String(helloPort), PEER_FILES: peerFiles.join(",") },
  ok(`http://127.0.0.1:${helloPort}/hello`),
);

interface Target {
  name: string;
  url: string;
  headers: Record<string, string>;
  /** Name of the target its ratio is taken against. */
  peer?: string;
}
const targets: Target[] = [{ name: "hello-world (peer)", url: `http://127.0.0.1:${helloPort}/hello`, headers: browser }];
paths.forEach((path, i) => {
  const peer = `same ${sizes[i]} bytes, static (peer)`;
  targets.push({ name: peer, url: `http://127.0.0.1:${helloPort}/file/${i}`, headers: browser });
  targets.push({ name: `GET ${path}`, url: `http://127.0.0.1:${vigilPort}${path}`, headers: auth, peer });
});

const rows: { target: string; connections: number; result: LoadResult }[] = [];
try {
  for (const connections of [50, 200]) {
    for (const t of targets) {
      await load(t.url, 10, 2, t.headers); // warm-up
      rows.push({ target: t.name, connections, result: await load(t.url, connections, seconds, t.headers) });
    }
  }
} finally {
  await stopProcess(vigil);
  await stopProcess(hello);
}

console.log(`\nHTTP benchmark on SQLite, ${seconds} s per line, Node ${process.version}, load from ${loadClient}, gzip accepted as by a browser`);
console.log(
  "target".padEnd(44) + "conns".padStart(6) + "req/s".padStart(10) + "p50 ms".padStart(8) + "p99 ms".padStart(8) + "/hello".padStart(8) + "/same-bytes".padStart(11) + "errors".padStart(8),
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
console.log("The same-bytes peer serves Vigil's own answer (same compressed bytes and headers) as a static file: the ratio against it\nseparates Vigil's work (authentication, routing, cache look-up) from moving and parsing the bytes, which dominates\nfor large bodies. Client and servers share this machine's 2 cores. Install Debian's `wrk` for the reference figures;\nwithout it autocannon is used, which spends more of the shared CPU parsing bodies.");
