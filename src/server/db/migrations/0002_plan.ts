// Frozen in time: never import application code here, only the dialect helper.
import type { Kysely } from "kysely";
import { binaryType, withIdColumn } from "../dialect.js";

/** The regional plan: plans, themes, goals, priorities, measures and their parts, governance bodies, reporting rounds, snapshots. */
export async function up(db: Kysely<any>): Promise<void> {
  const id = (name: string) => withIdColumn(db, db.schema.createTable(name));
  const names = <T extends { addColumn: any }>(t: T, prefix: string, required = true) =>
    ["fr", "nl", "en"].reduce(
      (table: any, lang) => table.addColumn(`${prefix}_${lang}`, "text", (c: any) => (required ? c.notNull() : c)),
      t,
    ) as T;

  await names(id("plans").addColumn("code", "text", (c) => c.notNull().unique()), "title")
    .addColumn("start_year", "integer", (c) => c.notNull())
    .addColumn("end_year", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("previous_plan_id", "integer", (c) => c.references("plans.id"))
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  for (const table of ["plan_themes", "plan_goals", "plan_priorities"]) {
    await names(
      id(table)
        .addColumn("plan_id", "integer", (c) => c.notNull().references("plans.id"))
        .addColumn("number", "integer", (c) => c.notNull()),
      "title",
    )
      .addColumn("weight", "double precision", (c) => c.notNull().defaultTo(1))
      .addUniqueConstraint(`${table}_number`, ["plan_id", "number"])
      .execute();
  }

  await id("plan_measures")
    .addColumn("plan_id", "integer", (c) => c.notNull().references("plans.id"))
    .addColumn("theme_id", "integer", (c) => c.notNull().references("plan_themes.id"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("title_fr", "text", (c) => c.notNull())
    .addColumn("title_nl", "text", (c) => c.notNull())
    .addColumn("description_fr", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("description_nl", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("pillar", "text", (c) => c.notNull())
    .addColumn("approach", "text", (c) => c.notNull())
    .addColumn("lead_organisation_id", "integer", (c) => c.notNull().references("organisations.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("progress", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("weight", "double precision", (c) => c.notNull().defaultTo(1))
    .addColumn("scope", "text", (c) => c.notNull().defaultTo("region"))
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("plan_measures_code", ["plan_id", "code"])
    .execute();
  await db.schema.createIndex("plan_measures_theme").on("plan_measures").column("theme_id").execute();
  await db.schema.createIndex("plan_measures_lead").on("plan_measures").column("lead_organisation_id").execute();

  const link = (table: string, column: string, target: string) =>
    db.schema
      .createTable(table)
      .addColumn("measure_id", "integer", (c) => c.notNull().references("plan_measures.id").onDelete("cascade"))
      .addColumn(column, "integer", (c) => c.notNull().references(target))
      .addPrimaryKeyConstraint(`${table}_pk`, ["measure_id", column])
      .execute();
  await link("plan_measure_goals", "goal_id", "plan_goals.id");
  await link("plan_measure_priorities", "priority_id", "plan_priorities.id");
  await link("plan_measure_partners", "organisation_id", "organisations.id");

  await db.schema
    .createTable("plan_measure_territories")
    .addColumn("measure_id", "integer", (c) => c.notNull().references("plan_measures.id").onDelete("cascade"))
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("code", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("plan_measure_territories_pk", ["measure_id", "level", "code"])
    .execute();

  await id("plan_milestones")
    .addColumn("measure_id", "integer", (c) => c.notNull().references("plan_measures.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("title_fr", "text", (c) => c.notNull())
    .addColumn("title_nl", "text", (c) => c.notNull())
    .addColumn("due_date", "text", (c) => c.notNull())
    .addColumn("done_date", "text")
    .execute();
  await db.schema.createIndex("plan_milestones_measure").on("plan_milestones").column("measure_id").execute();

  await id("plan_indicators")
    .addColumn("measure_id", "integer", (c) => c.notNull().references("plan_measures.id").onDelete("cascade"))
    .addColumn("name_fr", "text", (c) => c.notNull())
    .addColumn("name_nl", "text", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("direction", "text", (c) => c.notNull())
    .addColumn("baseline_value", "double precision")
    .addColumn("baseline_year", "integer")
    .addColumn("target_value", "double precision")
    .addColumn("target_year", "integer")
    .addColumn("current_value", "double precision")
    .addColumn("current_on", "text")
    .execute();
  await db.schema.createIndex("plan_indicators_measure").on("plan_indicators").column("measure_id").execute();

  // ---- governance bodies -------------------------------------------------------
  await names(
    id("plan_bodies")
      .addColumn("plan_id", "integer", (c) => c.notNull().references("plans.id"))
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("theme_id", "integer", (c) => c.references("plan_themes.id")),
    "name",
  ).execute();

  await id("plan_body_members")
    .addColumn("body_id", "integer", (c) => c.notNull().references("plan_bodies.id").onDelete("cascade"))
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id"))
    .addColumn("person_name", "text", (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.references("users.id"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("plan_body_members_body").on("plan_body_members").column("body_id").execute();
  await db.schema.createIndex("plan_body_members_user").on("plan_body_members").column("user_id").execute();

  await id("plan_meetings")
    .addColumn("body_id", "integer", (c) => c.notNull().references("plan_bodies.id").onDelete("cascade"))
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("location", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("minutes_fr", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("minutes_nl", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema.createIndex("plan_meetings_body").on("plan_meetings").column("body_id").execute();
  await db.schema.createIndex("plan_meetings_starts").on("plan_meetings").column("starts_at").execute();

  await id("plan_agenda_items")
    .addColumn("meeting_id", "integer", (c) => c.notNull().references("plan_meetings.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("title_fr", "text", (c) => c.notNull())
    .addColumn("title_nl", "text", (c) => c.notNull())
    .addColumn("measure_id", "integer", (c) => c.references("plan_measures.id"))
    .execute();

  await db.schema
    .createTable("plan_attendance")
    .addColumn("meeting_id", "integer", (c) => c.notNull().references("plan_meetings.id").onDelete("cascade"))
    .addColumn("member_id", "integer", (c) => c.notNull().references("plan_body_members.id").onDelete("cascade"))
    .addColumn("present", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("plan_attendance_pk", ["meeting_id", "member_id"])
    .execute();

  await id("plan_decisions")
    .addColumn("meeting_id", "integer", (c) => c.notNull().references("plan_meetings.id").onDelete("cascade"))
    .addColumn("agenda_item_id", "integer", (c) => c.references("plan_agenda_items.id"))
    .addColumn("measure_id", "integer", (c) => c.references("plan_measures.id"))
    .addColumn("text_fr", "text", (c) => c.notNull())
    .addColumn("text_nl", "text", (c) => c.notNull())
    .execute();

  await id("plan_action_items")
    .addColumn("meeting_id", "integer", (c) => c.notNull().references("plan_meetings.id").onDelete("cascade"))
    .addColumn("decision_id", "integer", (c) => c.references("plan_decisions.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("owner_organisation_id", "integer", (c) => c.notNull().references("organisations.id"))
    .addColumn("owner_member_id", "integer", (c) => c.references("plan_body_members.id"))
    .addColumn("due_date", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("done_date", "text")
    .execute();

  // ---- progress reporting rounds ----------------------------------------------
  await names(
    id("plan_rounds")
      .addColumn("plan_id", "integer", (c) => c.notNull().references("plans.id"))
      .addColumn("period_label", "text", (c) => c.notNull())
      .addColumn("opens_on", "text", (c) => c.notNull())
      .addColumn("deadline", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("created_by", "integer", (c) => c.references("users.id"))
      .addColumn("created_at", "text", (c) => c.notNull()),
    "name",
  ).execute();

  await id("plan_updates")
    .addColumn("round_id", "integer", (c) => c.notNull().references("plan_rounds.id"))
    .addColumn("measure_id", "integer", (c) => c.notNull().references("plan_measures.id"))
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id"))
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("status", "text")
    .addColumn("progress", "integer")
    .addColumn("narrative", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("narrative_lang", "text")
    .addColumn("first_submitted_at", "text")
    .addColumn("submitted_at", "text")
    .addColumn("submitted_by", "integer", (c) => c.references("users.id"))
    .addColumn("validated_at", "text")
    .addColumn("validated_by", "integer", (c) => c.references("users.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("plan_updates_round_measure", ["round_id", "measure_id"])
    .execute();
  await db.schema.createIndex("plan_updates_org").on("plan_updates").columns(["organisation_id", "state"]).execute();

  await db.schema
    .createTable("plan_update_milestones")
    .addColumn("update_id", "integer", (c) => c.notNull().references("plan_updates.id").onDelete("cascade"))
    .addColumn("milestone_id", "integer", (c) => c.notNull().references("plan_milestones.id").onDelete("cascade"))
    .addColumn("done_date", "text")
    .addPrimaryKeyConstraint("plan_update_milestones_pk", ["update_id", "milestone_id"])
    .execute();

  await db.schema
    .createTable("plan_update_indicator_values")
    .addColumn("update_id", "integer", (c) => c.notNull().references("plan_updates.id").onDelete("cascade"))
    .addColumn("indicator_id", "integer", (c) => c.notNull().references("plan_indicators.id").onDelete("cascade"))
    .addColumn("value", "double precision", (c) => c.notNull())
    .addPrimaryKeyConstraint("plan_update_indicator_values_pk", ["update_id", "indicator_id"])
    .execute();

  await id("plan_update_comments")
    .addColumn("update_id", "integer", (c) => c.notNull().references("plan_updates.id").onDelete("cascade"))
    .addColumn("field", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("author_user_id", "integer", (c) => c.references("users.id"))
    .addColumn("author_organisation_id", "integer", (c) => c.notNull().references("organisations.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("resolved", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("plan_update_comments_update").on("plan_update_comments").column("update_id").execute();

  await id("plan_update_revisions")
    .addColumn("update_id", "integer", (c) => c.notNull().references("plan_updates.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "integer", (c) => c.references("users.id"))
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("plan_update_revisions_update").on("plan_update_revisions").column("update_id").execute();

  await id("plan_evidence")
    .addColumn("update_id", "integer", (c) => c.notNull().references("plan_updates.id").onDelete("cascade"))
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("content", binaryType(db), (c) => c.notNull())
    .addColumn("uploaded_by", "integer", (c) => c.references("users.id"))
    .addColumn("uploaded_at", "text", (c) => c.notNull())
    .execute();

  // ---- frozen snapshots for the council ----------------------------------------
  await id("plan_snapshots")
    .addColumn("plan_id", "integer", (c) => c.notNull().references("plans.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("taken_at", "text", (c) => c.notNull())
    .addColumn("taken_by", "integer", (c) => c.references("users.id"))
    .addColumn("data", "text", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addUniqueConstraint("plan_snapshots_version", ["plan_id", "version"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "plan_snapshots", "plan_evidence", "plan_update_revisions", "plan_update_comments", "plan_update_indicator_values",
    "plan_update_milestones", "plan_updates", "plan_rounds", "plan_action_items", "plan_decisions", "plan_attendance",
    "plan_agenda_items", "plan_meetings", "plan_body_members", "plan_bodies", "plan_indicators", "plan_milestones",
    "plan_measure_territories", "plan_measure_partners", "plan_measure_priorities", "plan_measure_goals", "plan_measures",
    "plan_priorities", "plan_goals", "plan_themes", "plans",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
