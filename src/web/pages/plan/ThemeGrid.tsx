import { measureStatuses, pillars, type Pillar } from "../../../shared/plan.js";
import { useLocale } from "../../i18n.js";
import { formatPercent } from "./planFormat.js";
import type { Overview, StatusCount } from "./plan.types.js";

type Theme = Overview["themes"][number];

/** One theme x pillar cell: a bar of the status mix (decoration) and the counts written out. */
function MixCell({ count }: { count: StatusCount | undefined }) {
  const { t } = useLocale();
  if (!count || count.total === 0) {
    return (
      <span className="muted">
        –<span className="visually-hidden"> {t("planWeb.grid.noMeasures")}</span>
      </span>
    );
  }
  const present = measureStatuses.filter((s) => (count.byStatus[s] ?? 0) > 0);
  return (
    <>
      <span className="mix-bar" aria-hidden="true">
        {present.map((s) => (
          <span key={s} className={`mix-part status-${s}`} style={{ flexGrow: count.byStatus[s] }} />
        ))}
      </span>
      <span className="mix-total">{t("planWeb.grid.measures", { count: count.total })}</span>
      <ul className="mix-list">
        {present.map((s) => (
          <li key={s}>
            <span className={`dot status-${s}`} aria-hidden="true" />
            {t(`plan.status.${s}`)} {count.byStatus[s]}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Themes down, pillars across; each cell tells how many measures are at which status. */
export function ThemeGrid({ themes, onExplain }: { themes: Theme[]; onExplain: (theme: Theme, trigger: HTMLElement) => void }) {
  const { locale, t } = useLocale();
  const pillarTotal = (p: Pillar) => themes.reduce((sum, th) => sum + (th.byPillar[p]?.total ?? 0), 0);
  return (
    <div className="table-wrap">
      <table className="data-table theme-grid" data-testid="theme-grid">
        <caption>{t("planWeb.grid.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("planWeb.label.theme")}</th>
            {pillars.map((p) => (
              <th scope="col" key={p}>
                {t(`plan.pillar.${p}`)} <span className="muted">({pillarTotal(p)})</span>
              </th>
            ))}
            <th scope="col" className="num">
              {t("plan.field.progress")}
            </th>
          </tr>
        </thead>
        <tbody>
          {themes.map((th) => (
            <tr key={th.id}>
              <th scope="row">
                <span className="theme-number">{th.number}.</span> {th.title}
                <br />
                <span className="muted">{t("planWeb.grid.measures", { count: th.measureCount })}</span>
              </th>
              {pillars.map((p) => (
                <td key={p} className="mix-cell">
                  <MixCell count={th.byPillar[p]} />
                </td>
              ))}
              <td className="num">
                <button
                  type="button"
                  className="button-link"
                  aria-haspopup="dialog"
                  onClick={(e) => onExplain(th, e.currentTarget)}
                  aria-label={t("planWeb.explain.open", { name: th.title, value: formatPercent(locale, th.progress) })}
                >
                  {formatPercent(locale, th.progress)}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
