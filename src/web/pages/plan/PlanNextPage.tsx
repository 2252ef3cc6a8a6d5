import { useMemo, useState } from "react";
import { api } from "../../api.js";
import { ErrorAlert } from "../../components/forms/ErrorAlert.js";
import { SelectField, TextField } from "../../components/forms/Field.js";
import { FormButtons } from "../../components/forms/FormButtons.js";
import { useSubmit } from "../../components/forms/useSubmit.js";
import { PageHeading } from "../../components/shell/PageHeading.js";
import { SortableTable, type Column } from "../../components/table/SortableTable.js";
import { useResource } from "../../components/useResource.js";
import { useLocale } from "../../i18n.js";
import { allows } from "../../permissions.js";
import { Link, navigate } from "../../router.js";
import { PlanFrame, PlanSelector, StatusBadge, TitledSection } from "./PlanChrome.js";
import { planTitle, toNumber } from "./plan.logic.js";
import type { MeasureRow, PlanDetail } from "./plan.types.js";
import { keptByDefault, keptCodes, nextYears, setAll, shiftYears } from "./planNext.logic.js";
import { setPlanNotice } from "./planNotice.js";
import { usePlanChoice } from "./usePlanChoice.js";
import "./plan-edit.css";
import "./plan-next.css";

/** Coordinators prepare the next plan from the current one: its code, titles and years, and the measures carried over. */
export function PlanNextPage() {
  const { locale, t } = useLocale();
  const choice = usePlanChoice();
  const plan = choice.plan;
  const mayManage = plan ? allows(plan, "manage") : false;
  const detail = useResource<PlanDetail>(plan && mayManage ? `/api/plan/plans/${plan.id}` : null, {}, locale);
  const measures = useResource<MeasureRow[]>(plan && mayManage ? `/api/plan/plans/${plan.id}/measures` : null, {}, locale);
  const data = detail.data && plan && detail.data.id === plan.id ? detail.data : null;
  // The list answered for this plan (every measure has its plan's themes).
  const rows = data && measures.data && measures.data.every((m) => data.themes.some((th) => th.id === m.theme.id)) ? measures.data : null;

  return (
    <PlanFrame>
      <p className="breadcrumb">
        <Link href="/plan">{t("planWeb.sections.dashboard")}</Link>
      </p>
      <PageHeading title={t("planWebNext.title")}>
        <p>{t("planWebNext.intro")}</p>
      </PageHeading>
      <ErrorAlert error={choice.error ?? detail.error ?? measures.error} />
      {!choice.loading && !plan ? <p className="alert alert-info">{t("planWeb.plan.none")}</p> : null}
      <div className="toolbar">
        <PlanSelector plans={choice.plans} plan={plan} onChoose={choice.choose} />
      </div>
      {plan && !mayManage ? (
        <p className="alert alert-info">{t("planWebNext.notAllowed")}</p>
      ) : !data || !rows ? (
        <p className="loading" role="status">
          {plan || choice.loading ? t("app.loading") : ""}
        </p>
      ) : (
        <NextPlanForm key={data.id} plan={data} measures={rows} onCreated={choice.choose} />
      )}
    </PlanFrame>
  );
}

const FIELDS = ["code", "titleFr", "titleNl", "titleEn", "startYear", "endYear", "copyFromPlanId"];

