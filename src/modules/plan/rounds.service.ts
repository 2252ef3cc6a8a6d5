/**
 * Reporting rounds: the agency opens a round for a period with a deadline; each measure
 * still running gets one update to file by its lead organisation. Lists show only the
 * updates the caller may read.
 */
import type { Transaction } from "kysely";
import type { Actor } from "../../server/auth/actor.js";
import { can } from "../../server/auth/policy.js";
import { toNumber } from "../../server/db/dialect.js";
import type { Database } from "../../server/db/schema.js";
import type { WriteContext } from "../../server/http/context.js";
import { AppError, notFound } from "../../shared/errors.js";
import type { UpdateState } from "../../shared/plan.js";
import { recordAudit } from "../audit/audit.service.js";
import { isUpdateLate } from "./lateness.js";
import { brusselsDay, planOr404, type Reader } from "./plan.common.js";

export interface RoundInput {
  nameFr: string;
  nameNl: string;
  nameEn: string;
  periodLabel: string;
  opensOn: string;
  deadline: string;
}

export interface RoundChanges {
  deadline?: string | undefined;
  status?: "open" | "closed" | undefined;
}

export type RoundCounts = Record<UpdateState | "late", number>;

export async function roundOr404(db: Reader, id: number) {
  const round = await db.selectFrom("plan_rounds").selectAll().where("id", "=", id).executeTakeFirst();
  if (!round) throw notFound("round", id);
  return round;
}

export type RoundRow = Awaited<ReturnType<typeof roundOr404>>;

function deadlineBeforeOpening(): AppError {
  return new AppError("validation_failed", { fields: [{ field: "body.deadline", key: "planRounds.validation.deadlineBeforeOpening" }] });
}

/** Opens a round: one draft update per measure not stopped, for its lead organisation, starting from the measure's status and progress. */
export async function createRound(trx: Transaction<Database>, ctx: WriteContext, planId: number, input: RoundInput): Promise<number> {
  await planOr404(trx, planId);
  if (input.deadline < input.opensOn) throw deadlineBeforeOpening();
  const now = new Date().toISOString();
  const row = {
    plan_id: planId,
    name_fr: input.nameFr,
    name_nl: input.nameNl,
    name_en: input.nameEn,
    period_label: input.periodLabel,
    opens_on: input.opensOn,
    deadline: input.deadline,
    status: "open",
    created_by: ctx.actor.userId,
    created_at: now,
  };
  const { id } = await trx.insertInto("plan_rounds").values(row).returning("id").executeTakeFirstOrThrow();
  const measures = await trx
    .selectFrom("plan_measures")
    .select(["id", "lead_organisation_id", "status", "progress"])
    .where("plan_id", "=", planId)
    .where("status", "!=", "stopped")
    .orderBy("id")
    .execute();
  if (measures.length > 0) {
    await trx
      .insertInto("plan_updates")
      .values(
        measures.map((m) => ({
          round_id: id,
          measure_id: m.id,
          organisation_id: m.lead_organisation_id,
          state: "draft",
          version: 0,
          status: m.status,
          progress: m.progress,
          narrative: "",
          narrative_lang: null,
          first_submitted_at: null,
          submitted_at: null,
          submitted_by: null,
          validated_at: null,
          validated_by: null,
          updated_at: now,
        })),
      )
      .execute();
  }
  await recordAudit(trx, ctx, { action: "round.opened", entityType: "round", entityId: id, after: { ...row, updates: measures.length } });
  return id;
}

/** Moves the deadline, closes or reopens a round. */
export async function updateRound(trx: Transaction<Database>, ctx: WriteContext, id: number, changes: RoundChanges): Promise<void> {
  const before = await roundOr404(trx, id);
  const after = { ...before, deadline: changes.deadline ?? before.deadline, status: changes.status ?? before.status };
  if (after.deadline < after.opens_on) throw deadlineBeforeOpening();
  if (after.deadline === before.deadline && after.status === before.status) return;
  await trx.updateTable("plan_rounds").set({ deadline: after.deadline, status: after.status }).where("id", "=", id).execute();
  await recordAudit(trx, ctx, { action: "round.updated", entityType: "round", entityId: id, before, after });
}

