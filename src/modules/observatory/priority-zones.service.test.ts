import assert from "node:assert/strict";
import { before, it } from "node:test";
import { forEachDatabase } from "../../../test/helpers/databases.js";
import { rejectsWith } from "../../../test/helpers/assertions.js";
import { systemActor } from "../../server/auth/actor.js";
import type { WriteContext } from "../../server/http/context.js";
import { seedObservatoryDemo } from "./demo/demo.seed.js";
import { computeProposals, decideProposal, type ComputeProposalsResult } from "./priority-zones.service.js";

const ctx: WriteContext = { actor: { ...systemActor, userId: null }, requestId: "test" };

forEachDatabase("priority zone proposals", (t) => {
  let theft: ComputeProposalsResult;
  before(async () => {
    await t.db.transaction().execute((trx) => seedObservatoryDemo(trx));
    theft = await computeProposals(t.db, { categoryCodes: ["theft"], groupLabel: "theft" }, ctx);
  });

  // The synthetic generator multiplies rates by 1 + 2.5 exp(-d / 1.5 km) around the Grand
  // Place (demo/generator.ts), so the Pentagon (codes 1-10) is the planted hot area.
  it("proposes the central neighbourhoods (Pentagon, codes 1-10) for theft over 2014-2018", async () => {
    assert.deepEqual(theft.years, [2014, 2015, 2016, 2017, 2018]);
    const codes = theft.proposals.map((p) => p.code);
    const central = codes.filter((c) => c <= 10);
    assert.ok(central.length >= 7, `proposed: ${codes.join(",")}`);
    assert.ok(codes.length < 20, `too many proposals: ${codes.join(",")}`);
    const rows = await t.db.selectFrom("priority_zone_proposals").selectAll().where("run_key", "=", theft.runKey).orderBy("neighbourhood_code").execute();
    assert.deepEqual(rows.map((r) => r.neighbourhood_code), codes);
    assert.equal(theft.inserted, codes.length);
    assert.ok(rows.every((r) => r.status === "proposed" && r.category_group === "theft"));
    const evidence = JSON.parse(rows[0]!.evidence);
    assert.ok(evidence.qualifyingYears.length >= 3);
    assert.equal(evidence.years.length, 5);
    assert.deepEqual(Object.keys(evidence.years[0].tests).sort(), ["raw/knn", "raw/queen", "smoothed/knn", "smoothed/queen"]);
    // the rule travels with each proposal, so its evidence reads alone
    assert.deepEqual(evidence.rule, { categoryCodes: ["theft"], knn: 6, residentialOnly: true, years: 5, required: 3, alpha: 0.05, permutations: 999, seed: 2018, lastYear: 2018 });
    const audit = await t.db.selectFrom("audit_log").selectAll().where("entity_type", "=", "priority_zone_run").where("entity_id", "=", theft.runKey).execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.action, "priority_zone_run.computed");
  });

  it("ends the window at the last year with data and population, whatever a later partial batch adds", async () => {
    // One month of damage in 2026 (no population yet): the years 2019-2025 hold no damage at all.
    const batch = await t.db
      .insertInto("observatory_batches")
      .values({ batch_key: "late|aggregated|2026-01-01|2026-01-31", grain: "aggregated", source: "late", period_start: "2026-01-01", period_end: "2026-01-31", taxonomy_id: 1, filename: "late.csv", sha256: "0".repeat(64), rows: 1, is_synthetic: 0, imported_by: null, imported_at: new Date().toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    const damage = (await t.db.selectFrom("crime_categories").select("id").where("code", "=", "damage").executeTakeFirstOrThrow()).id;
    await t.db.insertInto("crime_counts").values({ batch_id: batch.id, neighbourhood_code: 5, category_id: damage, month: "2026-01", count: 7 }).execute();
    const run = await computeProposals(t.db, { categoryCodes: ["damage"], groupLabel: "damage" }, ctx);
    assert.deepEqual(run.years, [2014, 2015, 2016, 2017, 2018]);
    assert.ok(run.proposals.length > 0, "the planted centre is found for damage too");
  });

  it("recomputes the same run idempotently and gives other options another run key", async () => {
    const again = await computeProposals(t.db, { categoryCodes: ["theft"], groupLabel: "theft" }, ctx);
    assert.equal(again.runKey, theft.runKey);
    assert.equal(again.inserted, 0);
    assert.deepEqual(again.proposals, theft.proposals);
    const stricter = await computeProposals(t.db, { categoryCodes: ["theft"], groupLabel: "theft", required: 5 }, ctx);
    assert.notEqual(stricter.runKey, theft.runKey);
    // every zone hot in all 5 years is also hot in 3 of them
    const lenient = new Set(theft.proposals.map((p) => p.code));
    assert.ok(stricter.proposals.length <= theft.proposals.length && stricter.proposals.every((p) => lenient.has(p.code)));
  });

  it("refuses unknown codes and a category together with its own phenomenon (double count)", async () => {
    await rejectsWith(computeProposals(t.db, { categoryCodes: ["nope"], groupLabel: "x" }, ctx), "validation_failed", "body.categoryCodes");
    await rejectsWith(computeProposals(t.db, { categoryCodes: ["theft", "theft.car"], groupLabel: "x" }, ctx), "validation_failed", "body.categoryCodes");
    await rejectsWith(computeProposals(t.db, { categoryCodes: ["theft"], groupLabel: " " }, ctx), "validation_failed", "body.groupLabel");
  });

  it("accepts a proposal with a reason, audited, and refuses a second decision", async () => {
    const row = await t.db.selectFrom("priority_zone_proposals").select("id").where("run_key", "=", theft.runKey).orderBy("id").executeTakeFirstOrThrow();
    await rejectsWith(t.db.transaction().execute((trx) => decideProposal(trx, ctx, row.id, { decision: "accepted", reason: "  " })), "validation_failed", "body.reason");
    await t.db.transaction().execute((trx) => decideProposal(trx, ctx, row.id, { decision: "accepted", reason: "Confirmed by the zone chief" }));
    const decided = await t.db.selectFrom("priority_zone_proposals").selectAll().where("id", "=", row.id).executeTakeFirstOrThrow();
    assert.equal(decided.status, "accepted");
    assert.equal(decided.reason, "Confirmed by the zone chief");
    assert.ok(decided.decided_at);
    const audit = await t.db.selectFrom("audit_log").selectAll().where("entity_type", "=", "priority_zone_proposal").where("entity_id", "=", String(row.id)).execute();
    assert.deepEqual(audit.map((a) => a.action), ["priority_zone_proposal.accepted"]);
    await rejectsWith(t.db.transaction().execute((trx) => decideProposal(trx, ctx, row.id, { decision: "rejected", reason: "changed my mind" })), "conflict");
    await rejectsWith(t.db.transaction().execute((trx) => decideProposal(trx, ctx, 999_999, { decision: "rejected", reason: "x" })), "not_found");
    // recomputing keeps the decision
    await computeProposals(t.db, { categoryCodes: ["theft"], groupLabel: "theft" }, ctx);
    assert.equal((await t.db.selectFrom("priority_zone_proposals").select("status").where("id", "=", row.id).executeTakeFirstOrThrow()).status, "accepted");
  });
});
