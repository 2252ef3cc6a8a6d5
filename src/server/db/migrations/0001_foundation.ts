// Frozen in time: never import application code here, only the dialect helper.
import type { Kysely } from "kysely";
import { withIdColumn } from "../dialect.js";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("reference_data")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("version", "text", (c) => c.notNull())
    .addColumn("loaded_at", "text", (c) => c.notNull())
    .execute();

  // ---- territory -------------------------------------------------------------
  await db.schema
    .createTable("police_zones")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("name_fr", "text", (c) => c.notNull())
    .addColumn("name_nl", "text", (c) => c.notNull())
    .addColumn("short_name", "text")
    .addColumn("area_km2", "double precision", (c) => c.notNull())
    .addColumn("population_2020", "integer", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("municipalities")
    .addColumn("nis_code", "integer", (c) => c.primaryKey())
    .addColumn("name_fr", "text", (c) => c.notNull())
    .addColumn("name_nl", "text", (c) => c.notNull())
    .addColumn("police_zone_id", "integer", (c) => c.notNull().references("police_zones.id"))
    .addColumn("postal_codes", "text", (c) => c.notNull())
    .addColumn("area_km2", "double precision", (c) => c.notNull())
    .addColumn("population_2020", "integer", (c) => c.notNull())
    .addColumn("centroid_lon", "double precision", (c) => c.notNull())
    .addColumn("centroid_lat", "double precision", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("neighbourhoods")
    .addColumn("code", "integer", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name_fr", "text", (c) => c.notNull())
    .addColumn("name_nl", "text", (c) => c.notNull())
    .addColumn("area_m2", "double precision", (c) => c.notNull())
    .addColumn("centroid_lon", "double precision", (c) => c.notNull())
    .addColumn("centroid_lat", "double precision", (c) => c.notNull())
    .addColumn("primary_municipality_nis", "integer", (c) => c.notNull().references("municipalities.nis_code"))
    .addColumn("primary_police_zone", "integer", (c) => c.notNull().references("police_zones.id"))
    .addColumn("unemployment_rate", "double precision")
    .addColumn("unemployment_year", "integer")
    .addColumn("cpas_rate", "double precision")
    .addColumn("cpas_year", "integer")
    .addColumn("bim_rate", "double precision")
    .addColumn("bim_year", "integer")
    .execute();

  await db.schema
    .createTable("neighbourhood_municipality_shares")
    .addColumn("neighbourhood_code", "integer", (c) => c.notNull().references("neighbourhoods.code"))
    .addColumn("municipality_nis", "integer", (c) => c.notNull().references("municipalities.nis_code"))
    .addColumn("area_share", "double precision", (c) => c.notNull())
    .addPrimaryKeyConstraint("neighbourhood_municipality_shares_pk", ["neighbourhood_code", "municipality_nis"])
    .execute();

  await db.schema
    .createTable("neighbourhood_population")
    .addColumn("neighbourhood_code", "integer", (c) => c.notNull().references("neighbourhoods.code"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("population", "integer")
    .addColumn("foreign_nationals", "integer")
    .addColumn("nationality_shares", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("neighbourhood_population_pk", ["neighbourhood_code", "year"])
    .execute();
  await db.schema.createIndex("neighbourhood_population_year").on("neighbourhood_population").column("year").execute();

  await db.schema
    .createTable("territory_geometries")
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("code", "integer", (c) => c.notNull())
    .addColumn("geometry", "text", (c) => c.notNull())
    .addColumn("simplified", "text", (c) => c.notNull())
    .addColumn("min_lon", "double precision", (c) => c.notNull())
    .addColumn("min_lat", "double precision", (c) => c.notNull())
    .addColumn("max_lon", "double precision", (c) => c.notNull())
    .addColumn("max_lat", "double precision", (c) => c.notNull())
    .addPrimaryKeyConstraint("territory_geometries_pk", ["level", "code"])
    .execute();

  // ---- access ----------------------------------------------------------------
  await withIdColumn(db, db.schema.createTable("organisations"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("name_fr", "text", (c) => c.notNull())
    .addColumn("name_nl", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("territory_level", "text")
    .addColumn("territory_code", "text")
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await withIdColumn(db, db.schema.createTable("users"))
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("fr"))
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("failed_logins", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locked_until", "text")
    .addColumn("must_change_password", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("password_changed_at", "text", (c) => c.notNull())
    .addColumn("last_login_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("users_organisation").on("users").column("organisation_id").execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();

  await withIdColumn(db, db.schema.createTable("api_tokens"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("prefix", "text", (c) => c.notNull())
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text")
    .addColumn("last_used_at", "text")
    .addColumn("revoked_at", "text")
    .execute();

  // ---- audit -----------------------------------------------------------------
  await db.schema
    .createTable("audit_log")
    .addColumn("seq", "integer", (c) => c.primaryKey())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "integer")
    .addColumn("actor_token_id", "integer")
    .addColumn("actor_org_id", "integer")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity_type", "text", (c) => c.notNull())
    .addColumn("entity_id", "text", (c) => c.notNull())
    .addColumn("diff", "text", (c) => c.notNull())
    .addColumn("request_id", "text")
    .addColumn("prev_hash", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audit_log_entity").on("audit_log").columns(["entity_type", "entity_id"]).execute();
  await db.schema.createIndex("audit_log_at").on("audit_log").column("at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "audit_log", "api_tokens", "sessions", "users", "organisations", "territory_geometries",
    "neighbourhood_population", "neighbourhood_municipality_shares", "neighbourhoods",
    "municipalities", "police_zones", "reference_data",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
