/** Bodies, members, meetings and action items as the API gives them, in the caller's language and with what they may do. */
import type { Actor } from "../../server/auth/actor.js";
import { allowedActions } from "../../server/auth/policy.js";
import { localName, type Locale } from "../../shared/locale.js";
import type { ActionItemStatus, BodyKind, MeetingStatus, MemberRole } from "../../shared/plan.js";
import { actionItemActions } from "./action-items.service.js";
import type { BodyRow, getBody, MemberRow } from "./bodies.service.js";
import { isActionItemLate } from "./lateness.js";
import type { ActionItemRow, MeetingDetail, MeetingWithBody } from "./meetings.service.js";
import { titlesOf } from "./plan.common.js";
import { organisationOfRow } from "./plan.presenter.js";

function measureRef(locale: Locale, id: number | null, row: { measure_code: string | null; measure_title_fr: string | null; measure_title_nl: string | null }) {
  if (id === null || row.measure_code === null) return null;
  return { id, code: row.measure_code, title: localName(locale, { fr: row.measure_title_fr ?? "", nl: row.measure_title_nl ?? "" }) };
}

export function presentBody(actor: Actor, locale: Locale, row: BodyRow) {
  const names = { fr: row.name_fr, nl: row.name_nl, en: row.name_en || row.name_fr };
  return {
    id: row.id,
    planId: row.plan_id,
    kind: row.kind as BodyKind,
    theme:
      row.theme_id === null || row.theme_number === null
        ? null
        : { id: row.theme_id, number: row.theme_number, title: localName(locale, { fr: row.theme_title_fr ?? "", nl: row.theme_title_nl ?? "", en: row.theme_title_en ?? "" }) },
    name: localName(locale, names),
    names,
    memberCount: row.memberCount,
    isMember: actor.userId !== null && row.memberUserIds.includes(actor.userId),
    nextMeeting: row.nextMeeting,
    actions: allowedActions(actor, "body"),
  };
}

export function presentMember(actor: Actor, locale: Locale, row: MemberRow) {
  return {
    id: row.id,
    personName: row.person_name,
    organisation: organisationOfRow(locale, row.organisation_id, row),
    role: row.role as MemberRole,
    userId: row.user_id,
    active: row.active === 1,
    actions: allowedActions(actor, "body").filter((a) => a === "manage"),
  };
}

export function presentBodyDetail(actor: Actor, locale: Locale, detail: Awaited<ReturnType<typeof getBody>>) {
  return {
    ...presentBody(actor, locale, detail),
    members: detail.members.map((m) => presentMember(actor, locale, m)),
    meetings: detail.meetings.map((m) => ({ id: m.id, startsAt: m.starts_at, location: m.location, status: m.status as MeetingStatus })),
  };
}

function bodyRef(locale: Locale, row: MeetingWithBody) {
  return { id: row.body_id, planId: row.plan_id, kind: row.body_kind as BodyKind, name: localName(locale, { fr: row.body_name_fr, nl: row.body_name_nl, en: row.body_name_en }) };
}

export function presentCalendarEntry(locale: Locale, row: MeetingWithBody) {
  return { id: row.id, startsAt: row.starts_at, location: row.location, status: row.status as MeetingStatus, body: bodyRef(locale, row) };
}

export function presentActionItem(actor: Actor, locale: Locale, row: ActionItemRow, today: string) {
  return {
    id: row.id,
    decisionId: row.decision_id,
    title: row.title,
    owner: { organisation: organisationOfRow(locale, row.owner_organisation_id, row), memberId: row.owner_member_id, memberName: row.member_name },
    dueDate: row.due_date,
    status: row.status as ActionItemStatus,
    doneDate: row.done_date,
    late: isActionItemLate(row.due_date, row.status, today),
    actions: actionItemActions(actor, row.owner_organisation_id),
  };
}

export function presentMeeting(actor: Actor, locale: Locale, detail: MeetingDetail, today: string) {
  const { meeting } = detail;
  return {
    ...presentCalendarEntry(locale, meeting),
    minutes: { fr: meeting.minutes_fr, nl: meeting.minutes_nl },
    agenda: detail.agenda.map((a) => {
      const titles = titlesOf(a);
      return { id: a.id, position: a.position, title: localName(locale, titles), titles, measure: measureRef(locale, a.measure_id, a) };
    }),
    attendance: detail.attendance.map((a) => ({
      memberId: a.member_id,
      personName: a.person_name,
      organisation: organisationOfRow(locale, a.organisation_id, a),
      present: a.present === 1,
    })),
    decisions: detail.decisions.map((d) => {
      const texts = { fr: d.text_fr, nl: d.text_nl };
      return {
        id: d.id,
        agendaItemId: d.agenda_item_id,
        agendaPosition: d.agenda_position ?? null,
        measure: measureRef(locale, d.measure_id, d),
        text: localName(locale, texts),
        texts,
      };
    }),
    actionItems: detail.actionItems.map((a) => presentActionItem(actor, locale, a, today)),
    actions: allowedActions(actor, "meeting", { memberUserIds: detail.memberUserIds }),
  };
}
