import type { Generated } from "kysely";

/** Dates are ISO text: `YYYY-MM-DD` for days, full ISO-8601 UTC for instants. */

export interface PlanTable {
  id: Generated<number>;
  code: string;
  title_fr: string;
  title_nl: string;
  title_en: string;
  start_year: number;
  end_year: number;
  /** draft | active | closed */
  status: string;
  previous_plan_id: number | null;
  is_demo: number;
  created_at: string;
}

/** Themes, transversal goals and municipal-plan priorities share one shape. */
export interface PlanNumberedTable {
  id: Generated<number>;
  plan_id: number;
  number: number;
  title_fr: string;
  title_nl: string;
  title_en: string;
  /** Weight in the plan's progress roll-up (themes); 1 elsewhere. */
  weight: Generated<number>;
}

export interface PlanMeasureTable {
  id: Generated<number>;
  plan_id: number;
  theme_id: number;
  code: string;
  title_fr: string;
  title_nl: string;
  description_fr: string;
  description_nl: string;
  /** prevention | reaction | analysis_evaluation */
  pillar: string;
  /** transversal | thematic | territorial */
  approach: string;
  lead_organisation_id: number;
  /** planned | in_progress | done | delayed | stopped */
  status: string;
  /** 0-100 */
  progress: number;
  /** Weight in its theme's roll-up. */
  weight: number;
  /** region | territories (then plan_measure_territories lists them) */
  scope: string;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

export interface PlanMeasureGoalTable {
  measure_id: number;
  goal_id: number;
}
export interface PlanMeasurePriorityTable {
  measure_id: number;
  priority_id: number;
}
export interface PlanMeasurePartnerTable {
  measure_id: number;
  organisation_id: number;
}
export interface PlanMeasureTerritoryTable {
  measure_id: number;
  /** municipality | neighbourhood | police_zone */
  level: string;
  code: number;
}

export interface PlanMilestoneTable {
  id: Generated<number>;
  measure_id: number;
  position: number;
  title_fr: string;
  title_nl: string;
  due_date: string;
  done_date: string | null;
}

export interface PlanIndicatorTable {
  id: Generated<number>;
  measure_id: number;
  name_fr: string;
  name_nl: string;
  /** number | percent | eur | count ... shown as is */
  unit: string;
  /** increase | decrease | maintain */
  direction: string;
  baseline_value: number | null;
  baseline_year: number | null;
  target_value: number | null;
  target_year: number | null;
  current_value: number | null;
  current_on: string | null;
}

export interface PlanBodyTable {
  id: Generated<number>;
  plan_id: number;
  /** working_group | coordination_committee | security_council */
  kind: string;
  theme_id: number | null;
  name_fr: string;
  name_nl: string;
  name_en: string;
}

export interface PlanBodyMemberTable {
  id: Generated<number>;
  body_id: number;
  organisation_id: number;
  person_name: string;
  /** The member's Vigil account, when they have one: they then see the body's meetings. */
  user_id: number | null;
  /** chair | secretary | member */
  role: string;
  active: number;
}

export interface PlanMeetingTable {
  id: Generated<number>;
  body_id: number;
  starts_at: string;
  location: string;
  /** planned | held | cancelled */
  status: string;
  minutes_fr: string;
  minutes_nl: string;
}

export interface PlanAgendaItemTable {
  id: Generated<number>;
  meeting_id: number;
  position: number;
  title_fr: string;
  title_nl: string;
  measure_id: number | null;
}

export interface PlanAttendanceTable {
  meeting_id: number;
  member_id: number;
  present: number;
}

export interface PlanDecisionTable {
  id: Generated<number>;
  meeting_id: number;
  agenda_item_id: number | null;
  measure_id: number | null;
  text_fr: string;
  text_nl: string;
}

export interface PlanActionItemTable {
  id: Generated<number>;
  meeting_id: number;
  decision_id: number | null;
  title: string;
  owner_organisation_id: number;
  owner_member_id: number | null;
  due_date: string;
  /** open | done | cancelled */
  status: string;
  done_date: string | null;
}

export interface PlanRoundTable {
  id: Generated<number>;
  plan_id: number;
  name_fr: string;
  name_nl: string;
  name_en: string;
  /** e.g. 2018-S2 */
  period_label: string;
  opens_on: string;
  deadline: string;
  /** open | closed */
  status: string;
  created_by: number | null;
  created_at: string;
}

export interface PlanUpdateTable {
  id: Generated<number>;
  round_id: number;
  measure_id: number;
  /** The lead organisation when the round opened: it files this update. */
  organisation_id: number;
  /** draft | submitted | returned | validated */
  state: string;
  /** Incremented at each submission. */
  version: number;
  status: string | null;
  progress: number | null;
  narrative: string;
  narrative_lang: string | null;
  first_submitted_at: string | null;
  submitted_at: string | null;
  submitted_by: number | null;
  validated_at: string | null;
  validated_by: number | null;
  updated_at: string;
}

export interface PlanUpdateMilestoneTable {
  update_id: number;
  milestone_id: number;
  done_date: string | null;
}

export interface PlanUpdateIndicatorValueTable {
  update_id: number;
  indicator_id: number;
  value: number;
}

export interface PlanUpdateCommentTable {
  id: Generated<number>;
  update_id: number;
  /** status | progress | narrative | milestone:<id> | indicator:<id> | evidence | general */
  field: string;
  /** return (the agency sends back) | answer (the organisation replies) */
  kind: string;
  body: string;
  author_user_id: number | null;
  author_organisation_id: number;
  /** The update version the comment was made on. */
  version: number;
  resolved: number;
  created_at: string;
}

export interface PlanUpdateRevisionTable {
  id: Generated<number>;
  update_id: number;
  version: number;
  /** submitted | returned | validated */
  action: string;
  /** JSON of the update as it was at that moment. */
  payload: string;
  actor_user_id: number | null;
  at: string;
}

export interface PlanEvidenceTable {
  id: Generated<number>;
  update_id: number;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  uploaded_by: number | null;
  uploaded_at: string;
}

export interface PlanSnapshotTable {
  id: Generated<number>;
  plan_id: number;
  /** 1, 2, 3... per plan. */
  version: number;
  title: string;
  taken_at: string;
  taken_by: number | null;
  /** JSON of the frozen plan (see plan.snapshot.ts). Never updated. */
  data: string;
  sha256: string;
}
