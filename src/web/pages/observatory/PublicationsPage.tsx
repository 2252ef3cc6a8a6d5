import { useState } from "react";
import { api } from "../../api.js";
import { ConfirmButton } from "../../components/forms/ConfirmButton.js";
import { ErrorAlert, StatusMessage } from "../../components/forms/ErrorAlert.js";
import { TextField } from "../../components/forms/Field.js";
import { useSubmit } from "../../components/forms/useSubmit.js";
import { PageHeading } from "../../components/shell/PageHeading.js";
import { SortableTable, type Column } from "../../components/table/SortableTable.js";
import { useResource } from "../../components/useResource.js";
import { formatDateTime } from "../../format.js";
import { useLocale } from "../../i18n.js";
import { allows, can } from "../../permissions.js";
import { useSignedIn } from "../../session.js";

interface Publication {
  id: number;
  year: number;
  title: string;
  status: "draft" | "published" | "withdrawn";
  period: { from: number; to: number };
  synthetic: boolean;
  manifestSha256: string;
  createdAt: string;
  publishedAt: string | null;
  actions: string[];
}
interface Batch {
  grain: string;
  periodEnd: string;
}

const base = "/api/observatory/publications";
const statusBadge = { draft: "badge-warn", published: "badge-ok", withdrawn: "badge-off" } as const;

/** The last year of the aggregated batches: the year a new report most likely covers. */
function lastDataYear(batches: Batch[] | null): string {
  const years = (batches ?? []).filter((b) => b.grain === "aggregated").map((b) => Number(b.periodEnd.slice(0, 4)));
  return String(years.length ? Math.max(...years) : new Date().getFullYear() - 1);
}

/** Generates a draft annual report from the year (and optional first year) given. */
function GenerateForm({ onCreated }: { onCreated: (created: Publication) => void }) {
  const { t } = useLocale();
  const batches = useResource<Batch[]>("/api/observatory/batches");
  const submit = useSubmit();
  const [year, setYear] = useState<string | null>(null);
  const [fromYear, setFromYear] = useState("");
  const shownYear = year ?? lastDataYear(batches.data);
  const asNumber = (value: string) => (value.trim() === "" ? undefined : Number(value));
  return (
    <section className="section" aria-labelledby="generate-title">
      <h2 id="generate-title">{t("observatoryReport.web.generateTitle")}</h2>
      <form
        className="toolbar"
        noValidate
        onSubmit={submit.onSubmit(async () => {
          onCreated(await api.post<Publication>(base, { year: asNumber(shownYear), fromYear: asNumber(fromYear) }));
          setFromYear("");
        })}
      >
        <TextField label={t("observatoryReport.web.year")} type="number" inputMode="numeric" min={1990} max={2100} value={shownYear} onChange={(e) => setYear(e.target.value)} error={submit.fieldError("year")} required />
        <TextField
          label={t("observatoryReport.web.fromYear")}
          hint={t("observatoryReport.web.fromYearHint")}
          type="number"
          inputMode="numeric"
          min={1990}
          max={2100}
          value={fromYear}
          onChange={(e) => setFromYear(e.target.value)}
          error={submit.fieldError("fromYear")}
        />
        <button type="submit" className="button" disabled={submit.busy}>
          {t("observatoryReport.web.generate")}
        </button>
      </form>
      <ErrorAlert error={submit.error} shownFields={["year", "fromYear"]} />
    </section>
  );
}

function FileLinks({ p }: { p: Publication }) {
  const { t } = useLocale();
  const hidden = <span className="visually-hidden"> {p.title}</span>;
  return (
    <div className="button-row">
      {(["fr", "nl"] as const).map((lang) => (
        <a key={lang} className="button button-small button-secondary" href={`${base}/${p.id}/report.pdf?lang=${lang}`} download>
          {t("observatoryReport.web.pdf", { lang: lang.toUpperCase() })}
          {hidden}
        </a>
      ))}
      <a className="button button-small button-secondary" href={`${base}/${p.id}/annex.xlsx`} download>
        {t("observatoryReport.web.annex")}
        {hidden}
      </a>
      <a className="button button-small button-secondary" href={`${base}/${p.id}/manifest.json`} download>
        {t("observatoryReport.web.manifestJson")}
        {hidden}
      </a>
    </div>
  );
}

