import { formatDateTime } from "../../format.js";
import { useLocale } from "../../i18n.js";
import { Link } from "../../router.js";
import { EmptyRow, LateBadge, ProgressBar, StateBadge, StatusBadge } from "./PlanChrome.js";
import { formatDay, formatNum } from "./planFormat.js";
import type { Indicator, MeasureDetail } from "./plan.types.js";

/** Milestones in order, late ones flagged in words. */
export function MilestoneTable({ milestones }: { milestones: MeasureDetail["milestones"] }) {
  const { locale, t } = useLocale();
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="milestones">
        <caption>{t("planWeb.measure.milestonesCaption", { count: milestones.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("planWeb.label.milestone")}</th>
            <th scope="col">{t("planWeb.dueDate")}</th>
            <th scope="col">{t("planWeb.doneDate")}</th>
          </tr>
        </thead>
        <tbody>
          {milestones.length === 0 ? <EmptyRow columns={3}>{t("planWeb.measure.noMilestones")}</EmptyRow> : null}
          {milestones.map((m) => (
            <tr key={m.id} className={m.late ? "row-late" : undefined}>
              <th scope="row">
                {m.position}. {m.title}
              </th>
              <td>
                {formatDay(locale, m.dueDate)} <LateBadge late={m.late} />
              </td>
              <td>{m.doneDate ? formatDay(locale, m.doneDate) : <span className="muted">{t("planWeb.measure.notDone")}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function IndicatorItem({ indicator: i }: { indicator: Indicator }) {
  const { locale, t } = useLocale();
  const value = (v: number | null) => (v === null ? "–" : `${formatNum(locale, v)} ${i.unit}`.trim());
  return (
    <li className="indicator card">
      <h3>{i.name}</h3>
      <p className="muted">{t(`plan.direction.${i.direction}`)}</p>
      <dl className="indicator-figures">
        <div>
          <dt>{t("planWeb.indicator.baseline")}</dt>
          <dd>
            {value(i.baseline.value)} {i.baseline.year ? <span className="muted">({i.baseline.year})</span> : null}
          </dd>
        </div>
        <div>
          <dt>{t("planWeb.indicator.current")}</dt>
          <dd>
            {value(i.current.value)} {i.current.on ? <span className="muted">({formatDay(locale, i.current.on)})</span> : null}
          </dd>
        </div>
        <div>
          <dt>{t("planWeb.indicator.target")}</dt>
          <dd>
            {value(i.target.value)} {i.target.year ? <span className="muted">({i.target.year})</span> : null}
          </dd>
        </div>
      </dl>
      <p className="indicator-attainment">
        <span>{t("planWeb.indicator.attainment")}</span> <ProgressBar value={i.attainment} />
      </p>
    </li>
  );
}

/** Each indicator against its target: baseline, current value and target in figures, and the share of the way done. */
export function IndicatorList({ indicators }: { indicators: Indicator[] }) {
  const { t } = useLocale();
  if (!indicators.length) return <p className="muted">{t("planWeb.measure.noIndicators")}</p>;
  return (
    <ul className="indicator-list" data-testid="indicators">
      {indicators.map((i) => (
        <IndicatorItem key={i.id} indicator={i} />
      ))}
    </ul>
  );
}

/** The measure's progress updates, round by round. */
export function HistoryTable({ history, canOpen }: { history: MeasureDetail["history"]; canOpen: boolean }) {
  const { locale, t } = useLocale();
  const at = (v: string | null) => (v ? formatDateTime(locale, v) : "–");
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="history">
        <caption>{t("planWeb.measure.historyCaption", { count: history.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("planWeb.label.round")}</th>
            <th scope="col">{t("planWeb.update.state")}</th>
            <th scope="col" className="num">
              {t("planWeb.update.version")}
            </th>
            <th scope="col">{t("plan.field.status")}</th>
            <th scope="col">{t("plan.field.progress")}</th>
            <th scope="col">{t("planWeb.update.submittedAt")}</th>
            <th scope="col">{t("planWeb.update.validatedAt")}</th>
          </tr>
        </thead>
        <tbody>
          {history.length === 0 ? <EmptyRow columns={7}>{t("planWeb.measure.noHistory")}</EmptyRow> : null}
          {history.map((h) => (
            <tr key={h.updateId}>
              <th scope="row">
                {canOpen ? <Link href={`/plan/updates/${h.updateId}`}>{h.round.name}</Link> : h.round.name}
                <span className="muted"> · {h.round.periodLabel}</span>
              </th>
              <td>
                <StateBadge state={h.state} /> <LateBadge late={h.late} />
              </td>
              <td className="num">{h.version}</td>
              <td>
                <StatusBadge status={h.status} />
              </td>
              <td>{h.progress === null ? "–" : <ProgressBar value={h.progress} />}</td>
              <td>{at(h.submittedAt)}</td>
              <td>{at(h.validatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Meetings that discussed the measure and the decisions taken about it. */
export function MeetingsAndDecisions({ measure }: { measure: MeasureDetail }) {
  const { locale, t } = useLocale();
  return (
    <div className="plan-columns">
      <div>
        <h3>{t("planWeb.measure.meetings")}</h3>
        {measure.meetings.length === 0 ? <p className="muted">{t("planWeb.measure.noMeetings")}</p> : null}
        <ul className="plain-list">
          {measure.meetings.map((m) => (
            <li key={`${m.meetingId}-${m.agendaTitle}`}>
              <Link href={`/plan/meetings/${m.meetingId}`}>
                {formatDateTime(locale, m.startsAt)} · {m.body.name}
              </Link>
              <br />
              <span className="muted">{m.agendaTitle}</span>
            </li>
          ))}
        </ul>
      </div>
      <div>
        <h3>{t("planWeb.measure.decisions")}</h3>
        {measure.decisions.length === 0 ? <p className="muted">{t("planWeb.measure.noDecisions")}</p> : null}
        <ul className="plain-list">
          {measure.decisions.map((d) => (
            <li key={d.id}>
              <Link href={`/plan/meetings/${d.meetingId}`}>{formatDateTime(locale, d.startsAt)}</Link>
              <br />
              {d.text}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
