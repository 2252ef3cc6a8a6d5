/**
 * The two reporting rounds of 2018, planned without touching the database: which state
 * each update is in, what it says, when it was submitted, sent back, validated, and the
 * figures each measure holds afterwards (those of its last validated update).
 */
import type { UpdateState } from "../../../shared/plan.js";
import { addDays, brusselsInstant, maxDay, minDay, Random } from "./random.js";
import { DEMO_NOW, demoRounds, INITIAL_CUTOFF } from "./reference.js";
import { commentTexts, narrative, reportLanguage, thinNarrative, type Lang } from "./texts.js";
import { stateAt, type MeasurePlan, type MeasureState } from "./timeline.js";

export interface UpdateContent {
  status: string;
  progress: number;
  narrative: string;
  lang: Lang | null;
  /** null: the draft was never touched (no milestone or indicator rows). */
  state: MeasureState | null;
}

export interface CommentPlan {
  field: string;
  kind: "return" | "answer";
  body: string;
  by: "agency" | "lead";
  resolved: boolean;
  at: string;
}

export interface RevisionPlan {
  version: number;
  action: "submitted" | "returned" | "validated";
  by: "agency" | "lead";
  at: string;
  content: UpdateContent;
  /** state of the update right after this step */
  state: UpdateState;
  comments?: { field: string; body: string }[];
  answers?: { field: string; body: string }[];
}

export interface UpdatePlan {
  measure: MeasurePlan;
  round: 0 | 1;
  state: UpdateState;
  version: number;
  content: UpdateContent;
  firstSubmittedAt: string | null;
  submittedAt: string | null;
  validatedAt: string | null;
  /** validated by the agency's administrator rather than its coordinator */
  validatedByAdmin: boolean;
  /** When the organisation attached its evidence file (null: none). */
  evidenceAt: string | null;
  updatedAt: string;
  comments: CommentPlan[];
  revisions: RevisionPlan[];
}

export interface StoredFigures {
  state: MeasureState;
  /** Day the indicator values were validated (null: none validated yet). */
  validatedOn: string | null;
  updatedAt: string;
}

type Flow = "draft" | "saved" | "submitted" | "returned" | "validated" | "validated_after_return";
interface Assignment {
  flow: Flow;
  late: boolean;
}

/** The demo accounts' organisations get a known mix in the open round, so every inbox shows something to do; some stories are fixed too. */
const PINNED_SECOND_ROUND: Record<string, Flow> = {
  "1.05": "returned", "1.08": "saved", "5.10": "submitted", "7.07": "validated",
  "3.03": "submitted", "5.05": "draft", "5.06": "validated", "6.11": "returned",
  "1.06": "draft", "7.09": "returned",
  // The District Team pilot ran late at the end of 2018 (the Council asked for a catch-up plan).
  "4.01": "validated",
};

function bag(entries: [Flow, number, number][]): Assignment[] {
  return entries.flatMap(([flow, count, late]) => Array.from({ length: count }, (_, i) => ({ flow, late: i < late })));
}

function assignFirstRound(measures: MeasurePlan[]): Map<string, Assignment> {
  const out = new Map<string, Assignment>();
  const free = new Random("gvpp-round-1").shuffle(
    measures.filter((m) => ["in_progress", "delayed", "planned"].includes(m.final) && !(m.data.code in PINNED_SECOND_ROUND)),
  );
  const special = bag([["draft", 5, 0], ["submitted", 4, 1], ["validated_after_return", 7, 1], ["validated", 0, 0]]);
  const late = bag([["validated", 9, 9]]);
  [...special, ...late].forEach((a, i) => out.set(free[i]!.data.code, a));
  for (const m of measures) if (!out.has(m.data.code)) out.set(m.data.code, { flow: "validated", late: false });
  return out;
}

