/**
 * The life of each demo measure from 2017 to the end of 2018, derived deterministically
 * from its hand-written data: its status at the end of 2018, milestones with due and
 * real done dates, when it started, stopped or fell behind. `stateAt(measure, day)` then
 * says what a report made on that day shows: status, progress, milestones done,
 * indicator values. Reporting rounds and the stored figures all read from it, so they
 * agree with each other.
 */
import type { MeasureStatus } from "../../../shared/plan.js";
import { addDays, maxDay, minDay, Random } from "./random.js";
import type { DemoIndicator, DemoMeasure } from "./types.js";

export interface MilestonePlan {
  titleFr: string;
  titleNl: string;
  due: string;
  /** The day it was really reached (null: not reached by the end of 2018). */
  done: string | null;
}

export interface IndicatorPlan extends DemoIndicator {
  /** Whether the lead organisation reports a value for it. */
  reported: boolean;
  /** Share of the way to the target covered when the measure is complete (0.5-1.1). */
  pace: number;
}

export interface MeasurePlan {
  data: DemoMeasure;
  theme: number;
  /** Status at the end of 2018. */
  final: MeasureStatus;
  startedOn: string | null;
  stoppedOn: string | null;
  /** Due day of the milestone that was missed (delayed measures). */
  delayedFrom: string | null;
  milestones: MilestonePlan[];
  indicators: IndicatorPlan[];
}

export interface MeasureState {
  status: MeasureStatus;
  progress: number;
  /** Done date of each milestone as known on that day (null: not done then). */
  milestoneDone: (string | null)[];
  /** Value of each indicator as reported on that day (null: not reported). */
  indicatorValues: (number | null)[];
}

/** Status mix at the end of 2018, hand-fixed statuses included. */
const FINAL_MIX: Record<MeasureStatus, number> = { planned: 13, in_progress: 60, done: 20, delayed: 19, stopped: 7 };
/** Organisations with demo accounts: their measures stay in the reporting rounds. */
const DEMO_ORGANISATIONS = new Set(["mun-21001", "stib", "asbl-mediation"]);
const LAST_DONE_DAY = "2018-12-20";

const templates: Record<"prevention" | "reaction" | "analysis" | "training", [string, string][]> = {
  prevention: [
    ["Constitution du groupe technique", "Oprichting van de technische werkgroep"],
    ["Note de cadrage validée par le groupe de travail", "Kadernota goedgekeurd door de werkgroep"],
    ["Lancement des actions pilotes", "Start van de proefacties"],
    ["Évaluation intermédiaire", "Tussentijdse evaluatie"],
    ["Extension à l'ensemble de la Région", "Uitbreiding naar het hele Gewest"],
  ],
  reaction: [
    ["Inventaire des pratiques des services", "Inventaris van de praktijken van de diensten"],
    ["Protocole de collaboration signé", "Samenwerkingsprotocol ondertekend"],
    ["Formation des agents concernés", "Opleiding van de betrokken agenten"],
    ["Déploiement opérationnel", "Operationele uitrol"],
    ["Premier bilan opérationnel", "Eerste operationele balans"],
  ],
  analysis: [
    ["Cahier des charges et sources de données arrêtés", "Bestek en gegevensbronnen vastgelegd"],
    ["Collecte et traitement des données", "Verzameling en verwerking van de gegevens"],
    ["Rapport intermédiaire", "Tussentijds rapport"],
    ["Rapport final publié", "Eindrapport gepubliceerd"],
    ["Présentation au Conseil régional de sécurité", "Voorstelling aan de Gewestelijke Veiligheidsraad"],
  ],
  training: [
    ["Programme de formation validé", "Opleidingsprogramma goedgekeurd"],
    ["Première session organisée", "Eerste sessie georganiseerd"],
    ["Sessions de l'année clôturées", "Sessies van het jaar afgesloten"],
    ["Évaluation par les participants", "Evaluatie door de deelnemers"],
  ],
};

function milestoneTitles(m: DemoMeasure, r: Random): [string, string, string?][] {
  if (m.milestones) return m.milestones;
  const steps = m.lead.startsWith("school-") ? templates.training : m.pillar === "analysis_evaluation" ? templates.analysis : templates[m.pillar];
  const count = Math.min(steps.length, r.pick([1, 2, 2, 3, 3, 3, 4, 4]));
  const from = r.int(0, steps.length - count);
  return steps.slice(from, from + count);
}

