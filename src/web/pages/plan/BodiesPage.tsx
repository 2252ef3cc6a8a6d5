import { ErrorAlert } from "../../components/forms/ErrorAlert.js";
import { PageHeading } from "../../components/shell/PageHeading.js";
import { SortableTable, type Column } from "../../components/table/SortableTable.js";
import { useResource } from "../../components/useResource.js";
import { formatDateTime } from "../../format.js";
import { useLocale } from "../../i18n.js";
import { Link } from "../../router.js";
import { PlanFrame, PlanSelector } from "./PlanChrome.js";
import type { BodyRow } from "./plan.types.js";
import { usePlanChoice } from "./usePlanChoice.js";

const kindOrder = { security_council: 0, coordination_committee: 1, working_group: 2 } as const;

/** The plan's governance: the Regional Security Council, the Coordination Committee and one working group per theme. */
export function BodiesPage() {
  const { locale, t } = useLocale();
  const choice = usePlanChoice();
  const plan = choice.plan;
  const bodies = useResource<BodyRow[]>(plan ? `/api/plan/plans/${plan.id}/bodies` : null, {}, locale);

  const columns: Column<BodyRow>[] = [
    { key: "name", label: t("common.name"), rowHeader: true, sortValue: (b) => b.name, render: (b) => <Link href={`/plan/bodies/${b.id}`}>{b.name}</Link> },
    { key: "kind", label: t("common.kind"), sortValue: (b) => kindOrder[b.kind] ?? 9, render: (b) => t(`plan.bodyKind.${b.kind}`) },
    { key: "theme", label: t("planWeb.label.theme"), sortValue: (b) => b.theme?.number ?? null, render: (b) => (b.theme ? `${b.theme.number}. ${b.theme.title}` : "–") },
    { key: "members", label: t("planWeb.bodies.members"), numeric: true, sortValue: (b) => b.memberCount, render: (b) => b.memberCount },
    {
      key: "member",
      label: t("planWeb.bodies.youSit"),
      sortValue: (b) => (b.isMember ? 0 : 1),
      render: (b) => (b.isMember ? <span className="badge badge-ok">{t("common.yes")}</span> : <span className="muted">{t("common.no")}</span>),
    },
    {
      key: "next",
      label: t("planWeb.bodies.nextMeeting"),
      sortValue: (b) => b.nextMeeting?.startsAt ?? null,
      render: (b) => (b.nextMeeting ? <Link href={`/plan/meetings/${b.nextMeeting.id}`}>{formatDateTime(locale, b.nextMeeting.startsAt)}</Link> : "–"),
    },
  ];

  return (
    <PlanFrame>
      <PageHeading title={t("planWeb.bodies.title")}>
        <p>{t("planWeb.bodies.intro")}</p>
      </PageHeading>
      <ErrorAlert error={choice.error ?? bodies.error} />
      <div className="toolbar">
        <PlanSelector plans={choice.plans} plan={plan} onChoose={choice.choose} />
        <Link href="/plan/calendar">{t("planWeb.calendar.title")}</Link>
      </div>
      <SortableTable
        caption={t("planWeb.bodies.caption", { count: bodies.data?.length ?? 0 })}
        columns={columns}
        rows={bodies.data ?? []}
        rowKey={(b) => b.id}
        initialSort={{ key: "kind", direction: "ascending" }}
        empty={bodies.loading || !bodies.data ? t("app.loading") : t("planWeb.bodies.none")}
        testId="bodies-table"
      />
    </PlanFrame>
  );
}