function assignSecondRound(measures: MeasurePlan[]): Map<string, Assignment> {
  const out = new Map<string, Assignment>();
  for (const m of measures) if (PINNED_SECOND_ROUND[m.data.code]) out.set(m.data.code, { flow: PINNED_SECOND_ROUND[m.data.code]!, late: false });
  // Completed measures are the quickest to validate: the agency did those first.
  const shuffled = new Random("gvpp-round-2").shuffle(measures.filter((m) => !out.has(m.data.code)));
  const free = [...shuffled.filter((m) => m.final === "done"), ...shuffled.filter((m) => m.final !== "done")];
  const flows = bag([["validated", 29, 1], ["validated_after_return", 4, 1], ["submitted", 24, 5], ["returned", 7, 1], ["saved", 18, 0], ["draft", 100, 0]]);
  free.forEach((m, i) => out.set(m.data.code, flows[i]!));
  return out;
}

function contentOf(m: MeasurePlan, state: MeasureState): UpdateContent {
  const lang = reportLanguage(m.data.lead);
  return { status: state.status, progress: state.progress, narrative: narrative(m, state, lang), lang, state };
}

/** The field the agency questioned, and the update as first submitted (before the correction). */
function questioned(r: Random, final: UpdateContent): { field: string; first: UpdateContent } {
  const fields = ["narrative", "evidence"];
  if (final.status === "in_progress" && final.progress <= 80) fields.push("progress");
  if (final.status === "delayed") fields.push("status");
  if (final.state!.milestoneDone.some((d) => d)) fields.push("milestones");
  if (final.state!.indicatorValues.some((v) => v !== null)) fields.push("indicators");
  const field = r.pick(fields);
  if (field === "progress") return { field, first: { ...final, progress: final.progress + 15 } };
  if (field === "status") return { field, first: { ...final, status: "in_progress" } };
  if (field === "narrative") return { field, first: { ...final, narrative: thinNarrative(final.narrative) } };
  return { field, first: final };
}

