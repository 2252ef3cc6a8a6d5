/**
 * What a snapshot freezes: everything the council report pack needs, as it stood at
 * the moment the snapshot was taken (progress rolled up, late milestones as of that
 * day, decisions of the six months before, reporting round counts). Stored as JSON and
 * never updated, so a report drawn from it never shifts.
 */
import type { Reader, Titles } from "./plan.common.js";
import { isMilestoneLate, isUpdateLate, milestoneDaysLate } from "./lateness.js";
import { brusselsDay, planOr404, titlesOf } from "./plan.common.js";
import { planProgress } from "./progress.js";
import { measureStatuses, type MeasureStatus } from "../../shared/plan.js";
import { compareCodes } from "./plan.common.js";

export const SNAPSHOT_FORMAT = 1;
/** Decisions of the meetings held in this many months before the snapshot go in the report. */
export const DECISION_MONTHS = 6;

export interface TwoLanguages {
  fr: string;
  nl: string;
}

export interface SnapshotMilestone {
  position: number;
  titles: TwoLanguages;
  dueDate: string;
  doneDate: string | null;
  late: boolean;
  daysLate: number;
}

export interface SnapshotMeasure {
  id: number;
  code: string;
  themeNumber: number;
  titles: TwoLanguages;
  pillar: string;
  approach: string;
  status: MeasureStatus;
  progress: number;
  weight: number;
  scope: string;
  lead: { code: string; names: Titles };
  partners: string[];
  milestones: SnapshotMilestone[];
  indicators: {
    names: TwoLanguages;
    unit: string;
    direction: string;
    baseline: { value: number | null; year: number | null };
    target: { value: number | null; year: number | null };
    current: { value: number | null; on: string | null };
  }[];
}

export interface SnapshotTheme {
  number: number;
  titles: Titles;
  weight: number;
  progress: number | null;
  measureCount: number;
  byStatus: Record<MeasureStatus, number>;
}

export interface SnapshotDecision {
  meetingId: number;
  startsAt: string;
  body: { kind: string; names: Titles };
  measureCode: string | null;
  texts: TwoLanguages;
}

export interface SnapshotRound {
  names: Titles;
  periodLabel: string;
  opensOn: string;
  deadline: string;
  status: string;
  counts: { draft: number; submitted: number; returned: number; validated: number; late: number };
  total: number;
}

export interface SnapshotData {
  format: typeof SNAPSHOT_FORMAT;
  plan: { id: number; code: string; titles: Titles; startYear: number; endYear: number; status: string };
  snapshot: { version: number; title: string; takenAt: string; day: string };
  progress: number | null;
  themes: SnapshotTheme[];
  measures: SnapshotMeasure[];
  decisions: SnapshotDecision[];
  rounds: SnapshotRound[];
}

const num = (v: number | string | null) => (v === null ? null : Number(v));

export function emptyByStatus(): Record<MeasureStatus, number> {
  return Object.fromEntries(measureStatuses.map((s) => [s, 0])) as Record<MeasureStatus, number>;
}

async function collectMeasures(db: Reader, planId: number, day: string): Promise<SnapshotMeasure[]> {
  const rows = await db
    .selectFrom("plan_measures as m")
    .innerJoin("plan_themes as t", "t.id", "m.theme_id")
    .innerJoin("organisations as o", "o.id", "m.lead_organisation_id")
    .select(["m.id", "m.code", "t.number", "m.title_fr", "m.title_nl", "m.pillar", "m.approach", "m.status", "m.progress", "m.weight", "m.scope"])
    .select(["o.code as lead_code", "o.name_fr", "o.name_nl", "o.name_en"])
    .where("m.plan_id", "=", planId)
    .execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const partners = await db
    .selectFrom("plan_measure_partners as p")
    .innerJoin("organisations as o", "o.id", "p.organisation_id")
    .select(["p.measure_id", "o.code"])
    .where("p.measure_id", "in", ids)
    .orderBy("o.code")
    .execute();
  const milestones = await db.selectFrom("plan_milestones").selectAll().where("measure_id", "in", ids).orderBy("position").orderBy("id").execute();
  const indicators = await db.selectFrom("plan_indicators").selectAll().where("measure_id", "in", ids).orderBy("id").execute();
  return rows
    .map((r): SnapshotMeasure => ({
      id: r.id,
      code: r.code,
      themeNumber: Number(r.number),
      titles: { fr: r.title_fr, nl: r.title_nl },
      pillar: r.pillar,
      approach: r.approach,
      status: r.status as MeasureStatus,
      progress: Number(r.progress),
      weight: Number(r.weight),
      scope: r.scope,
      lead: { code: r.lead_code, names: titlesOf(r, "name") },
      partners: partners.filter((p) => p.measure_id === r.id).map((p) => p.code),
      milestones: milestones
        .filter((m) => m.measure_id === r.id)
        .map((m) => ({
          position: Number(m.position),
          titles: { fr: m.title_fr, nl: m.title_nl },
          dueDate: m.due_date,
          doneDate: m.done_date,
          late: isMilestoneLate(m.due_date, m.done_date, day),
          daysLate: milestoneDaysLate(m.due_date, m.done_date, day),
        })),
      indicators: indicators
        .filter((i) => i.measure_id === r.id)
        .map((i) => ({
          names: { fr: i.name_fr, nl: i.name_nl },
          unit: i.unit,
          direction: i.direction,
          baseline: { value: num(i.baseline_value), year: num(i.baseline_year) },
          target: { value: num(i.target_value), year: num(i.target_year) },
          current: { value: num(i.current_value), on: i.current_on },
        })),
    }))
    .sort((a, b) => a.themeNumber - b.themeNumber || compareCodes(a.code, b.code));
}

