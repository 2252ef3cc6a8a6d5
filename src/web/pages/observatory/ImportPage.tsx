import { useEffect, useId, useRef, useState } from "react";
import { api, ApiError, isAbort } from "../../api.js";
import { ErrorAlert, StatusMessage } from "../../components/forms/ErrorAlert.js";
import { SelectField, TextField } from "../../components/forms/Field.js";
import { PageHeading } from "../../components/shell/PageHeading.js";
import { useResource } from "../../components/useResource.js";
import { useLocale } from "../../i18n.js";
import { useSignedIn } from "../../session.js";
import { FileField } from "../plan/planFields.js";
import { formatDay, formatSize } from "../plan/planFormat.js";
import { followJob, IMPORT_MAX_BYTES, startImportJob, XLSX_TYPE, type Batch, type ImportJob } from "./importJobApi.js";
import { BatchesTable, ImportErrors } from "./ImportTables.js";
import "./import.css";

const grains = ["aggregated", "individual"] as const;

/** What the progress bar shows: the upload as the browser reports it, then the job as the server reports it. */
interface Progress {
  phase: ImportJob["phase"];
  percent: number | null;
  rows: number;
  totalBytes: number;
}

/** The progress bar (indeterminate while the percentage is unknown) and where the import stands, in words. */
function ProgressBar({ progress }: { progress: Progress }) {
  const { locale, t } = useLocale();
  const id = useId();
  const { percent } = progress;
  const detail =
    percent === null
      ? ""
      : progress.phase === "uploading"
        ? t("observatoryImportWeb.progressUpload", { percent, size: formatSize(locale, progress.totalBytes) })
        : t("observatoryImportWeb.progressRows", { percent, rows: progress.rows });
  return (
    <div className="import-progress">
      <label htmlFor={`${id}-bar`}>{t("observatoryImportWeb.progress")}</label>
      <progress id={`${id}-bar`} max={100} value={percent ?? undefined} aria-describedby={`${id}-detail`}>
        {detail}
      </progress>
      <p id={`${id}-detail`} className="field-hint" data-testid="import-progress-detail">
        {detail}
      </p>
    </div>
  );
}

/** The outcome of a finished job: the batch stored or the file checked, or why it stopped. */
function Outcome({ job }: { job: ImportJob }) {
  const { locale, t } = useLocale();
  if (job.phase === "done" && job.result) {
    const { rows, batch } = job.result;
    if (job.dryRun) return <StatusMessage>{t("observatoryImportWeb.checked", { rows })}</StatusMessage>;
    return (
      <StatusMessage>
        {t("observatoryImportWeb.stored", { rows, from: formatDay(locale, batch.periodStart), to: formatDay(locale, batch.periodEnd) })}{" "}
        <code>{batch.key}</code>
        {batch.replaced ? ` ${t("observatoryImportWeb.replaced")}` : ""}
      </StatusMessage>
    );
  }
  if (job.crashed) {
    return (
      <div className="alert alert-error" role="alert">
        <p>{t("observatoryImportWeb.crashed")}</p>
      </div>
    );
  }
  return (
    <div className="alert alert-error" role="alert" data-testid="import-failed">
      <p>{t("observatoryImportWeb.errors.caption", { count: job.errors?.count ?? 0 })}</p>
    </div>
  );
}

