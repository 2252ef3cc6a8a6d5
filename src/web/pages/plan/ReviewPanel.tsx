import { useState } from "react";
import { commentableFields } from "../../../shared/plan.js";
import { api } from "../../api.js";
import { ErrorAlert } from "../../components/forms/ErrorAlert.js";
import { SelectField } from "../../components/forms/Field.js";
import { useSubmit } from "../../components/forms/useSubmit.js";
import { useT } from "../../i18n.js";
import { allows } from "../../permissions.js";
import { TextAreaField } from "./planFields.js";
import type { UpdateDetail } from "./plan.types.js";

interface Draft {
  key: number;
  field: string;
  body: string;
}

/** The agency's review of a submitted update: send it back with a comment per field, or validate it. */
export function ReviewPanel({ update, onDone }: { update: UpdateDetail; onDone: (message: string) => void }) {
  const t = useT();
  const action = useSubmit();
  const [returning, setReturning] = useState(false);
  const [drafts, setDrafts] = useState<Draft[]>([{ key: 1, field: "general", body: "" }]);
  const canReturn = allows(update, "return");
  const canValidate = allows(update, "validate");
  if (update.state !== "submitted" || (!canReturn && !canValidate)) return null;

  // One comment per field (the server refuses two): each draft offers the fields the others do not use.
  const choicesFor = (d: Draft) =>
    commentableFields.filter((f) => f === d.field || !drafts.some((o) => o.field === f)).map((f) => ({ value: f, label: t(`plan.field.${f}`) }));
  const unused = commentableFields.filter((f) => !drafts.some((d) => d.field === f));
  const change = (key: number, patch: Partial<Draft>) => setDrafts((ds) => ds.map((d) => (d.key === key ? { ...d, ...patch } : d)));
  const sendBack = () =>
    action.run(async () => {
      const comments = drafts.filter((d) => d.body.trim()).map((d) => ({ field: d.field, body: d.body.trim() }));
      await api.post(`/api/plan/updates/${update.id}/return`, { comments });
      onDone(t("planWeb.review.returned"));
    });
  const validate = () =>
    action.run(async () => {
      await api.post(`/api/plan/updates/${update.id}/validate`, {});
      onDone(t("planWeb.review.validated"));
    });

  return (
    <section className="panel review-panel" aria-labelledby="review-title">
      <h2 id="review-title">{t("planWeb.review.title")}</h2>
      <ErrorAlert error={action.error} />
      {returning ? (
        <form
          className="form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void sendBack();
          }}
        >
          <p className="field-hint">{t("planWeb.review.returnHint")}</p>
          {drafts.map((d, index) => (
            <fieldset key={d.key} className="return-comment">
              <legend>{t("planWeb.review.commentN", { n: index + 1 })}</legend>
              <SelectField label={t("planWeb.review.field")} value={d.field} onChange={(e) => change(d.key, { field: e.target.value })} choices={choicesFor(d)} />
              <TextAreaField label={t("planWeb.review.comment")} rows={3} value={d.body} onChange={(e) => change(d.key, { body: e.target.value })} />
              {drafts.length > 1 ? (
                <button type="button" className="button button-small button-secondary" onClick={() => setDrafts((ds) => ds.filter((x) => x.key !== d.key))}>
                  {t("planWeb.review.removeComment", { n: index + 1 })}
                </button>
              ) : null}
            </fieldset>
          ))}
          <div className="button-row">
            {unused.length ? (
              <button
                type="button"
                className="button button-secondary"
                onClick={() => setDrafts((ds) => [...ds, { key: Math.max(0, ...ds.map((x) => x.key)) + 1, field: unused[0]!, body: "" }])}
              >
                {t("planWeb.review.addComment")}
              </button>
            ) : null}
            <button type="submit" className="button button-danger" disabled={action.busy}>
              {t("planWeb.review.sendBack")}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setReturning(false)}>
              {t("common.cancel")}
            </button>
          </div>
        </form>
      ) : (
        <div className="button-row">
          {canValidate ? (
            <button type="button" className="button" disabled={action.busy} onClick={() => void validate()}>
              {t("planWeb.review.validate")}
            </button>
          ) : null}
          {canReturn ? (
            <button type="button" className="button button-secondary" onClick={() => setReturning(true)}>
              {t("planWeb.review.startReturn")}
            </button>
          ) : null}
        </div>
      )}
    </section>
  );
}
