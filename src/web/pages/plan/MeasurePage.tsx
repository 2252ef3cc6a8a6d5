import { useState } from "react";
import { ErrorAlert, StatusMessage } from "../../components/forms/ErrorAlert.js";
import { PageHeading } from "../../components/shell/PageHeading.js";
import { useResource } from "../../components/useResource.js";
import { useLocale } from "../../i18n.js";
import { allows } from "../../permissions.js";
import { Link, usePath } from "../../router.js";
import { useSignedIn } from "../../session.js";
import { MeasureEditForm } from "./MeasureEditForm.js";
import { HistoryTable, IndicatorList, MeetingsAndDecisions, MilestoneTable } from "./MeasureSections.js";
import { NotFoundHere } from "./NotFoundHere.js";
import { PlanFrame, ProgressBar, StatusBadge, TitledSection } from "./PlanChrome.js";
import { idFromPath } from "./planFormat.js";
import type { MeasureDetail } from "./plan.types.js";

function Tags({ label, items }: { label: string; items: string[] }) {
  const { t } = useLocale();
  return (
    <div>
      <dt>{label}</dt>
      <dd>{items.length ? items.join(" · ") : <span className="muted">{t("common.none")}</span>}</dd>
    </div>
  );
}

/** One measure: what it is, who leads it, its milestones, indicators, reporting history, meetings and decisions. */
export function MeasurePage() {
  const { locale, t } = useLocale();
  const session = useSignedIn();
  const id = idFromPath(usePath(), "/plan/measures/");
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const measure = useResource<MeasureDetail>(id ? `/api/plan/measures/${id}` : null, {}, locale);
  const m = measure.data && measure.data.id === id ? measure.data : null;
  if (!id) return <NotFoundHere />;

  const own = session.account?.organisation;
  const canOpenUpdates = !!m && !!own && (own.kind === "agency" || own.id === m.leadOrganisation.id);
  return (
    <PlanFrame>
      <p className="breadcrumb">
        <Link href="/plan/measures">{t("planWeb.measures.title")}</Link>
      </p>
      <PageHeading title={m ? `${m.code} · ${m.title}` : t("planWeb.label.measure")} />
      <ErrorAlert error={measure.error} />
      {saved ? <StatusMessage>{t("planWeb.measure.saved")}</StatusMessage> : null}
      {!m ? (
        measure.error ? null : (
          <p className="loading" role="status">
            {t("app.loading")}
          </p>
        )
      ) : (
        <>
          {editing ? (
            <MeasureEditForm
              measure={m}
              onCancel={() => setEditing(false)}
              onSaved={() => {
                setEditing(false);
                setSaved(true);
                measure.reload();
              }}
            />
          ) : allows(m, "manage") ? (
            <div className="toolbar">
              <button
                type="button"
                className="button button-secondary"
                onClick={() => {
                  setSaved(false);
                  setEditing(true);
                }}
              >
                {t("planWeb.measure.edit")}
              </button>
            </div>
          ) : null}
          <section className="card measure-head" aria-label={t("planWeb.measure.summary")} data-testid="measure-summary">
            <dl className="facts-grid">
              <div>
                <dt>{t("plan.field.status")}</dt>
                <dd data-testid="measure-status">
                  <StatusBadge status={m.status} />
                </dd>
              </div>
              <div>
                <dt>{t("plan.field.progress")}</dt>
                <dd data-testid="measure-progress">
                  <ProgressBar value={m.progress} />
                </dd>
              </div>
              <div>
                <dt>{t("planWeb.label.theme")}</dt>
                <dd>
                  {m.theme.number}. {m.theme.title}
                </dd>
              </div>
              <div>
                <dt>{t("planWeb.measure.pillar")}</dt>
                <dd>{t(`plan.pillar.${m.pillar}`)}</dd>
              </div>
              <div>
                <dt>{t("planWeb.measure.approach")}</dt>
                <dd>{t(`plan.approach.${m.approach}`)}</dd>
              </div>
              <div>
                <dt>{t("planWeb.lead")}</dt>
                <dd>{m.leadOrganisation.name}</dd>
              </div>
              <div>
                <dt>{t("planWeb.measure.weight")}</dt>
                <dd>{m.weight}</dd>
              </div>
              <div>
                <dt>{t("planWeb.measure.scope")}</dt>
                <dd>{t(`planWeb.scope.${m.scope === "territories" ? "territories" : "region"}`)}</dd>
              </div>
            </dl>
          </section>

          <TitledSection id="descriptions-title" title={t("planWeb.measure.descriptions")}>
            <div className="plan-columns">
              <div className="card" lang="fr">
                <h3>{t("lang.fr")}</h3>
                <p className="prewrap">{m.descriptions.fr || "–"}</p>
              </div>
              <div className="card" lang="nl">
                <h3>{t("lang.nl")}</h3>
                <p className="prewrap">{m.descriptions.nl || "–"}</p>
              </div>
            </div>
          </TitledSection>

          <TitledSection id="links-title" title={t("planWeb.measure.links")}>
            <dl className="facts-list">
              <Tags label={t("planWeb.measure.goals")} items={m.goals.map((g) => `${g.number}. ${g.title}`)} />
              <Tags label={t("planWeb.measure.priorities")} items={m.priorities.map((p) => `${p.number}. ${p.title}`)} />
              <Tags label={t("planWeb.measure.partners")} items={m.partners.map((p) => p.name)} />
              <Tags label={t("planWeb.measure.territories")} items={m.territories.map((p) => `${p.name} (${t(`plan.level.${p.level}`)})`)} />
            </dl>
          </TitledSection>

          <TitledSection id="milestones-title" title={t("plan.field.milestones")}>
            <MilestoneTable milestones={m.milestones} />
          </TitledSection>

          <TitledSection id="indicators-title" title={t("plan.field.indicators")}>
            <IndicatorList indicators={m.indicators} />
          </TitledSection>

          <TitledSection id="history-title" title={t("planWeb.measure.history")}>
            <HistoryTable history={m.history} canOpen={canOpenUpdates} />
          </TitledSection>

          <TitledSection id="meetings-title" title={t("planWeb.measure.meetingsTitle")}>
            <MeetingsAndDecisions measure={m} />
          </TitledSection>
        </>
      )}
    </PlanFrame>
  );
}
