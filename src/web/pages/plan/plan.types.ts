/** The plan API as the web app reads it (docs/modules/plan.md, GET/POST /api/plan/...). */
import type { ActionItemStatus, Approach, BodyKind, IndicatorDirection, MeasureStatus, MeetingStatus, MemberRole, Pillar, PlanStatus, RoundStatus, TerritoryLevel, UpdateState } from "../../../shared/plan.js";

export interface Titles {
  fr: string;
  nl: string;
  en: string;
}

export interface OrganisationRef {
  id: number;
  code: string;
  name: string;
}

export interface Plan {
  id: number;
  code: string;
  title: string;
  titles: Titles;
  startYear: number;
  endYear: number;
  status: PlanStatus;
  isDemo: boolean;
  actions: string[];
}

export interface Numbered {
  id: number;
  number: number;
  title: string;
  titles: Titles;
  weight: number;
}

export interface PlanDetail extends Plan {
  themes: Numbered[];
  goals: Numbered[];
  priorities: Numbered[];
}

export interface StatusCount {
  total: number;
  byStatus: Record<MeasureStatus, number>;
}

export interface Overview {
  plan: Plan;
  progress: number | null;
  themes: Array<{ id: number; number: number; title: string; progress: number | null; measureCount: number; byPillar: Record<Pillar, StatusCount> }>;
  lateMilestones: Array<{ milestoneId: number; measureId: number; measureCode: string; measureTitle: string; title: string; dueDate: string; daysLate: number }>;
  currentRound: null | {
    id: number;
    name: string;
    deadline: string;
    missing: Array<{ measureId: number; code: string; title: string; leadOrganisation: { id: number; name: string } }>;
  };
  byLeadOrganisation: Array<{ organisation: OrganisationRef; measures: number; progress: number | null; lateMilestones: number }>;
  territorial: Array<{ measureId: number; code: string; title: string; status: MeasureStatus; territories: Array<{ level: TerritoryLevel; code: number }> }>;
}

export interface ExplanationPart {
  kind: "theme" | "measure";
  id: number;
  label: string;
  weight: number;
  value: number | null;
  contribution: number;
  counted: boolean;
  reason?: string;
}

export interface Explanation {
  level: "plan" | "theme";
  id: number;
  value: number | null;
  method: "weighted_mean";
  parts: ExplanationPart[];
}

export interface MeasureRow {
  id: number;
  code: string;
  title: string;
  titles: Titles;
  theme: { id: number; number: number; title: string };
  pillar: Pillar;
  approach: Approach;
  leadOrganisation: OrganisationRef;
  status: MeasureStatus;
  progress: number;
  weight: number;
  scope: string;
  isDemo: boolean;
  lateMilestones: number;
  actions: string[];
}

export interface Milestone {
  id: number;
  position: number;
  title: string;
  titles: Titles;
  dueDate: string;
  doneDate: string | null;
  late: boolean;
}

export interface Indicator {
  id: number;
  name: string;
  names: Titles;
  unit: string;
  direction: IndicatorDirection;
  baseline: { value: number | null; year: number | null };
  target: { value: number | null; year: number | null };
  current: { value: number | null; on: string | null };
  attainment: number | null;
}

export interface MeasureDetail extends MeasureRow {
  descriptions: { fr: string; nl: string };
  goals: Array<{ id: number; number: number; title: string }>;
  priorities: Array<{ id: number; number: number; title: string }>;
  partners: OrganisationRef[];
  territories: Array<{ level: TerritoryLevel; code: number; name: string }>;
  milestones: Milestone[];
  indicators: Indicator[];
  history: Array<{
    updateId: number;
    round: { id: number; name: string; periodLabel: string };
    state: UpdateState;
    version: number;
    status: MeasureStatus | null;
    progress: number | null;
    submittedAt: string | null;
    validatedAt: string | null;
    late: boolean;
  }>;
  meetings: Array<{ meetingId: number; startsAt: string; body: { id: number; name: string; kind: BodyKind }; agendaTitle: string }>;
  decisions: Array<{ id: number; meetingId: number; startsAt: string; text: string }>;
}

export interface Round {
  id: number;
  name: string;
  names: Titles;
  periodLabel: string;
  opensOn: string;
  deadline: string;
  status: RoundStatus;
  counts: { draft: number; submitted: number; returned: number; validated: number; late: number };
  actions: string[];
}

