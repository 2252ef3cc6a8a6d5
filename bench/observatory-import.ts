/**
 * Observatory import at full size: 1,000,000 aggregated rows (neighbourhood;category;month;count,
 * every code valid: the 145 neighbourhoods x the 27 codes of taxonomy federal-police-v1 x the
 * 120 months 2009-01..2018-12, cycled) imported by `importObservatoryFile` into a fresh,
 * migrated and seeded SQLite file. The import runs in a CHILD process so that its peak memory
 * (maxRSS) is its own. Peer: the sqlite3 shell's `.import` of the same file into a bare table.
 * Aim: import at most 2x the peer. The machine is shared and noisy: each side runs
 * BENCH_RUNS times, alternately, on a fresh copy of the database; the minimum and the median
 * of wall time and of CPU time (user + system) are printed, and the ratio of the minimums.
 *
 *   npm run bench:observatory-import   (BENCH_ROWS=… size, BENCH_RUNS=… repetitions (3),
 *                                       BENCH_BATCH=… rows per INSERT, BENCH_CPU_PROF=1 to profile)
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { openDatabase } from "../src/server/db/database.js";
import { importObservatoryFile } from "../src/modules/observatory/import/import.service.js";
import { root } from "./lib.js";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const SQLITE3 = "/usr/bin/sqlite3";
const TIME = "/usr/bin/time";

interface ChildReport {
  importMs: number;
  /** CPU time (user + system) of the import call. */
  cpuMs: number;
  rows: number;
  ok: boolean;
  errorCount: number;
  maxRssKiB: number;
  /** Resident memory once the modules are loaded and the database is open, before the import. */
  rssBeforeKiB: number;
}

