/**
 * Publications on the database: the demo's published 2018 report, drafts (stored manifest,
 * audit), who sees what, publish (one per year, only while regenerable) and withdraw.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, it } from "node:test";
import type { Transaction } from "kysely";
import { actorOf, contextOf } from "../../../../test/helpers/access.builders.js";
import { forEachDatabase } from "../../../../test/helpers/databases.js";
import { rejectsExplained } from "../../../../test/helpers/assertions.js";
import type { Database } from "../../../server/db/schema.js";
import type { WriteContext } from "../../../server/http/context.js";
import { DEMO_BATCH_KEY, seedObservatoryDemo } from "../demo/demo.seed.js";
import { importObservatoryFile } from "../import/import.service.js";
import { createPublication, getPublication, listPublications, publishPublication, storedManifest, withdrawPublication } from "./publication.service.js";

const dir = mkdtempSync(join(tmpdir(), "vigil-publication-"));
after(() => rmSync(dir, { recursive: true, force: true }));

forEachDatabase("observatory publications", (ctx) => {
  let analyst: WriteContext;
  let coordinator: WriteContext;
  let viewer: WriteContext;
  let demoId: number;

  before(async () => {
    await ctx.db.transaction().execute((trx) => seedObservatoryDemo(trx));
    analyst = contextOf(await actorOf(ctx.db, "analyst@bps.demo"));
    coordinator = contextOf(await actorOf(ctx.db, "coordinator@bps.demo"));
    viewer = contextOf(await actorOf(ctx.db, "viewer@bps.demo"));
    demoId = (await ctx.db.selectFrom("observatory_publications").select("id").where("year", "=", 2018).executeTakeFirstOrThrow()).id;
  });

  it("seeds a published 2018 annual report whose manifest counts the synthetic batch, once", async () => {
    const row = await getPublication(ctx.db, viewer.actor, demoId);
    assert.deepEqual([row.kind, row.year, row.status, row.created_by], ["annual_report", 2018, "published", null]);
    assert.ok(row.published_at);
    assert.equal(row.title_fr, "Rapport annuel 2018 de l’Observatoire bruxellois de la sécurité");
    assert.equal(row.title_nl, "Jaarverslag 2018 van het Brussels Observatorium voor Veiligheid");
    const manifest = storedManifest(row);
    const batch = await ctx.db.selectFrom("observatory_batches").selectAll().where("batch_key", "=", DEMO_BATCH_KEY).executeTakeFirstOrThrow();
    assert.deepEqual(manifest.batches, [{ id: batch.id, batchKey: DEMO_BATCH_KEY, sha256: batch.sha256, rows: batch.rows, synthetic: true }]);
    assert.deepEqual(manifest.period, { from: 2009, to: 2018 });
    assert.equal(await ctx.db.transaction().execute((trx) => seedObservatoryDemo(trx)), null);
    assert.equal((await ctx.db.selectFrom("observatory_publications").select("id").execute()).length, 1);
  });

  it("creates an audited draft that only `observatory.report` holders see", async () => {
    const id = await ctx.db.transaction().execute((trx) => createPublication(trx, analyst, { year: 2017, fromYear: 2013 }));
    const row = await getPublication(ctx.db, analyst.actor, id);
    assert.deepEqual([row.status, row.year, row.created_by, row.published_at], ["draft", 2017, analyst.actor.userId, null]);
    assert.deepEqual(storedManifest(row).period, { from: 2013, to: 2017 });
    const audit = await ctx.db.selectFrom("audit_log").selectAll().where("entity_type", "=", "observatory_publication").where("entity_id", "=", String(id)).execute();
    assert.deepEqual(audit.map((a) => a.action), ["observatory_publication.created"]);
    assert.equal(audit[0]!.actor_user_id, analyst.actor.userId);

    assert.deepEqual((await listPublications(ctx.db, viewer.actor)).map((p) => p.id), [demoId]);
    assert.ok((await listPublications(ctx.db, analyst.actor)).some((p) => p.id === id));
    await rejectsExplained(getPublication(ctx.db, viewer.actor, id), "not_found");
    await rejectsExplained(getPublication(ctx.db, analyst.actor, 999_999), "not_found");
  });

  it("publishes one annual report per year, withdraws, and refuses wrong status changes", async () => {
    const draft = await ctx.db.transaction().execute((trx) => createPublication(trx, analyst, { year: 2018 }));
    const tx = <T>(work: (trx: Transaction<Database>) => Promise<T>) => ctx.db.transaction().execute(work);
    await rejectsExplained(tx((trx) => publishPublication(trx, coordinator, draft)), "conflict", "observatoryReport.error.alreadyPublished");
    await rejectsExplained(tx((trx) => withdrawPublication(trx, coordinator, draft)), "conflict", "observatoryReport.error.status");
    await tx((trx) => withdrawPublication(trx, coordinator, demoId));
    assert.equal((await getPublication(ctx.db, coordinator.actor, demoId)).status, "withdrawn");
    await tx((trx) => publishPublication(trx, coordinator, draft));
    const published = await getPublication(ctx.db, viewer.actor, draft);
    assert.deepEqual([published.status, published.published_by], ["published", coordinator.actor.userId]);
    await rejectsExplained(tx((trx) => publishPublication(trx, coordinator, draft)), "conflict", "observatoryReport.error.status");
    assert.deepEqual((await listPublications(ctx.db, viewer.actor)).map((p) => p.id), [draft]);
    const audit = await ctx.db.selectFrom("audit_log").select("action").where("entity_type", "=", "observatory_publication").where("entity_id", "in", [String(draft), String(demoId)]).orderBy("seq").execute();
    assert.deepEqual(audit.map((a) => a.action), ["observatory_publication.created", "observatory_publication.created", "observatory_publication.withdrawn", "observatory_publication.published"]);
  });

  it("refuses to publish a report whose batch was imported again with other content", async () => {
    const path = join(dir, "weapons.csv");
    const write = (count: number) => writeFileSync(path, `neighbourhood;category;month;count\n5;weapons;2016-06;${count}\n`);
    const load = () => importObservatoryFile(ctx.db, { file: path, grain: "aggregated", source: "test-publish", periodStart: "2016-01-01", periodEnd: "2016-12-31" });
    write(11);
    await load();
    const id = await ctx.db.transaction().execute((trx) => createPublication(trx, analyst, { year: 2016 }));
    assert.ok(storedManifest(await getPublication(ctx.db, analyst.actor, id)).batches.some((b) => b.batchKey.startsWith("test-publish|")));
    write(12);
    await load();
    await rejectsExplained(ctx.db.transaction().execute((trx) => publishPublication(trx, coordinator, id)), "conflict", "observatoryReport.error.batchChanged");
    assert.equal((await getPublication(ctx.db, analyst.actor, id)).status, "draft");
  });
});
