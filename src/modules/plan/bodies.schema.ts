/**
 * Request and response schemas of the governance part of the plan: bodies, members,
 * meetings (agenda, attendance, minutes, decisions, action items) and the calendar.
 */
import { z } from "@hono/zod-openapi";
import { idSchema, queryIdSchema } from "../../server/http/openapi.js";
import { NAME_MAX_LENGTH } from "../../shared/limits.js";
import { actionItemStatuses, bodyKinds, meetingStatuses, memberRoles } from "../../shared/plan.js";
import { Actions, day, MeasureRef, nulFreeText, OrganisationRef, ThemeRef, Titles } from "./plan.schema.js";

/** Limits of a meeting document, shared by the web app and the server. */
export const MEETING_LIMITS = {
  location: 300,
  minutes: 100_000,
  agendaItems: 100,
  attendance: 500,
  decisions: 200,
  actionItems: 300,
  text: 5_000,
} as const;

/** Widest calendar range a caller may ask for, in years. */
export const CALENDAR_MAX_YEARS = 2;

const instant = () => z.iso.datetime({ offset: true }).openapi({ example: "2018-11-20T09:30:00Z", description: "ISO-8601; stored in UTC" });
const name = () => nulFreeText().trim().min(1).max(NAME_MAX_LENGTH);
const text = (max: number = MEETING_LIMITS.text) => nulFreeText().trim().min(1).max(max);

export const BodyKind = z.enum(bodyKinds);
export const MemberRole = z.enum(memberRoles);
export const MeetingStatus = z.enum(meetingStatuses);
export const ActionItemStatus = z.enum(actionItemStatuses);

// ---- bodies and members ---------------------------------------------------------
export const Body = z
  .object({
    id: z.number().int(),
    planId: z.number().int(),
    kind: BodyKind,
    theme: ThemeRef.nullable(),
    name: z.string().openapi({ description: "In the caller's language" }),
    names: Titles,
    memberCount: z.number().int().openapi({ description: "Active members" }),
    isMember: z.boolean().openapi({ description: "The caller sits on this body (active member with their account)" }),
    nextMeeting: z.object({ id: z.number().int(), startsAt: z.string() }).nullable(),
    actions: Actions,
  })
  .openapi("PlanBody");

export const Member = z
  .object({
    id: z.number().int(),
    personName: z.string(),
    organisation: OrganisationRef,
    role: MemberRole,
    userId: z.number().int().nullable(),
    active: z.boolean(),
    actions: Actions,
  })
  .openapi("PlanBodyMember");

export const MeetingSummary = z
  .object({ id: z.number().int(), startsAt: z.string(), location: z.string(), status: MeetingStatus })
  .openapi("PlanMeetingSummary");

export const BodyDetail = Body.extend({
  members: z.array(Member),
  meetings: z.array(MeetingSummary).openapi({ description: "Only when the caller may read the body's meetings" }),
}).openapi("PlanBodyDetail");

export const NewBodyBody = z
  .strictObject({
    kind: BodyKind,
    themeId: idSchema().nullable().optional().openapi({ description: "Required for a working group (a theme of the same plan); none for the other kinds" }),
    nameFr: name(),
    nameNl: name(),
    nameEn: name(),
  })
  .openapi("NewPlanBody");
export const BodyChangesBody = NewBodyBody.partial().strict().openapi("PlanBodyChanges");

export const NewMemberBody = z
  .strictObject({
    organisationId: idSchema(),
    personName: name(),
    userId: idSchema().nullable().optional().openapi({ description: "The person's Vigil account (of that organisation): they then see the body's meetings" }),
    role: MemberRole,
    active: z.boolean().optional(),
  })
  .openapi("NewPlanBodyMember");
export const MemberChangesBody = NewMemberBody.partial().strict().openapi("PlanBodyMemberChanges");

// ---- meetings -------------------------------------------------------------------
const BodyRef = z.object({ id: z.number().int(), planId: z.number().int(), kind: BodyKind, name: z.string() });

export const CalendarQuery = z.object({
  from: day().optional().openapi({ description: "First day (default: a year before `to`, or a year ago)" }),
  to: day().optional().openapi({ description: `Last day, at most ${CALENDAR_MAX_YEARS} years after \`from\` (default: a year after \`from\`)` }),
  planId: queryIdSchema().optional(),
});

export const CalendarEntry = MeetingSummary.extend({ body: BodyRef }).openapi("PlanCalendarEntry");

