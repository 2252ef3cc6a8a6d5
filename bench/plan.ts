/**
 * The regional plan at full size: the overview API (dashboard) with 119 measures, 1,000
 * milestones and 5 years of half-yearly updates; the XLSX import of all measures; the
 * council report pack (snapshot, PDF in French and Dutch, XLSX annex). Aims (issue #3):
 * overview p95 < 50 ms on SQLite and PostgreSQL; import < 2 s; report pack < 5 s.
 * Peer: GET /healthz on the same server (the floor of one request on this stack).
 *
 *   npm run bench:plan                  (SQLite; PostgreSQL too when VIGIL_TEST_DATABASE_URL is set)
 */
import ExcelJS from "exceljs";
import { systemActor } from "../src/server/auth/actor.js";
import { insertInChunks } from "../src/server/db/batch.js";
import { openDatabase, type Db } from "../src/server/db/database.js";
import { migrateToLatest } from "../src/server/db/migrate.js";
import { seed } from "../src/server/seed.js";
import { createToken } from "../src/modules/access/token.service.js";
import { createPostgresDatabase } from "../test/helpers/databases.js";
import { startProcess, stopProcess, tempDbPath } from "./lib.js";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const ctx = { actor: systemActor, requestId: "bench" };

/** Grows the demo plan to 1,000 milestones and ten half-yearly rounds of validated updates (2017-2021). */
async function grow(db: Db): Promise<void> {
  const plan = await db.selectFrom("plans").select("id").where("code", "=", "gvpp-2017-2020").executeTakeFirstOrThrow();
  const measures = await db.selectFrom("plan_measures").select(["id", "lead_organisation_id", "status", "progress"]).where("plan_id", "=", plan.id).orderBy("id").execute();
  const existing = (await db.selectFrom("plan_milestones").select("id").execute()).length;
  const milestones = Array.from({ length: Math.max(0, 1000 - existing) }, (_, i) => {
    const m = measures[i % measures.length]!;
    const due = `20${17 + (i % 4)}-${String((i % 12) + 1).padStart(2, "0")}-15`;
    return { measure_id: m.id, position: 10 + Math.floor(i / measures.length), title_fr: `Étape ${i}`, title_nl: `Stap ${i}`, due_date: due, done_date: i % 3 === 0 ? null : due };
  });
  await insertInChunks(db, "plan_milestones", milestones);
  const periods = ["2017-S1", "2017-S2", "2019-S1", "2019-S2", "2020-S1", "2020-S2", "2021-S1", "2021-S2"];
  for (const period of periods) {
    const [year, half] = period.split("-S") as [string, string];
    const deadline = half === "1" ? `${year}-07-15` : `${Number(year) + 1}-01-31`;
    const { id: roundId } = await db
      .insertInto("plan_rounds")
      .values({ plan_id: plan.id, name_fr: `Rapportage ${period}`, name_nl: `Rapportering ${period}`, name_en: `Reporting ${period}`, period_label: period, opens_on: `${year}-0${half === "1" ? 6 : 12}-01`.replace("-012-", "-12-"), deadline, status: "closed", created_by: null, created_at: new Date().toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    const at = `${deadline}T10:00:00.000Z`;
    await insertInChunks(
      db,
      "plan_updates",
      measures.map((m) => ({ round_id: roundId, measure_id: m.id, organisation_id: m.lead_organisation_id, state: "validated", version: 1, status: m.status, progress: m.progress, narrative: `Rapport ${period}`, narrative_lang: "fr", first_submitted_at: at, submitted_at: at, submitted_by: null, validated_at: at, validated_by: null, updated_at: at })),
    );
    const updates = await db.selectFrom("plan_updates").select("id").where("round_id", "=", roundId).execute();
    await insertInChunks(
      db,
      "plan_update_revisions",
      updates.flatMap((u) => ["submitted", "validated"].map((action) => ({ update_id: u.id, version: 1, action, payload: "{}", actor_user_id: null, at }))),
    );
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function latencies(url: string, headers: Record<string, string>, n: number): Promise<{ p50: number; p95: number; p99: number }> {
  for (let i = 0; i < 20; i++) await (await fetch(url, { headers })).arrayBuffer();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) };
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

async function run(label: string, databaseUrl: string, port: number): Promise<string[]> {
  const db = openDatabase(databaseUrl);
  await migrateToLatest(db);
  await seed(db, { demo: true });
  await grow(db);
  const bps = await db.selectFrom("organisations").select("id").where("code", "=", "bps").executeTakeFirstOrThrow();
  const { token } = await db.transaction().execute((trx) => createToken(trx, ctx, { name: "bench", organisationId: bps.id, role: "coordinator" }));
  const plan = await db.selectFrom("plans").select("id").where("code", "=", "gvpp-2017-2020").executeTakeFirstOrThrow();
  const counts = {
    measures: (await db.selectFrom("plan_measures").select("id").where("plan_id", "=", plan.id).execute()).length,
    milestones: (await db.selectFrom("plan_milestones").select("id").execute()).length,
    updates: (await db.selectFrom("plan_updates").select("id").execute()).length,
  };
  await db.destroy();

  const base = `http://127.0.0.1:${port}`;
  const server = await startProcess(process.execPath, ["bin/vigil.mjs", "serve", "--port", String(port)], { DATABASE_URL: databaseUrl, LOG_LEVEL: "silent", HOST: "127.0.0.1" }, async () => (await fetch(`${base}/readyz`)).ok);
  const auth = { authorization: `Bearer ${token}` };
  const lines: string[] = [`${label}: ${counts.measures} measures, ${counts.milestones} milestones, ${counts.updates} updates`];
  try {
    const floor = await latencies(`${base}/healthz`, {}, REQUESTS);
    const overview = await latencies(`${base}/api/plan/plans/${plan.id}/overview`, auth, REQUESTS);
    const row = (name: string, l: { p50: number; p95: number; p99: number }) =>
      `  ${name.padEnd(40)} p50 ${l.p50.toFixed(1).padStart(6)} ms   p95 ${l.p95.toFixed(1).padStart(6)} ms   p99 ${l.p99.toFixed(1).padStart(6)} ms`;
    lines.push(row("GET /healthz (peer)", floor), row(`GET /api/plan/plans/{id}/overview`, overview));

    // XLSX import of all measures: export, change every measure's progress, import for real.
    const exported = Buffer.from(await (await fetch(`${base}/api/plan/plans/${plan.id}/export.xlsx?lang=fr`, { headers: auth })).arrayBuffer());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const progressColumn = (sheet.getRow(1).values as unknown[]).findIndex((v) => typeof v === "string" && /avancement/i.test(v));
    sheet.eachRow((r, n) => {
      if (n > 1) r.getCell(progressColumn).value = (Number(r.getCell(progressColumn).value) + 1) % 101;
    });
    const edited = Buffer.from(await workbook.xlsx.writeBuffer());
    const xlsxHeaders = { ...auth, "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };
    const parseOnly = await timed(async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(edited as unknown as ArrayBuffer);
      return wb.worksheets[0]!.rowCount;
    });
    const imported = await timed(async () => {
      const res = await fetch(`${base}/api/plan/plans/${plan.id}/import?dryRun=false&lang=fr`, { method: "POST", headers: xlsxHeaders, body: edited });
      const body = (await res.json()) as { summary?: { changed: number } };
      if (!res.ok) throw new Error(`import: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
      return body.summary?.changed ?? 0;
    });
    lines.push(`  XLSX import, all measures (${imported.result} changed)   ${imported.ms.toFixed(0).padStart(6)} ms   (peer: exceljs parsing the same file, ${parseOnly.ms.toFixed(0)} ms)`);

    // Council report pack: freeze a snapshot, then the PDF in French and in Dutch and the XLSX annex.
    const pack = await timed(async () => {
      const res = await fetch(`${base}/api/plan/plans/${plan.id}/snapshots`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ title: "Bench" }) });
      const { id } = (await res.json()) as { id: number };
      let bytes = 0;
      for (const path of [`report.pdf?lang=fr`, `report.pdf?lang=nl`, `annex.xlsx?lang=fr`]) {
        const file = await fetch(`${base}/api/plan/snapshots/${id}/${path}`, { headers: auth });
        if (!file.ok) throw new Error(`${path}: ${file.status}`);
        bytes += (await file.arrayBuffer()).byteLength;
      }
      return bytes;
    });
    lines.push(`  report pack (snapshot + PDF fr + PDF nl + annex)  ${pack.ms.toFixed(0).padStart(6)} ms   (${(pack.result / 1024).toFixed(0)} KiB)`);
  } finally {
    await stopProcess(server);
  }
  return lines;
}

const out = await run("SQLite", tempDbPath(), 18120);
if (process.env.VIGIL_TEST_DATABASE_URL) {
  const pgdb = await createPostgresDatabase(process.env.VIGIL_TEST_DATABASE_URL, "vigil_bench");
  try {
    out.push(...(await run("PostgreSQL", pgdb.url, 18121)));
  } finally {
    await pgdb.drop();
  }
}
console.log(`\nPlan benchmark, ${REQUESTS} sequential requests per line, Node ${process.version}`);
console.log(out.join("\n"));
console.log("Aims: overview p95 < 50 ms on both databases; import < 2000 ms; report pack < 5000 ms.");
