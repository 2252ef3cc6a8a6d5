/**
 * Meetings of the plan's bodies: each working group met in April 2017, November 2017 and
 * November-December 2018 (agenda on its theme's measures, attendance, decisions, action
 * items); the Council and the Committee follow their scripts. All held.
 */
import { addDays, brusselsInstant, Random, writtenDay } from "./random.js";
import type { BodyPlan } from "./bodies.js";
import { BPV_OFFICES, committeeMeetings, councilMeetings, type ScriptedDecision, type ScriptedItem, type ScriptedMeeting } from "./meetings.script.js";
import { reportLanguage } from "./texts.js";
import { stateAt, type MeasurePlan } from "./timeline.js";

export interface MeetingPlan {
  body: string;
  startsAt: string;
  location: string;
  minutesFr: string;
  minutesNl: string;
  agenda: ScriptedItem[];
  /** Presence of each member of the body, in the body's member order. */
  present: boolean[];
  decisions: ScriptedDecision[];
}

type OrgNames = Map<string, { fr: string; nl: string }>;

/** Public holidays that fall in the meeting weeks (Easter Monday, All Saints). */
const HOLIDAYS = new Set(["2017-04-17", "2017-11-01", "2018-11-01"]);

/** The first working day on or after `day`. */
function workingDay(day: string): string {
  let d = day;
  while ([0, 6].includes(new Date(`${d}T12:00:00Z`).getUTCDay()) || HOLIDAYS.has(d)) d = addDays(d, 1);
  return d;
}

function attendance(r: Random, body: BodyPlan, day: string): boolean[] {
  return body.members.map((m) => {
    if (!m.active && day >= "2018-01-01") return false;
    if (m.role !== "member" || m.userEmail) return r.chance(0.95);
    return r.chance(0.72);
  });
}

function minutes(body: BodyPlan, day: string, present: boolean[], agenda: ScriptedItem[], decisions: number): { fr: string; nl: string } {
  const chair = body.members.find((m) => m.role === "chair")!.name;
  const count = present.filter(Boolean).length;
  const total = body.members.filter((m) => m.active || day < "2018-01-01").length;
  const codes = agenda.map(([, , code]) => code).filter((c): c is string => c !== null);
  const fr = [
    `Réunion présidée par ${chair}. ${count} membres présents sur ${total}.`,
    codes.length ? `Mesures examinées : ${codes.join(", ")}.` : `${agenda.length} points à l'ordre du jour.`,
    decisions === 1 ? "Une décision a été prise." : `${decisions} décisions ont été prises.`,
  ];
  const nl = [
    `Vergadering voorgezeten door ${chair}. ${count} van de ${total} leden aanwezig.`,
    codes.length ? `Besproken maatregelen: ${codes.join(", ")}.` : `${agenda.length} punten op de agenda.`,
    decisions === 1 ? "Er werd één beslissing genomen." : `Er werden ${decisions} beslissingen genomen.`,
  ];
  return { fr: fr.join(" "), nl: nl.join(" ") };
}

function workingGroupDecision(r: Random, phase: number, m: MeasurePlan, day: string, item: number, orgs: OrgNames): ScriptedDecision {
  const code = m.data.code;
  const lead = orgs.get(m.data.lead) ?? { fr: m.data.lead, nl: m.data.lead };
  const nl = reportLanguage(m.data.lead) === "nl";
  const action = (fr: string, dutch: string, due: string, status: "open" | "done" | "cancelled", done: string | null) => ({ title: nl ? dutch : fr, org: m.data.lead, due, status, done });
  if (phase === 0) {
    return {
      item, fr: `Le groupe de travail valide la fiche de la mesure ${code} et désigne ${lead.fr} comme pilote.`, nl: `De werkgroep keurt de fiche van maatregel ${code} goed en duidt ${lead.nl} aan als trekker.`,
      ...(r.chance(0.5) ? { action: action(`Transmettre la fiche actualisée de la mesure ${code}`, `De bijgewerkte fiche van maatregel ${code} bezorgen`, addDays(day, 30), "done", addDays(day, r.int(10, 30))) } : {}),
    };
  }
  if (phase === 1) {
    const done = r.chance(0.8);
    return {
      item, fr: `Un groupe technique restreint est constitué pour la mesure ${code} ; il fera rapport à la prochaine réunion.`, nl: `Voor maatregel ${code} wordt een beperkte technische werkgroep opgericht; die brengt verslag uit op de volgende vergadering.`,
      ...(r.chance(0.6) ? { action: action(`Réunir le groupe technique de la mesure ${code}`, `De technische werkgroep van maatregel ${code} samenroepen`, addDays(day, 60), done ? "done" : "cancelled", done ? addDays(day, r.int(20, 70)) : null) } : {}),
    };
  }
  const state = stateAt(m, day);
  if (state.status === "delayed") {
    const done = r.chance(0.4);
    return {
      item, fr: `Le groupe prend acte du retard de la mesure ${code} et demande à ${lead.fr} un calendrier révisé pour le 31/01/2019.`, nl: `De werkgroep neemt akte van de vertraging van maatregel ${code} en vraagt ${lead.nl} tegen 31/01/2019 een herziene planning.`,
      action: action(`Transmettre un calendrier révisé pour la mesure ${code}`, `Een herziene planning voor maatregel ${code} bezorgen`, "2019-01-31", done ? "done" : "open", done ? r.day("2019-01-10", "2019-02-12") : null),
    };
  }
  return {
    item, fr: `Le groupe prend acte de l'état d'avancement de la mesure ${code} (${state.progress} %) et en approuve la poursuite.`, nl: `De werkgroep neemt akte van de voortgang van maatregel ${code} (${state.progress} %) en keurt de voortzetting goed.`,
    ...(r.chance(0.3) ? { action: action(`Préparer la contribution de la mesure ${code} au bilan intermédiaire 2019`, `De bijdrage van maatregel ${code} aan de tussentijdse balans 2019 voorbereiden`, "2019-03-15", "open", null) } : {}),
  };
}

