import { useRef, useState } from "react";
import { ErrorAlert } from "../../components/forms/ErrorAlert.js";
import { PageHeading } from "../../components/shell/PageHeading.js";
import { useResource } from "../../components/useResource.js";
import { useLocale } from "../../i18n.js";
import { Link } from "../../router.js";
import { ByLeadOrganisation, LateMilestones, MissingUpdates } from "./DashboardLists.js";
import { ExplainDialog, type ExplainTarget } from "./ExplainDialog.js";
import { MeasuresMap } from "./MeasuresMap.js";
import { PlanFrame, PlanSelector } from "./PlanChrome.js";
import { formatPercent } from "./planFormat.js";
import type { Overview } from "./plan.types.js";
import { ThemeGrid } from "./ThemeGrid.js";
import { usePlanChoice } from "./usePlanChoice.js";
import "./dashboard.css";

/** The plan at a glance: overall progress (explained on click), themes x pillars, what is late, who reports, where. */
export function DashboardPage() {
  const { locale, t } = useLocale();
  const choice = usePlanChoice();
  const plan = choice.plan;
  const overview = useResource<Overview>(plan ? `/api/plan/plans/${plan.id}/overview` : null, {}, locale);
  const [explain, setExplain] = useState<ExplainTarget | null>(null);
  const trigger = useRef<HTMLElement | null>(null);
  const data = overview.data && plan && overview.data.plan.id === plan.id ? overview.data : null;

  const open = (target: ExplainTarget, from: HTMLElement) => {
    trigger.current = from;
    setExplain(target);
  };
  const close = () => {
    setExplain(null);
    if (trigger.current?.isConnected) trigger.current.focus();
  };

  return (
    <PlanFrame>
      <PageHeading title={t("planWeb.dashboard.title")}>
        <p>{t("planWeb.dashboard.intro")}</p>
      </PageHeading>
      <ErrorAlert error={choice.error ?? overview.error} />
      {!choice.loading && !plan ? <p className="alert alert-info">{t("planWeb.plan.none")}</p> : null}
      <div className="toolbar">
        <PlanSelector plans={choice.plans} plan={plan} onChoose={choice.choose} />
      </div>
      {!data ? (
        <p className="loading" role="status">
          {plan || choice.loading ? t("app.loading") : ""}
        </p>
      ) : (
        <>
          <section className="plan-summary card" aria-labelledby="plan-summary-title">
            <h2 id="plan-summary-title">
              {data.plan.title.includes(String(data.plan.startYear)) ? data.plan.title : `${data.plan.title} (${data.plan.startYear}-${data.plan.endYear})`}
              {data.plan.isDemo ? <span className="badge badge-off demo-badge">{t("planWeb.plan.demo")}</span> : null}
            </h2>
            <p className="big-progress">
              <span className="big-progress-label">{t("planWeb.dashboard.overall")}</span>
              <button
                type="button"
                className="big-progress-value"
                aria-haspopup="dialog"
                data-testid="overall-progress"
                onClick={(e) => open({ level: "plan", title: data.plan.title }, e.currentTarget)}
              >
                {formatPercent(locale, data.progress)}
                <span className="big-progress-hint">{t("planWeb.dashboard.howComputed")}</span>
              </button>
            </p>
            <p>
              <Link href="/plan/measures">{t("planWeb.dashboard.allMeasures")}</Link>
            </p>
          </section>

          <section className="section" aria-labelledby="grid-title">
            <h2 id="grid-title">{t("planWeb.dashboard.gridTitle")}</h2>
            <ThemeGrid themes={data.themes} onExplain={(th, from) => open({ level: "theme", id: th.id, title: th.title }, from)} />
          </section>

          <div className="plan-columns">
            <section className="section" aria-labelledby="late-title">
              <h2 id="late-title">{t("planWeb.dashboard.lateTitle")}</h2>
              <LateMilestones rows={data.lateMilestones} />
            </section>
            <section className="section" aria-labelledby="missing-title">
              <h2 id="missing-title">{t("planWeb.dashboard.missingTitle")}</h2>
              <MissingUpdates round={data.currentRound} />
            </section>
          </div>

          <section className="section" aria-labelledby="lead-title">
            <h2 id="lead-title">{t("planWeb.dashboard.byLeadTitle")}</h2>
            <ByLeadOrganisation rows={data.byLeadOrganisation} />
          </section>

          <section className="section" aria-labelledby="map-title">
            <h2 id="map-title">{t("planWeb.dashboard.mapTitle")}</h2>
            <MeasuresMap territorial={data.territorial} />
          </section>
        </>
      )}
      {explain && plan ? <ExplainDialog planId={plan.id} target={explain} onClose={close} /> : null}
    </PlanFrame>
  );
}
