/**
 * Priority intervention zones on the database: aggregates crime_counts per neighbourhood
 * and year for a group of categories, runs the pure engine (priority-zones.ts) and stores
 * its proposals, audited; then a person accepts or rejects each proposal with a reason.
 * Rule and defaults: docs/statistics.md, "Priority intervention zones".
 */
import { createHash } from "node:crypto";
import { sql, type Transaction } from "kysely";
import { systemActor } from "../../server/auth/actor.js";
import type { Db } from "../../server/db/database.js";
import type { Database } from "../../server/db/schema.js";
import type { WriteContext } from "../../server/http/context.js";
import { AppError, notFound } from "../../shared/errors.js";
import { recordAudit } from "../audit/audit.service.js";
import type { TerritoryLevel } from "../territory/territory.data.js";
import { toMultiPolygon, type Geometry } from "../territory/territory.geo.js";
import {
  analysisWeights,
  DEFAULT_KNN,
  PRIORITY_ZONE_DEFAULTS,
  proposePriorityZones,
  type Observation,
  type PriorityZoneOptions,
  type YearEvidence,
  type ZoneProposal,
  type ZoneWeights,
} from "./priority-zones.js";

export interface ComputeProposalsInput extends PriorityZoneOptions {
  /** top-level codes whose counts are summed, e.g. ["theft"]; a category and its own phenomenon may not both be given */
  categoryCodes: string[];
  /** stored as category_group, e.g. "theft" or "property" */
  groupLabel: string;
  /** default: the active taxonomy */
  taxonomyVersion?: string;
  /** only residential neighbourhoods enter the analysis set (default true) */
  residentialOnly?: boolean;
  /** neighbours of the k-nearest-neighbour weights (default 6) */
  knn?: number;
}

/** The rule a run applied, stored with each of its proposals so the evidence can be read back alone. */
export interface StoredRule {
  categoryCodes: string[];
  years: number;
  required: number;
  alpha: number;
  permutations: number;
  seed: number;
  knn: number;
  residentialOnly: boolean;
  lastYear: number | null;
}

/** The `evidence` JSON of a proposal row (`rule` is missing on rows stored before it was kept). */
export interface StoredEvidence {
  qualifyingYears: number[];
  years: YearEvidence[];
  rule?: StoredRule;
}

export interface ComputeProposalsResult {
  runKey: string;
  years: number[];
  proposals: ZoneProposal[];
  /** rows written now (0 when the same run was stored already) */
  inserted: number;
}

const invalid = (field: string, key: string, params?: Record<string, string | number>) =>
  new AppError("validation_failed", { fields: [{ field: `body.${field}`, key, ...(params ? { params } : {}) }] });

/** Weights depend only on the reference geography: built once per process per analysis set and k. */
const weightsCache = new Map<string, ZoneWeights>();

/** Queen and kNN weights over the neighbourhoods `codes` (in that order), from the stored polygons; cached. Also used by the hot-spot and cluster maps. */
export async function weightsFor(db: Db | Transaction<Database>, codes: number[], k: number): Promise<ZoneWeights> {
  const key = `${k}|${codes.join(",")}`;
  const cached = weightsCache.get(key);
  if (cached) return cached;
  const rows = await db.selectFrom("territory_geometries").select(["code", "geometry"]).where("level", "=", "neighbourhoods" satisfies TerritoryLevel).execute();
  const shapeOf = new Map(rows.map((r) => [r.code, toMultiPolygon(JSON.parse(r.geometry) as Geometry)]));
  const missing = codes.filter((c) => !shapeOf.has(c));
  if (missing.length) throw new Error(`no neighbourhood geometry for ${missing.join(", ")}`);
  const weights = analysisWeights(codes.map((code) => ({ code, shape: shapeOf.get(code)! })), k);
  weightsCache.set(key, weights);
  return weights;
}

async function categoryIds(db: Db, codes: string[], version: string | undefined): Promise<number[]> {
  if (!codes.length) throw invalid("categoryCodes", "validation.required");
  let taxonomy = db.selectFrom("crime_taxonomies").select("id");
  taxonomy = version ? taxonomy.where("version", "=", version) : taxonomy.where("status", "=", "active").orderBy("id", "desc");
  const found = await taxonomy.executeTakeFirst();
  if (!found) throw invalid("taxonomyVersion", "validation.unknown", { value: version ?? "active" });
  const rows = await db.selectFrom("crime_categories").select(["id", "code", "parent_id"]).where("taxonomy_id", "=", found.id).where("code", "in", codes).execute();
  const unknown = codes.filter((c) => !rows.some((r) => r.code === c));
  if (unknown.length) throw invalid("categoryCodes", "validation.unknown", { value: unknown.join(", ") });
  // a category's count already includes its phenomena: asking for both would count twice
  const ids = new Set(rows.map((r) => r.id));
  const nested = rows.filter((r) => r.parent_id !== null && ids.has(r.parent_id));
  if (nested.length) throw invalid("categoryCodes", "validation.overlapping", { value: nested.map((r) => r.code).join(", ") });
  return [...ids].sort((a, b) => a - b);
}

