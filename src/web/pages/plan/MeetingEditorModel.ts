/**
 * The meeting editor's draft: the meeting as form values (strings for the inputs, stable
 * keys for the rows), and the whole document `PUT /api/plan/meetings/{id}` takes back, with
 * the links between rows (decision -> agenda item, action item -> decision) as positions.
 */
import type { ActionItemStatus, MeetingStatus } from "../../../shared/plan.js";
import type { BodyDetail, MeetingDetail } from "./plan.types.js";

/** The meeting as the API sends it; its body also names the plan (the measures to choose from). */
export type EditableMeeting = MeetingDetail & { body: { planId: number } };
export type BodyMember = BodyDetail["members"][number];

export interface AgendaRow {
  key: string;
  titleFr: string;
  titleNl: string;
  /** A measure id, or "" for none. */
  measureId: string;
}

export interface AttendanceRow {
  memberId: number;
  personName: string;
  organisationName: string;
  present: boolean;
}

export interface DecisionRow {
  key: string;
  textFr: string;
  textNl: string;
  /** The key of its agenda row, or "". */
  agendaKey: string;
  measureId: string;
}

export interface ActionRow {
  key: string;
  /** The saved action item it is (kept with its id), or null for a new one. */
  id: number | null;
  title: string;
  ownerOrganisationId: string;
  ownerMemberId: string;
  dueDate: string;
  status: ActionItemStatus;
  /** Kept as saved while the status stays `done`; the server records today for a new `done`. */
  doneDate: string | null;
  /** The key of the decision it follows from, or "". */
  decisionKey: string;
}

export interface MeetingDraft {
  startsAt: string;
  location: string;
  status: MeetingStatus;
  minutesFr: string;
  minutesNl: string;
  agenda: AgendaRow[];
  attendance: AttendanceRow[];
  /** Attendance was recorded before: it is then sent even with nobody ticked. */
  attendanceRecorded: boolean;
  decisions: DecisionRow[];
  actionItems: ActionRow[];
}

/** The body `PUT /api/plan/meetings/{id}` takes (bodies.schema.ts, MeetingDocumentBody). */
export interface MeetingDocument {
  startsAt: string;
  location: string;
  status: MeetingStatus;
  minutesFr: string;
  minutesNl: string;
  agenda: Array<{ titleFr: string; titleNl: string; measureId: number | null }>;
  attendance: Array<{ memberId: number; present: boolean }>;
  decisions: Array<{ agendaPosition: number | null; measureId: number | null; textFr: string; textNl: string }>;
  actionItems: Array<{
    id?: number;
    decisionPosition?: number;
    title: string;
    ownerOrganisationId?: number;
    ownerMemberId: number | null;
    dueDate: string;
    status: ActionItemStatus;
    doneDate?: string;
  }>;
}

let counter = 0;
/** A key for a new row, unique in this page. */
export function newKey(prefix: string): string {
  counter += 1;
  return `${prefix}-new-${counter}`;
}

