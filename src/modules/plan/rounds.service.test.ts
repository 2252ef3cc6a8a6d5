/** Reporting rounds on a real database: opening, changing, counting, listing and the inbox. */
import assert from "node:assert/strict";
import { it } from "node:test";
import { listAudit } from "../audit/audit.service.js";
import { rejectsWith } from "../../../test/helpers/assertions.js";
import { forEachDatabase } from "../../../test/helpers/databases.js";
import { actorOf, buildUser, contextOf, organisationIdOf } from "../../../test/helpers/access.builders.js";
import { buildMeasure, buildPlan } from "../../../test/helpers/plan.builders.js";
import { coordinator, dayFromToday, openRound, updateIdOf } from "../../../test/helpers/plan-rounds.builders.js";
import { createRound, getRound, listInbox, listRoundUpdates, listRounds, updateRound } from "./rounds.service.js";
import { submitUpdate, validateUpdate } from "./updates.service.js";

forEachDatabase("reporting rounds", (ctx) => {
  it("opens a round with one draft per measure not stopped, for its lead organisation, from the measure's figures", async () => {
    const plan = await buildPlan(ctx.db);
    const anderlecht = await buildMeasure(ctx.db, plan, { leadOrganisationCode: "mun-21001", status: "delayed", progress: 35 });
    const agency = await buildMeasure(ctx.db, plan, { status: "planned", progress: 0 });
    await buildMeasure(ctx.db, plan, { leadOrganisationCode: "stib", status: "stopped", progress: 50 });
    const roundId = await openRound(ctx.db, plan, { opensOn: "2018-07-01", deadline: "2018-12-31" });

    const updates = await ctx.db.selectFrom("plan_updates").selectAll().where("round_id", "=", roundId).orderBy("measure_id").execute();
    assert.deepEqual(
      updates.map((u) => [u.measure_id, u.organisation_id, u.state, u.version, u.status, u.progress, u.first_submitted_at]),
      [
        [anderlecht.id, anderlecht.leadOrganisationId, "draft", 0, "delayed", 35, null],
        [agency.id, agency.leadOrganisationId, "draft", 0, "planned", 0, null],
      ],
    );
    const round = await ctx.db.selectFrom("plan_rounds").selectAll().where("id", "=", roundId).executeTakeFirstOrThrow();
    assert.equal(round.status, "open");
    assert.equal(round.created_by, (await coordinator(ctx.db)).actor.userId);
    const [entry] = await listAudit(ctx.db, { entityType: "round", entityId: String(roundId), limit: 5 });
    assert.equal(entry?.action, "round.opened");
    assert.deepEqual(entry?.diff.updates, [null, 2]);
  });

  it("refuses a deadline before the opening day and an unknown plan, writing nothing", async () => {
    const plan = await buildPlan(ctx.db);
    await buildMeasure(ctx.db, plan);
    const coord = await coordinator(ctx.db);
    const input = { nameFr: "C", nameNl: "R", nameEn: "R", periodLabel: "2019-S1", opensOn: "2019-01-10", deadline: "2019-01-09" };
    const err = await rejectsWith(ctx.db.transaction().execute((trx) => createRound(trx, coord, plan.id, input)), "validation_failed", ["body.deadline"]);
    assert.equal(err.options.fields?.[0]?.key, "planRounds.validation.deadlineBeforeOpening");
    await rejectsWith(ctx.db.transaction().execute((trx) => createRound(trx, coord, 999_999, { ...input, deadline: "2019-02-01" })), "not_found");
    assert.deepEqual(await ctx.db.selectFrom("plan_rounds").select("id").where("plan_id", "=", plan.id).execute(), []);
    // The same day for opening and deadline is fine.
    await ctx.db.transaction().execute((trx) => createRound(trx, coord, plan.id, { ...input, deadline: "2019-01-10" }));
  });

  it("moves the deadline and closes a round, audited; refuses a deadline before the opening day", async () => {
    const plan = await buildPlan(ctx.db);
    const roundId = await openRound(ctx.db, plan, { opensOn: "2018-07-01", deadline: "2018-12-31" });
    const coord = await coordinator(ctx.db);
    await ctx.db.transaction().execute((trx) => updateRound(trx, coord, roundId, { deadline: "2019-01-15", status: "closed" }));
    const { round } = await getRound(ctx.db, coord.actor, roundId);
    assert.deepEqual([round.deadline, round.status], ["2019-01-15", "closed"]);
    const [entry] = await listAudit(ctx.db, { entityType: "round", entityId: String(roundId), limit: 5 });
    assert.equal(entry?.action, "round.updated");
    assert.deepEqual(entry?.diff, { deadline: ["2018-12-31", "2019-01-15"], status: ["open", "closed"] });

    await rejectsWith(ctx.db.transaction().execute((trx) => updateRound(trx, coord, roundId, { deadline: "2018-06-30" })), "validation_failed", ["body.deadline"]);
    await rejectsWith(ctx.db.transaction().execute((trx) => updateRound(trx, coord, 999_999, { status: "open" })), "not_found");
  });

  it("counts the updates per state and the late ones, among those the caller may read", async () => {
    const plan = await buildPlan(ctx.db);
    const own = await buildMeasure(ctx.db, plan, { leadOrganisationCode: "mun-21001" });
    await buildMeasure(ctx.db, plan, { leadOrganisationCode: "stib" });
    await buildMeasure(ctx.db, plan);
    const late = await openRound(ctx.db, plan, { opensOn: dayFromToday(-40), deadline: dayFromToday(-1) });
    const current = await openRound(ctx.db, plan);
    const editor = contextOf(await actorOf(ctx.db, "editor@anderlecht.demo"));
    const updateId = await updateIdOf(ctx.db, current, own.id);
    await ctx.db.transaction().execute((trx) => submitUpdate(trx, editor, updateId, {}));

    const agencyView = await listRounds(ctx.db, (await coordinator(ctx.db)).actor, plan.id);
    assert.deepEqual(agencyView.map((r) => r.round.id), [current, late], "newest opening first");
    assert.deepEqual(agencyView[0]!.counts, { draft: 2, submitted: 1, returned: 0, validated: 0, late: 0 });
    assert.deepEqual(agencyView[1]!.counts, { draft: 3, submitted: 0, returned: 0, validated: 0, late: 3 });

    const municipalityView = await listRounds(ctx.db, editor.actor, plan.id);
    assert.deepEqual(municipalityView[0]!.counts, { draft: 0, submitted: 1, returned: 0, validated: 0, late: 0 });
    assert.deepEqual(municipalityView[1]!.counts, { draft: 1, submitted: 0, returned: 0, validated: 0, late: 1 });
    await rejectsWith(listRounds(ctx.db, editor.actor, 999_999), "not_found");
  });

  it("lists a round's updates: the agency sees all, an organisation only its own; filters by state and organisation", async () => {
    const plan = await buildPlan(ctx.db);
    const own = await buildMeasure(ctx.db, plan, { leadOrganisationCode: "mun-21001" });
    const stib = await buildMeasure(ctx.db, plan, { leadOrganisationCode: "stib" });
    const roundId = await openRound(ctx.db, plan);
    const editor = contextOf(await actorOf(ctx.db, "editor@anderlecht.demo"));
    const ownUpdate = await updateIdOf(ctx.db, roundId, own.id);
    await ctx.db.transaction().execute((trx) => submitUpdate(trx, editor, ownUpdate, {}));

    const coord = await coordinator(ctx.db);
    const all = await listRoundUpdates(ctx.db, coord.actor, roundId);
    assert.deepEqual(new Set(all.map((r) => r.measure_id)), new Set([own.id, stib.id]));
    const submitted = await listRoundUpdates(ctx.db, coord.actor, roundId, { state: "submitted" });
    assert.deepEqual(submitted.map((r) => r.measure_id), [own.id]);
    const stibOnly = await listRoundUpdates(ctx.db, coord.actor, roundId, { organisationId: await organisationIdOf(ctx.db, "stib") });
    assert.deepEqual(stibOnly.map((r) => r.measure_id), [stib.id]);

    const mine = await listRoundUpdates(ctx.db, editor.actor, roundId);
    assert.deepEqual(mine.map((r) => r.measure_id), [own.id]);
    const widened = await listRoundUpdates(ctx.db, editor.actor, roundId, { organisationId: await organisationIdOf(ctx.db, "stib") });
    assert.deepEqual(widened, [], "a filter cannot widen what the caller may read");
    await rejectsWith(listRoundUpdates(ctx.db, editor.actor, 999_999), "not_found");
  });

  it("gives an organisation its inbox: open rounds only, those to file first, with lateness and open comments", async () => {
    const { organisationId, email } = await buildUser(ctx.db, { role: "editor" });
    const orgCode = (await ctx.db.selectFrom("organisations").select("code").where("id", "=", organisationId).executeTakeFirstOrThrow()).code;
    const plan = await buildPlan(ctx.db);
    const [a, b, c] = [await buildMeasure(ctx.db, plan, { leadOrganisationCode: orgCode }), await buildMeasure(ctx.db, plan, { leadOrganisationCode: orgCode }), await buildMeasure(ctx.db, plan, { leadOrganisationCode: orgCode })];
    await buildMeasure(ctx.db, plan, { leadOrganisationCode: "stib" });
    const lateRound = await openRound(ctx.db, plan, { opensOn: dayFromToday(-40), deadline: dayFromToday(-1) });
    const closedRound = await openRound(ctx.db, plan);
    const editor = contextOf(await actorOf(ctx.db, email));
    const coord = await coordinator(ctx.db);
    await ctx.db.transaction().execute((trx) => updateRound(trx, coord, closedRound, { status: "closed" }));
    const [ua, ub, uc] = [await updateIdOf(ctx.db, lateRound, a!.id), await updateIdOf(ctx.db, lateRound, b!.id), await updateIdOf(ctx.db, lateRound, c!.id)];
    await ctx.db.transaction().execute((trx) => submitUpdate(trx, editor, ua, {}));
    await ctx.db.transaction().execute((trx) => submitUpdate(trx, editor, ub, {}));
    await ctx.db.transaction().execute((trx) => validateUpdate(trx, coord, ub));

    const inbox = await listInbox(ctx.db, editor.actor);
    assert.deepEqual(inbox.map((r) => [r.id, r.state, r.late]), [
      [uc, "draft", true],
      [ua, "submitted", true],
      [ub, "validated", true],
    ]);
    assert.ok(inbox.every((r) => r.round_id === lateRound && r.open_comments === 0));
    const stranger = await buildUser(ctx.db, { role: "editor" });
    assert.deepEqual(await listInbox(ctx.db, await actorOf(ctx.db, stranger.email)), [], "nothing for an organisation without updates");
  });
});