async function observationsOf(db: Db, ids: number[], codes: number[]): Promise<Observation[]> {
  const year = sql<string>`substr(month, 1, 4)`;
  const counts = await db
    .selectFrom("crime_counts")
    .select([year.as("year"), "neighbourhood_code", (eb) => eb.fn.sum<number | string>("count").as("total")])
    .where("category_id", "in", ids)
    .groupBy([year, "neighbourhood_code"])
    .execute();
  const years = [...new Set(counts.map((c) => Number(c.year)))];
  if (!years.length) return [];
  const population = await db
    .selectFrom("neighbourhood_population")
    .select(["neighbourhood_code", "year", "population"])
    .where("year", ">=", Math.min(...years))
    .where("year", "<=", Math.max(...years))
    .execute();
  const countOf = new Map(counts.map((c) => [`${c.neighbourhood_code}|${Number(c.year)}`, Number(c.total)]));
  const inSet = new Set(codes);
  // Only years with data: a later batch (a month of a year without population, say) must not
  // move the window of the last years onto years where nothing of these categories was loaded.
  const withData = new Set(years);
  return population
    .filter((p) => inSet.has(p.neighbourhood_code) && withData.has(p.year))
    .map((p) => ({ code: p.neighbourhood_code, year: p.year, population: p.population, count: countOf.get(`${p.neighbourhood_code}|${p.year}`) ?? 0 }))
    .sort((a, b) => a.year - b.year || a.code - b.code);
}

/**
 * Computes and stores the proposals of one run. The run key hashes the inputs (the
 * aggregated observations) and the options, so recomputing the same run inserts nothing
 * new and keeps the decisions already taken.
 */
export async function computeProposals(db: Db, input: ComputeProposalsInput, ctx: WriteContext = { actor: systemActor, requestId: null }): Promise<ComputeProposalsResult> {
  const groupLabel = input.groupLabel?.trim();
  if (!groupLabel) throw invalid("groupLabel", "validation.required");
  const residentialOnly = input.residentialOnly ?? true;
  const knn = input.knn ?? DEFAULT_KNN;
  const ids = await categoryIds(db, [...new Set(input.categoryCodes)], input.taxonomyVersion);
  let neighbourhoods = db.selectFrom("neighbourhoods").select("code").orderBy("code");
  if (residentialOnly) neighbourhoods = neighbourhoods.where("kind", "=", "residential");
  const codes = (await neighbourhoods.execute()).map((n) => n.code);
  const weights = await weightsFor(db, codes, knn);
  const observations = await observationsOf(db, ids, codes);
  const options = { ...PRIORITY_ZONE_DEFAULTS, ...pick(input) };
  const result = proposePriorityZones(observations, weights, options);

  const runKey = createHash("sha256")
    .update(JSON.stringify({ categoryIds: ids, groupLabel, residentialOnly, knn, options: result.options, observations }))
    .digest("hex");
  const rule: StoredRule = { categoryCodes: [...new Set(input.categoryCodes)].sort(), knn, residentialOnly, ...result.options };
  const now = new Date().toISOString();
  const inserted = await db.transaction().execute(async (trx) => {
    let written = 0;
    for (const p of result.proposals) {
      const r = await trx
        .insertInto("priority_zone_proposals")
        .values({
          run_key: runKey,
          category_group: groupLabel,
          neighbourhood_code: p.code,
          evidence: JSON.stringify({ qualifyingYears: p.qualifyingYears, years: p.evidence, rule } satisfies StoredEvidence),
          status: "proposed",
          reason: null,
          decided_by: null,
          decided_at: null,
          created_at: now,
        })
        .onConflict((oc) => oc.columns(["run_key", "category_group", "neighbourhood_code"]).doNothing())
        .executeTakeFirst();
      written += Number(r.numInsertedOrUpdatedRows ?? 0n);
    }
    await recordAudit(trx, ctx, {
      action: "priority_zone_run.computed",
      entityType: "priority_zone_run",
      entityId: runKey,
      after: { categoryCodes: [...input.categoryCodes].sort(), groupLabel, residentialOnly, knn, ...result.options, years: result.years, proposed: result.proposals.map((p) => p.code), inserted: written },
    });
    return written;
  });
  return { runKey, years: result.years, proposals: result.proposals, inserted };
}

function pick(input: ComputeProposalsInput): PriorityZoneOptions {
  const out: PriorityZoneOptions = {};
  for (const key of ["years", "required", "alpha", "permutations", "seed", "lastYear"] as const) if (input[key] !== undefined) out[key] = input[key];
  return out;
}

export interface Decision {
  decision: "accepted" | "rejected";
  reason: string;
}

/** Accepts or rejects a proposal that is still proposed; the reason is required. */
export async function decideProposal(trx: Transaction<Database>, ctx: WriteContext, id: number, body: Decision): Promise<void> {
  if (body.decision !== "accepted" && body.decision !== "rejected") throw invalid("decision", "validation.invalid_value", { values: "accepted, rejected" });
  const reason = typeof body.reason === "string" ? body.reason.trim() : "";
  if (!reason) throw invalid("reason", "validation.required");
  const before = await trx.selectFrom("priority_zone_proposals").selectAll().where("id", "=", id).executeTakeFirst();
  if (!before) throw notFound("priority_zone_proposal", id);
  const alreadyDecided = (status: string) =>
    new AppError("conflict", { fields: [{ field: "body.decision", key: "conflict.already_decided", params: { status } }], detail: `proposal ${id} is ${status}` });
  if (before.status !== "proposed") throw alreadyDecided(before.status);
  const after = { status: body.decision, reason, decided_by: ctx.actor.userId, decided_at: new Date().toISOString() };
  // conditional on the status, so that of two concurrent decisions only one lands
  const updated = await trx.updateTable("priority_zone_proposals").set(after).where("id", "=", id).where("status", "=", "proposed").executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw alreadyDecided("decided");
  const { evidence: _evidence, ...shown } = before;
  await recordAudit(trx, ctx, { action: `priority_zone_proposal.${body.decision}`, entityType: "priority_zone_proposal", entityId: id, before: shown, after: { ...shown, ...after } });
}
