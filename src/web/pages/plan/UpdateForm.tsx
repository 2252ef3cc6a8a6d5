import { useState, type ReactNode } from "react";
import { api } from "../../api.js";
import { ErrorAlert } from "../../components/forms/ErrorAlert.js";
import { TextField } from "../../components/forms/Field.js";
import { useSubmit } from "../../components/forms/useSubmit.js";
import { useLocale } from "../../i18n.js";
import { useSignedIn } from "../../session.js";
import { toNumber } from "./plan.logic.js";
import { sendJson } from "./planApi.js";
import { MeasureStatusField, ProgressField, TextAreaField } from "./planFields.js";
import { formatDay, formatNum } from "./planFormat.js";
import type { UpdateComment, UpdateDetail } from "./plan.types.js";
import { FieldComments, isOpen } from "./UpdateComments.js";

const FIELDS = ["status", "progress", "narrative", "narrativeLang"];

/** Comments on one field; milestone and indicator rows also carry their own (`milestone:<id>`). */
export const commentsOn = (comments: UpdateComment[], field: string) => comments.filter((c) => c.field === field);

function initialValues(u: UpdateDetail, locale: string) {
  return {
    status: u.status ?? u.measure.status,
    progress: String(u.progress ?? u.measure.progress),
    narrative: u.narrative ?? "",
    narrativeLang: u.narrativeLang ?? (locale === "nl" ? "nl" : "fr"),
    milestones: Object.fromEntries(u.milestones.map((m) => [m.milestoneId, m.proposedDoneDate ?? m.doneDate ?? ""])) as Record<number, string>,
    indicators: Object.fromEntries(u.indicators.map((i) => [i.indicatorId, i.proposedValue === null ? "" : String(i.proposedValue)])) as Record<number, string>,
  };
}

