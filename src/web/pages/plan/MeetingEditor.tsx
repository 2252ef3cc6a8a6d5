import { useEffect, useRef, useState } from "react";
import { meetingStatuses } from "../../../shared/plan.js";
import { ErrorAlert } from "../../components/forms/ErrorAlert.js";
import { SelectField, TextField, type Choice } from "../../components/forms/Field.js";
import { FormButtons } from "../../components/forms/FormButtons.js";
import { useFocusOnMount } from "../../components/forms/useFocusOnMount.js";
import { useSubmit } from "../../components/forms/useSubmit.js";
import { useResource } from "../../components/useResource.js";
import { useLocale } from "../../i18n.js";
import { useSignedIn } from "../../session.js";
import type { Organisation } from "../../types.js";
import { documentOf, draftOf, shownFields, type BodyMember, type EditableMeeting, type MeetingDraft } from "./MeetingEditorModel.js";
import { ActionItemList, AgendaList, AttendanceList, DecisionList, type FocusRequest } from "./MeetingEditorRows.js";
import { sendJson } from "./planApi.js";
import { TextAreaField } from "./planFields.js";
import type { BodyDetail, MeasureRow } from "./plan.types.js";
import "./plan-edit.css";

const codeOrder = new Intl.Collator("en", { numeric: true });

/**
 * Coordinators edit a whole meeting: date, place, status, minutes in French and Dutch, the
 * agenda, who attended, decisions and action items, saved at once (PUT /api/plan/meetings/{id}).
 * It first loads what the choices need: the body's members, the plan's measures, the organisations.
 */
export function MeetingEditor({ meeting, onSaved, onCancel }: { meeting: EditableMeeting; onSaved: () => void; onCancel: () => void }) {
  const { locale, t } = useLocale();
  const body = useResource<BodyDetail>(`/api/plan/bodies/${meeting.body.id}`, {}, locale);
  const measures = useResource<MeasureRow[]>(`/api/plan/plans/${meeting.body.planId}/measures`, {}, locale);
  const organisations = useResource<Organisation[]>("/api/organisations", { active: "true" }, locale);
  const error = body.error ?? measures.error ?? organisations.error;

  if (!body.data || !measures.data || !organisations.data) {
    return (
      <section className="panel" aria-label={t("planWebEdit.meeting.title")}>
        <ErrorAlert error={error} />
        {error ? null : (
          <p className="loading" role="status">
            {t("app.loading")}
          </p>
        )}
      </section>
    );
  }
  const measureChoices: Choice[] = [...measures.data]
    .sort((a, b) => codeOrder.compare(a.code, b.code))
    .map((m) => ({ value: String(m.id), label: `${m.code} · ${m.title}` }));
  // Active organisations, and the owners of the meeting's action items even if they have closed since.
  const owners = new Map<number, string>(organisations.data.map((o) => [o.id, o.name]));
  for (const a of meeting.actionItems) if (!owners.has(a.owner.organisation.id)) owners.set(a.owner.organisation.id, a.owner.organisation.name);
  const organisationChoices: Choice[] = [...owners]
    .sort(([, a], [, b]) => a.localeCompare(b, locale))
    .map(([id, name]) => ({ value: String(id), label: name }));

  return (
    <MeetingForm
      meeting={meeting}
      members={body.data.members}
      measures={measureChoices}
      organisations={organisationChoices}
      onSaved={onSaved}
      onCancel={onCancel}
    />
  );
}

interface FormProps {
  meeting: EditableMeeting;
  members: BodyMember[];
  measures: Choice[];
  organisations: Choice[];
  onSaved: () => void;
  onCancel: () => void;
}