export const ActionItem = z
  .object({
    id: z.number().int(),
    decisionId: z.number().int().nullable(),
    title: z.string(),
    owner: z.object({ organisation: OrganisationRef, memberId: z.number().int().nullable(), memberName: z.string().nullable() }),
    dueDate: z.string(),
    status: ActionItemStatus,
    doneDate: z.string().nullable(),
    late: z.boolean().openapi({ description: "Still open after its due date" }),
    actions: z.array(z.enum(["edit", "setStatus"])),
  })
  .openapi("PlanActionItem");

export const Meeting = MeetingSummary.extend({
  body: BodyRef,
  minutes: z.object({ fr: z.string(), nl: z.string() }),
  agenda: z.array(z.object({ id: z.number().int(), position: z.number().int(), title: z.string(), titles: Titles, measure: MeasureRef.nullable() })),
  attendance: z.array(z.object({ memberId: z.number().int(), personName: z.string(), organisation: OrganisationRef, present: z.boolean() })),
  decisions: z.array(
    z.object({
      id: z.number().int(),
      agendaItemId: z.number().int().nullable(),
      agendaPosition: z.number().int().nullable(),
      measure: MeasureRef.nullable(),
      text: z.string(),
      texts: z.object({ fr: z.string(), nl: z.string() }),
    }),
  ),
  actionItems: z.array(ActionItem),
  actions: Actions,
}).openapi("PlanMeeting");

export const NewMeetingBody = z
  .strictObject({
    startsAt: instant(),
    location: nulFreeText().trim().max(MEETING_LIMITS.location).optional(),
    status: MeetingStatus.optional(),
  })
  .openapi("NewPlanMeeting");

export const ActionItemInput = z.strictObject({
  id: idSchema().optional().openapi({ description: "An action item of this meeting to keep (same id); new ones have none" }),
  decisionPosition: z.number().int().min(1).optional().openapi({ description: "1-based position of the decision it follows from, in `decisions`" }),
  title: text(),
  ownerOrganisationId: idSchema(),
  ownerMemberId: idSchema().nullable().optional(),
  dueDate: day(),
  status: ActionItemStatus,
  doneDate: day().nullable().optional().openapi({ description: "Only with status done (default: today)" }),
});

export const MeetingDocumentBody = z
  .strictObject({
    startsAt: instant(),
    location: nulFreeText().trim().max(MEETING_LIMITS.location),
    status: MeetingStatus,
    minutesFr: nulFreeText().max(MEETING_LIMITS.minutes),
    minutesNl: nulFreeText().max(MEETING_LIMITS.minutes),
    agenda: z.array(z.strictObject({ titleFr: text(), titleNl: text(), measureId: idSchema().nullable().optional() })).max(MEETING_LIMITS.agendaItems),
    attendance: z.array(z.strictObject({ memberId: idSchema(), present: z.boolean() })).max(MEETING_LIMITS.attendance),
    decisions: z
      .array(
        z.strictObject({
          agendaPosition: z.number().int().min(1).nullable().optional().openapi({ description: "1-based position in `agenda`" }),
          measureId: idSchema().nullable().optional().openapi({ description: "Default: the measure of its agenda item" }),
          textFr: text(),
          textNl: text(),
        }),
      )
      .max(MEETING_LIMITS.decisions),
    actionItems: z.array(ActionItemInput).max(MEETING_LIMITS.actionItems),
  })
  .openapi("PlanMeetingDocument");

export const ActionItemChangesBody = z
  .strictObject({
    status: ActionItemStatus.optional(),
    doneDate: day().nullable().optional(),
    title: text().optional(),
    ownerOrganisationId: idSchema().optional(),
    ownerMemberId: idSchema().nullable().optional(),
    dueDate: day().optional(),
  })
  .openapi("PlanActionItemChanges", {
    description: "The owner organisation's editors, coordinators and admins may change `status` and `doneDate`; the agency coordinators everything.",
  });

export type NewBodyInput = z.infer<typeof NewBodyBody>;
export type BodyChanges = z.infer<typeof BodyChangesBody>;
export type NewMemberInput = z.infer<typeof NewMemberBody>;
export type MemberChanges = z.infer<typeof MemberChangesBody>;
export type NewMeetingInput = z.infer<typeof NewMeetingBody>;
export type MeetingDocument = z.infer<typeof MeetingDocumentBody>;
export type ActionItemChanges = z.infer<typeof ActionItemChangesBody>;
export type CalendarRange = z.infer<typeof CalendarQuery>;
