// Frozen in time: never import application code here, only the dialect helper.
import type { Kysely } from "kysely";
import { withIdColumn } from "../dialect.js";

/**
 * Observatory publications: an annual report (or another publication) is a frozen manifest
 * (batches, filters, population vintage, seed, permutations, software version) from which the
 * PDF, the XLSX annex and the figures are regenerated identically. A published publication's
 * years are what the anonymous public page and the open data show.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withIdColumn(db, db.schema.createTable("observatory_publications"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("title_fr", "text", (c) => c.notNull())
    .addColumn("title_nl", "text", (c) => c.notNull())
    .addColumn("title_en", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("manifest", "text", (c) => c.notNull())
    .addColumn("manifest_sha256", "text", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("published_by", "integer", (c) => c.references("users.id"))
    .addColumn("published_at", "text")
    .execute();
  await db.schema.createIndex("observatory_publications_status_year").on("observatory_publications").columns(["status", "year"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("observatory_publications").execute();
}
