/**
 * Filing a progress update and judging it: the lead organisation saves a draft and
 * submits it (answering each comment when it was sent back); the agency sends it back
 * with comments per field, or validates it, and the measure then takes its figures.
 * Each step keeps a revision (the update as it was) and an audit entry.
 */
import type { Transaction, Updateable } from "kysely";
import type { Database } from "../../server/db/schema.js";
import type { WriteContext } from "../../server/http/context.js";
import { AppError, notFound, type FieldError } from "../../shared/errors.js";
import type { MeasureStatus } from "../../shared/plan.js";
import { recordAudit } from "../audit/audit.service.js";
import { brusselsDay, measureOr404, type Reader } from "./plan.common.js";
import type { PlanUpdateTable } from "./plan.table.js";
import { applyToMeasure } from "./updates.validate.js";
import { assertCanFile, assertCanJudge, stateConflict } from "./updates.rules.js";

type Trx = Transaction<Database>;

export interface Filing {
  status: MeasureStatus | null;
  progress: number | null;
  narrative: string;
  narrativeLang?: "fr" | "nl" | null | undefined;
  milestones: { milestoneId: number; doneDate: string | null }[];
  indicators: { indicatorId: number; value: number }[];
}

export interface Submission {
  answers?: { commentId: number; body: string }[] | undefined;
}

export interface SendBack {
  comments: { field: string; body: string }[];
}

