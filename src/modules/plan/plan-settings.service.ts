/**
 * A plan's settings, for coordinators: its titles, years and status (only one plan is active
 * at a time), and its frame of themes, transversal goals and priorities, saved as a whole.
 * Each change runs in the caller's transaction with one audit entry naming what changed.
 */
import type { Transaction } from "kysely";
import { can } from "../../server/auth/policy.js";
import { lockChain, toNumber } from "../../server/db/dialect.js";
import type { Database } from "../../server/db/schema.js";
import type { WriteContext } from "../../server/http/context.js";
import { AppError, forbidden, type FieldError } from "../../shared/errors.js";
import { diffOf, recordAudit } from "../audit/audit.service.js";
import type { PlanChanges, PlanFrame } from "./plan-settings.schema.js";
import { planOr404, type Reader } from "./plan.common.js";
import { numberedOf, type NumberedRow, type NumberedTableName } from "./plans.service.js";

/** Serialises activations on PostgreSQL, so two plans cannot become active at once (SQLite writes one at a time anyway). */
const ACTIVE_PLAN_LOCK_KEY = 7_103;

const issue = (field: string, key: string, params?: Record<string, string | number>): FieldError => ({
  field,
  key: `planSettings.validation.${key}`,
  ...(params ? { params } : {}),
});

/**
 * Changes a plan's titles, years or status. Activating a plan is refused (409 naming
 * `body.status`) while another plan is active; the years must stay in order (400 naming
 * `body.endYear`). Nothing is written, nor audited, when nothing changes.
 */
export async function updatePlan(trx: Transaction<Database>, ctx: WriteContext, planId: number, changes: PlanChanges): Promise<void> {
  if (!can(ctx.actor, "plan", "manage")) throw forbidden();
  const plan = await planOr404(trx, planId);
  const before = { title_fr: plan.title_fr, title_nl: plan.title_nl, title_en: plan.title_en, start_year: plan.start_year, end_year: plan.end_year, status: plan.status };
  const after = {
    title_fr: changes.titleFr ?? plan.title_fr,
    title_nl: changes.titleNl ?? plan.title_nl,
    title_en: changes.titleEn ?? plan.title_en,
    start_year: changes.startYear ?? plan.start_year,
    end_year: changes.endYear ?? plan.end_year,
    status: changes.status ?? plan.status,
  };
  if (after.end_year < after.start_year) {
    throw new AppError("validation_failed", { fields: [{ field: "body.endYear", key: "planMeasures.validation.endBeforeStart" }] });
  }
  if (after.status === "active" && plan.status !== "active") {
    await lockChain(trx, ACTIVE_PLAN_LOCK_KEY);
    const other = await trx.selectFrom("plans").select(["id", "code"]).where("status", "=", "active").where("id", "<>", planId).orderBy("id").executeTakeFirst();
    if (other) throw new AppError("conflict", { fields: [issue("body.status", "anotherActive", { code: other.code })] });
  }
  if (Object.keys(diffOf(before, after)).length === 0) return;
  await trx.updateTable("plans").set(after).where("id", "=", planId).execute();
  await recordAudit(trx, ctx, { action: "plan.updated", entityType: "plan", entityId: planId, before, after });
}

const kinds = ["themes", "goals", "priorities"] as const;
type Kind = (typeof kinds)[number];
const tableOf: Record<Kind, NumberedTableName> = { themes: "plan_themes", goals: "plan_goals", priorities: "plan_priorities" };

type Current = Record<Kind, NumberedRow[]>;

async function currentFrame(db: Reader, planId: number): Promise<Current> {
  return {
    themes: await numberedOf(db, "plan_themes", planId),
    goals: await numberedOf(db, "plan_goals", planId),
    priorities: await numberedOf(db, "plan_priorities", planId),
  };
}

/** Ids that are not the plan's own entries of that list, or that come twice: 400 naming `body.<list>.<i>.id`. */
function idProblems(current: Current, frame: PlanFrame): FieldError[] {
  const out: FieldError[] = [];
  for (const kind of kinds) {
    const own = new Set(current[kind].map((r) => r.id));
    const seen = new Set<number>();
    frame[kind].forEach((item, i) => {
      if (item.id === undefined) return;
      if (!own.has(item.id)) out.push(issue(`body.${kind}.${i}.id`, "unknownEntry", { id: item.id }));
      else if (seen.has(item.id)) out.push(issue(`body.${kind}.${i}.id`, "duplicateEntry", { id: item.id }));
      seen.add(item.id);
    });
  }
  return out;
}

const keptIds = (items: { id?: number | undefined }[]) => new Set(items.map((i) => i.id).filter((id): id is number => id !== undefined));

