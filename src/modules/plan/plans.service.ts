/** Plans: list, read with their themes, goals and priorities, create (empty or as the next plan of an earlier one). */
import type { Selectable, Transaction } from "kysely";
import { can } from "../../server/auth/policy.js";
import type { Database } from "../../server/db/schema.js";
import type { WriteContext } from "../../server/http/context.js";
import { AppError, conflict, forbidden, type FieldError } from "../../shared/errors.js";
import { recordAudit } from "../audit/audit.service.js";
import { copyPlanContent } from "./plan-copy.service.js";
import { planOr404, type Reader } from "./plan.common.js";
import type { PlanNumberedTable } from "./plan.table.js";

export type NumberedRow = Selectable<PlanNumberedTable>;
export type NumberedTableName = "plan_themes" | "plan_goals" | "plan_priorities";

export interface NumberedInput {
  titleFr: string;
  titleNl: string;
  titleEn: string;
  weight?: number | undefined;
}

export interface NewPlan {
  code: string;
  titleFr: string;
  titleNl: string;
  titleEn: string;
  startYear: number;
  endYear: number;
  copyFromPlanId?: number | undefined;
  keepMeasureCodes?: string[] | undefined;
  themes?: NumberedInput[] | undefined;
  goals?: NumberedInput[] | undefined;
  priorities?: NumberedInput[] | undefined;
}

/** Newest plans first. */
export async function listPlans(db: Reader) {
  return db.selectFrom("plans").selectAll().orderBy("start_year", "desc").orderBy("id", "desc").execute();
}

export async function numberedOf(db: Reader, table: NumberedTableName, planId: number): Promise<NumberedRow[]> {
  return db.selectFrom(table).selectAll().where("plan_id", "=", planId).orderBy("number").execute();
}

export async function getPlanDetail(db: Reader, planId: number) {
  const plan = await planOr404(db, planId);
  return {
    plan,
    themes: await numberedOf(db, "plan_themes", planId),
    goals: await numberedOf(db, "plan_goals", planId),
    priorities: await numberedOf(db, "plan_priorities", planId),
  };
}

function checkNewPlan(input: NewPlan): FieldError[] {
  const fields: FieldError[] = [];
  if (input.endYear < input.startYear) fields.push({ field: "body.endYear", key: "planMeasures.validation.endBeforeStart" });
  if (input.copyFromPlanId === undefined && input.keepMeasureCodes !== undefined) {
    fields.push({ field: "body.keepMeasureCodes", key: "planMeasures.validation.onlyWithCopy" });
  }
  if (input.copyFromPlanId !== undefined) {
    for (const key of ["themes", "goals", "priorities"] as const) {
      if (input[key] !== undefined) fields.push({ field: `body.${key}`, key: "planMeasures.validation.notWithCopy" });
    }
  }
  return fields;
}

/**
 * Creates a plan in status `draft`. With `copyFromPlanId`, the earlier plan's structure and
 * (kept) measures are carried over in the same transaction; otherwise the given themes,
 * goals and priorities are numbered in order.
 */
export async function createPlan(trx: Transaction<Database>, ctx: WriteContext, input: NewPlan): Promise<number> {
  if (!can(ctx.actor, "plan", "manage")) throw forbidden();
  const fields = checkNewPlan(input);
  if (input.copyFromPlanId !== undefined) {
    const source = await trx.selectFrom("plans").select("id").where("id", "=", input.copyFromPlanId).executeTakeFirst();
    if (!source) fields.push({ field: "body.copyFromPlanId", key: "planMeasures.validation.unknownPlan" });
  }
  if (fields.length) throw new AppError("validation_failed", { fields });
  if (await trx.selectFrom("plans").select("id").where("code", "=", input.code).executeTakeFirst()) throw conflict("code", { code: input.code });

  const row = {
    code: input.code,
    title_fr: input.titleFr,
    title_nl: input.titleNl,
    title_en: input.titleEn,
    start_year: input.startYear,
    end_year: input.endYear,
    status: "draft",
    previous_plan_id: input.copyFromPlanId ?? null,
    is_demo: 0,
    created_at: new Date().toISOString(),
  };
  const { id } = await trx.insertInto("plans").values(row).returning("id").executeTakeFirstOrThrow();
  const structure =
    input.copyFromPlanId === undefined
      ? { themes: titlesIn(input.themes), goals: titlesIn(input.goals), priorities: titlesIn(input.priorities) }
      : {};
  await recordAudit(trx, ctx, { action: "plan.created", entityType: "plan", entityId: id, after: { ...row, ...structure } });

  if (input.copyFromPlanId !== undefined) {
    await copyPlanContent(trx, ctx, input.copyFromPlanId, id, input.keepMeasureCodes);
  } else {
    await insertNumbered(trx, "plan_themes", id, input.themes ?? []);
    await insertNumbered(trx, "plan_goals", id, input.goals ?? []);
    await insertNumbered(trx, "plan_priorities", id, input.priorities ?? []);
  }
  return id;
}

const titlesIn = (items: NumberedInput[] | undefined) => (items ?? []).map((t) => t.titleFr);

async function insertNumbered(trx: Transaction<Database>, table: NumberedTableName, planId: number, items: NumberedInput[]): Promise<void> {
  if (!items.length) return;
  await trx
    .insertInto(table)
    .values(items.map((t, i) => ({ plan_id: planId, number: i + 1, title_fr: t.titleFr, title_nl: t.titleNl, title_en: t.titleEn, weight: t.weight ?? 1 })))
    .execute();
}
