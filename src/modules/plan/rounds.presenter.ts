/** Rounds, inbox rows and updates as the API shows them: names in the caller's language and the actions the caller may take. */
import type { Actor } from "../../server/auth/actor.js";
import { allowedActions } from "../../server/auth/policy.js";
import { localName, type Locale } from "../../shared/locale.js";
import type { MeasureStatus, RoundStatus, UpdateState } from "../../shared/plan.js";
import { isUpdateLate } from "./lateness.js";
import { brusselsDay, titlesOf } from "./plan.common.js";
import { namesOf, organisationOfRow, organisationRef } from "./plan.presenter.js";
import type { RoundCounts, RoundRow, UpdateListRow } from "./rounds.service.js";
import type { UpdateDetailData } from "./updates.read.js";
import { updateActions } from "./updates.rules.js";

const measureTitle = (locale: Locale, fr: string, nl: string) => localName(locale, { fr, nl });

export function presentRound(actor: Actor, locale: Locale, round: RoundRow, counts: RoundCounts) {
  const names = titlesOf(round, "name");
  return {
    id: round.id,
    name: localName(locale, names),
    names,
    periodLabel: round.period_label,
    opensOn: round.opens_on,
    deadline: round.deadline,
    status: round.status as RoundStatus,
    counts,
    actions: allowedActions(actor, "round"),
  };
}

function listFacts(actor: Actor, locale: Locale, row: UpdateListRow) {
  return {
    id: row.id,
    measure: { id: row.measure_id, code: row.measure_code, title: measureTitle(locale, row.measure_title_fr, row.measure_title_nl) },
    state: row.state as UpdateState,
    late: row.late,
    openComments: row.open_comments,
    actions: updateActions(actor, row),
  };
}

export function presentRoundUpdate(actor: Actor, locale: Locale, row: UpdateListRow) {
  const { actions, ...facts } = listFacts(actor, locale, row);
  return {
    ...facts,
    organisation: organisationOfRow(locale, row.organisation_id, row),
    version: row.version,
    submittedAt: row.submitted_at,
    actions,
  };
}

export function presentInboxItem(actor: Actor, locale: Locale, row: UpdateListRow) {
  const { actions, ...facts } = listFacts(actor, locale, row);
  const round = { id: row.round_id, name: localName(locale, titlesOf({ name_fr: row.round_name_fr, name_nl: row.round_name_nl, name_en: row.round_name_en }, "name")), deadline: row.deadline };
  return { ...facts, round, actions };
}

export function presentUpdate(actor: Actor, locale: Locale, data: UpdateDetailData) {
  const { update, round, measure, organisation } = data;
  return {
    id: update.id,
    round: { id: round.id, name: localName(locale, titlesOf(round, "name")), periodLabel: round.period_label, deadline: round.deadline, status: round.status as RoundStatus },
    measure: {
      id: measure.id,
      code: measure.code,
      title: measureTitle(locale, measure.title_fr, measure.title_nl),
      status: measure.status as MeasureStatus,
      progress: measure.progress,
    },
    organisation: organisationRef(locale, organisation.id, organisation.code, namesOf(organisation)),
    state: update.state as UpdateState,
    version: update.version,
    status: update.status as MeasureStatus | null,
    progress: update.progress,
    narrative: update.narrative,
    narrativeLang: update.narrative_lang as "fr" | "nl" | null,
    milestones: data.milestones.map((m) => ({
      milestoneId: m.id,
      title: measureTitle(locale, m.title_fr, m.title_nl),
      dueDate: m.due_date,
      doneDate: m.done_date,
      proposedDoneDate: m.proposed === null ? m.done_date : m.proposed_done_date,
    })),
    indicators: data.indicators.map((i) => ({
      indicatorId: i.id,
      name: measureTitle(locale, i.name_fr, i.name_nl),
      unit: i.unit,
      baseline: { value: i.baseline_value, year: i.baseline_year },
      target: { value: i.target_value, year: i.target_year },
      current: { value: i.current_value, on: i.current_on },
      proposedValue: i.proposed_value,
    })),
    evidence: data.evidence.map((e) => ({ id: e.id, filename: e.filename, contentType: e.content_type, size: e.size, uploadedAt: e.uploaded_at })),
    comments: data.comments.map((c) => ({
      id: c.id,
      field: c.field,
      kind: c.kind as "return" | "answer",
      body: c.body,
      author: { name: c.author_name, organisation: organisationRef(locale, c.author_organisation_id, c.organisation_code, namesOf(c)) },
      version: c.version,
      resolved: c.resolved === 1,
      createdAt: c.created_at,
    })),
    revisions: data.revisions.map((r) => ({
      version: r.version,
      action: r.action as "submitted" | "returned" | "validated",
      at: r.at,
      actor: r.actor_user_id === null ? null : { id: r.actor_user_id, name: r.actor_name ?? "" },
    })),
    late: isUpdateLate(round.deadline, update.first_submitted_at, brusselsDay()),
    actions: updateActions(actor, update),
  };
}