function workingGroupMeetings(body: BodyPlan, measures: MeasurePlan[], orgs: OrgNames): MeetingPlan[] {
  const t = body.theme!;
  const r = new Random(`gvpp-meetings-${body.key}`);
  const days = [workingDay(addDays("2017-04-03", (t - 1) * 2)), workingDay(addDays("2017-11-06", (t - 1) * 2)), workingDay(addDays("2018-11-12", (t - 1) * 3))];
  const time = t % 2 ? "09:30" : "14:00";
  return days.map((day, phase) => {
    const approval: ScriptedItem = [`Approbation du procès-verbal de la réunion du ${writtenDay(days[phase - 1] ?? day)}`, `Goedkeuring van het verslag van de vergadering van ${writtenDay(days[phase - 1] ?? day)}`, null];
    const openings: ScriptedItem[][] = [
      [["Présentation du plan global 2017-2020 et du rôle du groupe de travail", "Voorstelling van het globaal plan 2017-2020 en van de rol van de werkgroep", null]],
      [approval],
      [approval, ["Résultats du rapportage du 1er semestre 2018", "Resultaten van de rapportering over het eerste semester 2018", null]],
    ];
    const opening = openings[phase]!;
    const closings: ScriptedItem[] = [
      ["Méthode de travail et calendrier 2017", "Werkmethode en planning 2017", null],
      ["Programme de travail 2018", "Werkprogramma 2018", null],
      ["Préparation du bilan intermédiaire 2019", "Voorbereiding van de tussentijdse balans 2019", null],
    ];
    const closing = closings[phase]!;
    let chosen = r.shuffle(measures);
    if (phase === 2) chosen = [...chosen.filter((m) => stateAt(m, day).status === "delayed"), ...chosen.filter((m) => stateAt(m, day).status !== "delayed")];
    chosen = chosen.slice(0, r.int(2, 3));
    const agenda: ScriptedItem[] = [...opening, ...chosen.map((m): ScriptedItem => [`Mesure ${m.data.code} – ${m.data.fr[0]}`, `Maatregel ${m.data.code} – ${m.data.nl[0]}`, m.data.code]), closing];
    const decisions = chosen.slice(0, r.int(1, chosen.length)).map((m, k) => workingGroupDecision(r, phase, m, day, opening.length + k, orgs));
    const present = attendance(r, body, day);
    const text = minutes(body, day, present, agenda, decisions.length);
    return { body: body.key, startsAt: brusselsInstant(day, time), location: BPV_OFFICES, minutesFr: text.fr, minutesNl: text.nl, agenda, present, decisions };
  });
}

function scripted(body: BodyPlan, meetings: ScriptedMeeting[]): MeetingPlan[] {
  const r = new Random(`gvpp-meetings-${body.key}`);
  return meetings.map((s) => {
    const present = attendance(r, body, s.day);
    const text = minutes(body, s.day, present, s.agenda, s.decisions.length);
    return { body: body.key, startsAt: brusselsInstant(s.day, s.time), location: s.location, minutesFr: text.fr, minutesNl: text.nl, agenda: s.agenda, present, decisions: s.decisions };
  });
}

export function planMeetings(bodies: BodyPlan[], measures: MeasurePlan[], orgs: OrgNames, firstRoundValidated: number): MeetingPlan[] {
  const byCode = new Map(measures.map((m) => [m.data.code, m]));
  const titleOf = (code: string): [string, string] => [byCode.get(code)!.data.fr[0], byCode.get(code)!.data.nl[0]];
  return bodies.flatMap((body) => {
    if (body.kind === "working_group") return workingGroupMeetings(body, measures.filter((m) => m.theme === body.theme), orgs);
    return scripted(body, body.kind === "security_council" ? councilMeetings(firstRoundValidated) : committeeMeetings(titleOf));
  });
}
