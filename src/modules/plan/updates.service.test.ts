/** Filing, submitting, sending back and validating progress updates on a real database. */
import assert from "node:assert/strict";
import { it } from "node:test";
import type { Transaction } from "kysely";
import type { Db } from "../../server/db/database.js";
import type { Database } from "../../server/db/schema.js";
import { AppError } from "../../shared/errors.js";
import { listAudit } from "../audit/audit.service.js";
import { rejectsWith } from "../../../test/helpers/assertions.js";
import { forEachDatabase } from "../../../test/helpers/databases.js";
import { actorOf, buildUser, contextOf, organisationIdOf } from "../../../test/helpers/access.builders.js";
import { buildMeasure, buildPlan } from "../../../test/helpers/plan.builders.js";
import { coordinator, dayFromToday, openRound, updateIdOf } from "../../../test/helpers/plan-rounds.builders.js";
import { brusselsDay } from "./plan.common.js";
import { getUpdate } from "./updates.read.js";
import { isUpdateLate } from "./lateness.js";
import { fileUpdate, returnUpdate, submitUpdate, validateUpdate, type Filing } from "./updates.service.js";
import { updateRound } from "./rounds.service.js";

const draft = (over: Partial<Filing> = {}): Filing => ({ status: "in_progress", progress: 40, narrative: "", milestones: [], indicators: [], ...over });

/** An Anderlecht measure with two milestones and an indicator, in a freshly opened round. */
async function anderlechtUpdate(db: Db, dates: { opensOn?: string; deadline?: string } = {}) {
  const plan = await buildPlan(db);
  const measure = await buildMeasure(db, plan, {
    leadOrganisationCode: "mun-21001",
    status: "planned",
    progress: 10,
    milestones: [{ due: "2018-03-31" }, { due: "2019-06-30" }],
    indicators: [{ baseline: 12, target: 40, current: 15 }],
  });
  const roundId = await openRound(db, plan, dates);
  return { plan, measure, roundId, updateId: await updateIdOf(db, roundId, measure.id) };
}