/** In the child: open the prepared database, import the file, print a JSON report. */
async function child(dbPath: string, csv: string): Promise<void> {
  const db = openDatabase(dbPath);
  const rssBeforeKiB = process.memoryUsage().rss / 1024;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await importObservatoryFile(db, { file: csv, grain: "aggregated", source: "bench", isSynthetic: true, batchSize: Number(process.env.BENCH_BATCH ?? 1000) });
  const importMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  await db.destroy();
  const report: ChildReport = { importMs, cpuMs: (used.user + used.system) / 1000, rows: result.rows, ok: result.ok, errorCount: result.errorCount, maxRssKiB: process.resourceUsage().maxRSS, rssBeforeKiB };
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

interface Measured {
  ms: number;
  /** User + system CPU time of the command (null without /usr/bin/time). */
  cpuMs: number | null;
  maxRssKiB: number | null;
  stdout: string;
}

/** Runs a command under /usr/bin/time (when present) and returns wall time, CPU time, peak RSS and stdout. */
function measured(command: string, args: string[], input?: string): Measured {
  const withTime = existsSync(TIME);
  const started = performance.now();
  const res = withTime
    ? spawnSync(TIME, ["-f", "VIGIL_TIME=%M %U %S", command, ...args], { cwd: root, input, encoding: "utf8", maxBuffer: 1 << 26 })
    : spawnSync(command, args, { cwd: root, input, encoding: "utf8", maxBuffer: 1 << 26 });
  const ms = performance.now() - started;
  if (res.status !== 0) throw new Error(`${command} exited with ${res.status}: ${res.stderr}`);
  const time = /VIGIL_TIME=(\d+) ([\d.]+) ([\d.]+)/.exec(res.stderr ?? "");
  return { ms, cpuMs: time ? (Number(time[2]) + Number(time[3])) * 1000 : null, maxRssKiB: time ? Number(time[1]) : null, stdout: res.stdout };
}

const mib = (kib: number | null) => (kib === null ? "n/a" : `${(kib / 1024).toFixed(0)} MiB`);

/** "min / median" of a series of milliseconds. */
function spread(values: (number | null)[]): string {
  const known = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (!known.length) return "n/a";
  return `${known[0]!.toFixed(0).padStart(6)} / ${known[Math.floor((known.length - 1) / 2)]!.toFixed(0).padStart(6)} ms`;
}

/** Our import of `csv` into a fresh copy of `template`, in a child process; checks the rows stored. */
async function runOurs(template: string, dir: string, csv: string, run: number): Promise<{ report: ChildReport; process: Measured }> {
  const dbPath = join(dir, `vigil-${run}.db`);
  copyFileSync(template, dbPath);
  const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir", join(root, "bench", "profiles")] : [];
  const ours = measured(process.execPath, [...profile, "--import", "tsx", "bench/observatory-import.ts", "child", dbPath, csv]);
  const report = JSON.parse(ours.stdout.trim().split("\n").pop()!) as ChildReport;
  if (!report.ok || report.rows !== ROWS) throw new Error(`import failed: ${JSON.stringify(report)}`);
  const check = openDatabase(dbPath);
  const stored = await check.selectFrom("crime_counts").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  await check.destroy();
  if (Number(stored.n) !== ROWS) throw new Error(`${stored.n} rows stored, ${ROWS} expected`);
  rmSync(dbPath, { force: true });
  return { report, process: ours };
}

/** sqlite3's `.import` of `csv` into a bare table of a new database file. */
function runPeer(dir: string, csv: string, run: number): Measured {
  const peerDb = join(dir, `peer-${run}.db`);
  const script = `create table t(neighbourhood integer, category text, month text, count integer);\n.mode csv\n.separator ;\n.import --skip 1 ${csv} t\nselect count(*) from t;\n`;
  const peer = measured(SQLITE3, [peerDb], script);
  if (Number(peer.stdout.trim()) !== ROWS) throw new Error(`sqlite3 imported ${peer.stdout.trim()} rows`);
  rmSync(peerDb, { force: true });
  return peer;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "vigil-bench-import-"));
  try {
    // Loaded here only, so that the child's memory is that of the import, not of the seeds.
    const { migrateToLatest } = await import("../src/server/db/migrate.js");
    const { seed } = await import("../src/server/seed.js");
    const template = join(dir, "template.db");
    const db = openDatabase(template);
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

    const withPeer = existsSync(SQLITE3);
    const ours: { report: ChildReport; process: Measured }[] = [];
    const peers: Measured[] = [];
    for (let run = 0; run < RUNS; run++) {
      ours.push(await runOurs(template, dir, csv, run));
      if (withPeer) peers.push(runPeer(dir, csv, run));
    }

    console.log(`\nObservatory import benchmark, ${ROWS.toLocaleString("en")} aggregated rows, Node ${process.version}, ${RUNS} run(s) each (min / median)`);
    console.log(`  importObservatoryFile (child)   import wall ${spread(ours.map((o) => o.report.importMs))}   cpu ${spread(ours.map((o) => o.report.cpuMs))}   whole process ${spread(ours.map((o) => o.process.ms))}   peak RSS ${mib(Math.max(...ours.map((o) => o.report.maxRssKiB)))} (before the import: ${mib(Math.max(...ours.map((o) => o.report.rssBeforeKiB)))})`);
    if (!withPeer) {
      console.log(`  peer: ${SQLITE3} is missing — peer skipped`);
      return;
    }
    console.log(`  sqlite3 .import (peer)          process wall ${spread(peers.map((p) => p.ms))}   cpu ${spread(peers.map((p) => p.cpuMs))}   peak RSS ${mib(Math.max(...peers.map((p) => p.maxRssKiB ?? 0)))}`);
    const min = (values: number[]) => Math.min(...values);
    const peerCpu = peers.map((p) => p.cpuMs).filter((v): v is number => v !== null);
    const cpuRatio = peerCpu.length ? `, cpu ${(min(ours.map((o) => o.report.cpuMs)) / min(peerCpu)).toFixed(2)}x` : "";
    console.log(`  ratio of the minimums: import / peer = wall ${(min(ours.map((o) => o.report.importMs)) / min(peers.map((p) => p.ms))).toFixed(2)}x${cpuRatio} (whole child process: ${(min(ours.map((o) => o.process.ms)) / min(peers.map((p) => p.ms))).toFixed(2)}x)   aim: <= 2x`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === "child") await child(process.argv[3]!, process.argv[4]!);
else await main();
