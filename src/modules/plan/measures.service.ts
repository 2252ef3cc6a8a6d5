/**
 * Creating and changing measures. Every reference is checked against the plan and the
 * reference tables before writing, and all problems are reported at once, each naming
 * its field (`body.goalIds.2`, `body.territories.0.code`...).
 */
import type { Transaction } from "kysely";
import { can } from "../../server/auth/policy.js";
import type { Database } from "../../server/db/schema.js";
import type { WriteContext } from "../../server/http/context.js";
import { AppError, conflict, forbidden, type FieldError } from "../../shared/errors.js";
import type { Approach, MeasureStatus, Pillar, TerritoryLevel } from "../../shared/plan.js";
import { recordAudit } from "../audit/audit.service.js";
import { measureOr404, planOr404, type Reader } from "./plan.common.js";

export interface TerritoryInput {
  level: TerritoryLevel;
  code: number;
}

export interface MeasureInput {
  code: string;
  themeId: number;
  titleFr: string;
  titleNl: string;
  descriptionFr: string;
  descriptionNl: string;
  pillar: Pillar;
  approach: Approach;
  leadOrganisationId: number;
  partnerOrganisationIds: number[];
  goalIds: number[];
  priorityIds: number[];
  scope: "region" | "territories";
  territories: TerritoryInput[];
  status: MeasureStatus;
  progress: number;
  weight: number;
}

type Optional = "descriptionFr" | "descriptionNl" | "partnerOrganisationIds" | "goalIds" | "priorityIds" | "scope" | "territories" | "status" | "progress" | "weight";
export type NewMeasure = Omit<MeasureInput, Optional> & { [K in Optional]?: MeasureInput[K] | undefined };
export type MeasureChanges = { [K in keyof MeasureInput]?: MeasureInput[K] | undefined };

const defaults: Pick<MeasureInput, Optional> = {
  descriptionFr: "",
  descriptionNl: "",
  partnerOrganisationIds: [],
  goalIds: [],
  priorityIds: [],
  scope: "region",
  territories: [],
  status: "planned",
  progress: 0,
  weight: 1,
};

const unique = <T>(items: T[]) => [...new Set(items)];
const uniqueTerritories = (items: TerritoryInput[]) => [...new Map(items.map((t) => [`${t.level}:${t.code}`, t])).values()];

async function idsIn(db: Reader, table: "plan_themes" | "plan_goals" | "plan_priorities", planId: number, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await db.selectFrom(table).select("id").where("plan_id", "=", planId).where("id", "in", ids).execute();
  return new Set(rows.map((r) => r.id));
}

async function existingOrganisations(db: Reader, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  return new Set((await db.selectFrom("organisations").select("id").where("id", "in", ids).execute()).map((r) => r.id));
}

async function existingTerritories(db: Reader, territories: TerritoryInput[]): Promise<Set<string>> {
  const codes = (level: TerritoryLevel) => unique(territories.filter((t) => t.level === level).map((t) => t.code));
  const found = new Set<string>();
  const m = codes("municipality");
  if (m.length) (await db.selectFrom("municipalities").select("nis_code").where("nis_code", "in", m).execute()).forEach((r) => found.add(`municipality:${r.nis_code}`));
  const n = codes("neighbourhood");
  if (n.length) (await db.selectFrom("neighbourhoods").select("code").where("code", "in", n).execute()).forEach((r) => found.add(`neighbourhood:${r.code}`));
  const z = codes("police_zone");
  if (z.length) (await db.selectFrom("police_zones").select("id").where("id", "in", z).execute()).forEach((r) => found.add(`police_zone:${r.id}`));
  return found;
}

