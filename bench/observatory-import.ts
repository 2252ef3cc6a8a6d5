/**
 * Observatory import at full size: 1,000,000 aggregated rows (neighbourhood;category;month;count,
 * every code valid: the 145 neighbourhoods x the 27 codes of taxonomy federal-police-v1 x the
 * 120 months 2009-01..2018-12, cycled) imported by `importObservatoryFile` into a fresh,
 * migrated and seeded SQLite file. The import runs in a CHILD process so that its peak memory
 * (maxRSS) is its own. Peer: the sqlite3 shell's `.import` of the same file into a bare table.
 * Aim: import at most 2x the peer.
 *
 *   npm run bench:observatory-import        (BENCH_ROWS=… to change the size, BENCH_CPU_PROF=1 to profile)
 */
import { spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { openDatabase } from "../src/server/db/database.js";
import { migrateToLatest } from "../src/server/db/migrate.js";
import { seed } from "../src/server/seed.js";
import { importObservatoryFile } from "../src/modules/observatory/import/import.service.js";
import { root } from "./lib.js";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const SQLITE3 = "/usr/bin/sqlite3";
const TIME = "/usr/bin/time";

interface ChildReport {
  importMs: number;
  rows: number;
  ok: boolean;
  errorCount: number;
  maxRssKiB: number;
}

/** In the child: open the prepared database, import the file, print a JSON report. */
async function child(dbPath: string, csv: string): Promise<void> {
  const db = openDatabase(dbPath);
  const started = performance.now();
  const result = await importObservatoryFile(db, { file: csv, grain: "aggregated", source: "bench", isSynthetic: true, batchSize: Number(process.env.BENCH_BATCH ?? 1000) });
  const importMs = performance.now() - started;
  await db.destroy();
  const report: ChildReport = { importMs, rows: result.rows, ok: result.ok, errorCount: result.errorCount, maxRssKiB: process.resourceUsage().maxRSS };
  console.log(JSON.stringify(report));
}

/** Writes ROWS valid rows, streaming (backpressure respected). */
async function writeCsv(file: string, neighbourhoods: number[], categories: string[]): Promise<void> {
  const months = Array.from({ length: 120 }, (_, i) => `${2009 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`);
  const out = createWriteStream(file);
  out.write("neighbourhood;category;month;count\n");
  let chunk = "";
  for (let i = 0; i < ROWS; i++) {
    const n = neighbourhoods[i % neighbourhoods.length]!;
    const c = categories[Math.floor(i / neighbourhoods.length) % categories.length]!;
    const m = months[Math.floor(i / (neighbourhoods.length * categories.length)) % months.length]!;
    chunk += `${n};${c};${m};${(i * 7919) % 97}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
}

/** Runs a command under /usr/bin/time (when present) and returns wall time, peak RSS and stdout. */
function measured(command: string, args: string[], input?: string): { ms: number; maxRssKiB: number | null; stdout: string } {
  const withTime = existsSync(TIME);
  const started = performance.now();
  const res = withTime
    ? spawnSync(TIME, ["-f", "VIGIL_MAXRSS=%M", command, ...args], { cwd: root, input, encoding: "utf8", maxBuffer: 1 << 26 })
    : spawnSync(command, args, { cwd: root, input, encoding: "utf8", maxBuffer: 1 << 26 });
  const ms = performance.now() - started;
  if (res.status !== 0) throw new Error(`${command} exited with ${res.status}: ${res.stderr}`);
  const rss = /VIGIL_MAXRSS=(\d+)/.exec(res.stderr ?? "");
  return { ms, maxRssKiB: rss ? Number(rss[1]) : null, stdout: res.stdout };
}

const mib = (kib: number | null) => (kib === null ? "n/a" : `${(kib / 1024).toFixed(0)} MiB`);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "vigil-bench-import-"));
  try {
    const dbPath = join(dir, "vigil.db");
    const db = openDatabase(dbPath);
    await migrateToLatest(db);
    await seed(db, { demo: false, observatoryDemo: false });
    const neighbourhoods = (await db.selectFrom("neighbourhoods").select("code").orderBy("code").execute()).map((r) => r.code);
    const categories = (await db.selectFrom("crime_categories").select("code").orderBy("id").execute()).map((r) => r.code);
    await db.destroy();

    const csv = join(dir, "counts.csv");
    const generated = performance.now();
    await writeCsv(csv, neighbourhoods, categories);
    const bytes = statSync(csv).size;
    console.log(`generated ${ROWS.toLocaleString("en")} rows (${(bytes / 2 ** 20).toFixed(1)} MiB, ${neighbourhoods.length} neighbourhoods x ${categories.length} codes x 120 months) in ${(performance.now() - generated).toFixed(0)} ms`);

    const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir", join(root, "bench", "profiles")] : [];
    const ours = measured(process.execPath, [...profile, "--import", "tsx", "bench/observatory-import.ts", "child", dbPath, csv]);
    const report = JSON.parse(ours.stdout.trim().split("\n").pop()!) as ChildReport;
    if (!report.ok || report.rows !== ROWS) throw new Error(`import failed: ${JSON.stringify(report)}`);
    const check = openDatabase(dbPath);
    const stored = await check.selectFrom("crime_counts").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    await check.destroy();
    if (Number(stored.n) !== ROWS) throw new Error(`${stored.n} rows stored, ${ROWS} expected`);

    console.log(`\nObservatory import benchmark, ${ROWS.toLocaleString("en")} aggregated rows, Node ${process.version}`);
    console.log(`  importObservatoryFile (child)   import ${report.importMs.toFixed(0).padStart(6)} ms   process ${ours.ms.toFixed(0).padStart(6)} ms   peak RSS ${mib(report.maxRssKiB)} (time: ${mib(ours.maxRssKiB)})`);
    if (!existsSync(SQLITE3)) {
      console.log(`  peer: ${SQLITE3} is missing — peer skipped`);
      return;
    }
    const peerDb = join(dir, "peer.db");
    const script = `create table t(neighbourhood integer, category text, month text, count integer);\n.mode csv\n.separator ;\n.import --skip 1 ${csv} t\nselect count(*) from t;\n`;
    const peer = measured(SQLITE3, [peerDb], script);
    if (Number(peer.stdout.trim()) !== ROWS) throw new Error(`sqlite3 imported ${peer.stdout.trim()} rows`);
    console.log(`  sqlite3 .import (peer)                          process ${peer.ms.toFixed(0).padStart(6)} ms   peak RSS ${mib(peer.maxRssKiB)}`);
    console.log(`  ratio: import / peer = ${(report.importMs / peer.ms).toFixed(2)}x (whole child process: ${(ours.ms / peer.ms).toFixed(2)}x)   aim: <= 2x`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === "child") await child(process.argv[3]!, process.argv[4]!);
else await main();