const brusselsClock = new Intl.DateTimeFormat("en-US", {
  timeZone: "Europe/Brussels",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** The Brussels wall clock at an instant, as if it were UTC (milliseconds). */
function brusselsWallClock(at: Date): number {
  const parts = Object.fromEntries(brusselsClock.formatToParts(at).map((p) => [p.type, p.value]));
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
}

/** An instant as a `datetime-local` value on the Brussels clock (meetings are shown in Brussels time). */
export function toLocalInput(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return "";
  return new Date(brusselsWallClock(at)).toISOString().slice(0, 16);
}

/** A `datetime-local` value on the Brussels clock as an ISO instant; left as typed when it is not one (the server names the field). */
export function fromLocalInput(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return value;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // The offset at the guess, then at the result (one correction is enough around the DST changes).
  let at = wall - (brusselsWallClock(new Date(wall)) - wall);
  at = wall - (brusselsWallClock(new Date(at)) - at);
  return new Date(at).toISOString();
}

const idOrEmpty = (id: number | null | undefined) => (id == null ? "" : String(id));
const idOrNull = (value: string) => (value === "" ? null : Number(value));

/** The members whose presence is ticked: the body's active members, then anyone recorded who has left since. */
function attendanceRows(meeting: MeetingDetail, members: BodyMember[]): AttendanceRow[] {
  const recorded = new Map(meeting.attendance.map((a) => [a.memberId, a]));
  const rows: AttendanceRow[] = members
    .filter((m) => m.active || recorded.has(m.id))
    .map((m) => ({ memberId: m.id, personName: m.personName, organisationName: m.organisation.name, present: recorded.get(m.id)?.present ?? false }));
  const listed = new Set(rows.map((r) => r.memberId));
  for (const a of meeting.attendance) {
    if (!listed.has(a.memberId)) rows.push({ memberId: a.memberId, personName: a.personName, organisationName: a.organisation.name, present: a.present });
  }
  return rows;
}

export function draftOf(meeting: MeetingDetail, members: BodyMember[]): MeetingDraft {
  const agenda = [...meeting.agenda].sort((a, b) => a.position - b.position);
  const agendaKey = new Map(agenda.map((a) => [a.id, `agenda-${a.id}`]));
  const decisionKey = new Map(meeting.decisions.map((d) => [d.id, `decision-${d.id}`]));
  return {
    startsAt: toLocalInput(meeting.startsAt),
    location: meeting.location,
    status: meeting.status,
    minutesFr: meeting.minutes.fr,
    minutesNl: meeting.minutes.nl,
    agenda: agenda.map((a) => ({ key: agendaKey.get(a.id)!, titleFr: a.titles.fr, titleNl: a.titles.nl, measureId: idOrEmpty(a.measure?.id) })),
    attendance: attendanceRows(meeting, members),
    attendanceRecorded: meeting.attendance.length > 0,
    decisions: meeting.decisions.map((d) => ({
      key: decisionKey.get(d.id)!,
      textFr: d.texts.fr,
      textNl: d.texts.nl,
      agendaKey: d.agendaItemId == null ? "" : (agendaKey.get(d.agendaItemId) ?? ""),
      measureId: idOrEmpty(d.measure?.id),
    })),
    actionItems: meeting.actionItems.map((a) => ({
      key: `action-${a.id}`,
      id: a.id,
      title: a.title,
      ownerOrganisationId: String(a.owner.organisation.id),
      ownerMemberId: idOrEmpty(a.owner.memberId),
      dueDate: a.dueDate,
      status: a.status,
      doneDate: a.doneDate,
      decisionKey: a.decisionId == null ? "" : (decisionKey.get(a.decisionId) ?? ""),
    })),
  };
}

/** Whether the attendance goes with the document: once recorded, or as soon as someone is ticked. */
export function sendsAttendance(draft: MeetingDraft): boolean {
  return draft.attendanceRecorded || draft.attendance.some((a) => a.present);
}

/** The whole document to save; links between rows become 1-based positions. */
export function documentOf(draft: MeetingDraft): MeetingDocument {
  const agendaPosition = new Map(draft.agenda.map((a, i) => [a.key, i + 1]));
  const decisionPosition = new Map(draft.decisions.map((d, i) => [d.key, i + 1]));
  return {
    startsAt: fromLocalInput(draft.startsAt),
    location: draft.location,
    status: draft.status,
    minutesFr: draft.minutesFr,
    minutesNl: draft.minutesNl,
    agenda: draft.agenda.map((a) => ({ titleFr: a.titleFr, titleNl: a.titleNl, measureId: idOrNull(a.measureId) })),
    attendance: sendsAttendance(draft) ? draft.attendance.map((a) => ({ memberId: a.memberId, present: a.present })) : [],
    decisions: draft.decisions.map((d) => ({
      agendaPosition: agendaPosition.get(d.agendaKey) ?? null,
      measureId: idOrNull(d.measureId),
      textFr: d.textFr,
      textNl: d.textNl,
    })),
    actionItems: draft.actionItems.map((a) => {
      const position = decisionPosition.get(a.decisionKey);
      return {
        ...(a.id !== null ? { id: a.id } : {}),
        ...(position !== undefined ? { decisionPosition: position } : {}),
        title: a.title,
        // Left out when none is chosen: the server then names the field as required.
        ...(a.ownerOrganisationId !== "" ? { ownerOrganisationId: Number(a.ownerOrganisationId) } : {}),
        ownerMemberId: idOrNull(a.ownerMemberId),
        dueDate: a.dueDate,
        status: a.status,
        ...(a.status === "done" && a.doneDate ? { doneDate: a.doneDate } : {}),
      };
    }),
  };
}

/** A row moved one place up (-1) or down (+1); the list unchanged at either end. */
export function moved<T>(rows: T[], index: number, delta: -1 | 1): T[] {
  const target = index + delta;
  if (target < 0 || target >= rows.length) return rows;
  const out = [...rows];
  [out[index], out[target]] = [out[target]!, out[index]!];
  return out;
}

/** The field names the editor shows next to their inputs (the others are listed above the form). */
export function shownFields(draft: MeetingDraft): string[] {
  const rows = (list: string, count: number, fields: string[]) => Array.from({ length: count }, (_, i) => fields.map((f) => `${list}.${i}.${f}`)).flat();
  return [
    "startsAt",
    "location",
    "status",
    "minutesFr",
    "minutesNl",
    ...rows("agenda", draft.agenda.length, ["titleFr", "titleNl", "measureId"]),
    ...rows("attendance", draft.attendance.length, ["memberId", "present"]),
    ...rows("decisions", draft.decisions.length, ["textFr", "textNl", "agendaPosition", "measureId"]),
    ...rows("actionItems", draft.actionItems.length, ["title", "ownerOrganisationId", "ownerMemberId", "dueDate", "status", "doneDate", "decisionPosition"]),
  ];
}
