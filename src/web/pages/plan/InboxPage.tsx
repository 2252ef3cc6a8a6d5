import { ErrorAlert } from "../../components/forms/ErrorAlert.js";
import { PageHeading } from "../../components/shell/PageHeading.js";
import { SortableTable, type Column } from "../../components/table/SortableTable.js";
import { useResource } from "../../components/useResource.js";
import { useLocale } from "../../i18n.js";
import { Link } from "../../router.js";
import { useSignedIn } from "../../session.js";
import { LateBadge, PlanFrame, StateBadge } from "./PlanChrome.js";
import { formatDay } from "./planFormat.js";
import type { InboxRow } from "./plan.types.js";

const toFile = (r: InboxRow) => r.state === "draft" || r.state === "returned";

/** What the person's organisation has to report in the open rounds: updates to file (draft, sent back) first. */
export function InboxPage() {
  const { locale, t } = useLocale();
  const session = useSignedIn();
  const inbox = useResource<InboxRow[]>("/api/plan/inbox", {}, locale);
  const rows = inbox.data ?? [];
  const pending = rows.filter(toFile).length;

  const columns: Column<InboxRow>[] = [
    {
      key: "measure",
      label: t("planWeb.label.measure"),
      rowHeader: true,
      sortValue: (r) => r.measure.code,
      render: (r) => (
        <Link href={`/plan/updates/${r.id}`} data-measure-code={r.measure.code}>
          {r.measure.code} · {r.measure.title}
        </Link>
      ),
    },
    { key: "round", label: t("planWeb.label.round"), sortValue: (r) => r.round.name, render: (r) => r.round.name },
    {
      key: "deadline",
      label: t("planWeb.deadline"),
      sortValue: (r) => r.round.deadline,
      render: (r) => (
        <>
          {formatDay(locale, r.round.deadline)} <LateBadge late={r.late} />
        </>
      ),
    },
    { key: "state", label: t("planWeb.update.state"), sortValue: (r) => (toFile(r) ? 0 : 1), render: (r) => <StateBadge state={r.state} /> },
    {
      key: "comments",
      label: t("planWeb.inbox.openComments"),
      numeric: true,
      sortValue: (r) => r.openComments,
      render: (r) => r.openComments,
    },
  ];

  return (
    <PlanFrame>
      <PageHeading title={t("planWeb.inbox.title")}>
        <p>{t("planWeb.inbox.intro", { organisation: session.account?.organisation.name ?? "" })}</p>
      </PageHeading>
      <ErrorAlert error={inbox.error} />
      {inbox.data ? (
        <p role="status" className={pending ? "alert alert-info" : "muted"}>
          {t("planWeb.inbox.pending", { count: pending })}
        </p>
      ) : null}
      <SortableTable
        caption={t("planWeb.inbox.caption", { count: rows.length })}
        columns={columns}
        rows={rows}
        rowKey={(r) => r.id}
        rowClassName={(r) => (toFile(r) ? "row-todo" : undefined)}
        empty={inbox.loading || !inbox.data ? t("app.loading") : t("planWeb.inbox.none")}
        testId="inbox-table"
      />
    </PlanFrame>
  );
}
