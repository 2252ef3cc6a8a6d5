import { useState } from "react";
import { updateStates } from "../../../shared/plan.js";
import { ErrorAlert } from "../../components/forms/ErrorAlert.js";
import { SelectField } from "../../components/forms/Field.js";
import { PageHeading } from "../../components/shell/PageHeading.js";
import { SortableTable, type Column } from "../../components/table/SortableTable.js";
import { useResource } from "../../components/useResource.js";
import { formatDateTime } from "../../format.js";
import { useLocale } from "../../i18n.js";
import { Link, usePath } from "../../router.js";
import { NotFoundHere } from "./NotFoundHere.js";
import { LateBadge, PlanFrame, StateBadge } from "./PlanChrome.js";
import { formatDay, idFromPath } from "./planFormat.js";
import type { Round, RoundUpdateRow } from "./plan.types.js";
import { usePlanChoice } from "./usePlanChoice.js";

/** One round's updates (those the caller may read), filtered by state, each opening its update page. */
export function RoundPage() {
  const { locale, t } = useLocale();
  const id = idFromPath(usePath(), "/plan/rounds/");
  const [state, setState] = useState("");
  const choice = usePlanChoice();
  const rounds = useResource<Round[]>(choice.plan ? `/api/plan/plans/${choice.plan.id}/rounds` : null, {}, locale);
  const updates = useResource<RoundUpdateRow[]>(id ? `/api/plan/rounds/${id}/updates` : null, { state }, locale);
  if (!id) return <NotFoundHere />;
  const round = rounds.data?.find((r) => r.id === id) ?? null;

  const columns: Column<RoundUpdateRow>[] = [
    {
      key: "measure",
      label: t("planWeb.label.measure"),
      rowHeader: true,
      sortValue: (u) => u.measure.code,
      render: (u) => (
        <Link href={`/plan/updates/${u.id}`}>
          {u.measure.code} · {u.measure.title}
        </Link>
      ),
    },
    { key: "organisation", label: t("common.organisation"), sortValue: (u) => u.organisation.name, render: (u) => u.organisation.name },
    {
      key: "state",
      label: t("planWeb.update.state"),
      sortValue: (u) => updateStates.indexOf(u.state),
      render: (u) => (
        <>
          <StateBadge state={u.state} /> <LateBadge late={u.late} />
        </>
      ),
    },
    { key: "version", label: t("planWeb.update.version"), numeric: true, sortValue: (u) => u.version, render: (u) => u.version },
    { key: "submitted", label: t("planWeb.update.submittedAt"), sortValue: (u) => u.submittedAt, render: (u) => (u.submittedAt ? formatDateTime(locale, u.submittedAt) : "–") },
    { key: "comments", label: t("planWeb.inbox.openComments"), numeric: true, sortValue: (u) => u.openComments, render: (u) => u.openComments },
  ];

  return (
    <PlanFrame>
      <p className="breadcrumb">
        <Link href="/plan/rounds">{t("planWeb.rounds.title")}</Link>
      </p>
      <PageHeading title={round ? round.name : t("planWeb.label.round")}>
        {round ? <p>{t("planWeb.rounds.summary", { period: round.periodLabel, opens: formatDay(locale, round.opensOn), deadline: formatDay(locale, round.deadline) })}</p> : null}
      </PageHeading>
      <div className="toolbar">
        <SelectField
          label={t("planWeb.update.state")}
          value={state}
          onChange={(e) => setState(e.target.value)}
          choices={[{ value: "", label: t("admin.all") }, ...updateStates.map((s) => ({ value: s, label: t(`plan.updateState.${s}`) }))]}
        />
      </div>
      <ErrorAlert error={updates.error} />
      <SortableTable
        caption={t("planWeb.rounds.updatesCaption", { count: updates.data?.length ?? 0 })}
        columns={columns}
        rows={updates.data ?? []}
        rowKey={(u) => u.id}
        initialSort={{ key: "measure", direction: "ascending" }}
        empty={updates.loading || (!updates.data && !updates.error) ? t("app.loading") : t("planWeb.rounds.noUpdates")}
        testId="round-updates"
      />
    </PlanFrame>
  );
}
