import { useState } from "react";
import { api } from "../../api.js";
import { ErrorAlert } from "../../components/forms/ErrorAlert.js";
import { TextField } from "../../components/forms/Field.js";
import { FormButtons } from "../../components/forms/FormButtons.js";
import { useFocusOnMount } from "../../components/forms/useFocusOnMount.js";
import { useSubmit } from "../../components/forms/useSubmit.js";
import { useT } from "../../i18n.js";
import { brusselsToday } from "./planDates.js";
import type { Round } from "./plan.types.js";

const FIELDS = ["nameFr", "nameNl", "nameEn", "periodLabel", "opensOn", "deadline"];

/** Coordinators open a reporting round: names in three languages, the period it covers, when it opens and its deadline. */
export function RoundForm({ planId, onCreated, onCancel }: { planId: number; onCreated: (round: Round) => void; onCancel: () => void }) {
  const t = useT();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const form = useSubmit();
  const [values, setValues] = useState({ nameFr: "", nameNl: "", nameEn: "", periodLabel: "", opensOn: brusselsToday(), deadline: "" });
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const save = async () => onCreated(await api.post<Round>(`/api/plan/plans/${planId}/rounds`, values));

  const text = (key: keyof typeof values, label: string, extra: Record<string, unknown> = {}) => (
    <TextField label={label} value={values[key]} onChange={(e) => set(key)(e.target.value)} error={form.fieldError(key)} required {...extra} />
  );
  return (
    <section className="panel" aria-labelledby="round-form-title">
      <h2 id="round-form-title" ref={heading} tabIndex={-1}>
        {t("planWeb.rounds.openTitle")}
      </h2>
      <form className="form" noValidate onSubmit={form.onSubmit(save)}>
        <ErrorAlert error={form.error} shownFields={FIELDS} />
        <p className="field-hint">{t("planWeb.rounds.openHint")}</p>
        <div className="form-grid">
          {text("nameFr", t("planWeb.rounds.nameFr"), { lang: "fr" })}
          {text("nameNl", t("planWeb.rounds.nameNl"), { lang: "nl" })}
          {text("nameEn", t("planWeb.rounds.nameEn"), { lang: "en" })}
          {text("periodLabel", t("planWeb.rounds.periodLabel"), { hint: t("planWeb.rounds.periodHint") })}
          {text("opensOn", t("planWeb.rounds.opensOn"), { type: "date" })}
          {text("deadline", t("planWeb.deadline"), { type: "date" })}
        </div>
        <FormButtons submitLabel={t("planWeb.rounds.open")} busy={form.busy} onCancel={onCancel} />
      </form>
    </section>
  );
}