forEachDatabase("progress updates", (ctx) => {
  const run = <T>(work: (trx: Transaction<Database>) => Promise<T>) => ctx.db.transaction().execute(work);
  const as = async (email: string) => contextOf(await actorOf(ctx.db, email));

  it("goes round the loop: filed in Dutch, sent back on one field, answered and refiled, validated into the measure", async () => {
    const { measure, updateId } = await anderlechtUpdate(ctx.db);
    const editor = await as("editor@anderlecht.demo");
    const coord = await coordinator(ctx.db);
    const [m1, m2] = measure.milestones as [number, number];
    const done = dayFromToday(-3);

    await run((trx) => fileUpdate(trx, editor, updateId, draft({ narrative: "  Het project loopt volgens plan.  ", narrativeLang: "nl", milestones: [{ milestoneId: m1, doneDate: done }], indicators: [{ indicatorId: measure.indicators[0]!, value: 22.5 }] })));
    await run((trx) => submitUpdate(trx, editor, updateId, {}));
    let u = await ctx.db.selectFrom("plan_updates").selectAll().where("id", "=", updateId).executeTakeFirstOrThrow();
    assert.deepEqual([u.state, u.version, u.narrative, u.narrative_lang, u.submitted_by], ["submitted", 1, "Het project loopt volgens plan.", "nl", editor.actor.userId]);
    const firstSubmission = u.first_submitted_at;
    assert.ok(firstSubmission && firstSubmission === u.submitted_at);

    await run((trx) => returnUpdate(trx, coord, updateId, { comments: [{ field: "progress", body: "40 % semble élevé : précisez." }] }));
    const returned = await getUpdate(ctx.db, editor.actor, updateId);
    assert.equal(returned.update.state, "returned");
    const [comment] = returned.comments;
    assert.deepEqual([comment?.field, comment?.kind, comment?.version, comment?.resolved], ["progress", "return", 1, 0]);

    await rejectsWith(run((trx) => submitUpdate(trx, editor, updateId, {})), "validation_failed", ["body.answers"]);
    await run((trx) => fileUpdate(trx, editor, updateId, draft({ progress: 30, narrative: "Bijgesteld.", narrativeLang: "nl", milestones: [{ milestoneId: m1, doneDate: done }], indicators: [{ indicatorId: measure.indicators[0]!, value: 22.5 }] })));
    await run((trx) => submitUpdate(trx, editor, updateId, { answers: [{ commentId: comment!.id, body: "Gecorrigeerd naar 30 %." }] }));
    u = await ctx.db.selectFrom("plan_updates").selectAll().where("id", "=", updateId).executeTakeFirstOrThrow();
    assert.deepEqual([u.state, u.version, u.progress], ["submitted", 2, 30]);
    assert.equal(u.first_submitted_at, firstSubmission, "the first submission is kept");
    const comments = await ctx.db.selectFrom("plan_update_comments").selectAll().where("update_id", "=", updateId).orderBy("id").execute();
    assert.deepEqual(comments.map((c) => [c.kind, c.field, c.resolved, c.version]), [["return", "progress", 1, 1], ["answer", "progress", 1, 1]]);

    await run((trx) => validateUpdate(trx, coord, updateId));
    const m = await ctx.db.selectFrom("plan_measures").selectAll().where("id", "=", measure.id).executeTakeFirstOrThrow();
    assert.deepEqual([m.status, m.progress], ["in_progress", 30]);
    assert.ok(m.updated_at > m.created_at, "the measure is marked updated");
    const milestones = await ctx.db.selectFrom("plan_milestones").select(["id", "done_date"]).where("measure_id", "=", measure.id).orderBy("id").execute();
    assert.deepEqual(milestones, [{ id: m1, done_date: done }, { id: m2, done_date: null }]);
    const indicator = await ctx.db.selectFrom("plan_indicators").selectAll().where("id", "=", measure.indicators[0]!).executeTakeFirstOrThrow();
    assert.deepEqual([indicator.current_value, indicator.current_on], [22.5, brusselsDay()]);

    const final = await getUpdate(ctx.db, coord.actor, updateId);
    assert.equal(final.update.state, "validated");
    assert.equal(final.update.validated_by, coord.actor.userId);
    assert.deepEqual(final.revisions.map((r) => [r.version, r.action]), [[1, "submitted"], [1, "returned"], [2, "submitted"], [2, "validated"]]);
    const revision = await ctx.db.selectFrom("plan_update_revisions").select("payload").where("update_id", "=", updateId).where("action", "=", "returned").executeTakeFirstOrThrow();
    assert.equal(JSON.parse(revision.payload).progress, 40, "a revision keeps the update as it was");

    const updateAudit = await listAudit(ctx.db, { entityType: "update", entityId: String(updateId), limit: 20 });
    assert.deepEqual(updateAudit.map((e) => e.action).reverse(), ["update.filed", "update.submitted", "update.returned", "update.filed", "update.submitted", "update.validated"]);
    const [measureEntry] = await listAudit(ctx.db, { entityType: "measure", entityId: String(measure.id), limit: 5 });
    assert.equal(measureEntry?.action, "measure.updated");
    assert.deepEqual([measureEntry?.diff.status, measureEntry?.diff.progress, measureEntry?.diff.update_id], [["planned", "in_progress"], [10, 30], [null, updateId]]);
    const [milestoneEntry] = await listAudit(ctx.db, { entityType: "milestone", entityId: String(m1), limit: 5 });
    assert.deepEqual(milestoneEntry?.diff.done_date, [null, done]);
    assert.deepEqual(await listAudit(ctx.db, { entityType: "milestone", entityId: String(m2), limit: 5 }), [], "an unchanged milestone is not touched");
  });

  it("names each wrong field of a filing: other measure's items, duplicates, future dates, missing language", async () => {
    const { updateId, measure } = await anderlechtUpdate(ctx.db);
    const other = await anderlechtUpdate(ctx.db);
    const editor = await as("editor@anderlecht.demo");
    const err = await rejectsWith(
      run((trx) =>
        fileUpdate(trx, editor, updateId, draft({
          narrative: "Texte",
          milestones: [{ milestoneId: measure.milestones[0]!, doneDate: dayFromToday(2) }, { milestoneId: other.measure.milestones[0]!, doneDate: null }, { milestoneId: measure.milestones[0]!, doneDate: null }],
          indicators: [{ indicatorId: other.measure.indicators[0]!, value: 1 }],
        })),
      ),
      "validation_failed",
      ["body.narrativeLang", "body.milestones.1.milestoneId", "body.milestones.2.milestoneId", "body.indicators.0.indicatorId", "body.milestones.0.doneDate"],
    );
    assert.deepEqual(err.options.fields?.map((f) => f.key), [
      "planRounds.validation.narrativeLangRequired",
      "planRounds.validation.notOfMeasure",
      "planRounds.validation.duplicate",
      "planRounds.validation.notOfMeasure",
      "planRounds.validation.futureDate",
    ]);
    const untouched = await ctx.db.selectFrom("plan_updates").select(["progress", "narrative"]).where("id", "=", updateId).executeTakeFirstOrThrow();
    assert.deepEqual(untouched, { progress: 10, narrative: "" });
    await rejectsWith(run((trx) => fileUpdate(trx, editor, 999_999, draft())), "not_found");
  });

  it("lets only the lead organisation's editors file, and only the agency's coordinators send back or validate", async () => {
    const { updateId } = await anderlechtUpdate(ctx.db);
    const otherMunicipality = await buildUser(ctx.db, { organisationId: await organisationIdOf(ctx.db, "mun-21004"), role: "editor" });
    for (const email of [otherMunicipality.email, "viewer@bps.demo", "analyst@zone-midi.demo", "editor@stib.demo"]) {
      const outsider = await as(email);
      await rejectsWith(run((trx) => fileUpdate(trx, outsider, updateId, draft())), "forbidden");
    }
    const anderlechtAdmin = await as("admin@anderlecht.demo");
    await run((trx) => submitUpdate(trx, anderlechtAdmin, updateId, {}));
    for (const email of ["admin@anderlecht.demo", "editor@bps.demo", "analyst@bps.demo"]) {
      const judge = await as(email);
      await rejectsWith(run((trx) => validateUpdate(trx, judge, updateId)), "forbidden");
      await rejectsWith(run((trx) => returnUpdate(trx, judge, updateId, { comments: [{ field: "general", body: "Non" }] })), "forbidden");
    }
    const agencyAdmin = await as("admin@bps.demo");
    await run((trx) => validateUpdate(trx, agencyAdmin, updateId));
    assert.equal((await ctx.db.selectFrom("plan_updates").select("state").where("id", "=", updateId).executeTakeFirstOrThrow()).state, "validated");
  });

  it("answers 409 when the state or the round does not allow the step", async () => {
    const { updateId, roundId } = await anderlechtUpdate(ctx.db);
    const editor = await as("editor@anderlecht.demo");
    const coord = await coordinator(ctx.db);
    const conflictKey = async (promise: Promise<unknown>) => (await rejectsWith(promise, "conflict", ["param.id"])).options.fields?.[0]?.key;

    assert.equal(await conflictKey(run((trx) => validateUpdate(trx, coord, updateId))), "planRounds.conflict.notSubmitted");
    assert.equal(await conflictKey(run((trx) => returnUpdate(trx, coord, updateId, { comments: [{ field: "general", body: "?" }] }))), "planRounds.conflict.notSubmitted");
    await run((trx) => submitUpdate(trx, editor, updateId, {}));
    assert.equal(await conflictKey(run((trx) => fileUpdate(trx, editor, updateId, draft()))), "planRounds.conflict.notEditable");
    assert.equal(await conflictKey(run((trx) => submitUpdate(trx, editor, updateId, {}))), "planRounds.conflict.notEditable");

    const dup = await rejectsWith(
      run((trx) => returnUpdate(trx, coord, updateId, { comments: [{ field: "narrative", body: "a" }, { field: "narrative", body: "b" }] })),
      "validation_failed",
      ["body.comments.1.field"],
    );
    assert.equal(dup.options.fields?.[0]?.key, "planRounds.validation.duplicateField");
    await run((trx) => returnUpdate(trx, coord, updateId, { comments: [{ field: "narrative", body: "Plus de détails." }, { field: "evidence", body: "Joignez le rapport." }] }));

    await run((trx) => updateRound(trx, coord, roundId, { status: "closed" }));
    assert.equal(await conflictKey(run((trx) => fileUpdate(trx, editor, updateId, draft()))), "planRounds.conflict.roundClosed");
    await run((trx) => updateRound(trx, coord, roundId, { status: "open" }));

    const open = await ctx.db.selectFrom("plan_update_comments").select("id").where("update_id", "=", updateId).orderBy("id").execute();
    const partial = await rejectsWith(
      run((trx) => submitUpdate(trx, editor, updateId, { answers: [{ commentId: open[0]!.id, body: "Ok" }, { commentId: 999_999, body: "?" }] })),
      "validation_failed",
      ["body.answers.1.commentId", "body.answers"],
    );
    assert.deepEqual(partial.options.fields?.[1]?.params, { count: 1, comments: String(open[1]!.id) });
    await run((trx) => submitUpdate(trx, editor, updateId, { answers: open.map((c) => ({ commentId: c.id, body: "Fait." })) }));
    await run((trx) => validateUpdate(trx, coord, updateId));
    assert.equal(await conflictKey(run((trx) => validateUpdate(trx, coord, updateId))), "planRounds.conflict.notSubmitted");
  });

  it("lets only one of two simultaneous submissions through", async () => {
    const { updateId } = await anderlechtUpdate(ctx.db);
    const editor = await as("editor@anderlecht.demo");
    const outcomes = await Promise.allSettled([run((trx) => submitUpdate(trx, editor, updateId, {})), run((trx) => submitUpdate(trx, editor, updateId, {}))]);
    assert.deepEqual(outcomes.map((o) => o.status).sort(), ["fulfilled", "rejected"]);
    const failure = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    assert.ok(failure.reason instanceof AppError && failure.reason.code === "conflict", String(failure.reason));
    const u = await ctx.db.selectFrom("plan_updates").select(["state", "version"]).where("id", "=", updateId).executeTakeFirstOrThrow();
    assert.deepEqual(u, { state: "submitted", version: 1 });
    const revisions = await ctx.db.selectFrom("plan_update_revisions").select("id").where("update_id", "=", updateId).execute();
    assert.equal(revisions.length, 1);
  });

  it("needs a status and a progress to submit", async () => {
    const { updateId } = await anderlechtUpdate(ctx.db);
    const editor = await as("editor@anderlecht.demo");
    await run((trx) => fileUpdate(trx, editor, updateId, draft({ status: null, progress: null })));
    const err = await rejectsWith(run((trx) => submitUpdate(trx, editor, updateId, {})), "validation_failed", ["update.status", "update.progress"]);
    assert.equal(err.options.fields?.[0]?.key, "planRounds.validation.requiredToSubmit");
  });

  it("marks an update late when first submitted after the deadline day, and keeps that judgement through refiling", async () => {
    const onTime = await anderlechtUpdate(ctx.db, { opensOn: dayFromToday(-5), deadline: brusselsDay() });
    const late = await anderlechtUpdate(ctx.db, { opensOn: dayFromToday(-30), deadline: dayFromToday(-1) });
    const editor = await as("editor@anderlecht.demo");
    const coord = await coordinator(ctx.db);
    const lateness = async (id: number) => {
      const d = await getUpdate(ctx.db, editor.actor, id);
      return isUpdateLate(d.round.deadline, d.update.first_submitted_at, brusselsDay());
    };
    assert.deepEqual([await lateness(onTime.updateId), await lateness(late.updateId)], [false, true], "drafts: late once the deadline day has passed");

    for (const { updateId } of [onTime, late]) {
      await run((trx) => submitUpdate(trx, editor, updateId, {}));
      await run((trx) => returnUpdate(trx, coord, updateId, { comments: [{ field: "general", body: "?" }] }));
      const c = await ctx.db.selectFrom("plan_update_comments").select("id").where("update_id", "=", updateId).executeTakeFirstOrThrow();
      await run((trx) => submitUpdate(trx, editor, updateId, { answers: [{ commentId: c.id, body: "!" }] }));
    }
    assert.deepEqual([await lateness(onTime.updateId), await lateness(late.updateId)], [false, true]);

    await run((trx) => updateRound(trx, coord, onTime.roundId, { deadline: dayFromToday(-1) }));
    assert.equal(await lateness(onTime.updateId), true, "moving the deadline earlier judges the first submission again");
  });
});