/** Checks the references of the measure as it will be; `given` says which fields the request carried (only those are named). */
async function checkMeasure(
  db: Reader,
  planId: number,
  m: MeasureInput,
  given: (field: keyof MeasureInput) => boolean,
  selfId: number | null = null,
): Promise<void> {
  const fields: FieldError[] = [];
  const named = (field: string, key: string, params?: Record<string, string | number>) => fields.push({ field: `body.${field}`, key: `planMeasures.validation.${key}`, ...(params ? { params } : {}) });

  if (given("themeId") && !(await idsIn(db, "plan_themes", planId, [m.themeId])).has(m.themeId)) named("themeId", "themeNotInPlan");
  for (const [field, table, key] of [["goalIds", "plan_goals", "goalNotInPlan"], ["priorityIds", "plan_priorities", "priorityNotInPlan"]] as const) {
    if (!given(field)) continue;
    const found = await idsIn(db, table, planId, m[field]);
    m[field].forEach((id, i) => found.has(id) || named(`${field}.${i}`, key, { id }));
  }
  const organisations = await existingOrganisations(db, unique([m.leadOrganisationId, ...m.partnerOrganisationIds]));
  if (given("leadOrganisationId") && !organisations.has(m.leadOrganisationId)) named("leadOrganisationId", "unknownOrganisation", { id: m.leadOrganisationId });
  if (given("partnerOrganisationIds")) {
    m.partnerOrganisationIds.forEach((id, i) => organisations.has(id) || named(`partnerOrganisationIds.${i}`, "unknownOrganisation", { id }));
  }
  if (given("territories")) {
    const found = await existingTerritories(db, m.territories);
    m.territories.forEach((t, i) => found.has(`${t.level}:${t.code}`) || named(`territories.${i}.code`, "unknownTerritory", { level: t.level, code: t.code }));
  }
  if (m.scope === "territories" && !m.territories.length && (given("scope") || given("territories"))) named("territories", "territoriesRequired");
  if (m.scope === "region" && m.territories.length && given("territories")) named("territories", "territoriesNeedScope");
  if (fields.length) throw new AppError("validation_failed", { fields });

  if (given("code")) {
    const taken = await db.selectFrom("plan_measures").select("id").where("plan_id", "=", planId).where("code", "=", m.code).executeTakeFirst();
    if (taken && taken.id !== selfId) throw conflict("code", { code: m.code });
  }
}

function columnsOf(m: MeasureInput) {
  return {
    code: m.code,
    theme_id: m.themeId,
    title_fr: m.titleFr,
    title_nl: m.titleNl,
    description_fr: m.descriptionFr,
    description_nl: m.descriptionNl,
    pillar: m.pillar,
    approach: m.approach,
    lead_organisation_id: m.leadOrganisationId,
    status: m.status,
    progress: m.progress,
    weight: m.weight,
    scope: m.scope,
  };
}

/** Replaces the measure's links with those of `m` (the parts `given`). */
async function writeLinks(trx: Transaction<Database>, measureId: number, m: MeasureInput, given: (field: keyof MeasureInput) => boolean): Promise<void> {
  if (given("goalIds")) {
    await trx.deleteFrom("plan_measure_goals").where("measure_id", "=", measureId).execute();
    if (m.goalIds.length) await trx.insertInto("plan_measure_goals").values(m.goalIds.map((goal_id) => ({ measure_id: measureId, goal_id }))).execute();
  }
  if (given("priorityIds")) {
    await trx.deleteFrom("plan_measure_priorities").where("measure_id", "=", measureId).execute();
    if (m.priorityIds.length) await trx.insertInto("plan_measure_priorities").values(m.priorityIds.map((priority_id) => ({ measure_id: measureId, priority_id }))).execute();
  }
  if (given("partnerOrganisationIds")) {
    await trx.deleteFrom("plan_measure_partners").where("measure_id", "=", measureId).execute();
    const partners = m.partnerOrganisationIds.map((organisation_id) => ({ measure_id: measureId, organisation_id }));
    if (partners.length) await trx.insertInto("plan_measure_partners").values(partners).execute();
  }
  if (given("territories")) {
    await trx.deleteFrom("plan_measure_territories").where("measure_id", "=", measureId).execute();
    if (m.territories.length) await trx.insertInto("plan_measure_territories").values(m.territories.map((t) => ({ measure_id: measureId, ...t }))).execute();
  }
}