/** Final statuses: the hand-fixed ones, the rest drawn from what remains of FINAL_MIX. */
function finalStatuses(measures: DemoMeasure[]): Map<string, MeasureStatus> {
  const left = { ...FINAL_MIX };
  for (const m of measures) if (m.status) left[m.status] -= 1;
  const bag = (Object.entries(left) as [MeasureStatus, number][]).flatMap(([status, n]) => Array<MeasureStatus>(Math.max(0, n)).fill(status));
  const free = new Random("gvpp-final-status").shuffle(measures.filter((m) => !m.status));
  const out = new Map<string, MeasureStatus>(measures.filter((m) => m.status).map((m) => [m.code, m.status!]));
  free.forEach((m, i) => out.set(m.code, bag[i] ?? "in_progress"));
  // Measures of organisations with demo accounts are never stopped: they stay in the rounds.
  for (const m of free.filter((m) => DEMO_ORGANISATIONS.has(m.lead) && out.get(m.code) === "stopped")) {
    const swap = free.find((o) => !DEMO_ORGANISATIONS.has(o.lead) && out.get(o.code) === "in_progress")!;
    out.set(m.code, "in_progress");
    out.set(swap.code, "stopped");
  }
  return out;
}

function doneNear(r: Random, due: string): string {
  return minDay(maxDay(addDays(due, r.int(-40, 20)), "2017-03-15"), LAST_DONE_DAY);
}

function buildMilestones(r: Random, titles: [string, string, string?][], final: MeasureStatus, stoppedOn: string | null) {
  const n = titles.length;
  let dues: string[];
  let doneCount: number;
  let delayedFrom: string | null = null;
  if (final === "done") {
    dues = r.days(n, "2017-05-01", "2018-11-30");
    doneCount = n;
  } else if (final === "in_progress") {
    doneCount = n === 1 ? 0 : r.int(1, n - 1);
    dues = [...r.days(doneCount, "2017-05-01", "2018-10-31"), ...r.days(n - doneCount, "2019-02-01", "2020-11-30")];
  } else if (final === "delayed") {
    doneCount = r.int(0, n - 1);
    const before = r.days(doneCount, "2017-05-01", "2018-02-28");
    delayedFrom = r.day(maxDay(addDays(before.at(-1) ?? "2017-09-01", 30), "2017-10-01"), "2018-11-30");
    dues = [...before, delayedFrom, ...r.days(n - doneCount - 1, "2019-03-01", "2020-11-30")];
  } else if (final === "stopped") {
    doneCount = r.int(0, Math.min(1, n - 1));
    dues = [...r.days(doneCount, "2017-04-01", addDays(stoppedOn!, -30)), ...r.days(n - doneCount, "2019-03-01", "2020-11-30")];
  } else {
    doneCount = 0;
    const lateStart = r.chance(0.35);
    dues = lateStart ? [r.day("2018-09-01", "2018-12-15"), ...r.days(n - 1, "2019-03-01", "2020-11-30")] : r.days(n, "2019-03-01", "2020-11-30");
  }
  const doneDays = dues.slice(0, doneCount).map((due) => doneNear(r, due)).sort();
  const milestones = titles.map(([titleFr, titleNl], i) => ({ titleFr, titleNl, due: dues[i]!, done: doneDays[i] ?? null }));
  return { milestones, delayedFrom };
}

/**
 * Milestones whose due days the story fixes: reached on the day when the status says
 * so (all for a done measure, those due by the end of November 2018 for a running one,
 * those before the missed one for a delayed one, those before the stop for a stopped one).
 */
function fixedMilestones(m: DemoMeasure, final: MeasureStatus, stoppedOn: string | null) {
  const titles = m.milestones!;
  const dues = titles.map((t) => t[2]!);
  const past = dues.filter((due) => due <= "2018-11-30");
  const delayedFrom = final === "delayed" ? (past.at(-1) ?? null) : null;
  const consistent =
    m.status === final &&
    (final !== "done" || dues.every((due) => due <= LAST_DONE_DAY)) &&
    (final !== "in_progress" || (past.length > 0 && past.length < dues.length)) &&
    (final !== "delayed" || delayedFrom !== null);
  if (!consistent) throw new Error(`demo measure ${m.code}: fixed milestone dates do not fit status ${final}`);
  const reached = (due: string) =>
    final === "done" || (final === "in_progress" && due <= "2018-11-30") || (final === "delayed" && due < delayedFrom!) || (final === "stopped" && due < stoppedOn!);
  const milestones = titles.map(([titleFr, titleNl, due]) => ({ titleFr, titleNl, due: due!, done: reached(due!) ? due! : null }));
  return { milestones, delayedFrom };
}

