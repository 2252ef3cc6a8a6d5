import { useState } from "react";
import { SortableTable, type Column } from "../../components/table/SortableTable.js";
import { useLocale } from "../../i18n.js";
import { Link } from "../../router.js";
import { ProgressBar } from "./PlanChrome.js";
import { formatDay } from "./planFormat.js";
import type { Overview } from "./plan.types.js";

type Late = Overview["lateMilestones"][number];

const SHORT_LIST = 10;

/** The first rows of a long list, with a button that shows them all. */
function useShortList<T>(rows: T[]) {
  const { t } = useLocale();
  const [all, setAll] = useState(false);
  const shown = all ? rows : rows.slice(0, SHORT_LIST);
  const toggle =
    rows.length > SHORT_LIST ? (
      <p className="list-toggle">
        <button type="button" className="button button-small button-secondary" aria-expanded={all} onClick={() => setAll((v) => !v)}>
          {all ? t("planWeb.dashboard.showFewer", { count: SHORT_LIST }) : t("planWeb.dashboard.showAll", { count: rows.length })}
        </button>
      </p>
    ) : null;
  return { shown, toggle };
}
type Lead = Overview["byLeadOrganisation"][number];

/** Milestones past their due date and not done, the most overdue first. */
export function LateMilestones({ rows }: { rows: Late[] }) {
  const { locale, t } = useLocale();
  const { shown, toggle } = useShortList(rows);
  const columns: Column<Late>[] = [
    {
      key: "measure",
      label: t("planWeb.label.measure"),
      rowHeader: true,
      sortValue: (r) => r.measureCode,
      render: (r) => (
        <Link href={`/plan/measures/${r.measureId}`}>
          {r.measureCode} · {r.measureTitle}
        </Link>
      ),
    },
    { key: "title", label: t("planWeb.label.milestone"), sortValue: (r) => r.title, render: (r) => r.title },
    { key: "due", label: t("planWeb.dueDate"), sortValue: (r) => r.dueDate, render: (r) => formatDay(locale, r.dueDate) },
    { key: "late", label: t("planWeb.daysLate"), numeric: true, sortValue: (r) => r.daysLate, render: (r) => r.daysLate },
  ];
  return (
    <>
      <SortableTable
        caption={t("planWeb.dashboard.lateMilestones", { count: rows.length })}
        columns={columns}
        rows={shown}
        rowKey={(r) => r.milestoneId}
        empty={t("planWeb.dashboard.noLateMilestones")}
        testId="late-milestones"
      />
      {toggle}
    </>
  );
}

/** Measures whose update for the current round has not been submitted yet. */
export function MissingUpdates({ round }: { round: Overview["currentRound"] }) {
  const { locale, t } = useLocale();
  const { shown, toggle } = useShortList(round?.missing ?? []);
  if (!round) return <p className="muted">{t("planWeb.dashboard.noOpenRound")}</p>;
  type Missing = (typeof round.missing)[number];
  const columns: Column<Missing>[] = [
    {
      key: "measure",
      label: t("planWeb.label.measure"),
      rowHeader: true,
      sortValue: (r) => r.code,
      render: (r) => (
        <Link href={`/plan/measures/${r.measureId}`}>
          {r.code} · {r.title}
        </Link>
      ),
    },
    { key: "lead", label: t("planWeb.lead"), sortValue: (r) => r.leadOrganisation.name, render: (r) => r.leadOrganisation.name },
  ];
  return (
    <>
      <p>
        <Link href={`/plan/rounds/${round.id}`}>{round.name}</Link> · {t("planWeb.deadlineOn", { date: formatDay(locale, round.deadline) })}
      </p>
      <SortableTable
        caption={t("planWeb.dashboard.missingCaption", { count: round.missing.length })}
        columns={columns}
        rows={shown}
        rowKey={(r) => r.measureId}
        empty={t("planWeb.dashboard.noneMissing")}
        testId="missing-updates"
      />
      {toggle}
    </>
  );
}

/** Progress per lead organisation. */
export function ByLeadOrganisation({ rows }: { rows: Lead[] }) {
  const { t } = useLocale();
  const columns: Column<Lead>[] = [
    { key: "organisation", label: t("planWeb.lead"), rowHeader: true, sortValue: (r) => r.organisation.name, render: (r) => r.organisation.name },
    { key: "measures", label: t("planWeb.dashboard.measureCount"), numeric: true, sortValue: (r) => r.measures, render: (r) => r.measures },
    { key: "progress", label: t("plan.field.progress"), sortValue: (r) => r.progress, render: (r) => <ProgressBar value={r.progress} /> },
    { key: "late", label: t("planWeb.dashboard.lateCount"), numeric: true, sortValue: (r) => r.lateMilestones, render: (r) => r.lateMilestones },
  ];
  return (
    <SortableTable
      caption={t("planWeb.dashboard.byLeadCaption")}
      columns={columns}
      rows={rows}
      rowKey={(r) => r.organisation.id}
      initialSort={{ key: "organisation", direction: "ascending" }}
      empty={t("common.rows", { count: 0 })}
      testId="by-lead"
    />
  );
}
