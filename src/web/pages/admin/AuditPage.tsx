import { useEffect, useState } from "react";
import { formatDateTime } from "../../format.js";
import { api, isAbort } from "../../api.js";
import { ErrorAlert, StatusMessage } from "../../components/forms/ErrorAlert.js";
import { useSubmit } from "../../components/forms/useSubmit.js";
import { PageHeading } from "../../components/shell/PageHeading.js";
import { SortableTable, type Column } from "../../components/table/SortableTable.js";
import { useLocale } from "../../i18n.js";
import { can } from "../../permissions.js";
import { useSignedIn } from "../../session.js";
import type { AuditEntry, AuditPage as AuditPageData, AuditVerification } from "../../types.js";
import { AuditDiff } from "./AuditDiff.js";
import { AuditFilters, noFilter, type AuditFilter } from "./AuditFilters.js";
import "./admin.css";

/** The append-only audit log, newest first, with filters, "older" paging and a check of the hash chain. */
export function AuditPage() {
  const { locale, t } = useLocale();
  const session = useSignedIn();
  const [filter, setFilter] = useState<AuditFilter>(noFilter);
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const verify = useSubmit();

  const load = async (beforeSeq: number | null, signal?: AbortSignal) => {
    setLoading(true);
    try {
      const page = await api.get<AuditPageData>("/api/audit", { ...filter, beforeSeq }, { signal });
      setEntries((prev) => (beforeSeq ? [...prev, ...page.entries] : page.entries));
      setNext(page.nextBeforeSeq);
      setError(null);
    } catch (err) {
      if (!isAbort(err)) setError(err);
    } finally {
      if (!signal?.aborted) setLoading(false);
    }
  };

  useEffect(() => {
    const controller = new AbortController();
    void load(null, controller.signal);
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filter]);

  const entity = (type: string) => {
    const key = `admin.audit.entityTypes.${type}`;
    const label = t(key);
    return label === key ? type : label;
  };
  const columns: Column<AuditEntry>[] = [
    { key: "seq", label: t("admin.audit.seq"), numeric: true, render: (e) => e.seq },
    {
      key: "at",
      label: t("common.date"),
      render: (e) => <time dateTime={e.at}>{formatDateTime(locale, e.at, true)}</time>,
    },
    {
      key: "actor",
      label: t("admin.audit.actor"),
      render: (e) => (
        <>
          {e.actor.name ?? (e.actor.tokenId ? t("admin.audit.token", { id: e.actor.tokenId }) : t("admin.audit.system"))}
          {e.actor.organisationCode ? <span className="muted"> · {e.actor.organisationCode}</span> : null}
        </>
      ),
    },
    { key: "action", label: t("admin.audit.action"), rowHeader: true, render: (e) => <code>{e.action}</code> },
    { key: "entity", label: t("admin.audit.entity"), render: (e) => `${entity(e.entityType)} ${e.entityId}` },
    { key: "diff", label: t("admin.audit.changes"), render: (e) => <AuditDiff diff={e.diff} /> },
  ];

  return (
    <>
      <PageHeading title={t("nav.audit")}>
        <p>{t("admin.audit.intro")}</p>
      </PageHeading>
      {can(session.permissions, "audit", "verify") ? (
        <div className="toolbar">
          <button
            type="button"
            className="button button-secondary"
            disabled={verify.busy}
            onClick={() =>
              void verify.run(async () => {
                setVerification(null);
                setVerification(await api.get<AuditVerification>("/api/audit/verify"));
              })
            }
          >
            {t("admin.audit.verify")}
          </button>
          <span role="status" className="muted">
            {verify.busy ? t("admin.audit.verifying") : ""}
          </span>
        </div>
      ) : null}
      <ErrorAlert error={verify.error} />
      {verification?.ok ? <StatusMessage>{t("admin.audit.verifyOk", { count: verification.entries })}</StatusMessage> : null}
      {verification && !verification.ok ? (
        <div className="alert alert-error" role="alert">
          {t("admin.audit.verifyFailed", {
            seq: verification.seq ?? "?",
            problem: t(`admin.audit.problem.${verification.problem ?? "altered"}`),
            count: verification.entries,
          })}
        </div>
      ) : null}
      <AuditFilters value={filter} onApply={(f) => setFilter({ ...f })} />
      <ErrorAlert error={error} />
      <SortableTable
        caption={t("admin.audit.caption", { count: entries.length })}
        columns={columns}
        rows={entries}
        rowKey={(e) => e.seq}
        empty={loading ? t("app.loading") : t("admin.audit.none")}
        testId="audit-table"
      />
      <div className="pager">
        {next ? (
          <button type="button" className="button button-secondary" disabled={loading} onClick={() => void load(next)}>
            {t("admin.audit.older")}
          </button>
        ) : entries.length ? (
          <span className="muted">{t("admin.audit.end")}</span>
        ) : null}
        <span role="status" className="muted">
          {loading ? t("app.loading") : ""}
        </span>
      </div>
    </>
  );
}
