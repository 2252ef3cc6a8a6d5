import { useRef, useState } from "react";
import { IMPORT_MAX_BYTES } from "../../../shared/plan.js";
import { ErrorAlert, StatusMessage } from "../../components/forms/ErrorAlert.js";
import { useSubmit } from "../../components/forms/useSubmit.js";
import { SortableTable, type Column } from "../../components/table/SortableTable.js";
import { useLocale } from "../../i18n.js";
import { useSignedIn } from "../../session.js";
import { postForFile, saveBlob, uploadFile } from "./planApi.js";
import { FileField } from "./planFields.js";
import { formatSize, showValue } from "./planFormat.js";
import type { ImportResult } from "./plan.types.js";

type Change = ImportResult["changes"][number];
type RowError = ImportResult["errors"][number];

/** The XLSX round trip back in: check the file (dry run: changes and errors by row and column), download the error report, apply. */
export function ImportPanel({ planId }: { planId: number }) {
  const { locale, t } = useLocale();
  const session = useSignedIn();
  const action = useSubmit();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [applied, setApplied] = useState<ImportResult | null>(null);
  const tooBig = !!file && file.size > IMPORT_MAX_BYTES;
  // Messages come in the caller's language; the headers may be French or Dutch.
  const path = (dryRun: boolean) => `/api/plan/plans/${planId}/import?dryRun=${dryRun}&lang=${locale}`;

  const check = () =>
    action.run(async () => {
      if (!file) return;
      setApplied(null);
      setPreview(null);
      setPreview(await uploadFile<ImportResult>(session.csrfToken, path(true), file));
    });
  const apply = () =>
    action.run(async () => {
      if (!file) return;
      const result = await uploadFile<ImportResult>(session.csrfToken, path(false), file);
      setPreview(null);
      setApplied(result);
      setFile(null);
      if (input.current) input.current.value = "";
    });
  const errorReport = () =>
    action.run(async () => {
      if (!file) return;
      const { blob, filename } = await postForFile(session.csrfToken, `/api/plan/plans/${planId}/import/errors.xlsx?lang=${locale === "nl" ? "nl" : "fr"}`, file, "import-errors.xlsx");
      saveBlob(blob, filename);
    });

  const changeColumns: Column<Change>[] = [
    { key: "row", label: t("planWeb.import.row"), numeric: true, sortValue: (c) => c.row, render: (c) => c.row },
    { key: "code", label: t("common.code"), rowHeader: true, sortValue: (c) => c.code, render: (c) => c.code },
    { key: "field", label: t("planWeb.import.field"), sortValue: (c) => c.field, render: (c) => t(`planFiles.column.${c.field}`) },
    { key: "before", label: t("planWeb.diff.before"), render: (c) => <span className="diff-before">{showValue(c.before)}</span> },
    { key: "after", label: t("planWeb.diff.after"), render: (c) => <span className="diff-after">{showValue(c.after)}</span> },
  ];
  const errorColumns: Column<RowError>[] = [
    { key: "row", label: t("planWeb.import.row"), numeric: true, sortValue: (e) => e.row, render: (e) => e.row },
    { key: "column", label: t("planWeb.import.column"), sortValue: (e) => e.column, render: (e) => e.column ?? "–" },
    { key: "message", label: t("planWeb.import.problem"), rowHeader: true, render: (e) => e.message },
    { key: "code", label: t("common.code"), render: (e) => <code>{e.code}</code> },
  ];

  return (
    <div className="import-panel">
      <p className="field-hint">{t("planWeb.import.hint")}</p>
      <div className="toolbar">
        <FileField
          label={t("planWeb.import.file")}
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          inputRef={input}
          hint={t(tooBig ? "planWeb.import.tooBig" : "planWeb.import.sizeHint", { size: formatSize(locale, IMPORT_MAX_BYTES) })}
          tooBig={tooBig}
          onChoose={(chosen) => {
            setFile(chosen);
            setPreview(null);
            setApplied(null);
          }}
        />
        <button type="button" className="button" disabled={!file || tooBig || action.busy} onClick={() => void check()}>
          {t("planWeb.import.check")}
        </button>
      </div>
      <div aria-live="polite">
        {action.busy ? <p className="muted">{t("planWeb.import.working")}</p> : null}
        {applied ? <StatusMessage>{t("planWeb.import.applied", { changed: applied.summary.changed, created: applied.summary.created })}</StatusMessage> : null}
      </div>
      <ErrorAlert error={action.error} />
      {preview ? (
        <section className="card import-preview" aria-labelledby="preview-title">
          <h3 id="preview-title">{t("planWeb.import.previewTitle")}</h3>
          <p data-testid="import-summary">{t("planWeb.import.summary", { ...preview.summary })}</p>
          {preview.errors.length ? (
            <>
              <SortableTable
                caption={t("planWeb.import.errorsCaption", { count: preview.errors.length })}
                columns={errorColumns}
                rows={preview.errors}
                rowKey={(e) => `${e.row}-${e.column}-${e.code}`}
                initialSort={{ key: "row", direction: "ascending" }}
                testId="import-errors"
              />
              <div className="button-row">
                <button type="button" className="button button-secondary" disabled={action.busy} onClick={() => void errorReport()}>
                  {t("planWeb.import.errorReport")}
                </button>
                <span className="muted">{t("planWeb.import.fixFirst")}</span>
              </div>
            </>
          ) : null}
          <SortableTable
            caption={t("planWeb.import.changesCaption", { count: preview.changes.length })}
            columns={changeColumns}
            rows={preview.changes}
            rowKey={(c) => `${c.row}-${c.code}-${c.field}`}
            initialSort={{ key: "row", direction: "ascending" }}
            empty={t("planWeb.import.noChanges")}
            testId="import-changes"
          />
          <div className="button-row">
            <button type="button" className="button" disabled={action.busy || preview.errors.length > 0 || !file} onClick={() => void apply()}>
              {t("planWeb.import.apply")}
            </button>
          </div>
        </section>
      ) : null}
    </div>
  );
}
