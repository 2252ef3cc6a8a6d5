import { useState } from "react";
import { planStatuses } from "../../../shared/plan.js";
import { api } from "../../api.js";
import { ErrorAlert, StatusMessage } from "../../components/forms/ErrorAlert.js";
import { SelectField, TextField } from "../../components/forms/Field.js";
import { FormButtons } from "../../components/forms/FormButtons.js";
import { useSubmit } from "../../components/forms/useSubmit.js";
import { PageHeading } from "../../components/shell/PageHeading.js";
import { useResource } from "../../components/useResource.js";
import { useLocale } from "../../i18n.js";
import { allows } from "../../permissions.js";
import { Link } from "../../router.js";
import { PlanFrame, PlanSelector } from "./PlanChrome.js";
import { PlanFrameForm } from "./PlanSettingsFrame.js";
import { toNumber } from "./plan.logic.js";
import type { PlanDetail } from "./plan.types.js";
import { usePlanChoice } from "./usePlanChoice.js";
import "./plan-edit.css";

/** Coordinators set up a plan: its titles, years and status, and its frame of themes, goals and priorities. */
export function PlanSettingsPage() {
  const { locale, t } = useLocale();
  const choice = usePlanChoice();
  const plan = choice.plan;
  const detail = useResource<PlanDetail>(plan ? `/api/plan/plans/${plan.id}` : null, {}, locale);
  const [message, setMessage] = useState<string | null>(null);
  const data = detail.data && plan && detail.data.id === plan.id ? detail.data : null;

  const saved = (text: string) => {
    setMessage(text);
    detail.reload();
    choice.reload();
  };

  return (
    <PlanFrame>
      <p className="breadcrumb">
        <Link href="/plan">{t("planWeb.sections.dashboard")}</Link>
      </p>
      <PageHeading title={t("planWebEdit.settings.title")}>
        <p>{t("planWebEdit.settings.intro")}</p>
        {plan && allows(plan, "manage") ? (
          <p>
            <Link href="/plan/next">{t("planWebNext.link")}</Link>
          </p>
        ) : null}
      </PageHeading>
      {message ? <StatusMessage>{message}</StatusMessage> : null}
      <ErrorAlert error={choice.error ?? detail.error} />
      {!choice.loading && !plan ? <p className="alert alert-info">{t("planWeb.plan.none")}</p> : null}
      <div className="toolbar">
        <PlanSelector
          plans={choice.plans}
          plan={plan}
          onChoose={(id) => {
            setMessage(null);
            choice.choose(id);
          }}
        />
      </div>
      {!data ? (
        <p className="loading" role="status">
          {plan || choice.loading ? t("app.loading") : ""}
        </p>
      ) : (
        <>
          {/* Keyed by what they show: a saved change (or another plan) starts them again from the server's data. */}
          <PlanFieldsForm key={JSON.stringify([data.id, data.titles, data.startYear, data.endYear, data.status])} plan={data} onSaved={() => saved(t("planWebEdit.settings.planSaved"))} />
          <PlanFrameForm
            key={JSON.stringify([data.id, data.themes, data.goals, data.priorities])}
            plan={data}
            onSaved={() => saved(t("planWebEdit.settings.frameSaved"))}
          />
        </>
      )}
    </PlanFrame>
  );
}

const FIELDS = ["titleFr", "titleNl", "titleEn", "startYear", "endYear", "status"];

/** Titles, years and status; only what changed is sent (PATCH). */
function PlanFieldsForm({ plan, onSaved }: { plan: PlanDetail; onSaved: () => void }) {
  const { t } = useLocale();
  const form = useSubmit();
  const initial = {
    titleFr: plan.titles.fr,
    titleNl: plan.titles.nl,
    titleEn: plan.titles.en,
    startYear: String(plan.startYear),
    endYear: String(plan.endYear),
    status: plan.status as string,
  };
  const [values, setValues] = useState(initial);
  const set = (key: keyof typeof initial) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const save = async () => {
    const body: Record<string, unknown> = {};
    for (const key of Object.keys(initial) as Array<keyof typeof initial>) {
      if (values[key] !== initial[key]) body[key] = key === "startYear" || key === "endYear" ? toNumber(values[key]) : values[key];
    }
    if (Object.keys(body).length) await api.patch(`/api/plan/plans/${plan.id}`, body);
    onSaved();
  };
  const year = (key: "startYear" | "endYear", label: string) => (
    <TextField label={label} type="number" inputMode="numeric" min={1990} max={2100} step={1} required value={values[key]} onChange={(e) => set(key)(e.target.value)} error={form.fieldError(key)} />
  );

  return (
    <section className="section" aria-labelledby="plan-fields-title">
      <h2 id="plan-fields-title">
        {t("planWebEdit.settings.planTitle")} <span className="muted">({plan.code})</span>
      </h2>
      <form className="form" noValidate onSubmit={form.onSubmit(save)} data-testid="plan-fields-form">
        <ErrorAlert error={form.error} shownFields={FIELDS} />
        <div className="form-grid">
          <TextField label={t("planWebEdit.titleFr")} lang="fr" required value={values.titleFr} onChange={(e) => set("titleFr")(e.target.value)} error={form.fieldError("titleFr")} />
          <TextField label={t("planWebEdit.titleNl")} lang="nl" required value={values.titleNl} onChange={(e) => set("titleNl")(e.target.value)} error={form.fieldError("titleNl")} />
          <TextField label={t("planWebEdit.titleEn")} lang="en" required value={values.titleEn} onChange={(e) => set("titleEn")(e.target.value)} error={form.fieldError("titleEn")} />
          {year("startYear", t("planWebEdit.settings.startYear"))}
          {year("endYear", t("planWebEdit.settings.endYear"))}
          <SelectField
            label={t("plan.field.status")}
            hint={t("planWebEdit.settings.statusHint")}
            value={values.status}
            onChange={(e) => set("status")(e.target.value)}
            choices={planStatuses.map((s) => ({ value: s, label: t(`plan.planStatus.${s}`) }))}
            error={form.fieldError("status")}
          />
        </div>
        <FormButtons submitLabel={t("planWebEdit.settings.savePlan")} busy={form.busy} />
      </form>
    </section>
  );
}
