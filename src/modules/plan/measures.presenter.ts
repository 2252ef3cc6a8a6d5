/** Plans, measures and the dashboard as the API shows them: names in the caller's language, and what the caller may do. */
import type { Selectable } from "kysely";
import type { Actor } from "../../server/auth/actor.js";
import { allowedActions } from "../../server/auth/policy.js";
import { localName, type Locale } from "../../shared/locale.js";
import type { Approach, IndicatorDirection, MeasureStatus, Pillar, PlanStatus, TerritoryLevel } from "../../shared/plan.js";
import type { MeasureDetailView } from "./measure-detail.service.js";
import type { MeasureRow } from "./measure-list.service.js";
import { attainment } from "./milestones-indicators.service.js";
import type { OverviewView } from "./overview.service.js";
import { titlesOf } from "./plan.common.js";
import { namesOf, organisationRef, type Names } from "./plan.presenter.js";
import type { NumberedRow } from "./plans.service.js";
import type { PlanIndicatorTable, PlanMilestoneTable, PlanTable } from "./plan.table.js";

export function presentPlan(actor: Actor, locale: Locale, row: Selectable<PlanTable>) {
  const titles = titlesOf(row);
  return {
    id: row.id,
    code: row.code,
    title: localName(locale, titles),
    titles,
    startYear: row.start_year,
    endYear: row.end_year,
    status: row.status as PlanStatus,
    isDemo: row.is_demo === 1,
    actions: allowedActions(actor, "plan"),
  };
}

function presentNumbered(locale: Locale, row: NumberedRow) {
  const titles = titlesOf(row);
  return { id: row.id, number: row.number, title: localName(locale, titles), titles, weight: row.weight };
}

export function presentPlanDetail(
  actor: Actor,
  locale: Locale,
  view: { plan: Selectable<PlanTable>; themes: NumberedRow[]; goals: NumberedRow[]; priorities: NumberedRow[] },
) {
  const numbered = (rows: NumberedRow[]) => rows.map((r) => presentNumbered(locale, r));
  return { ...presentPlan(actor, locale, view.plan), themes: numbered(view.themes), goals: numbered(view.goals), priorities: numbered(view.priorities) };
}

const ref = (locale: Locale, r: { id: number; number: number } & Record<string, unknown>) => ({ id: r.id, number: r.number, title: localName(locale, titlesOf(r)) });

export function presentMeasure(actor: Actor, locale: Locale, m: MeasureRow) {
  const titles = titlesOf(m);
  return {
    id: m.id,
    code: m.code,
    title: localName(locale, titles),
    titles,
    theme: { id: m.theme_id, number: m.theme_number, title: localName(locale, { fr: m.theme_title_fr, nl: m.theme_title_nl, en: m.theme_title_en }) },
    pillar: m.pillar as Pillar,
    approach: m.approach as Approach,
    leadOrganisation: organisationRef(locale, m.lead_organisation_id, m.lead_code, { fr: m.lead_name_fr, nl: m.lead_name_nl, en: m.lead_name_en }),
    status: m.status as MeasureStatus,
    progress: m.progress,
    weight: m.weight,
    scope: m.scope as "region" | "territories",
    isDemo: m.is_demo === 1,
    lateMilestones: m.late_milestones,
    actions: allowedActions(actor, "measure", { organisationId: m.lead_organisation_id }),
  };
}

export function presentMilestone(locale: Locale, m: Selectable<PlanMilestoneTable> & { late: boolean }) {
  const titles = titlesOf(m);
  return { id: m.id, position: m.position, title: localName(locale, titles), titles, dueDate: m.due_date, doneDate: m.done_date, late: m.late };
}

export function presentIndicator(locale: Locale, i: Selectable<PlanIndicatorTable>) {
  const names = titlesOf(i, "name");
  return {
    id: i.id,
    name: localName(locale, names),
    names,
    unit: i.unit,
    direction: i.direction as IndicatorDirection,
    baseline: { value: i.baseline_value, year: i.baseline_year },
    target: { value: i.target_value, year: i.target_year },
    current: { value: i.current_value, on: i.current_on },
    attainment: attainment(i),
  };
}