function NextPlanForm({ plan, measures, onCreated }: { plan: PlanDetail; measures: MeasureRow[]; onCreated: (id: number) => void }) {
  const { t } = useLocale();
  const form = useSubmit();
  const [values, setValues] = useState(() => {
    const years = nextYears(plan);
    return {
      code: shiftYears(plan.code, plan, years),
      titleFr: shiftYears(plan.titles.fr, plan, years),
      titleNl: shiftYears(plan.titles.nl, plan, years),
      titleEn: shiftYears(plan.titles.en, plan, years),
      startYear: String(years.startYear),
      endYear: String(years.endYear),
    };
  });
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const [kept, setKept] = useState<Set<string>>(() => new Set(measures.filter((m) => keptByDefault(m.status)).map((m) => m.code)));
  const [theme, setTheme] = useState("");
  const shown = useMemo(() => (theme ? measures.filter((m) => String(m.theme.id) === theme) : measures), [measures, theme]);
  const sent = keptCodes(measures, kept);

  const toggle = (code: string, keep: boolean) => setKept((k) => setAll(k, [{ code }], keep));

  const save = async () => {
    const created = await api.post<PlanDetail>("/api/plan/plans", {
      code: values.code.trim(),
      titleFr: values.titleFr,
      titleNl: values.titleNl,
      titleEn: values.titleEn,
      startYear: toNumber(values.startYear),
      endYear: toNumber(values.endYear),
      copyFromPlanId: plan.id,
      keepMeasureCodes: sent,
    });
    setPlanNotice(t("planWebNext.created", { title: planTitle(created), count: sent.length }));
    onCreated(created.id);
    navigate("/plan");
  };

  // The server names the list (`body.keepMeasureCodes`) or one of its codes (`body.keepMeasureCodes.N`).
  const keepError = [form.fieldError("keepMeasureCodes"), ...sent.map((_, i) => form.fieldError(`keepMeasureCodes.${i}`))].filter(Boolean).join(" ");
  const shownFields = [...FIELDS, "keepMeasureCodes", ...sent.map((_, i) => `keepMeasureCodes.${i}`)];

  const text = (key: "code" | "titleFr" | "titleNl" | "titleEn", label: string, extra: { lang?: string; hint?: string } = {}) => (
    <TextField label={label} required value={values[key]} onChange={(e) => set(key)(e.target.value)} error={form.fieldError(key)} {...extra} />
  );
  const year = (key: "startYear" | "endYear", label: string) => (
    <TextField label={label} type="number" inputMode="numeric" min={1990} max={2100} step={1} required value={values[key]} onChange={(e) => set(key)(e.target.value)} error={form.fieldError(key)} />
  );

  const columns: Column<MeasureRow>[] = [
    {
      key: "keep",
      label: t("planWebNext.keepColumn"),
      sortValue: (m) => m.code,
      render: (m) => (
        <label className="keep-check">
          <input type="checkbox" checked={kept.has(m.code)} onChange={(e) => toggle(m.code, e.target.checked)} aria-describedby={`next-title-${m.id}`} />
          <span className="visually-hidden">{t("planWebNext.keep")} </span>
          {m.code}
        </label>
      ),
    },
    { key: "title", label: t("planWeb.measure.title"), rowHeader: true, sortValue: (m) => m.title, render: (m) => <span id={`next-title-${m.id}`}>{m.title}</span> },
    { key: "theme", label: t("planWeb.label.theme"), sortValue: (m) => m.theme.number, render: (m) => `${m.theme.number}. ${m.theme.title}` },
    { key: "lead", label: t("planWeb.lead"), sortValue: (m) => m.leadOrganisation.name, render: (m) => m.leadOrganisation.name },
    { key: "status", label: t("plan.field.status"), sortValue: (m) => t(`plan.status.${m.status}`), render: (m) => <StatusBadge status={m.status} /> },
  ];

  return (
    <form className="form" noValidate onSubmit={form.onSubmit(save)} data-testid="plan-next-form">
      <ErrorAlert error={form.error} shownFields={shownFields} />
      <TitledSection id="next-plan-title" title={t("planWebNext.planTitle", { title: planTitle(plan) })}>
        <p className="field-hint next-hint">{t("planWebNext.draftHint")}</p>
        <div className="form-grid">
          {text("code", t("common.code"), { hint: t("planWebNext.codeHint") })}
          {text("titleFr", t("planWebEdit.titleFr"), { lang: "fr" })}
          {text("titleNl", t("planWebEdit.titleNl"), { lang: "nl" })}
          {text("titleEn", t("planWebEdit.titleEn"), { lang: "en" })}
          {year("startYear", t("planWebEdit.settings.startYear"))}
          {year("endYear", t("planWebEdit.settings.endYear"))}
        </div>
      </TitledSection>

      <TitledSection id="next-measures-title" title={t("planWebNext.measuresTitle")}>
        <fieldset className="edit-group" aria-describedby={keepError ? "next-keep-error" : "next-keep-hint"} data-testid="next-measures">
          <legend>{t("planWebNext.legend")}</legend>
          <p id="next-keep-hint" className="field-hint">
            {t("planWebNext.keepHint")}
          </p>
          <div className="toolbar next-toolbar">
            <SelectField
              label={t("planWebNext.themeFilter")}
              value={theme}
              onChange={(e) => setTheme(e.target.value)}
              choices={[{ value: "", label: t("planWebNext.allThemes") }, ...plan.themes.map((th) => ({ value: String(th.id), label: `${th.number}. ${th.title}` }))]}
            />
            <div className="button-row">
              <button type="button" className="button button-secondary" onClick={() => setKept((k) => setAll(k, shown, true))}>
                {theme ? t("planWebNext.selectAllShown") : t("planWebNext.selectAll")}
              </button>
              <button type="button" className="button button-secondary" onClick={() => setKept((k) => setAll(k, shown, false))}>
                {theme ? t("planWebNext.selectNoneShown") : t("planWebNext.selectNone")}
              </button>
            </div>
          </div>
          {keepError ? (
            <p id="next-keep-error" className="field-error">
              {keepError}
            </p>
          ) : null}
          <SortableTable
            caption={t("planWebNext.caption", { count: shown.length, total: measures.length })}
            columns={columns}
            rows={shown}
            rowKey={(m) => m.id}
            initialSort={{ key: "keep", direction: "ascending" }}
            empty={t("planWebNext.none")}
            testId="next-measures-table"
          />
        </fieldset>
      </TitledSection>

      <p className="next-summary" aria-live="polite" data-testid="next-summary">
        {t("planWebNext.summary", { count: sent.length, total: measures.length })}
      </p>
      <FormButtons submitLabel={t("planWebNext.submit")} busy={form.busy} onCancel={() => navigate("/plan")} />
    </form>
  );
}
