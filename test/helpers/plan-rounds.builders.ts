/**
 * Builders for reporting rounds: a round opened through the service (as the agency
 * coordinator would), and the update of one measure in it. Dates are relative to today
 * (Brussels) so lateness tests stay true whatever day they run.
 */
import type { Db } from "../../src/server/db/database.js";
import { brusselsDay } from "../../src/modules/plan/plan.common.js";
import { createRound } from "../../src/modules/plan/rounds.service.js";
import { actorOf, contextOf, unique } from "./access.builders.js";
import type { BuiltPlan } from "./plan.builders.js";

/** The Brussels day `days` from today (negative: in the past). */
export function dayFromToday(days: number): string {
  const at = new Date();
  at.setUTCDate(at.getUTCDate() + days);
  return brusselsDay(at);
}

/** The agency coordinator's write context. */
export async function coordinator(db: Db) {
  return contextOf(await actorOf(db, "coordinator@bps.demo"));
}

/** Opens a round on `plan` (deadline in 30 days unless told); its id. */
export async function openRound(db: Db, plan: BuiltPlan, dates: { opensOn?: string; deadline?: string } = {}): Promise<number> {
  const ctx = await coordinator(db);
  const label = unique("round");
  return db.transaction().execute((trx) =>
    createRound(trx, ctx, plan.id, {
      nameFr: `Cycle ${label}`,
      nameNl: `Ronde ${label}`,
      nameEn: `Round ${label}`,
      periodLabel: "2018-S2",
      opensOn: dates.opensOn ?? dayFromToday(-10),
      deadline: dates.deadline ?? dayFromToday(30),
    }),
  );
}

/** The id of a measure's update in a round. */
export async function updateIdOf(db: Db, roundId: number, measureId: number): Promise<number> {
  const row = await db.selectFrom("plan_updates").select("id").where("round_id", "=", roundId).where("measure_id", "=", measureId).executeTakeFirstOrThrow();
  return row.id;
}
