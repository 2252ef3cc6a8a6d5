/**
 * Demo content of the plan module: the Global Security and Prevention Plan 2017-2020
 * (marked demo) with its 10 themes, 5 transversal goals, 5 municipal priorities and 119
 * measures (milestones, indicators, partners, territories), its 12 governance bodies and
 * their 2017-2018 meetings, and the two 2018 reporting rounds with every update, comment
 * and revision (a few with an evidence file), and one frozen snapshot. Everything is
 * derived deterministically from src/modules/plan/demo/*, so that each measure's figures
 * are those of its last validated update.
 */
import type { Transaction } from "kysely";
import type { Database } from "../../server/db/schema.js";
import { planBodies } from "./demo/bodies.js";
import { insertGovernance } from "./demo/governance.js";
import { insertIds, insertRows } from "./demo/insert.js";
import { planMeetings } from "./demo/meetings.js";
import { measuresThemes1to3 } from "./demo/measures-1-3.js";
import { measuresThemes4to6 } from "./demo/measures-4-6.js";
import { measuresThemes7to8 } from "./demo/measures-7-8.js";
import { measuresThemes9to10 } from "./demo/measures-9-10.js";
import { brusselsInstant, writtenDay } from "./demo/random.js";
import { DEMO_NOW, DEMO_PLAN_CODE, demoGoals, demoPlan, demoPriorities, demoThemes } from "./demo/reference.js";
import { planReporting } from "./demo/reporting.js";
import { insertRounds } from "./demo/rounds.insert.js";
import { planMeasures } from "./demo/timeline.js";
import type { DemoMeasure } from "./demo/types.js";
import { collectSnapshotData } from "./snapshot.data.js";
import { sha256Of } from "./snapshot.service.js";

/** The hand-written measures, grouped by theme (the number before the dot of their code). */
export function demoMeasuresByTheme(): DemoMeasure[][] {
  const all = [...measuresThemes1to3, ...measuresThemes4to6, ...measuresThemes7to8, ...measuresThemes9to10];
  return demoThemes.map((_, t) => all.filter((m) => Number(m.code.split(".")[0]) === t + 1));
}

/**
 * Creates the demo plan and everything around it, once: answers false and does nothing
 * when a plan coded "gvpp-2017-2020" exists. Runs inside the seed's transaction (the seed
 * records one audit entry for the whole of it).
 */
