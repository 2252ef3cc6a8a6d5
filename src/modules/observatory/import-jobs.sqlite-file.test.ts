/**
 * On the default database, a SQLite file, a web import's progress must be readable while the
 * import's single transaction holds the main connection: callers are identified on a second
 * connection (openAuthConnection) that never waits for the writer, and the job's progress is
 * kept in memory. Without it, every poll waited until the import had ended.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createLogger } from "../../server/logger.js";
import { createApp, type App } from "../../server/app.js";
import { openAuthConnection, openDatabase, type Db } from "../../server/db/database.js";
import { migrateToLatest } from "../../server/db/migrate.js";
import { seed } from "../../server/seed.js";
import { signIn, testConfig, type Client } from "../../../test/helpers/http.js";

interface Job {
  id: string;
  phase: string;
  progress: { rows: number };
}

/** 60,000 valid rows of counts: enough chunks for the import to yield many times. */
function bigCsv(): string {
  const lines = ["neighbourhood;category;month;count"];
  for (let i = 0; i < 60_000; i++) lines.push(`${(i % 118) + 1};theft;2030-${String((i % 12) + 1).padStart(2, "0")};${(i % 9) + 1}`);
  return `${lines.join("\n")}\n`;
}

describe("web import on a SQLite file", () => {
  const dir = mkdtempSync(join(tmpdir(), "vigil-import-file-"));
  const file = join(dir, "vigil.db");
  let db: Db;
  let authDb: Db;
  let app: App;
  let analyst: Client;

  before(async () => {
    db = openDatabase(file);
    await migrateToLatest(db);
    await seed(db, { demo: true, observatoryDemo: false });
    authDb = openAuthConnection(file)!;
    app = createApp({ db, authDb, config: testConfig(), log: createLogger("silent") });
    analyst = await signIn(app, "analyst@bps.demo");
  });
  after(async () => {
    await authDb.destroy();
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers progress polls while the import's transaction runs, then stores every row", async () => {
    const started = await analyst.request("POST", "/api/observatory/imports/jobs?grain=aggregated&source=file-test&dryRun=false", bigCsv(), { "content-type": "text/csv" });
    assert.equal(started.status, 202);
    const { id } = (await started.json()) as Job;
    const seen: Job[] = [];
    for (let i = 0; i < 2000; i++) {
      const { status, body } = await analyst.json<Job>("GET", `/api/observatory/imports/jobs/${id}`);
      assert.equal(status, 200);
      seen.push(body);
      if (body.phase === "done" || body.phase === "failed") break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.equal(seen.at(-1)!.phase, "done");
    const midway = seen.filter((j) => j.phase !== "done" && j.progress.rows > 0 && j.progress.rows < 60_000);
    assert.ok(midway.length > 0, `no poll answered during the import: ${seen.map((j) => `${j.phase}:${j.progress.rows}`).join(" ")}`);
    const stored = await db.selectFrom("crime_counts as c").innerJoin("observatory_batches as b", "b.id", "c.batch_id").select((e) => e.fn.countAll().as("n")).where("b.source", "=", "file-test").executeTakeFirstOrThrow();
    assert.equal(Number(stored.n), 60_000);
  });

  it("skips a session's bookkeeping write while the main connection writes, instead of failing or waiting", async () => {
    const jobs = (await analyst.json<{ id: string }[]>("GET", "/api/observatory/batches")).body;
    assert.ok(jobs.length > 0);
    const old = "2000-01-01T00:00:00.000Z";
    await db.updateTable("sessions").set({ last_seen_at: old }).execute();
    let answered = 0;
    await db.transaction().execute(async (trx) => {
      await trx.updateTable("users").set({ locale: "fr" }).where("email", "=", "analyst@bps.demo").execute();
      // The main connection holds the write lock: identifying the caller reads on the other
      // connection, and its "last seen" refresh finds the file busy and is skipped.
      const res = await analyst.request("GET", "/api/observatory/imports/jobs/no-such-job");
      answered = res.status;
    });
    assert.equal(answered, 404, "identified (not 401), then the unknown job");
    const sessions = await db.selectFrom("sessions").select("last_seen_at").execute();
    assert.ok(sessions.every((s) => s.last_seen_at === old), "the refresh was skipped, not waited for");
    // with the file free again, the next request refreshes it
    await analyst.request("GET", "/api/observatory/imports/jobs/no-such-job");
    assert.ok((await db.selectFrom("sessions").select("last_seen_at").execute()).some((s) => s.last_seen_at !== old));
  });
});
