/**
 * Time from process start to ready (GET /readyz answers 200) on an existing, seeded SQLite
 * database. Aim (issue #2): under 1.5 s. Peer: the bare hello-world of bench/hello.ts
 * started the same way (same Node, same tsx loader), in the same run.
 *
 *   npm run bench:startup      (RUNS=5 by default)
 */
import { openDatabase } from "../src/server/db/database.js";
import { migrateToLatest } from "../src/server/db/migrate.js";
import { seed } from "../src/server/seed.js";
import { startProcess, stopProcess, tempDbPath } from "./lib.js";

const runs = Number(process.env.RUNS ?? 5);
const dbPath = tempDbPath();
const db = openDatabase(dbPath);
await migrateToLatest(db);
await seed(db, { demo: true });
await db.destroy();

async function time(args: string[], env: Record<string, string>, url: string): Promise<number> {
  const started = performance.now();
  const child = await startProcess(process.execPath, args, env, async () => (await fetch(url)).ok);
  const elapsed = performance.now() - started;
  await stopProcess(child);
  return elapsed;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const vigil: number[] = [];
const hello: number[] = [];
for (let i = 0; i < runs; i++) {
  vigil.push(await time(["bin/vigil.mjs", "serve", "--port", "18095"], { DATABASE_URL: dbPath, LOG_LEVEL: "silent", HOST: "127.0.0.1" }, "http://127.0.0.1:18095/readyz"));
  hello.push(await time(["--import", "tsx", "bench/hello.ts"], { PORT: "18096" }, "http://127.0.0.1:18096/hello"));
}
console.log(`\nStart-up to ready on an existing SQLite database, ${runs} runs, Node ${process.version}`);
console.log(`vigil serve          median ${median(vigil).toFixed(0)} ms   (runs: ${vigil.map((v) => v.toFixed(0)).join(", ")})`);
console.log(`hello-world (peer)   median ${median(hello).toFixed(0)} ms   (runs: ${hello.map((v) => v.toFixed(0)).join(", ")})`);
console.log("Aim: vigil under 1500 ms.");
