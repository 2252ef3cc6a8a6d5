import { useState } from "react";
import { api } from "../../api.js";
import { ErrorAlert, StatusMessage } from "../../components/forms/ErrorAlert.js";
import { SelectField, TextField } from "../../components/forms/Field.js";
import { useSubmit } from "../../components/forms/useSubmit.js";
import { SortableTable, type Column } from "../../components/table/SortableTable.js";
import { useResource } from "../../components/useResource.js";
import { formatDateTime } from "../../format.js";
import { useLocale } from "../../i18n.js";
import { can } from "../../permissions.js";
import { useSignedIn } from "../../session.js";
import { nameOf } from "./planFormat.js";
import type { Snapshot, SnapshotDiff } from "./plan.types.js";
import { SnapshotDiffView } from "./SnapshotDiffView.js";

/** Frozen, versioned snapshots of the plan: take one, download its report packs (FR/NL PDF, XLSX annex), compare two. */
export function SnapshotsPanel({ planId }: { planId: number }) {
  const { locale, t } = useLocale();
  const session = useSignedIn();
  const list = useResource<Snapshot[]>(`/api/plan/plans/${planId}/snapshots`, {}, locale);
  const take = useSubmit();
  const compare = useSubmit();
  const [title, setTitle] = useState("");
  const [taken, setTaken] = useState<Snapshot | null>(null);
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [diff, setDiff] = useState<SnapshotDiff | null>(null);
  const snapshots = list.data ?? [];
  const choices = [{ value: "", label: t("planWeb.snapshots.pick") }, ...[...snapshots].sort((a, b) => b.version - a.version).map((s) => ({ value: String(s.id), label: `v${s.version} · ${s.title}` }))];

  const columns: Column<Snapshot>[] = [
    { key: "version", label: t("planWeb.update.version"), numeric: true, sortValue: (s) => s.version, render: (s) => s.version },
    { key: "title", label: t("planWeb.snapshots.titleLabel"), rowHeader: true, sortValue: (s) => s.title, render: (s) => s.title },
    { key: "at", label: t("common.date"), sortValue: (s) => s.takenAt, render: (s) => formatDateTime(locale, s.takenAt) },
    { key: "by", label: t("planWeb.update.by"), render: (s) => nameOf(s.takenBy) || "–" },
    { key: "sha", label: t("planWeb.snapshots.fingerprint"), render: (s) => <code title={s.sha256}>{s.sha256.slice(0, 12)}</code> },
    {
      key: "files",
      label: t("planWeb.snapshots.files"),
      className: "actions-cell",
      render: (s) => (
        <div className="button-row">
          {(["fr", "nl"] as const).map((l) => (
            <a key={l} className="button button-small button-secondary" href={`/api/plan/snapshots/${s.id}/report.pdf?lang=${l}`} download>
              {t("planWeb.snapshots.pdf", { lang: l.toUpperCase() })}
              <span className="visually-hidden"> v{s.version}</span>
            </a>
          ))}
          <a className="button button-small button-secondary" href={`/api/plan/snapshots/${s.id}/annex.xlsx`} download>
            {t("planWeb.snapshots.annex")}
            <span className="visually-hidden"> v{s.version}</span>
          </a>
        </div>
      ),
    },
  ];

  return (
    <>
      {can(session.permissions, "plan", "snapshot") ? (
        <form
          className="toolbar"
          noValidate
          onSubmit={take.onSubmit(async () => {
            const created = await api.post<Snapshot>(`/api/plan/plans/${planId}/snapshots`, { title });
            setTaken(created);
            setTitle("");
            list.reload();
          })}
        >
          <TextField label={t("planWeb.snapshots.titleLabel")} value={title} onChange={(e) => setTitle(e.target.value)} error={take.fieldError("title")} required />
          <button type="submit" className="button" disabled={take.busy}>
            {t("planWeb.snapshots.take")}
          </button>
        </form>
      ) : null}
      <ErrorAlert error={take.error} shownFields={["title"]} />
      {taken ? <StatusMessage>{t("planWeb.snapshots.taken", { version: taken.version, title: taken.title })}</StatusMessage> : null}
      <ErrorAlert error={list.error} />
      <SortableTable
        caption={t("planWeb.snapshots.caption", { count: snapshots.length })}
        columns={columns}
        rows={snapshots}
        rowKey={(s) => s.id}
        initialSort={{ key: "version", direction: "descending" }}
        empty={list.loading || !list.data ? t("app.loading") : t("planWeb.snapshots.none")}
        testId="snapshots-table"
      />
      <section className="section" aria-labelledby="compare-title">
        <h3 id="compare-title">{t("planWeb.snapshots.compareTitle")}</h3>
        <form
          className="toolbar"
          noValidate
          onSubmit={compare.onSubmit(async () => {
            setDiff(null);
            setDiff(await api.get<SnapshotDiff>(`/api/plan/snapshots/${to}/diff`, { against: from }));
          })}
        >
          <SelectField label={t("planWeb.snapshots.from")} value={from} onChange={(e) => setFrom(e.target.value)} choices={choices} />
          <SelectField label={t("planWeb.snapshots.to")} value={to} onChange={(e) => setTo(e.target.value)} choices={choices} />
          <button type="submit" className="button button-secondary" disabled={!from || !to || from === to || compare.busy}>
            {t("planWeb.snapshots.compare")}
          </button>
        </form>
        <ErrorAlert error={compare.error} />
        {diff ? <SnapshotDiffView diff={diff} /> : null}
      </section>
    </>
  );
}
