import type { Actor } from "../../server/auth/actor.js";
import { agencyRoleIn, anyone, type ResourcePolicy, type Rule } from "../../server/auth/rules.js";

/** Agency coordinators (and admins) run the plan: measures, bodies, rounds, imports and snapshots. */
const agencyCoordinator = agencyRoleIn("coordinator", "admin");

/** What an update or a measure belongs to: its lead organisation files its progress. */
export interface LeadSubject {
  organisationId: number;
}

/** The lead organisation's editors, coordinators and admins file updates for the measures it leads. */
const fileUpdate: Rule<LeadSubject> = (actor: Actor, subject?: LeadSubject) =>
  ["editor", "coordinator", "admin"].includes(actor.role) && (subject === undefined || subject.organisationId === actor.organisationId);

/** The agency reads every update; an organisation reads the updates it files. */
const readUpdate: Rule<LeadSubject> = (actor: Actor, subject?: LeadSubject) =>
  actor.organisationKind === "agency" || subject === undefined || subject.organisationId === actor.organisationId;

/** Who sits on a body. */
export interface MembershipSubject {
  memberUserIds: number[];
}

/** The agency sees every meeting; others see the meetings of the bodies they sit on. */
const readMeeting: Rule<MembershipSubject> = (actor: Actor, subject?: MembershipSubject) =>
  actor.organisationKind === "agency" || subject === undefined || (actor.userId !== null && subject.memberUserIds.includes(actor.userId));

export const planPolicy = {
  plan: { read: anyone, export: anyone, manage: agencyCoordinator, import: agencyCoordinator, snapshot: agencyCoordinator },
  measure: { read: anyone, manage: agencyCoordinator },
  body: { read: anyone, manage: agencyCoordinator },
  meeting: { read: readMeeting, manage: agencyCoordinator },
  round: { read: anyone, manage: agencyCoordinator },
  update: { read: readUpdate, file: fileUpdate, validate: agencyCoordinator },
} satisfies Record<string, ResourcePolicy>;