async function countsBy(db: Reader, table: "plan_measures" | "plan_bodies", themeIds: number[]): Promise<Map<number, number>> {
  if (themeIds.length === 0) return new Map();
  const rows = await db
    .selectFrom(table)
    .select(["theme_id", (eb) => eb.fn.countAll().as("n")])
    .where("theme_id", "in", themeIds)
    .groupBy("theme_id")
    .execute();
  return new Map(rows.map((r) => [Number(r.theme_id), toNumber(r.n)]));
}

/**
 * A theme left out while measures (or a working group) still belong to it: 409 naming
 * `body.themes.<N>`, N being the theme's index in the plan's current list (as GET returns it).
 */
async function removalConflicts(db: Reader, current: Current, frame: PlanFrame): Promise<FieldError[]> {
  const kept = keptIds(frame.themes);
  const removed = current.themes.map((theme, index) => ({ theme, index })).filter(({ theme }) => !kept.has(theme.id));
  const ids = removed.map(({ theme }) => theme.id);
  const measures = await countsBy(db, "plan_measures", ids);
  const bodies = await countsBy(db, "plan_bodies", ids);
  return removed.flatMap(({ theme, index }): FieldError[] => {
    const field = `body.themes.${index}`;
    const inMeasures = measures.get(theme.id) ?? 0;
    if (inMeasures > 0) return [issue(field, "themeHasMeasures", { number: theme.number, count: inMeasures })];
    const inBodies = bodies.get(theme.id) ?? 0;
    return inBodies > 0 ? [issue(field, "themeHasBodies", { number: theme.number, count: inBodies })] : [];
  });
}

/** What the audit log keeps of a frame: one key per entry (`themes.3`), so the diff names each entry added, changed or removed. */
function frameSummary(frame: Current): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const kind of kinds) {
    for (const r of frame[kind]) out[`${kind}.${r.number}`] = { fr: r.title_fr, nl: r.title_nl, en: r.title_en, weight: r.weight };
  }
  return out;
}

/** Removes entries and, for goals and priorities, their links to measures; returns how many links went. */
async function removeEntries(trx: Transaction<Database>, kind: Kind, ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  let links = 0;
  if (kind === "goals") {
    const result = await trx.deleteFrom("plan_measure_goals").where("goal_id", "in", ids).executeTakeFirst();
    links = Number(result.numDeletedRows);
  } else if (kind === "priorities") {
    const result = await trx.deleteFrom("plan_measure_priorities").where("priority_id", "in", ids).executeTakeFirst();
    links = Number(result.numDeletedRows);
  }
  await trx.deleteFrom(tableOf[kind]).where("id", "in", ids).execute();
  return links;
}

/**
 * Saves a plan's themes, goals and priorities as a whole: entries with an id are updated
 * in place (their number stays), new ones are appended after the highest number kept,
 * entries left out are removed (a goal or priority with its links to measures; a theme only
 * when no measure nor working group belongs to it, else 409).
 */
export async function replacePlanFrame(trx: Transaction<Database>, ctx: WriteContext, planId: number, frame: PlanFrame): Promise<void> {
  if (!can(ctx.actor, "plan", "manage")) throw forbidden();
  await planOr404(trx, planId);
  const current = await currentFrame(trx, planId);
  const problems = idProblems(current, frame);
  if (problems.length) throw new AppError("validation_failed", { fields: problems });
  const conflicts = await removalConflicts(trx, current, frame);
  if (conflicts.length) throw new AppError("conflict", { fields: conflicts });

  const linksRemoved: Record<string, number> = {};
  for (const kind of kinds) {
    const kept = keptIds(frame[kind]);
    const links = await removeEntries(trx, kind, current[kind].filter((r) => !kept.has(r.id)).map((r) => r.id));
    if (links > 0) linksRemoved[kind] = links;

    const existing = new Map(current[kind].map((r) => [r.id, r]));
    let next = Math.max(0, ...current[kind].filter((r) => kept.has(r.id)).map((r) => r.number)) + 1;
    for (const item of frame[kind]) {
      const values = { title_fr: item.titleFr, title_nl: item.titleNl, title_en: item.titleEn };
      if (item.id !== undefined) {
        const weight = item.weight ?? existing.get(item.id)!.weight;
        await trx.updateTable(tableOf[kind]).set({ ...values, weight }).where("id", "=", item.id).execute();
      } else {
        await trx.insertInto(tableOf[kind]).values({ ...values, plan_id: planId, number: next++, weight: item.weight ?? 1 }).execute();
      }
    }
  }

  const before = frameSummary(current);
  const after = { ...frameSummary(await currentFrame(trx, planId)), ...(Object.keys(linksRemoved).length ? { measure_links_removed: linksRemoved } : {}) };
  if (Object.keys(diffOf(before, after)).length === 0) return;
  await recordAudit(trx, ctx, { action: "plan.frame_updated", entityType: "plan", entityId: planId, before, after });
}
