/**
 * Import jobs over HTTP: a CSV with one bad row fails with that row's error and a
 * downloadable report, nothing stored; the fixed file is stored; only the owner (or an
 * agency admin) reads a job. Anonymous 401 and the 403s are in the authorisation matrix.
 */
import assert from "node:assert/strict";
import { before, it } from "node:test";
import { parse } from "csv-parse/sync";
import { forEachDatabase } from "../../../test/helpers/databases.js";
import { seedObservatoryDemo } from "./demo/demo.seed.js";
import { signIn, testApp, type Client } from "../../../test/helpers/http.js";
import type { App } from "../../server/app.js";

interface Job {
  id: string;
  phase: string;
  progress: { rows: number; bytesRead: number; totalBytes: number | null; percent: number | null };
  result: { dryRun: boolean; rows: number; batch: { id: number | null; key: string | null } } | null;
  errors: { count: number; shown: { row: number; column: string; value: string; key: string; message: string }[]; report: string } | null;
  crashed: boolean;
}

const csv = (neighbourhood: string) => `neighbourhood;category;month;count\n1;theft;2024-01;3\n${neighbourhood};theft;2024-01;4\n3;drugs;2024-02;1\n`;

forEachDatabase("HTTP observatory import jobs", (ctx) => {
  let app: App;
  let analyst: Client;
  const batches = () => ctx.db.selectFrom("observatory_batches").select(["id", "rows"]).where("source", "=", "job-test").execute();
  const start = (client: Client, body: string, dryRun: boolean) =>
    client.request("POST", `/api/observatory/imports/jobs?grain=aggregated&source=job-test&dryRun=${dryRun}&filename=burglaries.csv`, body, { "content-type": "text/csv" });

  /** Reads the job until it has finished. */
  async function finished(client: Client, id: string): Promise<Job> {
    for (let i = 0; i < 500; i++) {
      const { status, body } = await client.json<Job>("GET", `/api/observatory/imports/jobs/${id}`);
      assert.equal(status, 200);
      if (body.phase === "done" || body.phase === "failed") return body;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.fail(`job ${id} did not finish`);
  }

  before(async () => {
    app = testApp(ctx.db);
    analyst = await signIn(app, "analyst@bps.demo");
  });

  it("fails a CSV with one bad row: that row's error, a report in fr/nl/en, nothing stored", async () => {
    const res = await start(analyst, csv("99999"), false);
    assert.equal(res.status, 202);
    const started = (await res.json()) as Job;
    assert.equal(res.headers.get("location"), `/api/observatory/imports/jobs/${started.id}`);
    assert.ok(["checking", "storing", "done", "failed"].includes(started.phase), started.phase);
    assert.equal(started.progress.totalBytes, Buffer.byteLength(csv("99999")));

    const job = await finished(analyst, started.id);
    assert.equal(job.phase, "failed");
    assert.equal(job.crashed, false);
    assert.equal(job.result, null);
    assert.equal(job.errors!.count, 1);
    const [error] = job.errors!.shown;
    assert.deepEqual([error!.row, error!.column, error!.value, error!.key], [3, "neighbourhood", "99999", "observatoryImport.error.unknownNeighbourhood"]);
    assert.match(error!.message, /Ligne 3 : quartier inconnu « 99999 »/, "in the analyst's language (French)");
    assert.deepEqual(await batches(), []);

    const report = await analyst.request("GET", job.errors!.report);
    assert.equal(report.status, 200);
    assert.equal(report.headers.get("content-type"), "text/csv; charset=utf-8");
    assert.match(report.headers.get("content-disposition") ?? "", /^attachment; filename="vigil-import-errors-[\w-]+\.csv"$/);
    const lines = parse(await report.text(), { bom: true, delimiter: ";", columns: true }) as Record<string, string>[];
    assert.equal(lines.length, 1);
    assert.deepEqual([lines[0]!.row, lines[0]!.column, lines[0]!.value], ["3", "neighbourhood", "99999"]);
    assert.match(lines[0]!.message_fr!, /quartier inconnu « 99999 »/);
    assert.match(lines[0]!.message_nl!, /onbekende wijk „99999”/);
    assert.match(lines[0]!.message_en!, /unknown neighbourhood "99999"/);
  });

  it("checks then stores the fixed file; the batch is listed", async () => {
    const dry = await finished(analyst, ((await (await start(analyst, csv("2"), true)).json()) as Job).id);
    assert.equal(dry.phase, "done");
    assert.deepEqual([dry.result!.dryRun, dry.result!.rows, dry.result!.batch.id], [true, 3, null]);
    assert.equal(dry.errors, null);
    assert.equal(dry.progress.percent, 100);
    assert.deepEqual(await batches(), []);

    const real = await finished(analyst, ((await (await start(analyst, csv("2"), false)).json()) as Job).id);
    assert.equal(real.phase, "done");
    assert.equal(real.result!.batch.key, "job-test|aggregated|2024-01-01|2024-02-29");
    assert.deepEqual(await batches(), [{ id: real.result!.batch.id!, rows: 3 }]);
    const listed = await analyst.json("GET", "/api/observatory/batches");
    const batch = listed.body.find((b: { id: number }) => b.id === real.result!.batch.id);
    assert.deepEqual([batch.filename, batch.source, batch.isSynthetic], ["burglaries.csv", "job-test", false]);
    assert.equal((await analyst.request("GET", `/api/observatory/imports/jobs/${real.id}/errors.csv`)).status, 404, "no report without row errors");

    // A file-wide error with more values than row, column and value: the overlap with the stored batch.
    const overlap = await finished(analyst, ((await (await start(analyst, "neighbourhood;category;month;count\n1;theft;2024-02;5\n", true)).json()) as Job).id);
    assert.equal(overlap.phase, "failed");
    const [error] = overlap.errors!.shown;
    assert.equal(error!.key, "observatoryImport.error.overlap");
    assert.ok(error!.message.includes("job-test|aggregated|2024-01-01|2024-02-29"), error!.message);
  });

  it("shows a job to its owner and an agency admin, not to others", async () => {
    const job = await finished(analyst, ((await (await start(analyst, csv("bad"), true)).json()) as Job).id);
    const path = `/api/observatory/imports/jobs/${job.id}`;
    const coordinator = await signIn(app, "coordinator@bps.demo");
    assert.equal((await coordinator.request("GET", path)).status, 403);
    assert.equal((await coordinator.request("GET", `${path}/errors.csv`)).status, 403);
    const admin = await signIn(app, "admin@bps.demo");
    assert.equal((await admin.json("GET", path)).body.id, job.id);
    assert.equal((await analyst.request("GET", "/api/observatory/imports/jobs/00000000-0000-0000-0000-000000000000")).status, 404);
  });

  it("deletes a batch with its rows (audited); refuses while a published report counts it", async () => {
    const job = await finished(analyst, ((await (await start(analyst, csv("2").replaceAll("2024", "2025"), false)).json()) as Job).id);
    assert.equal(job.phase, "done", JSON.stringify(job.errors));
    const id = job.result!.batch.id!;
    const deleted = await analyst.json("DELETE", `/api/observatory/batches/${id}`);
    assert.equal(deleted.status, 200, JSON.stringify(deleted.body));
    assert.deepEqual([deleted.body.id, deleted.body.rows, deleted.body.isSynthetic], [id, 3, false]);
    assert.equal(Number((await ctx.db.selectFrom("crime_counts").select((e) => e.fn.countAll().as("n")).where("batch_id", "=", id).executeTakeFirstOrThrow()).n), 0);
    assert.ok(await ctx.db.selectFrom("audit_log").select("seq").where("entity_type", "=", "observatory_batch").where("action", "like", "%delete%").where("entity_id", "=", String(id)).executeTakeFirst(), "audited");
    assert.equal((await analyst.json("DELETE", `/api/observatory/batches/${id}`)).status, 404);

    await ctx.db.transaction().execute((trx) => seedObservatoryDemo(trx));
    const synthetic = await ctx.db.selectFrom("observatory_batches").select("id").where("is_synthetic", "=", 1).executeTakeFirstOrThrow();
    const refused = await analyst.json("DELETE", `/api/observatory/batches/${synthetic.id}`);
    assert.deepEqual([refused.status, refused.body.error.fields[0].key], [409, "observatoryImport.error.batchPublished"]);
  });

  it("refuses an unknown content type and an empty file", async () => {
    const wrongType = await analyst.request("POST", "/api/observatory/imports/jobs?source=job-test", "x", { "content-type": "text/plain" });
    assert.equal(wrongType.status, 415);
    const empty = await start(analyst, "", true);
    assert.equal(empty.status, 400);
    assert.deepEqual(((await empty.json()) as any).error.fields.map((f: { field: string }) => f.field), ["body.file"]);
  });
});
