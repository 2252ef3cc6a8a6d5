import type { ApiTokenTable, OrganisationTable, SessionTable, UserTable } from "../../modules/access/access.table.js";
import type { AuditLogTable } from "../../modules/audit/audit.table.js";
import type * as Plan from "../../modules/plan/plan.table.js";
import type * as Observatory from "../../modules/observatory/observatory.table.js";
import type {
  MunicipalityTable,
  NeighbourhoodPopulationTable,
  NeighbourhoodShareTable,
  NeighbourhoodTable,
  PoliceZoneTable,
  TerritoryGeometryTable,
} from "../../modules/territory/territory.table.js";

/** Every table Vigil owns; each module declares its own in `<module>.table.ts`. */
export interface Database {
  organisations: OrganisationTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  audit_log: AuditLogTable;
  police_zones: PoliceZoneTable;
  municipalities: MunicipalityTable;
  neighbourhoods: NeighbourhoodTable;
  neighbourhood_municipality_shares: NeighbourhoodShareTable;
  neighbourhood_population: NeighbourhoodPopulationTable;
  territory_geometries: TerritoryGeometryTable;
  reference_data: { key: string; version: string; loaded_at: string };
  plans: Plan.PlanTable;
  plan_themes: Plan.PlanNumberedTable;
  plan_goals: Plan.PlanNumberedTable;
  plan_priorities: Plan.PlanNumberedTable;
  plan_measures: Plan.PlanMeasureTable;
  plan_measure_goals: Plan.PlanMeasureGoalTable;
  plan_measure_priorities: Plan.PlanMeasurePriorityTable;
  plan_measure_partners: Plan.PlanMeasurePartnerTable;
  plan_measure_territories: Plan.PlanMeasureTerritoryTable;
  plan_milestones: Plan.PlanMilestoneTable;
  plan_indicators: Plan.PlanIndicatorTable;
  plan_bodies: Plan.PlanBodyTable;
  plan_body_members: Plan.PlanBodyMemberTable;
  plan_meetings: Plan.PlanMeetingTable;
  plan_agenda_items: Plan.PlanAgendaItemTable;
  plan_attendance: Plan.PlanAttendanceTable;
  plan_decisions: Plan.PlanDecisionTable;
  plan_action_items: Plan.PlanActionItemTable;
  plan_rounds: Plan.PlanRoundTable;
  plan_updates: Plan.PlanUpdateTable;
  plan_update_milestones: Plan.PlanUpdateMilestoneTable;
  plan_update_indicator_values: Plan.PlanUpdateIndicatorValueTable;
  plan_update_comments: Plan.PlanUpdateCommentTable;
  plan_update_revisions: Plan.PlanUpdateRevisionTable;
  plan_evidence: Plan.PlanEvidenceTable;
  plan_snapshots: Plan.PlanSnapshotTable;
  crime_taxonomies: Observatory.CrimeTaxonomyTable;
  crime_categories: Observatory.CrimeCategoryTable;
  observatory_batches: Observatory.ObservatoryBatchTable;
  crime_counts: Observatory.CrimeCountTable;
  crime_facts: Observatory.CrimeFactTable;
  priority_zone_proposals: Observatory.PriorityZoneProposalTable;
  observatory_publications: Observatory.PublicationTable;
}
