import { useState } from "react";
import { ErrorAlert, StatusMessage } from "../../components/forms/ErrorAlert.js";
import { PageHeading } from "../../components/shell/PageHeading.js";
import { useResource } from "../../components/useResource.js";
import { useLocale } from "../../i18n.js";
import { allows } from "../../permissions.js";
import { Link, usePath } from "../../router.js";
import { EvidencePanel } from "./EvidencePanel.js";
import { NotFoundHere } from "./NotFoundHere.js";
import { LateBadge, PlanFrame, StateBadge, TitledSection } from "./PlanChrome.js";
import { formatDay, idFromPath } from "./planFormat.js";
import type { UpdateDetail } from "./plan.types.js";
import { ReviewPanel } from "./ReviewPanel.js";
import { FieldComments } from "./UpdateComments.js";
import { commentsOn, UpdateForm } from "./UpdateForm.js";
import { RevisionTable, UpdateValues } from "./UpdateReadOnly.js";
import "./update.css";

/** One progress update: filed by the measure's lead organisation, reviewed (sent back or validated) by the agency. */
export function UpdatePage() {
  const { locale, t } = useLocale();
  const id = idFromPath(usePath(), "/plan/updates/");
  const [message, setMessage] = useState<string | null>(null);
  const update = useResource<UpdateDetail>(id ? `/api/plan/updates/${id}` : null, {}, locale);
  const u = update.data && update.data.id === id ? update.data : null;
  if (!id) return <NotFoundHere />;

  const editable = !!u && allows(u, "file") && (u.state === "draft" || u.state === "returned");
  const done = (text: string) => {
    setMessage(text);
    update.reload();
    window.scrollTo({ top: 0 });
  };
  return (
    <PlanFrame>
      <p className="breadcrumb">
        {u ? <Link href={`/plan/measures/${u.measure.id}`}>{`${u.measure.code} · ${u.measure.title}`}</Link> : null}
      </p>
      <PageHeading title={u ? t("planWeb.update.title", { code: u.measure.code, round: u.round.name }) : t("planWeb.label.update")} />
      {message ? <StatusMessage>{message}</StatusMessage> : null}
      <ErrorAlert error={update.error} />
      {!u ? (
        update.error ? null : (
          <p className="loading" role="status">
            {t("app.loading")}
          </p>
        )
      ) : (
        <>
          <section className="card" aria-label={t("planWeb.update.summary")}>
            <dl className="facts-grid">
              <div>
                <dt>{t("planWeb.label.measure")}</dt>
                <dd>
                  <Link href={`/plan/measures/${u.measure.id}`}>{u.measure.code}</Link> · {u.measure.title}
                </dd>
              </div>
              <div>
                <dt>{t("planWeb.label.round")}</dt>
                <dd>{u.round.name}</dd>
              </div>
              <div>
                <dt>{t("planWeb.deadline")}</dt>
                <dd>
                  {formatDay(locale, u.round.deadline)} <LateBadge late={u.late} />
                </dd>
              </div>
              <div>
                <dt>{t("common.organisation")}</dt>
                <dd>{u.organisation.name}</dd>
              </div>
              <div>
                <dt>{t("planWeb.update.state")}</dt>
                <dd data-testid="update-state">
                  <StateBadge state={u.state} />
                </dd>
              </div>
              <div>
                <dt>{t("planWeb.update.version")}</dt>
                <dd>{u.version}</dd>
              </div>
            </dl>
          </section>

          <ReviewPanel key={`${u.state}-${u.version}`} update={u} onDone={done} />

          {editable ? (
            <UpdateForm key={`${u.state}-${u.version}`} update={u} onDone={done} evidence={<EvidencePanel update={u} editable onChanged={update.reload} />} />
          ) : (
            <>
              <UpdateValues update={u} />
              <TitledSection id="evidence-title" title={t("plan.field.evidence")}>
                <FieldComments comments={commentsOn(u.comments, "evidence")} />
                <EvidencePanel update={u} editable={false} onChanged={update.reload} />
              </TitledSection>
            </>
          )}

          <TitledSection id="revisions-title" title={t("planWeb.update.revisions")}>
            <RevisionTable revisions={u.revisions} />
          </TitledSection>
        </>
      )}
    </PlanFrame>
  );
}
