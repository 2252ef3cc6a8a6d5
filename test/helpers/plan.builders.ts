/**
 * Builders for the plan module: each call makes a new plan (or parts of one) with unique
 * codes, so tests share a seeded database without seeing each other's rows. They write
 * the tables directly: they set up a situation, they do not exercise the services.
 */
import type { Db } from "../../src/server/db/database.js";
import type { MeasureStatus, Pillar } from "../../src/shared/plan.js";
import { organisationIdOf, unique } from "./access.builders.js";

const now = () => new Date().toISOString();

export interface BuiltPlan {
  id: number;
  code: string;
  /** Theme ids by number (1..themes). */
  themes: number[];
  goals: number[];
  priorities: number[];
}

/** A plan with `themes` themes (weight 1), 5 transversal goals and 5 priorities. */
export async function buildPlan(db: Db, options: { themes?: number; startYear?: number; status?: string } = {}): Promise<BuiltPlan> {
  const code = unique("plan");
  const startYear = options.startYear ?? 2017;
  const { id } = await db
    .insertInto("plans")
    .values({ code, title_fr: `Plan ${code}`, title_nl: `Plan ${code} NL`, title_en: `Plan ${code} EN`, start_year: startYear, end_year: startYear + 3, status: options.status ?? "active", previous_plan_id: null, is_demo: 0, created_at: now() })
    .returning("id")
    .executeTakeFirstOrThrow();
  const numbered = async (table: "plan_themes" | "plan_goals" | "plan_priorities", count: number, label: string) => {
    const ids: number[] = [];
    for (let n = 1; n <= count; n++) {
      const row = await db
        .insertInto(table)
        .values({ plan_id: id, number: n, title_fr: `${label} ${n}`, title_nl: `${label} ${n} NL`, title_en: `${label} ${n} EN` })
        .returning("id")
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    return ids;
  };
  return {
    id,
    code,
    themes: await numbered("plan_themes", options.themes ?? 3, "Thème"),
    goals: await numbered("plan_goals", 5, "Objectif"),
    priorities: await numbered("plan_priorities", 5, "Priorité"),
  };
}

export interface MeasureOptions {
  themeId?: number;
  code?: string;
  leadOrganisationCode?: string;
  status?: MeasureStatus;
  progress?: number;
  weight?: number;
  pillar?: Pillar;
  milestones?: { due: string; done?: string | null }[];
  indicators?: { baseline: number; target: number; current?: number | null; direction?: "increase" | "decrease" | "maintain" }[];
}

export interface BuiltMeasure {
  id: number;
  code: string;
  leadOrganisationId: number;
  milestones: number[];
  indicators: number[];
}

/** A measure of `plan` (first theme unless told), led by the agency unless told, with optional milestones and indicators. */
export async function buildMeasure(db: Db, plan: BuiltPlan, options: MeasureOptions = {}): Promise<BuiltMeasure> {
  const code = options.code ?? unique("M");
  const leadOrganisationId = await organisationIdOf(db, options.leadOrganisationCode ?? "bps");
  const { id } = await db
    .insertInto("plan_measures")
    .values({
      plan_id: plan.id,
      theme_id: options.themeId ?? plan.themes[0]!,
      code,
      title_fr: `Mesure ${code}`,
      title_nl: `Maatregel ${code}`,
      description_fr: `Description ${code}`,
      description_nl: `Beschrijving ${code}`,
      pillar: options.pillar ?? "prevention",
      approach: "thematic",
      lead_organisation_id: leadOrganisationId,
      status: options.status ?? "in_progress",
      progress: options.progress ?? 0,
      weight: options.weight ?? 1,
      scope: "region",
      is_demo: 0,
      created_at: now(),
      updated_at: now(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const milestones: number[] = [];
  for (const [i, m] of (options.milestones ?? []).entries()) {
    const row = await db
      .insertInto("plan_milestones")
      .values({ measure_id: id, position: i + 1, title_fr: `Jalon ${i + 1}`, title_nl: `Mijlpaal ${i + 1}`, due_date: m.due, done_date: m.done ?? null })
      .returning("id")
      .executeTakeFirstOrThrow();
    milestones.push(row.id);
  }
  const indicators: number[] = [];
  for (const [i, ind] of (options.indicators ?? []).entries()) {
    const row = await db
      .insertInto("plan_indicators")
      .values({
        measure_id: id,
        name_fr: `Indicateur ${i + 1}`,
        name_nl: `Indicator ${i + 1}`,
        unit: "count",
        direction: ind.direction ?? "increase",
        baseline_value: ind.baseline,
        baseline_year: 2016,
        target_value: ind.target,
        target_year: 2020,
        current_value: ind.current ?? null,
        current_on: ind.current === undefined || ind.current === null ? null : "2018-06-30",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    indicators.push(row.id);
  }
  return { id, code, leadOrganisationId, milestones, indicators };
}
