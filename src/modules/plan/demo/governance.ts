/** Writes the planned bodies, members and meetings (agenda, attendance, decisions, action items) in a few batched statements. */
import type { BodyPlan } from "./bodies.js";
import { insertIds, insertRows, type Trx } from "./insert.js";
import type { MeetingPlan } from "./meetings.js";

export interface GovernanceRefs {
  planId: number;
  themeIds: number[];
  measureIds: Map<string, number>;
  orgIds: Map<string, number>;
  userIds: Map<string, number>;
}

export async function insertGovernance(trx: Trx, refs: GovernanceRefs, bodies: BodyPlan[], meetings: MeetingPlan[]): Promise<void> {
  const org = (code: string) => {
    const id = refs.orgIds.get(code);
    if (id === undefined) throw new Error(`demo content names an unknown organisation: ${code}`);
    return id;
  };
  const measure = (code: string | null) => (code === null ? null : refs.measureIds.get(code)!);

  const bodyIds = await insertIds(
    trx,
    "plan_bodies",
    bodies.map((b) => ({ plan_id: refs.planId, kind: b.kind, theme_id: b.theme ? refs.themeIds[b.theme - 1]! : null, name_fr: b.names.fr, name_nl: b.names.nl, name_en: b.names.en })),
  );
  const bodyId = new Map(bodies.map((b, i) => [b.key, bodyIds[i]!]));

  const memberRows = bodies.flatMap((b) =>
    b.members.map((m) => ({
      body_id: bodyId.get(b.key)!,
      organisation_id: org(m.org),
      person_name: m.name,
      user_id: m.userEmail ? (refs.userIds.get(m.userEmail) ?? null) : null,
      role: m.role,
      active: m.active ? 1 : 0,
    })),
  );
  const memberIds = await insertIds(trx, "plan_body_members", memberRows);
  /** Member ids per body, in the body's member order. */
  const membersOf = new Map<string, number[]>();
  let next = 0;
  for (const b of bodies) {
    membersOf.set(b.key, memberIds.slice(next, next + b.members.length));
    next += b.members.length;
  }

  const meetingIds = await insertIds(
    trx,
    "plan_meetings",
    meetings.map((m) => ({ body_id: bodyId.get(m.body)!, starts_at: m.startsAt, location: m.location, status: "held", minutes_fr: m.minutesFr, minutes_nl: m.minutesNl })),
  );

  const agendaIds = await insertIds(
    trx,
    "plan_agenda_items",
    meetings.flatMap((m, i) => m.agenda.map(([fr, nl, code], k) => ({ meeting_id: meetingIds[i]!, position: k + 1, title_fr: fr, title_nl: nl, measure_id: measure(code) }))),
  );
  const agendaOf: number[][] = [];
  next = 0;
  for (const m of meetings) {
    agendaOf.push(agendaIds.slice(next, next + m.agenda.length));
    next += m.agenda.length;
  }

  await insertRows(
    trx,
    "plan_attendance",
    meetings.flatMap((m, i) => membersOf.get(m.body)!.map((memberId, k) => ({ meeting_id: meetingIds[i]!, member_id: memberId, present: m.present[k] ? 1 : 0 }))),
  );

  const decisions = meetings.flatMap((m, i) => m.decisions.map((d) => ({ meeting: i, decision: d })));
  const decisionIds = await insertIds(
    trx,
    "plan_decisions",
    decisions.map(({ meeting, decision }) => ({
      meeting_id: meetingIds[meeting]!,
      agenda_item_id: agendaOf[meeting]![decision.item]!,
      measure_id: measure(meetings[meeting]!.agenda[decision.item]![2]),
      text_fr: decision.fr,
      text_nl: decision.nl,
    })),
  );

  const memberOf = (bodyKey: string, orgCode: string) => {
    const body = bodies.find((b) => b.key === bodyKey)!;
    const k = body.members.findIndex((m) => m.org === orgCode && m.active);
    return k >= 0 ? membersOf.get(bodyKey)![k]! : null;
  };
  await insertRows(
    trx,
    "plan_action_items",
    decisions.flatMap(({ meeting, decision }, i) => {
      const a = decision.action;
      if (!a) return [];
      const body = meetings[meeting]!.body;
      return [{ meeting_id: meetingIds[meeting]!, decision_id: decisionIds[i]!, title: a.title, owner_organisation_id: org(a.org), owner_member_id: memberOf(body, a.org), due_date: a.due, status: a.status, done_date: a.done }];
    }),
  );
}
