import { NO_DATA_FILL, type Classes } from "../../components/map/palette.js";
import { useLocale } from "../../i18n.js";

interface Props {
  title: string;
  subtitle: string;
  classes: Classes | null;
  format: (value: number) => string;
  /** The full source line, already worded. */
  source: string | null;
  loading: boolean;
  /** What the hatch means, when not simply "no data" (e.g. "no data or suppressed"). */
  noDataLabel?: string;
}

/** The class breaks of the map, formatted in the reader's conventions, and the "no data" hatch. */
export function Legend({ title, subtitle, classes, format, source, loading, noDataLabel }: Props) {
  const { t } = useLocale();
  const range = (from: number | null, to: number | null) => {
    if (from === null && to !== null) return t("territoryPage.legend.below", { value: format(to) });
    if (to === null && from !== null) return t("territoryPage.legend.above", { value: format(from) });
    return t("territoryPage.legend.range", { from: format(from ?? 0), to: format(to ?? 0) });
  };
  return (
    <section className="legend card" aria-labelledby="legend-title" data-testid="map-legend">
      <h2 id="legend-title" className="legend-title">
        {title}
      </h2>
      <p className="legend-subtitle">{subtitle}</p>
      <ul className="legend-list">
        {(classes?.ranges ?? []).map((r, i) => (
          <li key={i}>
            <span className="swatch" style={{ background: r.colour }} aria-hidden="true" />
            {range(r.from, r.to)}
          </li>
        ))}
        <li>
          <span
            className="swatch"
            aria-hidden="true"
            style={{ background: `repeating-linear-gradient(45deg, #7d7d7d 0 1.5px, ${NO_DATA_FILL} 1.5px 6px)` }}
          />
          {noDataLabel ?? t("territoryPage.legend.noData")}
        </li>
      </ul>
      {source ? <p className="legend-source">{source}</p> : null}
      <p className="legend-status" role="status">
        {loading ? t("app.loading") : ""}
      </p>
    </section>
  );
}
