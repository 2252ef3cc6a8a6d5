/**
 * What validating an update changes in the plan: the measure takes the update's status
 * and progress, its milestones the reported done dates, its indicators the reported
 * values (measured on the validation day). The measure is marked updated (even when the
 * figures are confirmed as they were) and each changed row gets its audit entry, naming the update.
 */
import type { Selectable, Transaction } from "kysely";
import type { Database } from "../../server/db/schema.js";
import type { WriteContext } from "../../server/http/context.js";
import { recordAudit } from "../audit/audit.service.js";
import { brusselsDay } from "./plan.common.js";
import type { PlanMeasureTable } from "./plan.table.js";

interface ValidatedUpdate {
  id: number;
  status: string | null;
  progress: number | null;
}

export async function applyToMeasure(
  trx: Transaction<Database>,
  ctx: WriteContext,
  update: ValidatedUpdate,
  measure: Selectable<PlanMeasureTable>,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  const changes = { status: update.status ?? measure.status, progress: update.progress ?? measure.progress, updated_at: at };
  await trx.updateTable("plan_measures").set(changes).where("id", "=", measure.id).execute();
  await recordAudit(trx, ctx, {
    action: "measure.updated",
    entityType: "measure",
    entityId: measure.id,
    before: { status: measure.status, progress: measure.progress, updated_at: measure.updated_at, update_id: null },
    after: { ...changes, update_id: update.id },
  });

  const milestones = await trx
    .selectFrom("plan_update_milestones as p")
    .innerJoin("plan_milestones as m", "m.id", "p.milestone_id")
    .select(["m.id", "m.done_date as current", "p.done_date as proposed"])
    .where("p.update_id", "=", update.id)
    .where("m.measure_id", "=", measure.id)
    .orderBy("m.id")
    .execute();
  for (const m of milestones.filter((m) => m.current !== m.proposed)) {
    await trx.updateTable("plan_milestones").set({ done_date: m.proposed }).where("id", "=", m.id).execute();
    await recordAudit(trx, ctx, {
      action: "milestone.updated",
      entityType: "milestone",
      entityId: m.id,
      before: { done_date: m.current, update_id: null },
      after: { done_date: m.proposed, update_id: update.id },
    });
  }

  const today = brusselsDay(now);
  const indicators = await trx
    .selectFrom("plan_update_indicator_values as v")
    .innerJoin("plan_indicators as i", "i.id", "v.indicator_id")
    .select(["i.id", "i.current_value", "i.current_on", "v.value"])
    .where("v.update_id", "=", update.id)
    .where("i.measure_id", "=", measure.id)
    .orderBy("i.id")
    .execute();
  for (const i of indicators) {
    await trx.updateTable("plan_indicators").set({ current_value: i.value, current_on: today }).where("id", "=", i.id).execute();
    await recordAudit(trx, ctx, {
      action: "indicator.updated",
      entityType: "indicator",
      entityId: i.id,
      before: { current_value: i.current_value, current_on: i.current_on, update_id: null },
      after: { current_value: i.value, current_on: today, update_id: update.id },
    });
  }
}