export async function seedPlanDemo(trx: Transaction<Database>): Promise<boolean> {
  const existing = await trx.selectFrom("plans").select("id").where("code", "=", DEMO_PLAN_CODE).executeTakeFirst();
  if (existing) return false;

  const organisations = await trx.selectFrom("organisations").select(["id", "code", "name_fr", "name_nl"]).execute();
  const orgIds = new Map(organisations.map((o) => [o.code, o.id]));
  const orgNames = new Map(organisations.map((o) => [o.code, { fr: o.name_fr, nl: o.name_nl }]));
  const users = await trx.selectFrom("users").select(["id", "email", "display_name"]).where("email", "like", "%.demo").execute();
  const userIds = new Map(users.map((u) => [u.email, u.id]));
  const org = (code: string) => {
    const id = orgIds.get(code);
    if (id === undefined) throw new Error(`demo content names an unknown organisation: ${code}`);
    return id;
  };

  const measures = planMeasures(demoMeasuresByTheme());
  const reporting = planReporting(measures, demoPlan.created_at);

  const [planId] = await insertIds(trx, "plans", [{ ...demoPlan, previous_plan_id: null, is_demo: 1 }]);
  const numbered = (rows: { fr: string; nl: string; en: string }[]) =>
    rows.map((row, i) => ({ plan_id: planId!, number: i + 1, title_fr: row.fr, title_nl: row.nl, title_en: row.en }));
  const themeIds = await insertIds(trx, "plan_themes", numbered(demoThemes));
  const goalIds = await insertIds(trx, "plan_goals", numbered(demoGoals));
  const priorityIds = await insertIds(trx, "plan_priorities", numbered(demoPriorities));

  const ids = await insertIds(
    trx,
    "plan_measures",
    measures.map(({ data, theme }) => {
      const stored = reporting.stored.get(data.code)!;
      return {
        plan_id: planId!, theme_id: themeIds[theme - 1]!, code: data.code,
        title_fr: data.fr[0], title_nl: data.nl[0], description_fr: data.fr[1], description_nl: data.nl[1],
        pillar: data.pillar, approach: data.approach, lead_organisation_id: org(data.lead),
        status: stored.state.status, progress: stored.state.progress, weight: data.weight ?? 1,
        scope: data.territories?.length ? "territories" : "region", is_demo: 1,
        created_at: demoPlan.created_at, updated_at: stored.updatedAt,
      };
    }),
  );
  const measureIds = new Map(measures.map((m, i) => [m.data.code, ids[i]!]));
  const each = <T>(pick: (m: (typeof measures)[number], id: number) => T[]) => measures.flatMap((m, i) => pick(m, ids[i]!));
  await insertRows(trx, "plan_measure_goals", each(({ data }, id) => data.goals.map((g) => ({ measure_id: id, goal_id: goalIds[g - 1]! }))));
  await insertRows(trx, "plan_measure_priorities", each(({ data }, id) => (data.priorities ?? []).map((p) => ({ measure_id: id, priority_id: priorityIds[p - 1]! }))));
  await insertRows(trx, "plan_measure_partners", each(({ data }, id) => (data.partners ?? []).map((code) => ({ measure_id: id, organisation_id: org(code) }))));
  await insertRows(trx, "plan_measure_territories", each(({ data }, id) => (data.territories ?? []).map(([level, code]) => ({ measure_id: id, level, code }))));

  const milestoneIds = await insertIds(
    trx,
    "plan_milestones",
    each((m, id) => {
      const done = reporting.stored.get(m.data.code)!.state.milestoneDone;
      return m.milestones.map((x, k) => ({ measure_id: id, position: k + 1, title_fr: x.titleFr, title_nl: x.titleNl, due_date: x.due, done_date: done[k] ?? null }));
    }),
  );
  const indicatorIds = await insertIds(
    trx,
    "plan_indicators",
    each((m, id) => {
      const stored = reporting.stored.get(m.data.code)!;
      return m.indicators.map((x, k) => {
        const current = stored.state.indicatorValues[k] ?? null;
        return {
          measure_id: id, name_fr: x.fr, name_nl: x.nl, unit: x.unit, direction: x.direction,
          baseline_value: x.baseline, baseline_year: 2016, target_value: x.target, target_year: 2020,
          current_value: current, current_on: current === null ? null : stored.validatedOn,
        };
      });
    }),
  );
  const split = (all: number[], size: (m: (typeof measures)[number]) => number) => {
    let next = 0;
    return new Map(measures.map((m) => [m.data.code, all.slice(next, (next += size(m)))]));
  };

  const bodies = planBodies(new Map(users.map((u) => [u.email, u.display_name])));
  const firstRoundValidated = reporting.updates.filter((u) => u.round === 0 && u.state === "validated").length;
  const meetings = planMeetings(bodies, measures, orgNames, firstRoundValidated);
  await insertGovernance(trx, { planId: planId!, themeIds, measureIds, orgIds, userIds }, bodies, meetings);
  await insertRounds(
    trx,
    { planId: planId!, measureIds, milestoneIds: split(milestoneIds, (m) => m.milestones.length), indicatorIds: split(indicatorIds, (m) => m.indicators.length), orgIds, userIds },
    reporting.updates,
  );

  // The frozen snapshot the agency took for the interim review, as the figures stand on the demo's day.
  const title = `Situation au ${writtenDay(DEMO_NOW)} / Stand van zaken op ${writtenDay(DEMO_NOW)}`;
  const takenAt = brusselsInstant(DEMO_NOW, "10:00");
  const data = JSON.stringify(await collectSnapshotData(trx, planId!, { version: 1, title, takenAt }));
  await insertRows(trx, "plan_snapshots", [{ plan_id: planId!, version: 1, title, taken_at: takenAt, taken_by: userIds.get("coordinator@bps.demo") ?? null, data, sha256: sha256Of(data) }]);
  return true;
}
