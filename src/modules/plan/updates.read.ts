/** Reading one progress update with everything its page shows: the measure's milestones and indicators, evidence, comments, revisions. */
import type { Actor } from "../../server/auth/actor.js";
import type { Reader } from "./plan.common.js";
import { updateOr404 } from "./updates.service.js";
import { assertCanRead } from "./updates.rules.js";

export async function getUpdate(db: Reader, actor: Actor, id: number) {
  const update = await updateOr404(db, id);
  assertCanRead(actor, update);
  const round = await db.selectFrom("plan_rounds").selectAll().where("id", "=", update.round_id).executeTakeFirstOrThrow();
  const measure = await db.selectFrom("plan_measures").selectAll().where("id", "=", update.measure_id).executeTakeFirstOrThrow();
  const organisation = await db.selectFrom("organisations").selectAll().where("id", "=", update.organisation_id).executeTakeFirstOrThrow();
  const milestones = await db
    .selectFrom("plan_milestones as m")
    .leftJoin("plan_update_milestones as p", (join) => join.onRef("p.milestone_id", "=", "m.id").on("p.update_id", "=", id))
    .select(["m.id", "m.title_fr", "m.title_nl", "m.due_date", "m.done_date", "p.milestone_id as proposed", "p.done_date as proposed_done_date"])
    .where("m.measure_id", "=", update.measure_id)
    .orderBy("m.position")
    .orderBy("m.id")
    .execute();
  const indicators = await db
    .selectFrom("plan_indicators as i")
    .leftJoin("plan_update_indicator_values as v", (join) => join.onRef("v.indicator_id", "=", "i.id").on("v.update_id", "=", id))
    .selectAll("i")
    .select("v.value as proposed_value")
    .where("i.measure_id", "=", update.measure_id)
    .orderBy("i.id")
    .execute();
  const evidence = await db
    .selectFrom("plan_evidence")
    .select(["id", "filename", "content_type", "size", "uploaded_at"])
    .where("update_id", "=", id)
    .orderBy("id")
    .execute();
  const comments = await db
    .selectFrom("plan_update_comments as c")
    .innerJoin("organisations as o", "o.id", "c.author_organisation_id")
    .leftJoin("users as a", "a.id", "c.author_user_id")
    .selectAll("c")
    .select(["a.display_name as author_name", "o.code as organisation_code", "o.name_fr", "o.name_nl", "o.name_en"])
    .where("c.update_id", "=", id)
    .orderBy("c.id")
    .execute();
  const revisions = await db
    .selectFrom("plan_update_revisions as r")
    .leftJoin("users as a", "a.id", "r.actor_user_id")
    .select(["r.version", "r.action", "r.at", "r.actor_user_id", "a.display_name as actor_name"])
    .where("r.update_id", "=", id)
    .orderBy("r.id")
    .execute();
  return { update, round, measure, organisation, milestones, indicators, evidence, comments, revisions };
}

export type UpdateDetailData = Awaited<ReturnType<typeof getUpdate>>;
