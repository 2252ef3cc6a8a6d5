import { useCallback, useMemo } from "react";
import { formatNumber } from "../../../shared/locale.js";
import { LineChart, type LineSeries } from "../../components/chart/LineChart.js";
import { useLocale } from "../../i18n.js";
import type { NeighbourhoodProfileData } from "./territory.types.js";

/** Population and foreign nationals 1994-2025: the chart, and the same figures as a table on demand. */
export function ProfileChart({ series, name }: { series: NeighbourhoodProfileData["series"]; name: string }) {
  const { locale, t } = useLocale();
  const sorted = useMemo(() => [...series].sort((a, b) => a.year - b.year), [series]);
  const years = useMemo(() => sorted.map((s) => s.year), [sorted]);
  const lines: LineSeries[] = useMemo(
    () => [
      { name: t("territoryPage.profile.population"), data: sorted.map((s) => s.population), colour: "#1d4f91" },
      { name: t("territoryPage.profile.foreignNationals"), data: sorted.map((s) => s.foreignNationals), colour: "#c05621" },
    ],
    [sorted, t],
  );
  const format = useCallback((v: number) => formatNumber(locale, v, { maximumFractionDigits: 0 }), [locale]);
  const first = sorted[0]?.year;
  const last = sorted[sorted.length - 1]?.year;
  if (!sorted.length) return null;
  const title = t("territoryPage.profile.chartTitle", { from: first, to: last });
  const na = t("common.notAvailable");
  return (
    <section aria-labelledby="profile-chart-title" className="profile-section">
      <h3 id="profile-chart-title">{title}</h3>
      <LineChart categories={years} series={lines} format={format} label={t("territoryPage.profile.chartLabel", { name, from: first, to: last })} />
      <details className="figures">
        <summary>{t("territoryPage.profile.showFigures")}</summary>
        <div className="table-wrap">
          <table className="data-table compact">
            <caption>{`${title} — ${name}`}</caption>
            <thead>
              <tr>
                <th scope="col">{t("common.year")}</th>
                <th scope="col" className="num">
                  {t("territoryPage.profile.population")}
                </th>
                <th scope="col" className="num">
                  {t("territoryPage.profile.foreignNationals")}
                </th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((s) => (
                <tr key={s.year}>
                  <th scope="row">{s.year}</th>
                  <td className="num">{s.population === null ? na : format(s.population)}</td>
                  <td className="num">{s.foreignNationals === null ? na : format(s.foreignNationals)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
