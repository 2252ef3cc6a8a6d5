import { formatNumber } from "../../../shared/locale.js";
import { ConfirmButton } from "../../components/forms/ConfirmButton.js";
import { SortableTable, type Column } from "../../components/table/SortableTable.js";
import { formatDateTime } from "../../format.js";
import { useLocale } from "../../i18n.js";
import { formatDay } from "../plan/planFormat.js";
import type { Batch, ImportJob, JobRowError } from "./importJobApi.js";

/** Row errors listed on the page; the report holds those the job kept (1,000). */
const ERRORS_LISTED = 100;

/** The row errors of a failed import job: a table (messages in the reader's language) and the link to the report. */
export function ImportErrors({ errors }: { errors: NonNullable<ImportJob["errors"]> }) {
  const { locale, t } = useLocale();
  const listed = errors.shown.slice(0, ERRORS_LISTED);
  const columns: Column<JobRowError>[] = [
    { key: "row", label: t("observatoryImportWeb.errors.row"), numeric: true, sortValue: (e) => e.row, render: (e) => formatNumber(locale, e.row) },
    { key: "column", label: t("observatoryImportWeb.errors.column"), sortValue: (e) => e.column, render: (e) => (e.column ? <code>{e.column}</code> : "–") },
    { key: "value", label: t("observatoryImportWeb.errors.value"), render: (e) => (e.value ? <code>{e.value}</code> : "–") },
    {
      key: "message",
      label: t("observatoryImportWeb.errors.message"),
      rowHeader: true,
      render: (e) => t(e.key, { ...e.params, row: e.row, column: e.column, value: e.value }),
    },
  ];
  return (
    <section className="section" aria-labelledby="import-errors-title">
      <h2 id="import-errors-title">{t("observatoryImportWeb.errors.title")}</h2>
      <p>{t("observatoryImportWeb.errors.fix")}</p>
      {listed.length < errors.count ? (
        <p className="muted">{t("observatoryImportWeb.errors.shown", { shown: listed.length, count: errors.count, reported: errors.shown.length })}</p>
      ) : null}
      <p>
        <a href={errors.report} download data-testid="import-error-report">
          {t("observatoryImportWeb.errors.report")}
        </a>
      </p>
      <SortableTable
        caption={t("observatoryImportWeb.errors.caption", { count: errors.count })}
        columns={columns}
        rows={listed}
        rowKey={(e) => `${e.row}-${e.column}-${e.key}`}
        testId="import-errors"
      />
    </section>
  );
}

/** The imported batches, latest first, with the synthetic ones marked; with `onDelete`, each can be deleted after a confirmation. */
export function BatchesTable({ batches, onDelete }: { batches: Batch[]; onDelete?: (batch: Batch) => void }) {
  const { locale, t } = useLocale();
  const columns: Column<Batch>[] = [
    { key: "key", label: t("observatoryImportWeb.batches.key"), rowHeader: true, sortValue: (b) => b.key, render: (b) => <code>{b.key}</code> },
    { key: "source", label: t("observatoryImportWeb.batches.source"), sortValue: (b) => b.source, render: (b) => b.source },
    { key: "grain", label: t("observatoryImportWeb.batches.grain"), sortValue: (b) => b.grain, render: (b) => t(`observatoryImportWeb.grains.${b.grain}`) },
    {
      key: "period",
      label: t("observatoryImportWeb.batches.period"),
      sortValue: (b) => b.periodStart,
      render: (b) => `${formatDay(locale, b.periodStart)} – ${formatDay(locale, b.periodEnd)}`,
    },
    { key: "filename", label: t("observatoryImportWeb.batches.filename"), sortValue: (b) => b.filename, render: (b) => b.filename },
    { key: "rows", label: t("observatoryImportWeb.batches.rows"), numeric: true, sortValue: (b) => b.rows, render: (b) => formatNumber(locale, b.rows) },
    { key: "importedAt", label: t("observatoryImportWeb.batches.importedAt"), sortValue: (b) => b.importedAt, render: (b) => formatDateTime(locale, b.importedAt) },
    {
      key: "data",
      label: t("observatoryImportWeb.batches.data"),
      sortValue: (b) => (b.isSynthetic ? 1 : 0),
      render: (b) =>
        b.isSynthetic ? (
          <span className="badge badge-warn">{t("observatoryImportWeb.batches.synthetic")}</span>
        ) : (
          <span className="badge badge-ok">{t("observatoryImportWeb.batches.registered")}</span>
        ),
    },
    ...(onDelete
      ? [
          {
            key: "actions",
            label: t("observatoryImportWeb.batches.actions"),
            render: (b: Batch) => (
              <ConfirmButton label={t("observatoryImportWeb.batches.delete")} question={t("observatoryImportWeb.batches.deleteQuestion", { key: b.key, rows: b.rows })} onConfirm={() => onDelete(b)} />
            ),
          } satisfies Column<Batch>,
        ]
      : []),
  ];
  return (
    <SortableTable
      caption={t("observatoryImportWeb.batches.caption")}
      columns={columns}
      rows={batches}
      rowKey={(b) => b.id}
      empty={t("observatoryImportWeb.batches.empty")}
      testId="import-batches"
    />
  );
}
