/** The regional plan's fixed vocabularies, shared by server, web, PDF and spreadsheets. */
export const measureStatuses = ["planned", "in_progress", "done", "delayed", "stopped"] as const;
export type MeasureStatus = (typeof measureStatuses)[number];

export const pillars = ["prevention", "reaction", "analysis_evaluation"] as const;
export type Pillar = (typeof pillars)[number];

export const approaches = ["transversal", "thematic", "territorial"] as const;
export type Approach = (typeof approaches)[number];

export const planStatuses = ["draft", "active", "closed"] as const;
export type PlanStatus = (typeof planStatuses)[number];

export const bodyKinds = ["working_group", "coordination_committee", "security_council"] as const;
export type BodyKind = (typeof bodyKinds)[number];

export const memberRoles = ["chair", "secretary", "member"] as const;
export type MemberRole = (typeof memberRoles)[number];

export const meetingStatuses = ["planned", "held", "cancelled"] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];

export const actionItemStatuses = ["open", "done", "cancelled"] as const;
export type ActionItemStatus = (typeof actionItemStatuses)[number];

export const roundStatuses = ["open", "closed"] as const;
export type RoundStatus = (typeof roundStatuses)[number];

/** draft (not yet filed) -> submitted -> returned (sent back) -> submitted ... -> validated */
export const updateStates = ["draft", "submitted", "returned", "validated"] as const;
export type UpdateState = (typeof updateStates)[number];

export const indicatorDirections = ["increase", "decrease", "maintain"] as const;
export type IndicatorDirection = (typeof indicatorDirections)[number];

export const territoryLevels = ["municipality", "neighbourhood", "police_zone"] as const;
export type TerritoryLevel = (typeof territoryLevels)[number];

/** Fields of a progress update the agency can comment on when it sends the update back. */
export const commentableFields = ["status", "progress", "narrative", "milestones", "indicators", "evidence", "general"] as const;

/** Largest evidence file accepted, in bytes. */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
/** Largest spreadsheet accepted for import, in bytes. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