export interface RoundUpdateRow {
  id: number;
  measure: { id: number; code: string; title: string };
  organisation: OrganisationRef;
  state: UpdateState;
  version: number;
  submittedAt: string | null;
  late: boolean;
  openComments: number;
  actions: string[];
}

export interface InboxRow {
  id: number;
  round: { id: number; name: string; deadline: string };
  measure: { id: number; code: string; title: string };
  state: UpdateState;
  late: boolean;
  openComments: number;
  actions: string[];
}

export interface UpdateComment {
  id: number;
  field: string;
  kind: "return" | "answer";
  body: string;
  author: { name: string | null; organisation: string | OrganisationRef | null };
  version: number;
  resolved: boolean;
  createdAt: string;
}

export interface Evidence {
  id: number;
  filename: string;
  contentType: string;
  size: number;
  uploadedAt?: string;
}

export interface UpdateDetail {
  id: number;
  round: { id: number; name: string; deadline: string; periodLabel: string; status: RoundStatus };
  measure: { id: number; code: string; title: string; status: MeasureStatus; progress: number };
  organisation: OrganisationRef;
  state: UpdateState;
  version: number;
  status: MeasureStatus | null;
  progress: number | null;
  narrative: string;
  narrativeLang: "fr" | "nl" | null;
  milestones: Array<{ milestoneId: number; title: string; dueDate: string; doneDate: string | null; proposedDoneDate: string | null }>;
  indicators: Array<{
    indicatorId: number;
    name: string;
    unit: string;
    baseline: { value: number | null; year: number | null };
    target: { value: number | null; year: number | null };
    current: { value: number | null; on: string | null };
    proposedValue: number | null;
  }>;
  evidence: Evidence[];
  comments: UpdateComment[];
  revisions: Array<{ version: number; action: "submitted" | "returned" | "validated"; at: string; actor: { id: number; name: string } | null }>;
  late: boolean;
  actions: string[];
}

export interface BodyRow {
  id: number;
  kind: BodyKind;
  theme: { id: number; number: number; title: string } | null;
  name: string;
  names: Titles;
  memberCount: number;
  isMember: boolean;
  nextMeeting: { id: number; startsAt: string } | null;
  actions: string[];
}

export interface BodyDetail extends BodyRow {
  members: Array<{ id: number; personName: string; organisation: OrganisationRef; role: MemberRole; userId: number | null; active: boolean }>;
  /** Empty when the caller may not read the body's meetings. */
  meetings: Array<{ id: number; startsAt: string; location: string; status: MeetingStatus }>;
}

export interface CalendarMeeting {
  id: number;
  startsAt: string;
  location: string;
  status: MeetingStatus;
  body: { id: number; kind: BodyKind; name: string };
}

export interface MeetingDetail extends CalendarMeeting {
  minutes: { fr: string; nl: string };
  agenda: Array<{ id: number; position: number; title: string; titles: Titles; measure: { id: number; code: string; title: string } | null }>;
  attendance: Array<{ memberId: number; personName: string; organisation: OrganisationRef; present: boolean }>;
  decisions: Array<{ id: number; agendaItemId: number | null; measure: { id: number; code: string; title: string } | null; text: string; texts: { fr: string; nl: string } }>;
  actionItems: Array<{
    id: number;
    decisionId: number | null;
    title: string;
    owner: { organisation: OrganisationRef; memberId: number | null; memberName: string | null };
    dueDate: string;
    status: ActionItemStatus;
    doneDate: string | null;
    late: boolean;
    actions: string[];
  }>;
  actions: string[];
}

export interface ImportResult {
  dryRun: boolean;
  summary: { rows: number; changed: number; unchanged: number; created: number; errors: number };
  changes: Array<{ row: number; code: string; field: string; before: unknown; after: unknown }>;
  errors: Array<{ row: number; column: string | null; code: string; message: string }>;
}

export interface Snapshot {
  id: number;
  version: number;
  title: string;
  takenAt: string;
  takenBy: string | { name: string | null } | null;
  sha256: string;
}

export interface SnapshotDiff {
  from: { id: number; version: number; takenAt: string };
  to: { id: number; version: number; takenAt: string };
  plan: { progressBefore: number | null; progressAfter: number | null };
  themes: Array<{ number: number; title: string; progressBefore: number | null; progressAfter: number | null }>;
  measures: Array<{ code: string; title: string; changes: Array<{ field: string; before: unknown; after: unknown }> }>;
  added: string[];
  removed: string[];
}