/** The measure's links as they are stored, for the audit log and for changes. */
async function linksOf(db: Reader, measureId: number) {
  return {
    goalIds: (await db.selectFrom("plan_measure_goals").select("goal_id").where("measure_id", "=", measureId).orderBy("goal_id").execute()).map((r) => r.goal_id),
    priorityIds: (await db.selectFrom("plan_measure_priorities").select("priority_id").where("measure_id", "=", measureId).orderBy("priority_id").execute()).map((r) => r.priority_id),
    partnerOrganisationIds: (await db.selectFrom("plan_measure_partners").select("organisation_id").where("measure_id", "=", measureId).orderBy("organisation_id").execute()).map((r) => r.organisation_id),
    territories: (await db.selectFrom("plan_measure_territories").select(["level", "code"]).where("measure_id", "=", measureId).orderBy("level").orderBy("code").execute()) as TerritoryInput[],
  };
}

function normalised(m: MeasureInput): MeasureInput {
  return { ...m, goalIds: unique(m.goalIds), priorityIds: unique(m.priorityIds), partnerOrganisationIds: unique(m.partnerOrganisationIds), territories: uniqueTerritories(m.territories) };
}

export async function createMeasure(trx: Transaction<Database>, ctx: WriteContext, planId: number, input: NewMeasure): Promise<number> {
  if (!can(ctx.actor, "measure", "manage")) throw forbidden();
  await planOr404(trx, planId);
  const m = normalised({ ...defaults, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as MeasureInput);
  await checkMeasure(trx, planId, m, () => true);
  const now = new Date().toISOString();
  const row = { ...columnsOf(m), plan_id: planId, is_demo: 0, created_at: now, updated_at: now };
  const { id } = await trx.insertInto("plan_measures").values(row).returning("id").executeTakeFirstOrThrow();
  await writeLinks(trx, id, m, () => true);
  await recordAudit(trx, ctx, { action: "measure.created", entityType: "measure", entityId: id, after: { ...row, ...(await linksOf(trx, id)) } });
  return id;
}

export async function updateMeasure(trx: Transaction<Database>, ctx: WriteContext, measureId: number, changes: MeasureChanges): Promise<void> {
  if (!can(ctx.actor, "measure", "manage")) throw forbidden();
  const before = await measureOr404(trx, measureId);
  if (Object.values(changes).every((v) => v === undefined)) return;
  const links = await linksOf(trx, measureId);
  const current: MeasureInput = {
    code: before.code,
    themeId: before.theme_id,
    titleFr: before.title_fr,
    titleNl: before.title_nl,
    descriptionFr: before.description_fr,
    descriptionNl: before.description_nl,
    pillar: before.pillar as Pillar,
    approach: before.approach as Approach,
    leadOrganisationId: before.lead_organisation_id,
    status: before.status as MeasureStatus,
    progress: before.progress,
    weight: before.weight,
    scope: before.scope as MeasureInput["scope"],
    ...links,
  };
  const given = (field: keyof MeasureInput) => changes[field] !== undefined;
  const merged = normalised({ ...current, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) } as MeasureInput);
  // A measure for the whole region lists no territories: moving it to `region` clears them.
  const clearTerritories = merged.scope === "region" && !given("territories") && merged.territories.length > 0;
  if (clearTerritories) merged.territories = [];
  await checkMeasure(trx, before.plan_id, merged, given, measureId);

  const row = { ...columnsOf(merged), updated_at: new Date().toISOString() };
  await trx.updateTable("plan_measures").set(row).where("id", "=", measureId).execute();
  await writeLinks(trx, measureId, merged, (field) => given(field) || (field === "territories" && clearTerritories));
  const after = { ...before, ...row, ...(await linksOf(trx, measureId)) };
  await recordAudit(trx, ctx, { action: "measure.updated", entityType: "measure", entityId: measureId, before: { ...before, ...links }, after });
}