/** The organisation files its update: status, progress, narrative (FR or NL), milestone dates, indicator values; saves a draft or submits. */
export function UpdateForm({ update, onDone, evidence }: { update: UpdateDetail; onDone: (message: string) => void; evidence: ReactNode }) {
  const { locale, t } = useLocale();
  const session = useSignedIn();
  const form = useSubmit();
  const [values, setValues] = useState(() => initialValues(update, locale));
  const [answers, setAnswers] = useState<Record<number, string>>({});
  const [answerError, setAnswerError] = useState<string | undefined>(undefined);
  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) => setValues((v) => ({ ...v, [key]: value }));
  const open = update.comments.filter(isOpen);

  const body = () => ({
    status: values.status,
    progress: toNumber(values.progress),
    narrative: values.narrative,
    narrativeLang: values.narrativeLang,
    milestones: update.milestones.map((m) => ({ milestoneId: m.milestoneId, doneDate: values.milestones[m.milestoneId] || null })),
    indicators: update.indicators
      .filter((i) => (values.indicators[i.indicatorId] ?? "").trim() !== "")
      .map((i) => ({ indicatorId: i.indicatorId, value: toNumber(values.indicators[i.indicatorId] ?? "") })),
  });
  const save = () => sendJson(session.csrfToken, "PUT", `/api/plan/updates/${update.id}`, body());

  const saveDraft = () =>
    form.run(async () => {
      await save();
      onDone(t("planWeb.update.draftSaved"));
    });
  const submit = () => {
    const missing = open.some((c) => !(answers[c.id] ?? "").trim());
    setAnswerError(missing ? t("planWeb.comments.answerRequired") : undefined);
    if (missing) return;
    void form.run(async () => {
      await save();
      const typed = open.map((c) => ({ commentId: c.id, body: (answers[c.id] ?? "").trim() }));
      await api.post(`/api/plan/updates/${update.id}/submit`, typed.length ? { answers: typed } : {});
      onDone(t("planWeb.update.submitted"));
    });
  };

  const comments = (field: string, extra?: ReactNode) => (
    <>
      {extra}
      <FieldComments comments={commentsOn(update.comments, field)} answers={answers} onAnswer={(id, v) => setAnswers((a) => ({ ...a, [id]: v }))} answerError={answerError} />
    </>
  );

  return (
    <form className="form update-form" noValidate onSubmit={(e) => e.preventDefault()} aria-labelledby="update-form-title">
      <h2 id="update-form-title">{t("planWeb.update.formTitle")}</h2>
      <ErrorAlert error={form.error} shownFields={FIELDS} />
      {answerError ? (
        <p className="alert alert-error" role="alert">
          {answerError}
        </p>
      ) : null}
      {comments("general")}
      <div className="form-grid">
        <div className="field-with-comments" data-field="status">
          <MeasureStatusField value={values.status} onChange={(e) => set("status", e.target.value as typeof values.status)} error={form.fieldError("status")} />
          {comments("status")}
        </div>
        <div className="field-with-comments" data-field="progress">
          <ProgressField
            value={values.progress}
            onChange={(e) => set("progress", e.target.value)}
            error={form.fieldError("progress")}
            hint={t("planWeb.update.progressHint", { value: formatNum(locale, update.measure.progress, 1) })}
          />
          {comments("progress")}
        </div>
      </div>
      <div className="field-with-comments" data-field="narrative">
        <fieldset className="lang-choice">
          <legend>{t("planWeb.update.narrativeLang")}</legend>
          {(["fr", "nl"] as const).map((l) => (
            <label key={l}>
              <input type="radio" name="narrativeLang" value={l} checked={values.narrativeLang === l} onChange={() => set("narrativeLang", l)} /> {t(`lang.${l}`)}
            </label>
          ))}
        </fieldset>
        <TextAreaField
          label={t("plan.field.narrative")}
          lang={values.narrativeLang}
          rows={6}
          value={values.narrative}
          onChange={(e) => set("narrative", e.target.value)}
          error={form.fieldError("narrative") ?? form.fieldError("narrativeLang")}
        />
        {comments("narrative")}
      </div>

      {update.milestones.length || commentsOn(update.comments, "milestones").length ? (
        <fieldset className="field-with-comments table-fieldset" data-field="milestones">
          <legend>{t("plan.field.milestones")}</legend>
          {comments("milestones")}
          {update.milestones.map((m) => (
            <div key={m.milestoneId} className="row-field">
              <TextField
                type="date"
                label={t("planWeb.update.milestoneDone", { title: m.title })}
                hint={t("planWeb.update.milestoneDue", { date: formatDay(locale, m.dueDate) })}
                value={values.milestones[m.milestoneId] ?? ""}
                onChange={(e) => set("milestones", { ...values.milestones, [m.milestoneId]: e.target.value })}
              />
              {comments(`milestone:${m.milestoneId}`)}
            </div>
          ))}
        </fieldset>
      ) : null}

      {update.indicators.length || commentsOn(update.comments, "indicators").length ? (
        <fieldset className="field-with-comments table-fieldset" data-field="indicators">
          <legend>{t("plan.field.indicators")}</legend>
          {comments("indicators")}
          {update.indicators.map((i) => (
            <div key={i.indicatorId} className="row-field">
              <TextField
                type="number"
                step="any"
                inputMode="decimal"
                label={t("planWeb.update.indicatorValue", { name: i.name, unit: i.unit })}
                hint={t("planWeb.update.indicatorHint", { current: describe(i.current), target: describe(i.target) })}
                value={values.indicators[i.indicatorId] ?? ""}
                onChange={(e) => set("indicators", { ...values.indicators, [i.indicatorId]: e.target.value })}
              />
              {comments(`indicator:${i.indicatorId}`)}
            </div>
          ))}
        </fieldset>
      ) : null}

      <fieldset className="field-with-comments table-fieldset" data-field="evidence">
        <legend>{t("plan.field.evidence")}</legend>
        {comments("evidence")}
        {evidence}
      </fieldset>

      <div className="button-row sticky-actions">
        <button type="button" className="button button-secondary" disabled={form.busy} onClick={() => void saveDraft()}>
          {t("planWeb.update.saveDraft")}
        </button>
        <button type="button" className="button" disabled={form.busy} onClick={submit}>
          {t(update.state === "returned" ? "planWeb.update.resubmit" : "planWeb.update.submit")}
        </button>
        <span role="status" className="muted">
          {form.busy ? t("planWeb.update.sending") : ""}
        </span>
      </div>
    </form>
  );
}

/** A baseline/target/current sent as a number or as `{ value, year|on }`. */
export function describe(v: unknown): string {
  if (v === null || v === undefined) return "–";
  if (typeof v === "number" || typeof v === "string") return String(v);
  const r = v as { value?: unknown; year?: unknown; on?: unknown };
  if (r.value === null || r.value === undefined) return "–";
  const when = r.year ?? r.on;
  return when ? `${String(r.value)} (${String(when)})` : String(r.value);
}
