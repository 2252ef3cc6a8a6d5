/**
 * Batches beside the synthetic demo batch: a real federal-police batch of 2018 is imported
 * next to it (the explorer then adds both), and the synthetic batch is removed with
 * deleteBatch once the demo's published report no longer counts it.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, it } from "node:test";
import { actorOf, contextOf } from "../../../../test/helpers/access.builders.js";
import { forEachDatabase } from "../../../../test/helpers/databases.js";
import { rejectsExplained } from "../../../../test/helpers/assertions.js";
import type { WriteContext } from "../../../server/http/context.js";
import { DEMO_BATCH_KEY, seedObservatoryDemo } from "../demo/demo.seed.js";
import { timeSeries } from "../explorer.service.js";
import { withdrawPublication } from "../publications/publication.service.js";
import { deleteBatch } from "./batches.service.js";
import { importObservatoryFile } from "./import.service.js";

const dir = mkdtempSync(join(tmpdir(), "vigil-obs-batches-"));
after(() => rmSync(dir, { recursive: true, force: true }));

forEachDatabase("observatory batches beside the synthetic demo batch", (ctx) => {
  let analyst: WriteContext;
  let syntheticId: number;
  const theft2018 = async () => (await timeSeries(ctx.db, { categoryCode: "theft", level: "region", from: 2018, to: 2018, step: "year" }))[0]?.count ?? 0;

  before(async () => {
    await ctx.db.transaction().execute((trx) => seedObservatoryDemo(trx));
    analyst = contextOf(await actorOf(ctx.db, "analyst@bps.demo"));
    syntheticId = (await ctx.db.selectFrom("observatory_batches").select("id").where("batch_key", "=", DEMO_BATCH_KEY).executeTakeFirstOrThrow()).id;
  });

  it("imports a real federal-police batch of 2018 beside the synthetic one; the explorer adds both", async () => {
    const synthetic = await theft2018();
    assert.ok(synthetic > 0);
    const [a, b] = (await ctx.db.selectFrom("neighbourhoods").select("code").orderBy("code").limit(2).execute()).map((n) => n.code);
    const path = join(dir, `federal-${ctx.dialect}.csv`);
    writeFileSync(path, `neighbourhood;category;month;count\n${a};theft;2018-01;40\n${b};theft;2018-12;2\n${a};damage;2018-06;7\n`);
    const real = await importObservatoryFile(ctx.db, { file: path, grain: "aggregated", source: "federal-police" });
    assert.equal(real.batchKey, "federal-police|aggregated|2018-01-01|2018-12-31");
    assert.equal(await theft2018(), synthetic + 42);
  });

  it("refuses to delete the synthetic batch while the published demo report counts it, then deletes it and its rows, audited", async () => {
    await rejectsExplained(deleteBatch(ctx.db, analyst, syntheticId), "conflict", "observatoryImport.error.batchPublished");
    assert.ok((await ctx.db.selectFrom("crime_counts").select("batch_id").where("batch_id", "=", syntheticId).limit(1).execute()).length);

    const report = await ctx.db.selectFrom("observatory_publications").select("id").where("status", "=", "published").executeTakeFirstOrThrow();
    const coordinator = contextOf(await actorOf(ctx.db, "coordinator@bps.demo"));
    await ctx.db.transaction().execute((trx) => withdrawPublication(trx, coordinator, report.id));
    const stored = await ctx.db.selectFrom("crime_counts").select((eb) => eb.fn.countAll<number>().as("n")).where("batch_id", "=", syntheticId).executeTakeFirstOrThrow();

    const deleted = await deleteBatch(ctx.db, analyst, syntheticId);
    assert.deepEqual(deleted, {
      id: syntheticId,
      batchKey: DEMO_BATCH_KEY,
      source: "synthetic-demo",
      grain: "aggregated",
      periodStart: "2009-01-01",
      periodEnd: "2018-12-31",
      isSynthetic: true,
      rows: Number(stored.n),
    });
    assert.equal((await ctx.db.selectFrom("crime_counts").select("batch_id").where("batch_id", "=", syntheticId).limit(1).execute()).length, 0);
    assert.equal((await ctx.db.selectFrom("observatory_batches").select("id").where("id", "=", syntheticId).execute()).length, 0);
    assert.equal(await theft2018(), 42); // only the real batch is left
    const audit = await ctx.db.selectFrom("audit_log").select(["action", "actor_user_id", "diff"]).where("entity_type", "=", "observatory_batch").execute();
    assert.deepEqual(audit.map((e) => [e.action, e.actor_user_id]), [["observatory_batch.deleted", analyst.actor.userId]]);
    assert.deepEqual(JSON.parse(audit[0]!.diff).batch_key, [DEMO_BATCH_KEY, null]);
  });

  it("answers 404 for a batch that does not exist", async () => {
    await rejectsExplained(deleteBatch(ctx.db, analyst, syntheticId), "not_found");
  });

  it("deletes the facts of an individual batch too", async () => {
    const path = join(dir, `facts-${ctx.dialect}.csv`);
    const code = (await ctx.db.selectFrom("neighbourhoods").select("code").orderBy("code").executeTakeFirstOrThrow()).code;
    writeFileSync(path, `occurred_at;category;neighbourhood;victim_type\n2018-03-01T10:00;theft;${code};person\n2018-03-02;theft;${code};business\n`);
    const facts = await importObservatoryFile(ctx.db, { file: path, grain: "individual", source: "federal-police" });
    const deleted = await deleteBatch(ctx.db, analyst, facts.batchId!);
    assert.equal(deleted.rows, 2);
    assert.equal((await ctx.db.selectFrom("crime_facts").select("id").where("batch_id", "=", facts.batchId!).execute()).length, 0);
  });
});
