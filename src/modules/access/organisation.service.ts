import type { Transaction } from "kysely";
import type { Db } from "../../server/db/database.js";
import type { Database } from "../../server/db/schema.js";
import type { WriteContext } from "../../server/http/context.js";
import { conflict, notFound } from "../../shared/errors.js";
import type { OrganisationKind } from "../../shared/roles.js";
import { recordAudit } from "../audit/audit.service.js";

export interface OrganisationInput {
  kind: OrganisationKind;
  code: string;
  nameFr: string;
  nameNl: string;
  nameEn: string;
  territoryLevel?: "municipality" | "police_zone" | null | undefined;
  territoryCode?: string | null | undefined;
}

export interface OrganisationFilter {
  kind?: OrganisationKind | undefined;
  active?: boolean | undefined;
}

export async function listOrganisations(db: Db, filter: OrganisationFilter = {}) {
  let q = db.selectFrom("organisations").selectAll();
  if (filter.kind) q = q.where("kind", "=", filter.kind);
  if (filter.active !== undefined) q = q.where("active", "=", filter.active ? 1 : 0);
  return q.orderBy("kind").orderBy("code").execute();
}

export async function getOrganisation(db: Db, id: number) {
  const row = await db.selectFrom("organisations").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("organisation", id);
  return row;
}

export async function findOrganisationByCode(db: Db, code: string) {
  return db.selectFrom("organisations").selectAll().where("code", "=", code).executeTakeFirst();
}

function toRow(input: OrganisationInput) {
  return {
    kind: input.kind,
    code: input.code,
    name_fr: input.nameFr,
    name_nl: input.nameNl,
    name_en: input.nameEn,
    territory_level: input.territoryLevel ?? null,
    territory_code: input.territoryCode ?? null,
  };
}

export async function createOrganisation(trx: Transaction<Database>, ctx: WriteContext, input: OrganisationInput): Promise<number> {
  if (await findOrganisationByCode(trx, input.code)) throw conflict("code", { code: input.code });
  const row = { ...toRow(input), active: 1, created_at: new Date().toISOString() };
  const { id } = await trx.insertInto("organisations").values(row).returning("id").executeTakeFirstOrThrow();
  await recordAudit(trx, ctx, { action: "organisation.created", entityType: "organisation", entityId: id, after: row });
  return id;
}

export async function updateOrganisation(
  trx: Transaction<Database>,
  ctx: WriteContext,
  id: number,
  changes: Partial<OrganisationInput> & { active?: boolean | undefined },
): Promise<void> {
  const before = await getOrganisation(trx, id);
  if (changes.code && changes.code !== before.code && (await findOrganisationByCode(trx, changes.code))) {
    throw conflict("code", { code: changes.code });
  }
  const merged = toRow({
    kind: (changes.kind ?? before.kind) as OrganisationKind,
    code: changes.code ?? before.code,
    nameFr: changes.nameFr ?? before.name_fr,
    nameNl: changes.nameNl ?? before.name_nl,
    nameEn: changes.nameEn ?? before.name_en,
    territoryLevel: changes.territoryLevel !== undefined ? changes.territoryLevel : (before.territory_level as OrganisationInput["territoryLevel"]),
    territoryCode: changes.territoryCode !== undefined ? changes.territoryCode : before.territory_code,
  });
  const after = { ...merged, active: changes.active === undefined ? before.active : changes.active ? 1 : 0 };
  await trx.updateTable("organisations").set(after).where("id", "=", id).execute();
  await recordAudit(trx, ctx, { action: "organisation.updated", entityType: "organisation", entityId: id, before, after: { ...before, ...after } });
}