/** Every measure's life, in code order within each theme. */
export function planMeasures(themes: DemoMeasure[][]): MeasurePlan[] {
  const finals = finalStatuses(themes.flat());
  let stoppedSeen = 0;
  return themes.flatMap((measures, t) =>
    measures.map((data) => {
      const r = new Random(`gvpp-measure-${data.code}`);
      const final = finals.get(data.code)!;
      // The first stopped measures were given up in 2017, the others during the first half of 2018.
      const stoppedOn = final === "stopped" ? (stoppedSeen++ < 3 ? r.day("2017-09-01", "2017-12-15") : r.day("2018-02-01", "2018-06-15")) : null;
      const titles = milestoneTitles(data, r);
      const { milestones, delayedFrom } = titles.every((t) => t[2]) ? fixedMilestones(data, final, stoppedOn) : buildMilestones(r, titles, final, stoppedOn);
      let startedOn: string | null = null;
      if (final !== "planned") {
        const limits = [r.day("2017-03-01", milestones.some((m) => m.done) ? "2017-12-31" : "2018-05-31")];
        for (const m of milestones) if (m.done) limits.push(addDays(m.done, -20));
        if (stoppedOn) limits.push(addDays(stoppedOn, -30));
        if (delayedFrom) limits.push(addDays(delayedFrom, -60));
        startedOn = maxDay(minDay(...limits), "2017-02-15");
      }
      const indicators = (data.indicators ?? []).map((ind) => ({ ...ind, reported: r.chance(0.8), pace: 0.5 + r.next() * 0.6 }));
      return { data, theme: t + 1, final, startedOn, stoppedOn, delayedFrom, milestones, indicators };
    }),
  );
}

function statusAt(m: MeasurePlan, day: string): MeasureStatus {
  if (m.stoppedOn && m.stoppedOn <= day) return "stopped";
  if (!m.startedOn || m.startedOn > day) return "planned";
  if (m.final === "done" && m.milestones.every((x) => x.done && x.done <= day)) return "done";
  if (m.delayedFrom && m.delayedFrom < day) return "delayed";
  return "in_progress";
}

/** Progress of a running measure: half milestones reached, half time elapsed towards the last due date. */
function runningProgress(m: MeasurePlan, day: string): number {
  const done = m.milestones.filter((x) => x.done && x.done <= day).length / m.milestones.length;
  const end = maxDay(...m.milestones.map((x) => x.due));
  const span = Math.max(1, Date.parse(end) - Date.parse(m.startedOn!));
  const elapsed = Math.min(1, Math.max(0, (Date.parse(day) - Date.parse(m.startedOn!)) / span));
  const raw = 100 * (0.55 * done + 0.45 * elapsed) * (m.final === "delayed" ? 0.7 : 1);
  return Math.min(95, Math.max(5, Math.round(raw / 5) * 5));
}

function rounded(unit: string, value: number): number {
  if (unit === "percent") return Math.round(value * 10) / 10;
  if (unit === "eur") return Math.round(value / 1000) * 1000;
  return Math.round(value);
}

/** What a report made on `day` says about the measure. */
export function stateAt(m: MeasurePlan, day: string): MeasureState {
  const status = statusAt(m, day);
  const progress =
    status === "planned" ? 0 : status === "done" ? 100 : status === "stopped" ? runningProgress(m, addDays(m.stoppedOn!, -1)) : runningProgress(m, day);
  const milestoneDone = m.milestones.map((x) => (x.done && x.done <= day ? x.done : null));
  const indicatorValues = m.indicators.map((ind) =>
    ind.reported && status !== "planned" ? rounded(ind.unit, ind.baseline + (ind.target - ind.baseline) * Math.min(1, (progress / 100) * ind.pace)) : null,
  );
  return { status, progress, milestoneDone, indicatorValues };
}