/** An update with the facts of its round the rules need. */
export async function updateOr404(db: Reader, id: number) {
  const row = await db
    .selectFrom("plan_updates as u")
    .innerJoin("plan_rounds as r", "r.id", "u.round_id")
    .selectAll("u")
    .select(["r.status as round_status", "r.deadline", "r.plan_id"])
    .where("u.id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound("update", id);
  return row;
}

export type UpdateRow = Awaited<ReturnType<typeof updateOr404>>;

/** The update as a document: what revisions keep and audit entries compare. */
export async function documentOf(db: Reader, id: number) {
  const u = await updateOr404(db, id);
  const milestones = await db.selectFrom("plan_update_milestones").select(["milestone_id", "done_date"]).where("update_id", "=", id).orderBy("milestone_id").execute();
  const indicators = await db.selectFrom("plan_update_indicator_values").select(["indicator_id", "value"]).where("update_id", "=", id).orderBy("indicator_id").execute();
  const evidence = await db.selectFrom("plan_evidence").select(["id", "filename", "sha256"]).where("update_id", "=", id).orderBy("id").execute();
  return {
    state: u.state,
    version: u.version,
    status: u.status,
    progress: u.progress,
    narrative: u.narrative,
    narrativeLang: u.narrative_lang,
    milestones: milestones.map((m) => ({ milestoneId: m.milestone_id, doneDate: m.done_date })),
    indicators: indicators.map((i) => ({ indicatorId: i.indicator_id, value: i.value })),
    evidence,
  };
}

export async function keepRevision(trx: Trx, ctx: WriteContext, updateId: number, version: number, action: string, payload: unknown, at: string): Promise<void> {
  await trx
    .insertInto("plan_update_revisions")
    .values({ update_id: updateId, version, action, payload: JSON.stringify(payload), actor_user_id: ctx.actor.userId, at })
    .execute();
}

type UpdateValues = Updateable<PlanUpdateTable>;

/**
 * Changes the update only if nobody changed its state or version since it was read
 * (two people submitting at once): the second one gets a 409 and its transaction rolls back.
 */
async function changeIfUnchanged(trx: Trx, update: UpdateRow, values: UpdateValues, reason: "notEditable" | "notSubmitted"): Promise<void> {
  const result = await trx
    .updateTable("plan_updates")
    .set(values)
    .where("id", "=", update.id)
    .where("state", "=", update.state)
    .where("version", "=", update.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw stateConflict(reason, update.state);
}

function failIf(fields: FieldError[]): void {
  if (fields.length > 0) throw new AppError("validation_failed", { fields });
}

/** Each id must be a known one, listed once: otherwise a field error naming the item (`fieldAt(i)`). */
function checkIds(fields: FieldError[], ids: number[], known: Set<number>, fieldAt: (i: number) => string, unknownKey: string): void {
  const seen = new Set<number>();
  ids.forEach((id, i) => {
    if (!known.has(id)) fields.push({ field: fieldAt(i), key: unknownKey, params: { id } });
    else if (seen.has(id)) fields.push({ field: fieldAt(i), key: "planRounds.validation.duplicate", params: { id } });
    seen.add(id);
  });
}

/** Saves the organisation's draft: status, progress, narrative, milestone done dates and indicator values (replacing the previous ones). */
export async function fileUpdate(trx: Trx, ctx: WriteContext, id: number, input: Filing): Promise<void> {
  const update = await updateOr404(trx, id);
  assertCanFile(ctx.actor, update);
  const fields: FieldError[] = [];
  const narrative = input.narrative.trim();
  if (narrative && !input.narrativeLang) fields.push({ field: "body.narrativeLang", key: "planRounds.validation.narrativeLangRequired" });
  const idsOf = async (table: "plan_milestones" | "plan_indicators") =>
    new Set((await trx.selectFrom(table).select("id").where("measure_id", "=", update.measure_id).execute()).map((r) => r.id));
  const notOfMeasure = "planRounds.validation.notOfMeasure";
  checkIds(fields, input.milestones.map((m) => m.milestoneId), await idsOf("plan_milestones"), (i) => `body.milestones.${i}.milestoneId`, notOfMeasure);
  checkIds(fields, input.indicators.map((v) => v.indicatorId), await idsOf("plan_indicators"), (i) => `body.indicators.${i}.indicatorId`, notOfMeasure);
  const today = brusselsDay();
  input.milestones.forEach((m, i) => {
    if (m.doneDate && m.doneDate > today) fields.push({ field: `body.milestones.${i}.doneDate`, key: "planRounds.validation.futureDate" });
  });
  failIf(fields);

  const before = await documentOf(trx, id);
  const values = { status: input.status, progress: input.progress, narrative, narrative_lang: narrative ? (input.narrativeLang ?? null) : null };
  await changeIfUnchanged(trx, update, { ...values, updated_at: new Date().toISOString() }, "notEditable");
  await trx.deleteFrom("plan_update_milestones").where("update_id", "=", id).execute();
  if (input.milestones.length > 0) {
    await trx.insertInto("plan_update_milestones").values(input.milestones.map((m) => ({ update_id: id, milestone_id: m.milestoneId, done_date: m.doneDate }))).execute();
  }
  await trx.deleteFrom("plan_update_indicator_values").where("update_id", "=", id).execute();
  if (input.indicators.length > 0) {
    await trx.insertInto("plan_update_indicator_values").values(input.indicators.map((v) => ({ update_id: id, indicator_id: v.indicatorId, value: v.value }))).execute();
  }
  await recordAudit(trx, ctx, { action: "update.filed", entityType: "update", entityId: id, before, after: await documentOf(trx, id) });
}

/** Submits the update (version + 1); a sent-back update needs an answer to each open comment. */
export async function submitUpdate(trx: Trx, ctx: WriteContext, id: number, input: Submission): Promise<void> {
  const update = await updateOr404(trx, id);
  assertCanFile(ctx.actor, update);
  const answers = input.answers ?? [];
  const fields: FieldError[] = [];
  if (update.status === null) fields.push({ field: "update.status", key: "planRounds.validation.requiredToSubmit" });
  if (update.progress === null) fields.push({ field: "update.progress", key: "planRounds.validation.requiredToSubmit" });
  const open = await trx
    .selectFrom("plan_update_comments")
    .select(["id", "field"])
    .where("update_id", "=", id)
    .where("kind", "=", "return")
    .where("resolved", "=", 0)
    .orderBy("id")
    .execute();
  checkAnswers(fields, answers, open);
  failIf(fields);

  const now = new Date().toISOString();
  const before = await documentOf(trx, id);
  const version = update.version + 1;
  const submission = { state: "submitted", version, first_submitted_at: update.first_submitted_at ?? now, submitted_at: now, submitted_by: ctx.actor.userId };
  await changeIfUnchanged(trx, update, { ...submission, updated_at: now }, "notEditable");
  const fieldOf = new Map(open.map((c) => [c.id, c.field]));
  for (const answer of answers) {
    await trx
      .insertInto("plan_update_comments")
      .values({
        update_id: id,
        field: fieldOf.get(answer.commentId)!,
        kind: "answer",
        body: answer.body,
        author_user_id: ctx.actor.userId,
        author_organisation_id: ctx.actor.organisationId,
        version: update.version,
        resolved: 1,
        created_at: now,
      })
      .execute();
  }
  if (answers.length > 0) {
    await trx.updateTable("plan_update_comments").set({ resolved: 1 }).where("id", "in", answers.map((a) => a.commentId)).execute();
  }
  const after = await documentOf(trx, id);
  await keepRevision(trx, ctx, id, version, "submitted", { ...after, answers }, now);
  await recordAudit(trx, ctx, { action: "update.submitted", entityType: "update", entityId: id, before, after: { ...after, answers } });
}

/** Answers must name open comments of this update, once each, and answer every one of them. */
function checkAnswers(fields: FieldError[], answers: { commentId: number }[], open: { id: number }[]): void {
  const ids = answers.map((a) => a.commentId);
  checkIds(fields, ids, new Set(open.map((c) => c.id)), (i) => `body.answers.${i}.commentId`, "planRounds.validation.unknownComment");
  const missing = open.filter((c) => !ids.includes(c.id)).map((c) => c.id);
  if (missing.length > 0) fields.push({ field: "body.answers", key: "planRounds.validation.answerMissing", params: { count: missing.length, comments: missing.join(", ") } });
}

/** Sends a submitted update back with one comment per field; the organisation must answer each before submitting again. */
export async function returnUpdate(trx: Trx, ctx: WriteContext, id: number, input: SendBack): Promise<void> {
  const update = await updateOr404(trx, id);
  assertCanJudge(ctx.actor, update, "return");
  const fields: FieldError[] = [];
  const seen = new Set<string>();
  input.comments.forEach((c, i) => {
    if (seen.has(c.field)) fields.push({ field: `body.comments.${i}.field`, key: "planRounds.validation.duplicateField" });
    seen.add(c.field);
  });
  failIf(fields);

  const now = new Date().toISOString();
  const before = await documentOf(trx, id);
  await changeIfUnchanged(trx, update, { state: "returned", updated_at: now }, "notSubmitted");
  await trx
    .insertInto("plan_update_comments")
    .values(
      input.comments.map((c) => ({
        update_id: id,
        field: c.field,
        kind: "return",
        body: c.body,
        author_user_id: ctx.actor.userId,
        author_organisation_id: ctx.actor.organisationId,
        version: update.version,
        resolved: 0,
        created_at: now,
      })),
    )
    .execute();
  const after = await documentOf(trx, id);
  await keepRevision(trx, ctx, id, update.version, "returned", { ...after, comments: input.comments }, now);
  await recordAudit(trx, ctx, { action: "update.returned", entityType: "update", entityId: id, before, after: { ...after, comments: input.comments } });
}

/** Validates a submitted update: the measure takes its status, progress, milestone done dates and indicator values. */
export async function validateUpdate(trx: Trx, ctx: WriteContext, id: number): Promise<void> {
  const update = await updateOr404(trx, id);
  assertCanJudge(ctx.actor, update, "validate");
  const now = new Date();
  const before = await documentOf(trx, id);
  await changeIfUnchanged(trx, update, { state: "validated", validated_at: now.toISOString(), validated_by: ctx.actor.userId, updated_at: now.toISOString() }, "notSubmitted");
  await applyToMeasure(trx, ctx, update, await measureOr404(trx, update.measure_id), now);
  const after = await documentOf(trx, id);
  await keepRevision(trx, ctx, id, update.version, "validated", after, now.toISOString());
  await recordAudit(trx, ctx, { action: "update.validated", entityType: "update", entityId: id, before, after });
}
