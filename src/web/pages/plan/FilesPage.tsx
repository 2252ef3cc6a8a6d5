import { ErrorAlert } from "../../components/forms/ErrorAlert.js";
import { PageHeading } from "../../components/shell/PageHeading.js";
import { useLocale } from "../../i18n.js";
import { ImportPanel } from "./ImportPanel.js";
import { PlanFrame, PlanSelector, TitledSection } from "./PlanChrome.js";
import { SnapshotsPanel } from "./SnapshotsPanel.js";
import { usePlanChoice } from "./usePlanChoice.js";
import "../admin/admin.css";

/** The plan's files: XLSX export and import (round trip), snapshots and their report packs. */
export function FilesPage() {
  const { t } = useLocale();
  const choice = usePlanChoice();
  const plan = choice.plan;
  return (
    <PlanFrame>
      <PageHeading title={t("planWeb.files.title")}>
        <p>{t("planWeb.files.intro")}</p>
      </PageHeading>
      <ErrorAlert error={choice.error} />
      <div className="toolbar">
        <PlanSelector plans={choice.plans} plan={plan} onChoose={choice.choose} />
      </div>
      {plan ? (
        <>
          <TitledSection id="export-title" title={t("planWeb.files.exportTitle")}>
            <p className="field-hint">{t("planWeb.files.exportHint")}</p>
            <div className="button-row">
              {(["fr", "nl"] as const).map((l) => (
                <a key={l} className="button button-secondary" href={`/api/plan/plans/${plan.id}/export.xlsx?lang=${l}`} download>
                  {t("planWeb.files.export", { lang: t(`lang.${l}`) })}
                </a>
              ))}
            </div>
          </TitledSection>
          <TitledSection id="import-title" title={t("planWeb.files.importTitle")}>
            <ImportPanel planId={plan.id} />
          </TitledSection>
          <TitledSection id="snapshots-title" title={t("planWeb.files.snapshotsTitle")}>
            <SnapshotsPanel planId={plan.id} />
          </TitledSection>
        </>
      ) : choice.loading ? (
        <p className="loading" role="status">
          {t("app.loading")}
        </p>
      ) : null}
    </PlanFrame>
  );
}
