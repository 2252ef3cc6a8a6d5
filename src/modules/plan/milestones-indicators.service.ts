/** A measure's milestones (dated steps) and indicators (baseline -> target), and how far an indicator has come. */
import type { Transaction } from "kysely";
import { can } from "../../server/auth/policy.js";
import type { Database } from "../../server/db/schema.js";
import type { WriteContext } from "../../server/http/context.js";
import { forbidden, notFound } from "../../shared/errors.js";
import type { IndicatorDirection } from "../../shared/plan.js";
import { recordAudit } from "../audit/audit.service.js";
import { measureOr404, type Reader } from "./plan.common.js";

export interface MilestoneInput {
  titleFr: string;
  titleNl: string;
  dueDate: string;
  doneDate?: string | null | undefined;
}

export interface IndicatorInput {
  nameFr: string;
  nameNl: string;
  unit: string;
  direction: IndicatorDirection;
  baselineValue: number | null;
  baselineYear: number | null;
  targetValue: number | null;
  targetYear: number | null;
}

type Changes<T> = { [K in keyof T]?: T[K] | undefined };

function mayManage(ctx: WriteContext): void {
  if (!can(ctx.actor, "measure", "manage")) throw forbidden();
}

/** Keeps the keys that were given; `null` is a value (it clears a date or a figure). */
function given<T extends object>(changes: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
}

// ---- milestones -------------------------------------------------------------------
export async function milestoneOr404(db: Reader, id: number) {
  const row = await db.selectFrom("plan_milestones").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("milestone", id);
  return row;
}

/** Adds a milestone at the end of the measure's list. */
export async function createMilestone(trx: Transaction<Database>, ctx: WriteContext, measureId: number, input: MilestoneInput): Promise<number> {
  mayManage(ctx);
  await measureOr404(trx, measureId);
  const last = await trx
    .selectFrom("plan_milestones")
    .select((eb) => eb.fn.max("position").as("position"))
    .where("measure_id", "=", measureId)
    .executeTakeFirst();
  const row = {
    measure_id: measureId,
    position: Number(last?.position ?? 0) + 1,
    title_fr: input.titleFr,
    title_nl: input.titleNl,
    due_date: input.dueDate,
    done_date: input.doneDate ?? null,
  };
  const { id } = await trx.insertInto("plan_milestones").values(row).returning("id").executeTakeFirstOrThrow();
  await recordAudit(trx, ctx, { action: "milestone.created", entityType: "milestone", entityId: id, after: row });
  return id;
}

export async function updateMilestone(trx: Transaction<Database>, ctx: WriteContext, id: number, changes: Changes<MilestoneInput>): Promise<void> {
  mayManage(ctx);
  const before = await milestoneOr404(trx, id);
  const c = given(changes) as Changes<MilestoneInput>;
  const set = {
    ...(c.titleFr !== undefined ? { title_fr: c.titleFr } : {}),
    ...(c.titleNl !== undefined ? { title_nl: c.titleNl } : {}),
    ...(c.dueDate !== undefined ? { due_date: c.dueDate } : {}),
    ...("doneDate" in c ? { done_date: c.doneDate ?? null } : {}),
  };
  if (!Object.keys(set).length) return;
  await trx.updateTable("plan_milestones").set(set).where("id", "=", id).execute();
  await recordAudit(trx, ctx, { action: "milestone.updated", entityType: "milestone", entityId: id, before, after: { ...before, ...set } });
}

/** Removes a milestone and numbers the measure's others again from 1. */
export async function deleteMilestone(trx: Transaction<Database>, ctx: WriteContext, id: number): Promise<void> {
  mayManage(ctx);
  const before = await milestoneOr404(trx, id);
  await trx.deleteFrom("plan_milestones").where("id", "=", id).execute();
  const rest = await trx.selectFrom("plan_milestones").select(["id", "position"]).where("measure_id", "=", before.measure_id).orderBy("position").orderBy("id").execute();
  for (const [i, m] of rest.entries()) {
    if (m.position !== i + 1) await trx.updateTable("plan_milestones").set({ position: i + 1 }).where("id", "=", m.id).execute();
  }
  await recordAudit(trx, ctx, { action: "milestone.deleted", entityType: "milestone", entityId: id, before });
}

// ---- indicators -------------------------------------------------------------------
export async function indicatorOr404(db: Reader, id: number) {
  const row = await db.selectFrom("plan_indicators").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("indicator", id);
  return row;
}

const indicatorColumns = {
  nameFr: "name_fr",
  nameNl: "name_nl",
  unit: "unit",
  direction: "direction",
  baselineValue: "baseline_value",
  baselineYear: "baseline_year",
  targetValue: "target_value",
  targetYear: "target_year",
} as const satisfies Record<keyof IndicatorInput, string>;

function indicatorRow(changes: Changes<IndicatorInput>) {
  return Object.fromEntries(Object.entries(given(changes)).map(([key, value]) => [indicatorColumns[key as keyof IndicatorInput], value]));
}

export async function createIndicator(trx: Transaction<Database>, ctx: WriteContext, measureId: number, input: IndicatorInput): Promise<number> {
  mayManage(ctx);
  await measureOr404(trx, measureId);
  const row = {
    measure_id: measureId,
    name_fr: input.nameFr,
    name_nl: input.nameNl,
    unit: input.unit,
    direction: input.direction,
    baseline_value: input.baselineValue,
    baseline_year: input.baselineYear,
    target_value: input.targetValue,
    target_year: input.targetYear,
    current_value: null,
    current_on: null,
  };
  const { id } = await trx.insertInto("plan_indicators").values(row).returning("id").executeTakeFirstOrThrow();
  await recordAudit(trx, ctx, { action: "indicator.created", entityType: "indicator", entityId: id, after: row });
  return id;
}

export async function updateIndicator(trx: Transaction<Database>, ctx: WriteContext, id: number, changes: Changes<IndicatorInput>): Promise<void> {
  mayManage(ctx);
  const before = await indicatorOr404(trx, id);
  const set = indicatorRow(changes);
  if (!Object.keys(set).length) return;
  await trx.updateTable("plan_indicators").set(set).where("id", "=", id).execute();
  await recordAudit(trx, ctx, { action: "indicator.updated", entityType: "indicator", entityId: id, before, after: { ...before, ...set } });
}

export async function deleteIndicator(trx: Transaction<Database>, ctx: WriteContext, id: number): Promise<void> {
  mayManage(ctx);
  const before = await indicatorOr404(trx, id);
  await trx.deleteFrom("plan_indicators").where("id", "=", id).execute();
  await recordAudit(trx, ctx, { action: "indicator.deleted", entityType: "indicator", entityId: id, before });
}

/**
 * How far the indicator has come from its baseline to its target, 0-100 (one decimal),
 * clamped: moving away from the target counts as 0, going beyond it as 100. When the
 * target equals the baseline (typically "maintain"), 100 while the value holds on the
 * right side of it (`increase`: at or above; `decrease`: at or below; `maintain`: equal).
 * Null when the baseline, the target or the current value is unknown.
 */
export function attainment(ind: { direction: string; baseline_value: number | null; target_value: number | null; current_value: number | null }): number | null {
  const { baseline_value: baseline, target_value: target, current_value: current } = ind;
  if (baseline === null || target === null || current === null) return null;
  if (target === baseline) {
    const holds = ind.direction === "increase" ? current >= target : ind.direction === "decrease" ? current <= target : current === target;
    return holds ? 100 : 0;
  }
  const share = ((current - baseline) / (target - baseline)) * 100;
  return Math.round(Math.min(100, Math.max(0, share)) * 10) / 10;
}
