import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { PassThrough, Readable } from "node:stream";
import { before, it } from "node:test";
import { parse } from "csv-parse/sync";
import { forEachDatabase } from "../../../test/helpers/databases.js";
import { rejectsWith } from "../../../test/helpers/assertions.js";
import type { Actor } from "../../server/auth/actor.js";
import { ImportJobs, type JobInput } from "./import-jobs.js";

const actor = (userId: number, role: Actor["role"] = "analyst"): Actor => ({
  kind: "user",
  userId,
  tokenId: null,
  organisationId: 1,
  organisationKind: "agency",
  role,
  locale: "fr",
});
const input = (source: string, dryRun: boolean): JobInput => ({ grain: "aggregated", source, dryRun, format: "csv", filename: "test.csv", importedBy: null });
const upload = (text: string, maxBytes = 1_000_000) => ({ body: Readable.from([Buffer.from(text)]), declaredBytes: Buffer.byteLength(text), maxBytes });
const csv = (rows: string[]) => ["neighbourhood;category;month;count", ...rows].join("\n") + "\n";

forEachDatabase("import jobs", (ctx) => {
  let a = 0;
  let b = 0;
  before(async () => {
    [a, b] = (await ctx.db.selectFrom("neighbourhoods").select("code").orderBy("code").limit(2).execute()).map((r) => r.code) as [number, number];
  });
  const batches = (source: string) => ctx.db.selectFrom("observatory_batches").select(["id", "rows"]).where("source", "=", source).execute();

  it("checks a file with one bad row: failed, the row's error kept and reported, nothing stored", async () => {
    const jobs = new ImportJobs(ctx.db);
    const job = await jobs.submit(actor(1), input("jobs-bad", false), upload(csv([`${a};theft;2024-01;3`, `99999;theft;2024-01;4`, `${b};drugs;2024-02;1`])));
    assert.equal(job.totalBytes, Buffer.byteLength(csv([`${a};theft;2024-01;3`, `99999;theft;2024-01;4`, `${b};drugs;2024-02;1`])));
    await job.settled;
    assert.equal(job.phase, "failed");
    assert.equal(job.rows, 3);
    assert.equal(job.errorCount, 1);
    assert.deepEqual(job.errors, [{ row: 3, column: "neighbourhood", value: "99999", key: "observatoryImport.error.unknownNeighbourhood" }]);
    const report = parse(readFileSync(job.reportPath!, "utf8"), { bom: true, delimiter: ";", columns: true }) as Record<string, string>[];
    assert.deepEqual(report.map((r) => [r.row, r.column, r.value]), [["3", "neighbourhood", "99999"]]);
    assert.match(report[0]!.message_fr!, /quartier inconnu/);
    assert.match(report[0]!.message_nl!, /onbekende wijk/);
    assert.match(report[0]!.message_en!, /unknown neighbourhood/);
    assert.deepEqual(await batches("jobs-bad"), []);
  });

  it("dry-runs then stores a fixed file, with progress up to the whole file", async () => {
    const jobs = new ImportJobs(ctx.db);
    const text = csv(Array.from({ length: 2500 }, (_, i) => `${i % 2 ? a : b};theft;2024-${String((i % 12) + 1).padStart(2, "0")};${i % 7}`));
    const dry = await jobs.submit(actor(1), input("jobs-good", true), upload(text));
    await dry.settled;
    assert.equal(dry.phase, "done");
    assert.deepEqual([dry.rows, dry.bytesRead, dry.totalBytes], [2500, Buffer.byteLength(text), Buffer.byteLength(text)]);
    assert.equal(dry.result!.batchId, null);
    assert.deepEqual(await batches("jobs-good"), []);

    const real = await jobs.submit(actor(1), input("jobs-good", false), upload(text));
    assert.equal(real.phase, "storing");
    await real.settled;
    assert.equal(real.phase, "done");
    assert.equal(real.result!.batchKey, "jobs-good|aggregated|2024-01-01|2024-12-31");
    assert.deepEqual(await batches("jobs-good"), [{ id: real.result!.batchId!, rows: 2500 }]);
    assert.equal(real.reportPath, null);
  });

  it("shows a job to its owner and an agency admin only", async () => {
    const jobs = new ImportJobs(ctx.db);
    const job = await jobs.submit(actor(1), input("jobs-owner", true), upload(csv([`${a};theft;2024-01;3`])));
    await job.settled;
    assert.equal(jobs.find(job.id, actor(1)), job);
    assert.equal(jobs.find(job.id, actor(2)), undefined, "another analyst");
    assert.equal(jobs.find(job.id, { ...actor(2, "admin"), organisationKind: "municipality" }), undefined, "a municipality's admin");
    assert.equal(jobs.find(job.id, actor(3, "admin")), job, "an agency admin");
    assert.equal(jobs.find("no-such-job", actor(1)), undefined);
  });

  it("runs one job at a time per owner and refuses a second start while the first uploads", async () => {
    const jobs = new ImportJobs(ctx.db);
    const body = new PassThrough();
    const first = jobs.submit(actor(1), input("jobs-busy", true), { body, declaredBytes: null, maxBytes: 1_000_000 });
    body.write("neighbourhood;category;month;count\n");
    await rejectsWith(jobs.submit(actor(1), input("jobs-busy", true), upload(csv([`${a};theft;2024-01;3`]))), "conflict");
    const other = await jobs.submit(actor(2), input("jobs-busy-2", true), upload(csv([`${a};theft;2024-01;3`])));
    body.end(`${a};theft;2024-01;3\n`);
    const job = await first;
    await Promise.all([job.settled, other.settled]);
    assert.deepEqual([job.phase, other.phase], ["done", "done"]);
  });

  it("refuses a file past the limit or empty, keeping no job", async () => {
    const jobs = new ImportJobs(ctx.db);
    const tooLarge = await rejectsWith(jobs.submit(actor(1), input("jobs-large", true), upload(csv([`${a};theft;2024-01;3`]), 10)), "payload_too_large");
    assert.equal(tooLarge.options.fields?.[0]?.field, "body.file");
    const empty = await rejectsWith(jobs.submit(actor(1), input("jobs-empty", true), upload("")), "validation_failed");
    assert.equal(empty.options.fields?.[0]?.key, "validation.required");
    const next = await jobs.submit(actor(1), input("jobs-large", true), upload(csv([`${a};theft;2024-01;3`])));
    await next.settled;
    assert.equal(next.phase, "done");
  });

  it("forgets a finished job and deletes its report after the time to live", async () => {
    let now = new Date("2026-01-01T10:00:00Z");
    const jobs = new ImportJobs(ctx.db, { now: () => now });
    const job = await jobs.submit(actor(1), input("jobs-expire", true), upload(csv(["x;theft;2024-01;3"])));
    await job.settled;
    assert.equal(jobs.expiresAt(job)?.toISOString(), "2026-01-01T11:00:00.000Z");
    assert.ok(existsSync(job.reportPath!));
    now = new Date("2026-01-01T10:59:59Z");
    assert.equal(jobs.find(job.id, actor(1)), job);
    now = new Date("2026-01-01T11:00:00Z");
    assert.equal(jobs.find(job.id, actor(1)), undefined);
    for (let i = 0; i < 50 && existsSync(job.reportPath!); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(existsSync(job.reportPath!), false);
  });

  it("keeps the latest jobs of an owner and drops the oldest", async () => {
    const jobs = new ImportJobs(ctx.db, { keepPerOwner: 2 });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const job = await jobs.submit(actor(1), input("jobs-keep", true), upload(csv([`${a};theft;2024-01;${i}`])));
      await job.settled;
      ids.push(job.id);
    }
    assert.deepEqual(
      ids.map((id) => jobs.find(id, actor(1)) !== undefined),
      [false, true, true],
    );
  });
});
