/**
 * Observatory publications (annual reports): create a draft (its manifest built and stored
 * with its sha256, audited), list and read them (drafts only for `observatory.report`),
 * publish (its years become public; one published annual report per year) and withdraw
 * (audited), and regenerate the figures, PDFs and XLSX annex from the stored manifest.
 */
import type { Selectable, Transaction } from "kysely";
import type { Actor } from "../../../server/auth/actor.js";
import { can } from "../../../server/auth/policy.js";
import { lockChain } from "../../../server/db/dialect.js";
import type { Database } from "../../../server/db/schema.js";
import type { WriteContext } from "../../../server/http/context.js";
import { AppError, notFound } from "../../../shared/errors.js";
import { translator } from "../../../shared/i18n/index.js";
import { locales } from "../../../shared/locale.js";
import { recordAudit } from "../../audit/audit.service.js";
import type { FileLang } from "../../plan/xlsx-export.js";
import type { PublicationTable } from "../observatory.table.js";
import { buildManifest, manifestText, parseManifest, type ManifestRequest, type SignedManifest } from "./manifest.js";
import { annualReportAnnex } from "./report-annex.js";
import { reportFigures, verifyManifest, type ReportFigures } from "./report-data.js";
import type { Reader } from "./report-inputs.js";
import { loadMapShapes } from "./report-maps.js";
import { annualReportPdf } from "./report-pdf.js";

/** Serialises "one published annual report per year" on PostgreSQL (SQLite writers already queue). */
const PUBLICATION_LOCK_KEY = 7_301;
const ENTITY = "observatory_publication";

export type PublicationRow = Selectable<PublicationTable>;

/** The stored manifest, checked against its stored sha256. */
export function storedManifest(row: PublicationRow): SignedManifest {
  return parseManifest(JSON.stringify({ ...(JSON.parse(row.manifest) as object), sha256: row.manifest_sha256 }));
}

/** Builds the manifest from the data as they are now and stores it as a draft; returns the new id. */
export async function createPublication(trx: Transaction<Database>, ctx: WriteContext, request: ManifestRequest, now = new Date()): Promise<number> {
  const manifest = await buildManifest(trx, { ...request, createdAt: now });
  return insertPublication(trx, ctx, manifest, "draft", now);
}

/** Stores a manifest as a publication with the given status (the demo seed stores a published one). */
export async function insertPublication(trx: Transaction<Database>, ctx: WriteContext, manifest: SignedManifest, status: "draft" | "published", now = new Date()): Promise<number> {
  const { sha256, ...content } = manifest;
  const titles = Object.fromEntries(locales.map((l) => [l, translator(l)("observatoryReport.title", { year: manifest.year })])) as Record<(typeof locales)[number], string>;
  const at = now.toISOString();
  const { id } = await trx
    .insertInto("observatory_publications")
    .values({
      kind: manifest.kind,
      year: manifest.year,
      title_fr: titles.fr,
      title_nl: titles.nl,
      title_en: titles.en,
      status,
      manifest: manifestText(content),
      manifest_sha256: sha256,
      created_by: ctx.actor.userId,
      created_at: at,
      published_by: status === "published" ? ctx.actor.userId : null,
      published_at: status === "published" ? at : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(trx, ctx, {
    action: `${ENTITY}.created`,
    entityType: ENTITY,
    entityId: id,
    after: { kind: manifest.kind, year: manifest.year, status, period: manifest.period, batches: manifest.batches.map((b) => b.batchKey), manifest_sha256: sha256 },
  }, now);
  return id;
}

const mayReport = (actor: Actor) => can(actor, "observatory", "report");

/** Publications the actor may see, latest first: all of them with `report`, the published ones otherwise. */
export async function listPublications(db: Reader, actor: Actor): Promise<PublicationRow[]> {
  let q = db.selectFrom("observatory_publications").selectAll().orderBy("year", "desc").orderBy("id", "desc");
  if (!mayReport(actor)) q = q.where("status", "=", "published");
  return q.execute();
}

/** One publication; a draft or withdrawn one is "not found" for an actor without `report`. */
export async function getPublication(db: Reader, actor: Actor, id: number): Promise<PublicationRow> {
  const row = await db.selectFrom("observatory_publications").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row || (row.status !== "published" && !mayReport(actor))) throw notFound(ENTITY, id);
  return row;
}

const statusConflict = (status: string) =>
  new AppError("conflict", { fields: [{ field: "status", key: "observatoryReport.error.status", params: { status } }], detail: `publication is ${status}` });

async function changeStatus(trx: Transaction<Database>, ctx: WriteContext, id: number, from: string[], to: "published" | "withdrawn", now: Date): Promise<void> {
  const before = await getPublication(trx, ctx.actor, id);
  if (!from.includes(before.status)) throw statusConflict(before.status);
  const after = to === "published" ? { status: to, published_by: ctx.actor.userId, published_at: now.toISOString() } : { status: to };
  // conditional on the status, so that of two concurrent changes only one lands
  const updated = await trx.updateTable("observatory_publications").set(after).where("id", "=", id).where("status", "=", before.status).executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw statusConflict("changed");
  const { manifest: _manifest, ...shown } = before;
  await recordAudit(trx, ctx, { action: `${ENTITY}.${to}`, entityType: ENTITY, entityId: id, before: shown, after: { ...shown, ...after } }, now);
}

/**
 * Publishes a draft (or a withdrawn publication again): its years become public. Refused
 * when another annual report of the same year is published, or when the manifest can no
 * longer be regenerated (a batch gone or changed).
 */
export async function publishPublication(trx: Transaction<Database>, ctx: WriteContext, id: number, now = new Date()): Promise<void> {
  await lockChain(trx, PUBLICATION_LOCK_KEY);
  const row = await getPublication(trx, ctx.actor, id);
  const other = await trx
    .selectFrom("observatory_publications")
    .select("id")
    .where("kind", "=", row.kind)
    .where("year", "=", row.year)
    .where("status", "=", "published")
    .where("id", "!=", id)
    .executeTakeFirst();
  if (other) throw new AppError("conflict", { fields: [{ field: "year", key: "observatoryReport.error.alreadyPublished", params: { year: row.year } }], detail: `publication ${other.id} is published` });
  await verifyManifest(trx, storedManifest(row));
  await changeStatus(trx, ctx, id, ["draft", "withdrawn"], "published", now);
}

/** Withdraws a published publication: its years are no longer public (unless another publication covers them). */
export async function withdrawPublication(trx: Transaction<Database>, ctx: WriteContext, id: number, now = new Date()): Promise<void> {
  await changeStatus(trx, ctx, id, ["published"], "withdrawn", now);
}

export interface RegeneratedReport {
  figures: ReportFigures;
  pdf(lang: FileLang): Promise<Buffer>;
  annex(lang: FileLang): Promise<Buffer>;
}

/** Recomputes every figure from the manifest (refusing when its data changed); the files are drawn from them. */
export async function regenerate(db: Reader, manifest: SignedManifest): Promise<RegeneratedReport> {
  const figures = await reportFigures(db, manifest);
  const shapes = await loadMapShapes(db, manifest.population.territoryVersion);
  return {
    figures,
    pdf: (lang) => annualReportPdf(manifest, figures, shapes, lang),
    annex: (lang) => annualReportAnnex(manifest, figures, lang),
  };
}