async function collectDecisions(db: Reader, planId: number, takenAt: string): Promise<SnapshotDecision[]> {
  const since = new Date(takenAt);
  since.setUTCMonth(since.getUTCMonth() - DECISION_MONTHS);
  const rows = await db
    .selectFrom("plan_decisions as d")
    .innerJoin("plan_meetings as mt", "mt.id", "d.meeting_id")
    .innerJoin("plan_bodies as b", "b.id", "mt.body_id")
    .leftJoin("plan_measures as m", "m.id", "d.measure_id")
    .select(["d.id", "d.meeting_id", "d.text_fr", "d.text_nl", "mt.starts_at", "mt.status", "b.kind", "b.name_fr", "b.name_nl", "b.name_en", "m.code"])
    .where("b.plan_id", "=", planId)
    .where("mt.status", "!=", "cancelled")
    .execute();
  const end = Date.parse(takenAt);
  return rows
    .filter((r) => {
      const at = Date.parse(r.starts_at);
      return at >= since.getTime() && at <= end;
    })
    .sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at) || a.meeting_id - b.meeting_id || a.id - b.id)
    .map((r) => ({
      meetingId: r.meeting_id,
      startsAt: r.starts_at,
      body: { kind: r.kind, names: titlesOf(r, "name") },
      measureCode: r.code ?? null,
      texts: { fr: r.text_fr, nl: r.text_nl },
    }));
}

async function collectRounds(db: Reader, planId: number, day: string): Promise<SnapshotRound[]> {
  const rounds = await db.selectFrom("plan_rounds").selectAll().where("plan_id", "=", planId).orderBy("opens_on").orderBy("id").execute();
  if (rounds.length === 0) return [];
  const updates = await db
    .selectFrom("plan_updates")
    .select(["round_id", "state", "first_submitted_at"])
    .where("round_id", "in", rounds.map((r) => r.id))
    .execute();
  return rounds.map((round) => {
    const counts = { draft: 0, submitted: 0, returned: 0, validated: 0, late: 0 };
    const mine = updates.filter((u) => u.round_id === round.id);
    for (const u of mine) {
      if (u.state in counts) counts[u.state as keyof typeof counts]++;
      if (isUpdateLate(round.deadline, u.first_submitted_at, day)) counts.late++;
    }
    return {
      names: titlesOf(round, "name"),
      periodLabel: round.period_label,
      opensOn: round.opens_on,
      deadline: round.deadline,
      status: round.status,
      counts,
      total: mine.length,
    };
  });
}

/** The plan as it stands at `takenAt`, in the frozen shape of a snapshot. */
export async function collectSnapshotData(db: Reader, planId: number, meta: { version: number; title: string; takenAt: string }): Promise<SnapshotData> {
  const plan = await planOr404(db, planId);
  const day = brusselsDay(new Date(meta.takenAt));
  const themes = await db.selectFrom("plan_themes").selectAll().where("plan_id", "=", planId).orderBy("number").execute();
  const measures = await collectMeasures(db, planId, day);
  const themeIdOf = new Map(themes.map((t) => [Number(t.number), t.id]));
  const rollUp = planProgress(
    themes.map((t) => ({ id: t.id, label: titlesOf(t).fr, weight: Number(t.weight) })),
    measures.map((m) => ({ id: m.id, label: m.code, themeId: themeIdOf.get(m.themeNumber)!, weight: m.weight, progress: m.progress, status: m.status })),
  );
  return {
    format: SNAPSHOT_FORMAT,
    plan: { id: plan.id, code: plan.code, titles: titlesOf(plan), startYear: Number(plan.start_year), endYear: Number(plan.end_year), status: plan.status },
    snapshot: { version: meta.version, title: meta.title, takenAt: meta.takenAt, day },
    progress: rollUp.value,
    themes: themes.map((t) => {
      const own = measures.filter((m) => m.themeNumber === Number(t.number));
      const byStatus = emptyByStatus();
      for (const m of own) if (m.status in byStatus) byStatus[m.status]++;
      return {
        number: Number(t.number),
        titles: titlesOf(t),
        weight: Number(t.weight),
        progress: rollUp.themes.get(t.id)?.value ?? null,
        measureCount: own.length,
        byStatus,
      };
    }),
    measures,
    decisions: await collectDecisions(db, planId, meta.takenAt),
    rounds: await collectRounds(db, planId, day),
  };
}
