/**
 * Starting the next plan from an earlier one: its themes, goals and priorities, and the
 * measures kept, with their links, their milestones not yet done and their indicators
 * (the value reached becomes the new baseline). Kept measures start again: `planned`, 0%.
 */
import type { Transaction } from "kysely";
import type { Database } from "../../server/db/schema.js";
import type { WriteContext } from "../../server/http/context.js";
import { AppError } from "../../shared/errors.js";
import { recordAudit } from "../audit/audit.service.js";
import type { NumberedTableName } from "./plans.service.js";

export interface CopySummary {
  fromPlanId: number;
  themes: number;
  goals: number;
  priorities: number;
  measures: string[];
  milestones: number;
  indicators: number;
}

async function copyNumbered(trx: Transaction<Database>, table: NumberedTableName, fromPlanId: number, toPlanId: number): Promise<Map<number, number>> {
  const rows = await trx.selectFrom(table).selectAll().where("plan_id", "=", fromPlanId).orderBy("number").execute();
  const ids = new Map<number, number>();
  for (const { id, plan_id: _, ...row } of rows) {
    const created = await trx.insertInto(table).values({ ...row, plan_id: toPlanId }).returning("id").executeTakeFirstOrThrow();
    ids.set(id, created.id);
  }
  return ids;
}

/** The source's measures to carry over; 400 naming `body.keepMeasureCodes.N` for a code the source plan does not have. */
async function keptMeasures(trx: Transaction<Database>, fromPlanId: number, keepCodes: string[] | undefined) {
  const measures = await trx.selectFrom("plan_measures").selectAll().where("plan_id", "=", fromPlanId).orderBy("id").execute();
  if (keepCodes === undefined) return measures;
  const codes = new Set(measures.map((m) => m.code));
  const unknown = keepCodes.flatMap((code, i) => (codes.has(code) ? [] : [{ field: `body.keepMeasureCodes.${i}`, key: "planMeasures.validation.unknownMeasureCode", params: { code } }]));
  if (unknown.length) throw new AppError("validation_failed", { fields: unknown });
  const kept = new Set(keepCodes);
  return measures.filter((m) => kept.has(m.code));
}

/** Copies into `toPlanId` (just created, empty) and records one audit entry summarising the copy. */
export async function copyPlanContent(
  trx: Transaction<Database>,
  ctx: WriteContext,
  fromPlanId: number,
  toPlanId: number,
  keepCodes: string[] | undefined,
): Promise<CopySummary> {
  const measures = await keptMeasures(trx, fromPlanId, keepCodes);
  const themes = await copyNumbered(trx, "plan_themes", fromPlanId, toPlanId);
  const goals = await copyNumbered(trx, "plan_goals", fromPlanId, toPlanId);
  const priorities = await copyNumbered(trx, "plan_priorities", fromPlanId, toPlanId);
  const summary: CopySummary = { fromPlanId, themes: themes.size, goals: goals.size, priorities: priorities.size, measures: [], milestones: 0, indicators: 0 };
  const now = new Date().toISOString();

  for (const { id: oldId, ...measure } of measures) {
    const { id } = await trx
      .insertInto("plan_measures")
      .values({ ...measure, plan_id: toPlanId, theme_id: themes.get(measure.theme_id)!, status: "planned", progress: 0, is_demo: 0, created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    summary.measures.push(measure.code);
    await copyLinks(trx, oldId, id, goals, priorities);
    summary.milestones += await copyMilestones(trx, oldId, id);
    summary.indicators += await copyIndicators(trx, oldId, id);
  }
  await recordAudit(trx, ctx, { action: "plan.copied", entityType: "plan", entityId: toPlanId, after: { ...summary } });
  return summary;
}

async function copyLinks(trx: Transaction<Database>, fromId: number, toId: number, goals: Map<number, number>, priorities: Map<number, number>): Promise<void> {
  const goalRows = await trx.selectFrom("plan_measure_goals").select("goal_id").where("measure_id", "=", fromId).execute();
  if (goalRows.length) await trx.insertInto("plan_measure_goals").values(goalRows.map((g) => ({ measure_id: toId, goal_id: goals.get(g.goal_id)! }))).execute();
  const priorityRows = await trx.selectFrom("plan_measure_priorities").select("priority_id").where("measure_id", "=", fromId).execute();
  if (priorityRows.length) {
    await trx.insertInto("plan_measure_priorities").values(priorityRows.map((p) => ({ measure_id: toId, priority_id: priorities.get(p.priority_id)! }))).execute();
  }
  const partners = await trx.selectFrom("plan_measure_partners").select("organisation_id").where("measure_id", "=", fromId).execute();
  if (partners.length) await trx.insertInto("plan_measure_partners").values(partners.map((p) => ({ measure_id: toId, organisation_id: p.organisation_id }))).execute();
  const territories = await trx.selectFrom("plan_measure_territories").select(["level", "code"]).where("measure_id", "=", fromId).execute();
  if (territories.length) await trx.insertInto("plan_measure_territories").values(territories.map((t) => ({ measure_id: toId, ...t }))).execute();
}

/** The milestones not yet done, numbered again from 1. */
async function copyMilestones(trx: Transaction<Database>, fromId: number, toId: number): Promise<number> {
  const open = await trx.selectFrom("plan_milestones").selectAll().where("measure_id", "=", fromId).where("done_date", "is", null).orderBy("position").orderBy("id").execute();
  if (!open.length) return 0;
  await trx
    .insertInto("plan_milestones")
    .values(open.map((m, i) => ({ measure_id: toId, position: i + 1, title_fr: m.title_fr, title_nl: m.title_nl, due_date: m.due_date, done_date: null })))
    .execute();
  return open.length;
}

/** Indicators start from where the previous plan left them: the current value (and its year) becomes the baseline. */
async function copyIndicators(trx: Transaction<Database>, fromId: number, toId: number): Promise<number> {
  const rows = await trx.selectFrom("plan_indicators").selectAll().where("measure_id", "=", fromId).orderBy("id").execute();
  if (!rows.length) return 0;
  await trx
    .insertInto("plan_indicators")
    .values(
      rows.map(({ id: _, ...ind }) => {
        const reached = ind.current_value !== null;
        return {
          ...ind,
          measure_id: toId,
          baseline_value: reached ? ind.current_value : ind.baseline_value,
          baseline_year: reached && ind.current_on ? Number(ind.current_on.slice(0, 4)) : ind.baseline_year,
          current_value: null,
          current_on: null,
        };
      }),
    )
    .execute();
  return rows.length;
}