export function presentMeasureDetail(actor: Actor, locale: Locale, view: MeasureDetailView) {
  const name = (names: Names) => localName(locale, names);
  return {
    ...presentMeasure(actor, locale, view.measure),
    descriptions: { fr: view.measure.description_fr, nl: view.measure.description_nl },
    goals: view.goals.map((g) => ref(locale, g)),
    priorities: view.priorities.map((p) => ref(locale, p)),
    partners: view.partners.map((o) => organisationRef(locale, o.id, o.code, namesOf(o))),
    territories: view.territories.map((t) => ({ level: t.level as TerritoryLevel, code: t.code, name: name(t.names) })),
    milestones: view.milestones.map((m) => presentMilestone(locale, m)),
    indicators: view.indicators.map((i) => presentIndicator(locale, i)),
    history: view.history.map((u) => ({
      updateId: u.id,
      round: { id: u.round_id, name: name(namesOf(u)), periodLabel: u.period_label },
      state: u.state,
      version: u.version,
      status: u.status,
      progress: u.progress,
      submittedAt: u.submitted_at,
      validatedAt: u.validated_at,
      late: u.late,
    })),
    meetings: view.meetings.map((a) => ({
      meetingId: a.meeting_id,
      startsAt: a.starts_at,
      body: { id: a.body_id, name: name(namesOf(a)), kind: a.kind },
      agendaTitle: name({ fr: a.title_fr, nl: a.title_nl }),
    })),
    decisions: view.decisions.map((d) => ({ id: d.id, meetingId: d.meeting_id, startsAt: d.starts_at, text: name({ fr: d.text_fr, nl: d.text_nl }) })),
  };
}

export function presentOverview(actor: Actor, locale: Locale, view: OverviewView) {
  const name = (names: Names) => localName(locale, names);
  const measureTitle = (m: { title_fr: string; title_nl: string }) => name({ fr: m.title_fr, nl: m.title_nl });
  return {
    plan: presentPlan(actor, locale, view.plan),
    progress: view.progress,
    themes: view.themes.map((t) => ({
      id: t.theme.id,
      number: t.theme.number,
      title: name(titlesOf(t.theme)),
      progress: t.progress,
      measureCount: t.measureCount,
      byPillar: t.byPillar,
    })),
    lateMilestones: view.lateMilestones.map((ms) => ({
      milestoneId: ms.id,
      measureId: ms.measure_id,
      measureCode: ms.code,
      measureTitle: name({ fr: ms.measure_title_fr, nl: ms.measure_title_nl }),
      title: name({ fr: ms.title_fr, nl: ms.title_nl }),
      dueDate: ms.due_date,
      daysLate: ms.days_late,
    })),
    currentRound: view.currentRound && {
      id: view.currentRound.round.id,
      name: name(namesOf(view.currentRound.round)),
      deadline: view.currentRound.round.deadline,
      missing: view.currentRound.missing.map((u) => ({
        measureId: u.measure_id,
        code: u.code,
        title: measureTitle(u),
        leadOrganisation: { id: u.organisation_id, name: name(namesOf(u)) },
      })),
    },
    byLeadOrganisation: view.byLeadOrganisation.map((o) => ({
      organisation: organisationRef(locale, o.organisation.id, o.organisation.code, o.organisation.names),
      measures: o.measures,
      progress: o.progress,
      lateMilestones: o.lateMilestones,
    })),
    territorial: view.territorial.map(({ measure, territories }) => ({
      measureId: measure.id,
      code: measure.code,
      title: measureTitle(measure),
      status: measure.status as MeasureStatus,
      territories: territories.map((t) => ({ level: t.level as TerritoryLevel, code: t.code })),
    })),
  };
}