function MeetingForm({ meeting, members, measures, organisations, onSaved, onCancel }: FormProps) {
  const { t } = useLocale();
  const session = useSignedIn();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const form = useSubmit();
  const root = useRef<HTMLElement>(null);
  const [draft, setDraft] = useState<MeetingDraft>(() => draftOf(meeting, members));
  const [focusTarget, setFocusTarget] = useState<string[] | null>(null);

  // After rows are added, moved or removed, focus goes where the keyboard user expects it.
  useEffect(() => {
    if (!focusTarget) return;
    for (const selector of focusTarget) {
      const element = root.current?.querySelector<HTMLElement>(selector);
      if (element) {
        element.focus();
        break;
      }
    }
    setFocusTarget(null);
  }, [focusTarget]);
  const focus: FocusRequest = (...selectors) => setFocusTarget(selectors);

  const set = <K extends keyof MeetingDraft>(key: K, value: MeetingDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  // Links to rows that are gone are dropped with them.
  const setAgenda = (agenda: MeetingDraft["agenda"]) =>
    setDraft((d) => {
      const keys = new Set(agenda.map((a) => a.key));
      return { ...d, agenda, decisions: d.decisions.map((x) => (keys.has(x.agendaKey) ? x : { ...x, agendaKey: "" })) };
    });
  const setDecisions = (decisions: MeetingDraft["decisions"]) =>
    setDraft((d) => {
      const keys = new Set(decisions.map((x) => x.key));
      return { ...d, decisions, actionItems: d.actionItems.map((a) => (keys.has(a.decisionKey) ? a : { ...a, decisionKey: "" })) };
    });

  const save = async () => {
    await sendJson(session.csrfToken, "PUT", `/api/plan/meetings/${meeting.id}`, documentOf(draft));
    onSaved();
  };
  const error = form.fieldError;

  return (
    <section className="panel" aria-labelledby="meeting-editor-title" ref={root}>
      <h2 id="meeting-editor-title" ref={heading} tabIndex={-1}>
        {t("planWebEdit.meeting.title")}
      </h2>
      <form className="form" noValidate onSubmit={form.onSubmit(save)} data-testid="meeting-editor">
        <ErrorAlert error={form.error} shownFields={shownFields(draft)} />
        <fieldset className="edit-group">
          <legend>{t("planWebEdit.meeting.general")}</legend>
          <div className="form-grid">
            <TextField
              label={t("planWeb.bodies.startsAt")}
              hint={t("planWebEdit.meeting.brusselsTime")}
              type="datetime-local"
              required
              value={draft.startsAt}
              onChange={(e) => set("startsAt", e.target.value)}
              error={error("startsAt")}
            />
            <TextField label={t("planWeb.bodies.location")} value={draft.location} onChange={(e) => set("location", e.target.value)} error={error("location")} />
            <SelectField
              label={t("plan.field.status")}
              value={draft.status}
              onChange={(e) => set("status", e.target.value as MeetingDraft["status"])}
              choices={meetingStatuses.map((s) => ({ value: s, label: t(`plan.meetingStatus.${s}`) }))}
              error={error("status")}
            />
          </div>
        </fieldset>
        <fieldset className="edit-group">
          <legend>{t("planWeb.meeting.minutes")}</legend>
          <div className="form-grid wide">
            <TextAreaField label={t("planWebEdit.meeting.minutesFr")} lang="fr" rows={8} value={draft.minutesFr} onChange={(e) => set("minutesFr", e.target.value)} error={error("minutesFr")} />
            <TextAreaField label={t("planWebEdit.meeting.minutesNl")} lang="nl" rows={8} value={draft.minutesNl} onChange={(e) => set("minutesNl", e.target.value)} error={error("minutesNl")} />
          </div>
        </fieldset>
        <AgendaList rows={draft.agenda} onChange={setAgenda} error={error} focus={focus} measures={measures} />
        <AttendanceList rows={draft.attendance} onChange={(rows) => set("attendance", rows)} error={error} />
        <DecisionList rows={draft.decisions} onChange={setDecisions} error={error} focus={focus} agenda={draft.agenda} measures={measures} />
        <ActionItemList
          rows={draft.actionItems}
          onChange={(rows) => set("actionItems", rows)}
          error={error}
          focus={focus}
          decisions={draft.decisions}
          organisations={organisations}
          members={members}
        />
        <FormButtons submitLabel={t("planWebEdit.meeting.save")} busy={form.busy} onCancel={onCancel} />
      </form>
    </section>
  );
}
