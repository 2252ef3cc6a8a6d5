import { useState } from "react";
import { api } from "../../api.js";
import { ConfirmButton } from "../../components/forms/ConfirmButton.js";
import { ErrorAlert, StatusMessage } from "../../components/forms/ErrorAlert.js";
import { useSubmit } from "../../components/forms/useSubmit.js";
import { PageHeading } from "../../components/shell/PageHeading.js";
import { SortableTable, type Column } from "../../components/table/SortableTable.js";
import { useResource } from "../../components/useResource.js";
import { useLocale } from "../../i18n.js";
import { allows, can } from "../../permissions.js";
import { Link } from "../../router.js";
import { useSignedIn } from "../../session.js";
import { PlanFrame, PlanSelector } from "./PlanChrome.js";
import { formatDay } from "./planFormat.js";
import type { Round } from "./plan.types.js";
import { RoundForm } from "./RoundForm.js";
import { usePlanChoice } from "./usePlanChoice.js";

/** Reporting rounds of the plan with their counts; coordinators open a new one or close one. */
export function RoundsPage() {
  const { locale, t } = useLocale();
  const session = useSignedIn();
  const choice = usePlanChoice();
  const plan = choice.plan;
  const rounds = useResource<Round[]>(plan ? `/api/plan/plans/${plan.id}/rounds` : null, {}, locale);
  const [opening, setOpening] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const action = useSubmit();
  const canOpen = can(session.permissions, "round", "manage");

  const setRoundStatus = (r: Round, next: "open" | "closed") =>
    action.run(async () => {
      await api.patch(`/api/plan/rounds/${r.id}`, { status: next });
      setStatus(t(next === "closed" ? "planWeb.rounds.closed" : "planWeb.rounds.reopened", { name: r.name }));
      rounds.reload();
    });

  const columns: Column<Round>[] = [
    { key: "name", label: t("common.name"), rowHeader: true, sortValue: (r) => r.name, render: (r) => <Link href={`/plan/rounds/${r.id}`}>{r.name}</Link> },
    { key: "period", label: t("planWeb.rounds.periodLabel"), sortValue: (r) => r.periodLabel, render: (r) => r.periodLabel },
    { key: "opens", label: t("planWeb.rounds.opensOn"), sortValue: (r) => r.opensOn, render: (r) => formatDay(locale, r.opensOn) },
    { key: "deadline", label: t("planWeb.deadline"), sortValue: (r) => r.deadline, render: (r) => formatDay(locale, r.deadline) },
    { key: "status", label: t("plan.field.status"), sortValue: (r) => r.status, render: (r) => <span className={`badge ${r.status === "open" ? "badge-ok" : "badge-off"}`}>{t(`plan.roundStatus.${r.status}`)}</span> },
    ...(["draft", "submitted", "returned", "validated"] as const).map((s) => ({
      key: s,
      label: t(`plan.updateState.${s}`),
      numeric: true,
      sortValue: (r: Round) => r.counts[s],
      render: (r: Round) => r.counts[s],
    })),
    { key: "late", label: t("planWeb.late"), numeric: true, sortValue: (r) => r.counts.late, render: (r) => r.counts.late },
    {
      key: "actions",
      label: t("common.actions"),
      className: "actions-cell",
      render: (r) =>
        allows(r, "manage") ? (
          r.status === "open" ? (
            <ConfirmButton label={t("planWeb.rounds.close")} question={t("planWeb.rounds.closeConfirm", { name: r.name })} onConfirm={() => void setRoundStatus(r, "closed")} />
          ) : (
            <button type="button" className="button button-small button-secondary" onClick={() => void setRoundStatus(r, "open")}>
              {t("planWeb.rounds.reopen")}
              <span className="visually-hidden"> {r.name}</span>
            </button>
          )
        ) : null,
    },
  ];

  return (
    <PlanFrame>
      <PageHeading title={t("planWeb.rounds.title")}>
        <p>{t("planWeb.rounds.intro")}</p>
      </PageHeading>
      <ErrorAlert error={choice.error} />
      <div className="toolbar">
        <PlanSelector plans={choice.plans} plan={plan} onChoose={choice.choose} />
        {canOpen && plan && !opening ? (
          <button
            type="button"
            className="button"
            onClick={() => {
              setStatus(null);
              setOpening(true);
            }}
          >
            {t("planWeb.rounds.openButton")}
          </button>
        ) : null}
      </div>
      {status ? <StatusMessage>{status}</StatusMessage> : null}
      <ErrorAlert error={action.error} />
      {opening && plan ? (
        <RoundForm
          planId={plan.id}
          onCancel={() => setOpening(false)}
          onCreated={(r) => {
            setOpening(false);
            setStatus(t("planWeb.rounds.opened", { name: r.name }));
            rounds.reload();
          }}
        />
      ) : null}
      <ErrorAlert error={rounds.error} />
      <SortableTable
        caption={t("planWeb.rounds.caption", { count: rounds.data?.length ?? 0 })}
        columns={columns}
        rows={rounds.data ?? []}
        rowKey={(r) => r.id}
        initialSort={{ key: "opens", direction: "descending" }}
        empty={rounds.loading || !rounds.data ? t("app.loading") : t("planWeb.rounds.none")}
        testId="rounds-table"
      />
    </PlanFrame>
  );
}
