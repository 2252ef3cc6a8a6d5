import { formatDateTime } from "../../format.js";
import { useLocale } from "../../i18n.js";
import { formatPercent, showValue } from "./planFormat.js";
import type { SnapshotDiff } from "./plan.types.js";

/** What changed between two snapshots: plan and theme progress, then each measure's changed fields, added and removed measures. */
export function SnapshotDiffView({ diff }: { diff: SnapshotDiff }) {
  const { locale, t } = useLocale();
  const pct = (v: number | null) => formatPercent(locale, v);
  return (
    <section className="card snapshot-diff" aria-labelledby="diff-title" data-testid="snapshot-diff">
      <h4 id="diff-title">
        {t("planWeb.diff.title", {
          from: `v${diff.from.version} (${formatDateTime(locale, diff.from.takenAt)})`,
          to: `v${diff.to.version} (${formatDateTime(locale, diff.to.takenAt)})`,
        })}
      </h4>
      <p>
        {t("planWeb.diff.planProgress")} <span className="diff-before">{pct(diff.plan.progressBefore)}</span> <span aria-hidden="true">→</span>
        <span className="visually-hidden"> {t("planWeb.diff.becomes")} </span> <span className="diff-after">{pct(diff.plan.progressAfter)}</span>
      </p>
      <div className="table-wrap">
        <table className="data-table">
          <caption>{t("planWeb.diff.themes")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("planWeb.label.theme")}</th>
              <th scope="col" className="num">
                {t("planWeb.diff.before")}
              </th>
              <th scope="col" className="num">
                {t("planWeb.diff.after")}
              </th>
            </tr>
          </thead>
          <tbody>
            {diff.themes.map((th) => (
              <tr key={th.number} className={th.progressBefore !== th.progressAfter ? "row-changed" : undefined}>
                <th scope="row">
                  {th.number}. {th.title}
                </th>
                <td className="num">{pct(th.progressBefore)}</td>
                <td className="num">{pct(th.progressAfter)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h5>{t("planWeb.diff.measures", { count: diff.measures.length })}</h5>
      {diff.measures.length === 0 ? <p className="muted">{t("planWeb.diff.noChanges")}</p> : null}
      <ul className="plain-list">
        {diff.measures.map((m) => (
          <li key={m.code}>
            <strong>
              {m.code} · {m.title}
            </strong>
            <dl className="diff">
              {m.changes.map((c) => (
                <div key={c.field} className="diff-row">
                  <dt>{c.field}</dt>
                  <dd>
                    <span className="diff-before">{showValue(c.before)}</span> <span aria-hidden="true">→</span>
                    <span className="visually-hidden"> {t("planWeb.diff.becomes")} </span> <span className="diff-after">{showValue(c.after)}</span>
                  </dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ul>
      {diff.added.length ? <p>{t("planWeb.diff.added", { codes: diff.added.join(", ") })}</p> : null}
      {diff.removed.length ? <p>{t("planWeb.diff.removed", { codes: diff.removed.join(", ") })}</p> : null}
    </section>
  );
}