/** Importing registered crime: choose a file, check it or import it with a progress bar, see the row errors, list the batches. */
export function ImportPage() {
  const { locale, t } = useLocale();
  const session = useSignedIn();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [grain, setGrain] = useState<(typeof grains)[number]>("aggregated");
  const [source, setSource] = useState("federal-police");
  const [progress, setProgress] = useState<Progress | null>(null);
  const [job, setJob] = useState<ImportJob | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [batchesVersion, setBatchesVersion] = useState(0);
  const [deletion, setDeletion] = useState<{ deleted: string | null; error: unknown }>({ deleted: null, error: null });
  const batches = useResource<Batch[]>("/api/observatory/batches", {}, batchesVersion);
  const following = useRef<AbortController | null>(null);
  useEffect(() => () => following.current?.abort(), []);

  const busy = progress !== null && progress.phase !== "done" && progress.phase !== "failed";
  const tooBig = !!file && file.size > IMPORT_MAX_BYTES;

  const show = (current: ImportJob) => {
    setJob(current);
    // Until the server reports its first rows the bar is indeterminate (the file is still
    // being received or its first block read).
    const started = current.progress.rows > 0 || current.phase === "done" || current.phase === "failed";
    setProgress({ phase: current.phase, percent: started ? current.progress.percent : null, rows: current.progress.rows, totalBytes: current.progress.totalBytes ?? 0 });
  };

  async function deleteBatch(batch: Batch) {
    setDeletion({ deleted: null, error: null });
    try {
      await api.delete(`/api/observatory/batches/${batch.id}`);
      setDeletion({ deleted: batch.key, error: null });
      setBatchesVersion((v) => v + 1);
    } catch (err) {
      setDeletion({ deleted: null, error: err });
    }
  }

  async function run(dryRun: boolean) {
    if (!file) return;
    following.current?.abort();
    const controller = new AbortController();
    following.current = controller;
    setError(null);
    setJob(null);
    setProgress({ phase: "uploading", percent: 0, rows: 0, totalBytes: file.size });
    try {
      const started = await startImportJob({ file, grain, source: source.trim(), dryRun, csrfToken: session.csrfToken }, (sent, total) =>
        setProgress({ phase: "uploading", percent: total ? Math.floor((100 * sent) / total) : null, rows: 0, totalBytes: total }),
      );
      show(started);
      let last = started;
      await followJob(started.id, (current) => {
        last = current;
        show(current);
      }, controller.signal);
      if (last.phase === "done" && !last.dryRun) setBatchesVersion((v) => v + 1);
    } catch (err) {
      if (isAbort(err)) return;
      setProgress(null);
      setError(err);
    }
  }

  return (
    <div className="import-page">
      <PageHeading title={t("observatoryImportWeb.title")}>
        <p>{t("observatoryImportWeb.intro")}</p>
      </PageHeading>
      <section className="card" aria-labelledby="import-form-title">
        <h2 id="import-form-title">{t("observatoryImportWeb.formTitle")}</h2>
        <form
          className="import-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run(true);
          }}
        >
          <FileField
            label={t("observatoryImportWeb.file")}
            accept={`.csv,.xlsx,text/csv,${XLSX_TYPE}`}
            inputRef={input}
            hint={t(tooBig ? "observatoryImportWeb.fileTooBig" : "observatoryImportWeb.fileHint", { size: formatSize(locale, IMPORT_MAX_BYTES) })}
            tooBig={tooBig}
            onChoose={(chosen) => {
              setFile(chosen);
              setJob(null);
              setProgress(null);
              setError(null);
            }}
          />
          <SelectField
            label={t("observatoryImportWeb.grain")}
            value={grain}
            onChange={(e) => setGrain(e.target.value as (typeof grains)[number])}
            choices={grains.map((g) => ({ value: g, label: t(`observatoryImportWeb.grains.${g}`) }))}
            hint={t(`observatoryImportWeb.columns.${grain}`)}
          />
          <TextField
            label={t("observatoryImportWeb.source")}
            value={source}
            onChange={(e) => setSource(e.target.value)}
            hint={t("observatoryImportWeb.sourceHint")}
            required
            maxLength={100}
            pattern="[\w.\-]+"
            error={error instanceof ApiError ? error.fieldMessage("source") : undefined}
          />
          <p className="field-hint">{t("observatoryImportWeb.actionsHint")}</p>
          <div className="button-row">
            <button type="submit" className="button button-secondary" disabled={!file || tooBig || busy || !source.trim()}>
              {t("observatoryImportWeb.check")}
            </button>
            <button type="button" className="button" disabled={!file || tooBig || busy || !source.trim()} onClick={() => void run(false)}>
              {t("observatoryImportWeb.import")}
            </button>
          </div>
        </form>
        <div role="status" className="import-phase" data-testid="import-phase">
          {progress ? t(`observatoryImportWeb.phase.${progress.phase}`) : ""}
        </div>
        {progress ? <ProgressBar progress={progress} /> : null}
        <ErrorAlert error={error} shownFields={["source"]} />
        {job && job.phase !== "uploading" && !busy ? <Outcome job={job} /> : null}
      </section>
      {job?.errors ? <ImportErrors errors={job.errors} /> : null}
      <section className="section" aria-labelledby="import-batches-title">
        <h2 id="import-batches-title">{t("observatoryImportWeb.batches.title")}</h2>
        <ErrorAlert error={batches.error ?? deletion.error} />
        {deletion.deleted ? <StatusMessage>{t("observatoryImportWeb.batches.deleted", { key: deletion.deleted })}</StatusMessage> : null}
        <BatchesTable batches={batches.data ?? []} onDelete={busy ? undefined : deleteBatch} />
      </section>
    </div>
  );
}