/** The updates of some rounds, with what lists show about them. */
function updateRows(db: Reader) {
  return db
    .selectFrom("plan_updates as u")
    .innerJoin("plan_rounds as r", "r.id", "u.round_id")
    .innerJoin("plan_measures as m", "m.id", "u.measure_id")
    .innerJoin("organisations as o", "o.id", "u.organisation_id")
    .select([
      "u.id",
      "u.round_id",
      "u.organisation_id",
      "u.state",
      "u.version",
      "u.submitted_at",
      "u.first_submitted_at",
      "r.name_fr as round_name_fr",
      "r.name_nl as round_name_nl",
      "r.name_en as round_name_en",
      "r.deadline",
      "r.status as round_status",
      "m.id as measure_id",
      "m.code as measure_code",
      "m.title_fr as measure_title_fr",
      "m.title_nl as measure_title_nl",
      "o.code as organisation_code",
      "o.name_fr as organisation_name_fr",
      "o.name_nl as organisation_name_nl",
      "o.name_en as organisation_name_en",
    ])
    .select((eb) =>
      eb
        .selectFrom("plan_update_comments as c")
        .select((e) => e.fn.countAll().as("n"))
        .whereRef("c.update_id", "=", "u.id")
        .where("c.kind", "=", "return")
        .where("c.resolved", "=", 0)
        .as("open_comments"),
    );
}

async function readableRows(actor: Actor, query: ReturnType<typeof updateRows>) {
  const rows = await query.execute();
  const today = brusselsDay();
  return rows
    .filter((r) => can(actor, "update", "read", { organisationId: r.organisation_id }))
    .map((r) => ({ ...r, open_comments: toNumber(r.open_comments), late: isUpdateLate(r.deadline, r.first_submitted_at, today) }));
}

export type UpdateListRow = Awaited<ReturnType<typeof readableRows>>[number];

function countsOf(rows: UpdateListRow[]): RoundCounts {
  const counts: RoundCounts = { draft: 0, submitted: 0, returned: 0, validated: 0, late: 0 };
  for (const r of rows) {
    if (r.state in counts) counts[r.state as UpdateState] += 1;
    if (r.late) counts.late += 1;
  }
  return counts;
}

/** The rounds of a plan, newest first, with counts of the updates the caller may read. */
export async function listRounds(db: Reader, actor: Actor, planId: number): Promise<{ round: RoundRow; counts: RoundCounts }[]> {
  await planOr404(db, planId);
  const rounds = await db.selectFrom("plan_rounds").selectAll().where("plan_id", "=", planId).orderBy("opens_on", "desc").orderBy("id", "desc").execute();
  if (rounds.length === 0) return [];
  const rows = await readableRows(actor, updateRows(db).where("u.round_id", "in", rounds.map((r) => r.id)));
  return rounds.map((round) => ({ round, counts: countsOf(rows.filter((r) => r.round_id === round.id)) }));
}

export async function getRound(db: Reader, actor: Actor, id: number): Promise<{ round: RoundRow; counts: RoundCounts }> {
  const round = await roundOr404(db, id);
  return { round, counts: countsOf(await readableRows(actor, updateRows(db).where("u.round_id", "=", id))) };
}

/** The updates of a round the caller may read, by measure code. */
export async function listRoundUpdates(
  db: Reader,
  actor: Actor,
  roundId: number,
  filter: { state?: UpdateState | undefined; organisationId?: number | undefined } = {},
): Promise<UpdateListRow[]> {
  await roundOr404(db, roundId);
  let query = updateRows(db).where("u.round_id", "=", roundId);
  if (filter.state) query = query.where("u.state", "=", filter.state);
  if (filter.organisationId) query = query.where("u.organisation_id", "=", filter.organisationId);
  return readableRows(actor, query.orderBy("m.code").orderBy("u.id"));
}

const inboxRank: Record<string, number> = { draft: 0, returned: 0, submitted: 1, validated: 2 };

/** The caller's organisation's updates in open rounds: those to file first (draft, sent back), then submitted, then validated. */
export async function listInbox(db: Reader, actor: Actor): Promise<UpdateListRow[]> {
  const rows = await readableRows(
    actor,
    updateRows(db)
      .where("u.organisation_id", "=", actor.organisationId)
      .where("r.status", "=", "open")
      .orderBy("r.deadline")
      .orderBy("m.code")
      .orderBy("u.id"),
  );
  // Array.prototype.sort is stable: within a rank, the query's order (deadline, code) is kept.
  return rows.sort((a, b) => (inboxRank[a.state] ?? 3) - (inboxRank[b.state] ?? 3));
}
