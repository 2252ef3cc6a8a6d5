import { formatDateTime } from "../../format.js";
import { useLocale } from "../../i18n.js";
import { EmptyRow, ProgressBar, StatusBadge } from "./PlanChrome.js";
import { formatDay, formatNum, nameOf } from "./planFormat.js";
import type { UpdateDetail } from "./plan.types.js";
import { FieldComments } from "./UpdateComments.js";
import { commentsOn, describe } from "./UpdateForm.js";

/** An update as filed (submitted or validated, or read by someone who does not file it), comments next to each field. */
export function UpdateValues({ update }: { update: UpdateDetail }) {
  const { locale, t } = useLocale();
  const c = (field: string) => <FieldComments comments={commentsOn(update.comments, field)} />;
  return (
    <section className="card update-values" aria-labelledby="update-values-title">
      <h2 id="update-values-title">{t("planWeb.update.valuesTitle")}</h2>
      {c("general")}
      <dl className="facts-list">
        <div data-field="status">
          <dt>{t("plan.field.status")}</dt>
          <dd data-testid="update-status">
            <StatusBadge status={update.status} />
            {c("status")}
          </dd>
        </div>
        <div data-field="progress">
          <dt>{t("plan.field.progress")}</dt>
          <dd data-testid="update-progress">
            {update.progress === null ? "–" : <ProgressBar value={update.progress} />}
            {c("progress")}
          </dd>
        </div>
        <div data-field="narrative">
          <dt>
            {t("plan.field.narrative")} {update.narrativeLang ? <span className="muted">({t(`lang.${update.narrativeLang}`)})</span> : null}
          </dt>
          <dd>
            <p className="prewrap" lang={update.narrativeLang ?? undefined}>
              {update.narrative || "–"}
            </p>
            {c("narrative")}
          </dd>
        </div>
      </dl>
      {update.milestones.length || commentsOn(update.comments, "milestones").length ? (
        <>
          <h3>{t("plan.field.milestones")}</h3>
          {c("milestones")}
          <ul className="plain-list">
            {update.milestones.map((m) => (
              <li key={m.milestoneId}>
                {m.title} · {t("planWeb.update.milestoneDue", { date: formatDay(locale, m.dueDate) })} ·{" "}
                {t("planWeb.update.proposedDone", { date: formatDay(locale, m.proposedDoneDate ?? m.doneDate) })}
                {c(`milestone:${m.milestoneId}`)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {update.indicators.length || commentsOn(update.comments, "indicators").length ? (
        <>
          <h3>{t("plan.field.indicators")}</h3>
          {c("indicators")}
          <ul className="plain-list">
            {update.indicators.map((i) => (
              <li key={i.indicatorId}>
                {i.name} · {t("planWeb.update.proposedValue", { value: i.proposedValue === null ? "–" : `${formatNum(locale, i.proposedValue)} ${i.unit}` })}{" "}
                <span className="muted">{t("planWeb.update.indicatorHint", { current: describe(i.current), target: describe(i.target) })}</span>
                {c(`indicator:${i.indicatorId}`)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** Each submission, send-back and validation, with who and when. */
export function RevisionTable({ revisions }: { revisions: UpdateDetail["revisions"] }) {
  const { locale, t } = useLocale();
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="revisions">
        <caption>{t("planWeb.update.revisionsCaption", { count: revisions.length })}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              {t("planWeb.update.version")}
            </th>
            <th scope="col">{t("common.actions")}</th>
            <th scope="col">{t("common.date")}</th>
            <th scope="col">{t("planWeb.update.by")}</th>
          </tr>
        </thead>
        <tbody>
          {revisions.length === 0 ? <EmptyRow columns={4}>{t("planWeb.update.noRevisions")}</EmptyRow> : null}
          {revisions.map((r, index) => (
            <tr key={`${r.version}-${r.action}-${index}`}>
              <th scope="row" className="num">
                {r.version}
              </th>
              <td>{t(`planWeb.revision.${["submitted", "returned", "validated"].includes(r.action) ? r.action : "other"}`)}</td>
              <td>{formatDateTime(locale, r.at)}</td>
              <td>{nameOf(r.actor) || "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
