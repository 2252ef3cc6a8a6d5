import { useEffect, useRef, useState } from "react";
import { ErrorAlert, StatusMessage } from "../../components/forms/ErrorAlert.js";
import { PageHeading } from "../../components/shell/PageHeading.js";
import { useResource } from "../../components/useResource.js";
import { useLocale } from "../../i18n.js";
import { allows } from "../../permissions.js";
import { Link } from "../../router.js";
import { ByLeadOrganisation, LateMilestones, MissingUpdates } from "./DashboardLists.js";
import { ExplainDialog, type ExplainTarget } from "./ExplainDialog.js";
import { MeasuresMap } from "./MeasuresMap.js";
import { PlanFrame, PlanSelector, TitledSection } from "./PlanChrome.js";
import { formatPercent } from "./planFormat.js";
import { planTitle } from "./plan.logic.js";
import { clearPlanNotice, peekPlanNotice } from "./planNotice.js";
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
  // A confirmation left by the page just before (the next plan prepared), shown once.
  const [notice] = useState(peekPlanNotice);
  useEffect(() => clearPlanNotice(), []);
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
      {notice ? <StatusMessage>{notice}</StatusMessage> : null}
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
              {planTitle(data.plan)}
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
            {allows(data.plan, "manage") ? (
              <>
                <p>
                  <Link href="/plan/settings">{t("planWebEdit.settings.link")}</Link>
                </p>
                <p>
                  <Link href="/plan/next">{t("planWebNext.link")}</Link>
                </p>
              </>
            ) : null}
          </section>

          <TitledSection id="grid-title" title={t("planWeb.dashboard.gridTitle")}>
            <ThemeGrid themes={data.themes} onExplain={(th, from) => open({ level: "theme", id: th.id, title: th.title }, from)} />
          </TitledSection>

          <div className="plan-columns">
            <TitledSection id="late-title" title={t("planWeb.dashboard.lateTitle")}>
              <LateMilestones rows={data.lateMilestones} />
            </TitledSection>
            <TitledSection id="missing-title" title={t("planWeb.dashboard.missingTitle")}>
              <MissingUpdates round={data.currentRound} />
            </TitledSection>
          </div>

          <TitledSection id="lead-title" title={t("planWeb.dashboard.byLeadTitle")}>
            <ByLeadOrganisation rows={data.byLeadOrganisation} />
          </TitledSection>

          <TitledSection id="map-title" title={t("planWeb.dashboard.mapTitle")}>
            <MeasuresMap territorial={data.territorial} />
          </TitledSection>
        </>
      )}
      {explain && plan ? <ExplainDialog planId={plan.id} target={explain} onClose={close} /> : null}
    </PlanFrame>
  );
}