/** The observatory's publications: annual reports generated from a manifest, their files, publish and withdraw. */
export function PublicationsPage() {
  const { locale, t } = useLocale();
  const session = useSignedIn();
  const list = useResource<Publication[]>(base, {}, locale);
  const action = useSubmit();
  const [status, setStatus] = useState<string | null>(null);
  const rows = list.data ?? [];

  const change = (p: Publication, to: "publish" | "withdraw") =>
    action.run(async () => {
      setStatus(null);
      await api.post(`${base}/${p.id}/${to}`);
      setStatus(t(`observatoryReport.web.${to === "publish" ? "published" : "withdrawn"}`, { title: p.title }));
      list.reload();
    });

  const columns: Column<Publication>[] = [
    {
      key: "title",
      label: t("observatoryReport.web.titleColumn"),
      rowHeader: true,
      sortValue: (p) => p.title,
      render: (p) => (
        <>
          {p.title}
          {p.synthetic ? (
            <>
              {" "}
              <span className="badge badge-warn">{t("observatoryReport.web.synthetic")}</span>
            </>
          ) : null}
        </>
      ),
    },
    { key: "year", label: t("observatoryReport.web.yearColumn"), numeric: true, sortValue: (p) => p.year, render: (p) => p.year },
    { key: "period", label: t("observatoryReport.web.periodColumn"), sortValue: (p) => p.period.from, render: (p) => `${p.period.from}–${p.period.to}` },
    {
      key: "status",
      label: t("observatoryReport.web.statusColumn"),
      sortValue: (p) => p.status,
      render: (p) => (
        <>
          <span className={`badge ${statusBadge[p.status]}`}>{t(`observatoryReport.status.${p.status}`)}</span>
          <br />
          <span className="muted">{formatDateTime(locale, p.publishedAt ?? p.createdAt)}</span>
        </>
      ),
    },
    { key: "manifest", label: t("observatoryReport.web.manifestColumn"), render: (p) => <code title={p.manifestSha256}>{p.manifestSha256.slice(0, 12)}</code> },
    { key: "files", label: t("observatoryReport.web.files"), render: (p) => <FileLinks p={p} /> },
    {
      key: "actions",
      label: t("observatoryReport.web.actions"),
      className: "actions-cell",
      render: (p) =>
        allows(p, "publish") ? (
          <ConfirmButton label={t("observatoryReport.web.publish")} question={t("observatoryReport.web.publishQuestion")} disabled={action.busy} onConfirm={() => void change(p, "publish")} />
        ) : allows(p, "withdraw") ? (
          <ConfirmButton label={t("observatoryReport.web.withdraw")} question={t("observatoryReport.web.withdrawQuestion")} disabled={action.busy} onConfirm={() => void change(p, "withdraw")} />
        ) : null,
    },
  ];

  return (
    <>
      <PageHeading title={t("observatoryReport.web.title")}>
        <p>{t("observatoryReport.web.intro")}</p>
      </PageHeading>
      {can(session.permissions, "observatory", "report") ? (
        <GenerateForm
          onCreated={(created) => {
            setStatus(t("observatoryReport.web.generated", { title: created.title }));
            list.reload();
          }}
        />
      ) : null}
      {status ? <StatusMessage>{status}</StatusMessage> : null}
      <ErrorAlert error={action.error} />
      <ErrorAlert error={list.error} />
      <p className="field-hint">{t("observatoryReport.web.filesHint")}</p>
      <SortableTable
        caption={t("observatoryReport.web.caption", { count: rows.length })}
        columns={columns}
        rows={rows}
        rowKey={(p) => p.id}
        initialSort={{ key: "year", direction: "descending" }}
        empty={list.loading || !list.data ? t("app.loading") : t("observatoryReport.web.none")}
        testId="publications-table"
      />
    </>
  );
}
