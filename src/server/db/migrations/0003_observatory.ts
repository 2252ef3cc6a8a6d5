// Frozen in time: never import application code here, only the dialect helper.
import type { Kysely } from "kysely";
import { withIdColumn } from "../dialect.js";

/** The observatory: a versioned crime taxonomy, import batches, facts at two grains, priority-zone proposals. */
export async function up(db: Kysely<any>): Promise<void> {
  const id = (name: string) => withIdColumn(db, db.schema.createTable(name));

  await id("crime_taxonomies")
    .addColumn("version", "text", (c) => c.notNull().unique())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await id("crime_categories")
    .addColumn("taxonomy_id", "integer", (c) => c.notNull().references("crime_taxonomies.id"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("parent_id", "integer", (c) => c.references("crime_categories.id"))
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("label_fr", "text", (c) => c.notNull())
    .addColumn("label_nl", "text", (c) => c.notNull())
    .addColumn("label_en", "text", (c) => c.notNull())
    .addColumn("to_verify", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("crime_categories_code", ["taxonomy_id", "code"])
    .execute();

  await id("observatory_batches")
    .addColumn("batch_key", "text", (c) => c.notNull().unique())
    .addColumn("grain", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("period_start", "text", (c) => c.notNull())
    .addColumn("period_end", "text", (c) => c.notNull())
    .addColumn("taxonomy_id", "integer", (c) => c.notNull().references("crime_taxonomies.id"))
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("rows", "integer", (c) => c.notNull())
    .addColumn("is_synthetic", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("imported_by", "integer", (c) => c.references("users.id"))
    .addColumn("imported_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("crime_counts")
    .addColumn("batch_id", "integer", (c) => c.notNull().references("observatory_batches.id").onDelete("cascade"))
    .addColumn("neighbourhood_code", "integer", (c) => c.notNull().references("neighbourhoods.code"))
    .addColumn("category_id", "integer", (c) => c.notNull().references("crime_categories.id"))
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("crime_counts_batch").on("crime_counts").column("batch_id").execute();
  await db.schema.createIndex("crime_counts_category_month").on("crime_counts").columns(["category_id", "month"]).execute();

  await id("crime_facts")
    .addColumn("batch_id", "integer", (c) => c.notNull().references("observatory_batches.id").onDelete("cascade"))
    .addColumn("occurred_at", "text", (c) => c.notNull())
    .addColumn("category_id", "integer", (c) => c.notNull().references("crime_categories.id"))
    .addColumn("neighbourhood_code", "integer", (c) => c.notNull().references("neighbourhoods.code"))
    .addColumn("lon", "double precision")
    .addColumn("lat", "double precision")
    .addColumn("attempt", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("victim_type", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("crime_facts_batch").on("crime_facts").column("batch_id").execute();
  await db.schema.createIndex("crime_facts_category_time").on("crime_facts").columns(["category_id", "occurred_at"]).execute();

  await id("priority_zone_proposals")
    .addColumn("run_key", "text", (c) => c.notNull())
    .addColumn("category_group", "text", (c) => c.notNull())
    .addColumn("neighbourhood_code", "integer", (c) => c.notNull().references("neighbourhoods.code"))
    .addColumn("evidence", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("decided_by", "integer", (c) => c.references("users.id"))
    .addColumn("decided_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("priority_zone_proposals_run", ["run_key", "category_group", "neighbourhood_code"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["priority_zone_proposals", "crime_facts", "crime_counts", "observatory_batches", "crime_categories", "crime_taxonomies"]) {
    await db.schema.dropTable(table).execute();
  }
}
