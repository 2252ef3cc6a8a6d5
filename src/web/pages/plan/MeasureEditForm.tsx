import { useState } from "react";
import { approaches, pillars } from "../../../shared/plan.js";
import { api } from "../../api.js";
import { ErrorAlert } from "../../components/forms/ErrorAlert.js";
import { SelectField, TextField } from "../../components/forms/Field.js";
import { FormButtons } from "../../components/forms/FormButtons.js";
import { useFocusOnMount } from "../../components/forms/useFocusOnMount.js";
import { useSubmit } from "../../components/forms/useSubmit.js";
import { useT } from "../../i18n.js";
import { toNumber } from "./plan.logic.js";
import { MeasureStatusField, ProgressField, TextAreaField } from "./planFields.js";
import type { MeasureDetail } from "./plan.types.js";

const FIELDS = ["titleFr", "titleNl", "descriptionFr", "descriptionNl", "status", "progress", "weight", "pillar", "approach"];

/** Coordinators change a measure's basic fields; only what changed is sent (PATCH). */
export function MeasureEditForm({ measure, onSaved, onCancel }: { measure: MeasureDetail; onSaved: () => void; onCancel: () => void }) {
  const t = useT();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const form = useSubmit();
  const initial = {
    titleFr: measure.titles.fr,
    titleNl: measure.titles.nl,
    descriptionFr: measure.descriptions.fr,
    descriptionNl: measure.descriptions.nl,
    status: measure.status as string,
    progress: String(measure.progress),
    weight: String(measure.weight),
    pillar: measure.pillar as string,
    approach: measure.approach as string,
  };
  const [values, setValues] = useState(initial);
  const set = (key: keyof typeof initial) => (value: string) => setValues((v) => ({ ...v, [key]: value }));

  const save = async () => {
    const body: Record<string, unknown> = {};
    for (const key of Object.keys(initial) as Array<keyof typeof initial>) {
      if (values[key] === initial[key]) continue;
      body[key] = key === "progress" || key === "weight" ? toNumber(values[key]) : values[key];
    }
    if (Object.keys(body).length) await api.patch(`/api/plan/measures/${measure.id}`, body);
    onSaved();
  };

  return (
    <section className="panel" aria-labelledby="measure-edit-title">
      <h2 id="measure-edit-title" ref={heading} tabIndex={-1}>
        {t("planWeb.measure.editTitle", { code: measure.code })}
      </h2>
      <form className="form" noValidate onSubmit={form.onSubmit(save)}>
        <ErrorAlert error={form.error} shownFields={FIELDS} />
        <div className="form-grid">
          <TextField label={t("planWeb.measure.titleFr")} lang="fr" value={values.titleFr} onChange={(e) => set("titleFr")(e.target.value)} error={form.fieldError("titleFr")} />
          <TextField label={t("planWeb.measure.titleNl")} lang="nl" value={values.titleNl} onChange={(e) => set("titleNl")(e.target.value)} error={form.fieldError("titleNl")} />
          <MeasureStatusField value={values.status} onChange={(e) => set("status")(e.target.value)} error={form.fieldError("status")} />
          <ProgressField value={values.progress} onChange={(e) => set("progress")(e.target.value)} error={form.fieldError("progress")} />
          <TextField
            label={t("planWeb.measure.weight")}
            type="number"
            inputMode="decimal"
            min={0}
            step="any"
            value={values.weight}
            onChange={(e) => set("weight")(e.target.value)}
            error={form.fieldError("weight")}
          />
          <SelectField
            label={t("planWeb.measure.pillar")}
            value={values.pillar}
            onChange={(e) => set("pillar")(e.target.value)}
            choices={pillars.map((p) => ({ value: p, label: t(`plan.pillar.${p}`) }))}
            error={form.fieldError("pillar")}
          />
          <SelectField
            label={t("planWeb.measure.approach")}
            value={values.approach}
            onChange={(e) => set("approach")(e.target.value)}
            choices={approaches.map((a) => ({ value: a, label: t(`plan.approach.${a}`) }))}
            error={form.fieldError("approach")}
          />
        </div>
        <div className="form-grid wide">
          <TextAreaField
            label={t("planWeb.measure.descriptionFr")}
            lang="fr"
            value={values.descriptionFr}
            onChange={(e) => set("descriptionFr")(e.target.value)}
            error={form.fieldError("descriptionFr")}
          />
          <TextAreaField
            label={t("planWeb.measure.descriptionNl")}
            lang="nl"
            value={values.descriptionNl}
            onChange={(e) => set("descriptionNl")(e.target.value)}
            error={form.fieldError("descriptionNl")}
          />
        </div>
        <FormButtons submitLabel={t("common.save")} busy={form.busy} onCancel={onCancel} />
      </form>
    </section>
  );
}
