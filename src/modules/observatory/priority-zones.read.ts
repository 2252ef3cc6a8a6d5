/**
 * Priority-zone proposals as people read them: each row with its neighbourhood's names, its
 * primary municipality and the display name of whoever decided it; and the runs, counted by
 * status. Both dialects (aggregates read through `toNumber`).
 */
import type { Db } from "../../server/db/database.js";
import { toNumber } from "../../server/db/dialect.js";

/** Most proposals one list answers with (latest first). */
export const LIST_LIMIT = 1000;

export interface ProposalFilter {
  status?: string;
  group?: string;
  run?: string;
  id?: number;
}

function proposals(db: Db, filter: ProposalFilter) {
  let q = db
    .selectFrom("priority_zone_proposals as p")
    .innerJoin("neighbourhoods as n", "n.code", "p.neighbourhood_code")
    .leftJoin("municipalities as m", "m.nis_code", "n.primary_municipality_nis")
    .leftJoin("users as u", "u.id", "p.decided_by")
    .selectAll("p")
    .select([
      "n.name_fr as neighbourhood_fr",
      "n.name_nl as neighbourhood_nl",
      "m.nis_code as municipality_nis",
      "m.name_fr as municipality_fr",
      "m.name_nl as municipality_nl",
      "u.display_name as decided_by_name",
    ]);
  if (filter.id !== undefined) q = q.where("p.id", "=", filter.id);
  if (filter.status) q = q.where("p.status", "=", filter.status);
  if (filter.group) q = q.where("p.category_group", "=", filter.group);
  if (filter.run) q = q.where("p.run_key", "=", filter.run);
  return q;
}

export type ProposalRow = Awaited<ReturnType<ReturnType<typeof proposals>["executeTakeFirstOrThrow"]>>;

/** The proposals matching every given filter, latest first, at most LIST_LIMIT. */
export function listProposals(db: Db, filter: ProposalFilter): Promise<ProposalRow[]> {
  return proposals(db, filter).orderBy("p.id", "desc").limit(LIST_LIMIT).execute();
}

export function proposalById(db: Db, id: number): Promise<ProposalRow | undefined> {
  return proposals(db, { id }).executeTakeFirst();
}

export interface RunSummary {
  runKey: string;
  categoryGroup: string;
  createdAt: string;
  proposals: number;
  proposed: number;
  accepted: number;
  rejected: number;
}

/** Every stored run (one category group each), latest first, with its proposals counted by status. */
export async function listRuns(db: Db): Promise<RunSummary[]> {
  const rows = await db
    .selectFrom("priority_zone_proposals")
    .select((eb) => {
      const count = (status: string) => eb.fn.sum<number | string>(eb.case().when("status", "=", status).then(1).else(0).end());
      return [
        "run_key",
        "category_group",
        eb.fn.min("created_at").as("created_at"),
        eb.fn.max("id").as("last_id"),
        eb.fn.countAll<number | string>().as("total"),
        count("proposed").as("proposed"),
        count("accepted").as("accepted"),
        count("rejected").as("rejected"),
      ];
    })
    .groupBy(["run_key", "category_group"])
    .orderBy("last_id", "desc")
    .execute();
  return rows.map((r) => ({
    runKey: r.run_key,
    categoryGroup: r.category_group,
    createdAt: String(r.created_at),
    proposals: toNumber(r.total),
    proposed: toNumber(r.proposed),
    accepted: toNumber(r.accepted),
    rejected: toNumber(r.rejected),
  }));
}
