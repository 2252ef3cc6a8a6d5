import { useEffect, useMemo, useState } from "react";
import { measureStatuses, pillars } from "../../../shared/plan.js";
import { ErrorAlert } from "../../components/forms/ErrorAlert.js";
import { SelectField, TextField } from "../../components/forms/Field.js";
import { PageHeading } from "../../components/shell/PageHeading.js";
import { SortableTable, type Column } from "../../components/table/SortableTable.js";
import { useResource } from "../../components/useResource.js";
import { useLocale } from "../../i18n.js";
import { Link } from "../../router.js";
import { LateBadge, PlanFrame, PlanSelector, ProgressBar, StatusBadge } from "./PlanChrome.js";
import type { MeasureRow, PlanDetail } from "./plan.types.js";
import { usePlanChoice } from "./usePlanChoice.js";

interface Filters {
  theme: string;
  pillar: string;
  status: string;
  lead: string;
  q: string;
}
const noFilter: Filters = { theme: "", pillar: "", status: "", lead: "", q: "" };

/** Every measure of the plan, filtered by theme, pillar, status, lead organisation and text. */
export function MeasuresPage() {
  const { locale, t } = useLocale();
  const choice = usePlanChoice();
  const plan = choice.plan;
  const [filters, setFilters] = useState<Filters>(noFilter);
  const [text, setText] = useState("");
  useEffect(() => {
    // The text filter waits for a short pause in typing.
    const timer = window.setTimeout(() => setFilters((f) => (f.q === text.trim() ? f : { ...f, q: text.trim() })), 300);
    return () => window.clearTimeout(timer);
  }, [text]);

  const detail = useResource<PlanDetail>(plan ? `/api/plan/plans/${plan.id}` : null, {}, locale);
  const all = useResource<MeasureRow[]>(plan ? `/api/plan/plans/${plan.id}/measures` : null, {}, locale);
  const list = useResource<MeasureRow[]>(plan ? `/api/plan/plans/${plan.id}/measures` : null, { ...filters }, locale);
  const leads = useMemo(() => {
    const byId = new Map((all.data ?? []).map((m) => [m.leadOrganisation.id, m.leadOrganisation.name]));
    return [...byId.entries()].sort((a, b) => a[1].localeCompare(b[1], locale)).map(([id, name]) => ({ value: String(id), label: name }));
  }, [all.data, locale]);
  const set = (key: keyof Filters) => (value: string) => setFilters((f) => ({ ...f, [key]: value }));

  const columns: Column<MeasureRow>[] = [
    { key: "code", label: t("common.code"), sortValue: (m) => m.code, render: (m) => m.code },
    {
      key: "title",
      label: t("planWeb.measure.title"),
      rowHeader: true,
      sortValue: (m) => m.title,
      render: (m) => <Link href={`/plan/measures/${m.id}`}>{m.title}</Link>,
    },
    { key: "theme", label: t("planWeb.label.theme"), sortValue: (m) => m.theme.number, render: (m) => `${m.theme.number}. ${m.theme.title}` },
    { key: "pillar", label: t("planWeb.measure.pillar"), sortValue: (m) => t(`plan.pillar.${m.pillar}`), render: (m) => t(`plan.pillar.${m.pillar}`) },
    { key: "lead", label: t("planWeb.lead"), sortValue: (m) => m.leadOrganisation.name, render: (m) => m.leadOrganisation.name },
    { key: "status", label: t("plan.field.status"), sortValue: (m) => t(`plan.status.${m.status}`), render: (m) => <StatusBadge status={m.status} /> },
    { key: "progress", label: t("plan.field.progress"), sortValue: (m) => m.progress, render: (m) => <ProgressBar value={m.progress} /> },
    {
      key: "late",
      label: t("planWeb.measure.lateMilestones"),
      numeric: true,
      sortValue: (m) => m.lateMilestones,
      render: (m) => (m.lateMilestones ? <LateBadge late>{m.lateMilestones}</LateBadge> : "0"),
    },
  ];

  const allLabel = t("admin.all");
  return (
    <PlanFrame>
      <PageHeading title={t("planWeb.measures.title")}>
        <p>{t("planWeb.measures.intro")}</p>
      </PageHeading>
      <ErrorAlert error={choice.error ?? detail.error} />
      <div className="toolbar">
        <PlanSelector plans={choice.plans} plan={plan} onChoose={choice.choose} />
      </div>
      <form className="card filters" role="search" aria-label={t("planWeb.measures.filters")} onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label={t("planWeb.label.theme")}
          value={filters.theme}
          onChange={(e) => set("theme")(e.target.value)}
          choices={[{ value: "", label: allLabel }, ...(detail.data?.themes ?? []).map((th) => ({ value: String(th.id), label: `${th.number}. ${th.title}` }))]}
        />
        <SelectField
          label={t("planWeb.measure.pillar")}
          value={filters.pillar}
          onChange={(e) => set("pillar")(e.target.value)}
          choices={[{ value: "", label: allLabel }, ...pillars.map((p) => ({ value: p, label: t(`plan.pillar.${p}`) }))]}
        />
        <SelectField
          label={t("plan.field.status")}
          value={filters.status}
          onChange={(e) => set("status")(e.target.value)}
          choices={[{ value: "", label: allLabel }, ...measureStatuses.map((s) => ({ value: s, label: t(`plan.status.${s}`) }))]}
        />
        <SelectField label={t("planWeb.lead")} value={filters.lead} onChange={(e) => set("lead")(e.target.value)} choices={[{ value: "", label: allLabel }, ...leads]} />
        <TextField label={t("planWeb.measures.text")} type="search" value={text} onChange={(e) => setText(e.target.value)} />
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            setText("");
            setFilters(noFilter);
          }}
        >
          {t("planWeb.measures.reset")}
        </button>
      </form>
      <ErrorAlert error={list.error} />
      <SortableTable
        caption={
          <span aria-live="polite">
            {list.loading ? t("app.loading") : t("planWeb.measures.caption", { count: list.data?.length ?? 0, total: all.data?.length ?? 0 })}
          </span>
        }
        columns={columns}
        rows={list.data ?? []}
        rowKey={(m) => m.id}
        initialSort={{ key: "code", direction: "ascending" }}
        empty={list.loading ? t("app.loading") : t("planWeb.measures.none")}
        testId="measures-table"
      />
    </PlanFrame>
  );
}