function planUpdate(m: MeasurePlan, round: 0 | 1, a: Assignment, before: MeasureState): UpdatePlan {
  const spec = demoRounds[round];
  const r = new Random(`gvpp-update-${spec.key}-${m.data.code}`);
  const opened = brusselsInstant(spec.opens_on, "09:00");
  const at = (day: string) => brusselsInstant(day, `${String(r.int(8, 17)).padStart(2, "0")}:${String(r.int(0, 59)).padStart(2, "0")}`);
  const lastDay = round === 0 ? "2018-09-28" : DEMO_NOW;
  const base: UpdatePlan = {
    measure: m, round, state: "draft", version: 0,
    content: { status: before.status, progress: before.progress, narrative: "", lang: null, state: null },
    firstSubmittedAt: null, submittedAt: null, validatedAt: null, validatedByAdmin: r.chance(0.2), evidenceAt: null,
    updatedAt: opened, comments: [], revisions: [],
  };
  if (a.flow === "draft") return base;
  // Organisations report on the half-year once it is over: they write after its last day.
  const reportFrom = addDays(spec.cutoff, 1);
  const final = contentOf(m, stateAt(m, spec.cutoff));
  if (a.flow === "saved") return { ...base, content: final, updatedAt: at(r.day(reportFrom, spec.deadline)) };

  const withReturn = a.flow === "returned" || a.flow === "validated_after_return";
  const { field, first } = withReturn ? questioned(r, final) : { field: "", first: final };
  const firstDay = a.late ? r.day(addDays(spec.deadline, 1), addDays(spec.deadline, round === 0 ? 40 : 8)) : r.day(reportFrom, withReturn ? addDays(spec.deadline, -6) : spec.deadline);
  const plan: UpdatePlan = { ...base, state: "submitted", version: 1, content: first, firstSubmittedAt: at(firstDay), submittedAt: null, comments: [], revisions: [] };
  plan.submittedAt = plan.firstSubmittedAt;
  // Some organisations attach a file with their first submission; one asked for it attaches it with the next.
  const minutesBefore = (instant: string, minutes: number) => new Date(Date.parse(instant) - minutes * 60_000).toISOString();
  if (field !== "evidence" && r.chance(0.25)) plan.evidenceAt = minutesBefore(plan.submittedAt!, 10);
  plan.revisions.push({ version: 1, action: "submitted", by: "lead", at: plan.submittedAt!, content: first, state: "submitted" });
  let lastSubmittedDay = firstDay;
  if (withReturn) {
    const returnDay = minDay(addDays(firstDay, r.int(3, 9)), lastDay);
    const returnedAt = maxIso(at(returnDay), plan.submittedAt!);
    const lang = final.lang ?? "fr";
    const ask = commentTexts[field]!.ask(lang, first.progress);
    plan.comments.push({ field, kind: "return", body: ask, by: "agency", resolved: a.flow !== "returned", at: returnedAt });
    plan.revisions.push({ version: 1, action: "returned", by: "agency", at: returnedAt, content: first, state: "returned", comments: [{ field, body: ask }] });
    plan.state = "returned";
    plan.updatedAt = returnedAt;
    if (a.flow === "returned") return plan;
    const againDay = minDay(addDays(returnDay, r.int(2, 8)), lastDay);
    const again = maxIso(at(againDay), returnedAt);
    const answer = commentTexts[field]!.answer(lang, final.progress);
    plan.comments.push({ field, kind: "answer", body: answer, by: "lead", resolved: true, at: again });
    plan.revisions.push({ version: 2, action: "submitted", by: "lead", at: again, content: final, state: "submitted", answers: [{ field, body: answer }] });
    Object.assign(plan, { state: "submitted", version: 2, content: final, submittedAt: again });
    if (field === "evidence") plan.evidenceAt = maxIso(minutesBefore(again, 5), returnedAt);
    lastSubmittedDay = againDay;
  }
  plan.updatedAt = plan.submittedAt!;
  if (a.flow === "submitted") return plan;
  const validatedAt = maxIso(at(minDay(addDays(lastSubmittedDay, r.int(2, 14)), lastDay)), plan.submittedAt!);
  plan.revisions.push({ version: plan.version, action: "validated", by: "agency", at: validatedAt, content: final, state: "validated" });
  return { ...plan, state: "validated", validatedAt, updatedAt: validatedAt };
}

/** The later of two instants, one minute after the second when they clash (an answer after the question). */
function maxIso(a: string, after: string): string {
  return a > after ? a : new Date(Date.parse(after) + 60_000).toISOString();
}

/** Both rounds' updates and the figures every measure holds at the end. */
export function planReporting(measures: MeasurePlan[], planCreatedAt: string): { updates: UpdatePlan[]; stored: Map<string, StoredFigures> } {
  const initial = new Map(measures.map((m) => [m.data.code, stateAt(m, INITIAL_CUTOFF)]));
  const stored = new Map<string, StoredFigures>(
    measures.map((m) => [m.data.code, { state: { ...initial.get(m.data.code)!, indicatorValues: m.indicators.map(() => null) }, validatedOn: null, updatedAt: planCreatedAt }]),
  );
  const updates: UpdatePlan[] = [];
  const assignments = [assignFirstRound, assignSecondRound];
  for (const round of [0, 1] as const) {
    const eligible = measures.filter((m) => stored.get(m.data.code)!.state.status !== "stopped");
    const assigned = assignments[round]!(eligible);
    for (const m of eligible) {
      const update = planUpdate(m, round, assigned.get(m.data.code)!, stored.get(m.data.code)!.state);
      updates.push(update);
      if (update.state === "validated") {
        stored.set(m.data.code, { state: update.content.state!, validatedOn: update.validatedAt!.slice(0, 10), updatedAt: update.validatedAt! });
      }
    }
  }
  return { updates, stored };
}
