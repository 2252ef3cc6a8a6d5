/**
 * The explorer's analysis maps: Getis-Ord Gi* hot spots (7 confidence bins, diverging
 * red/blue) and local Moran clusters (HH/LH/LL/HL), each with a legend stating the
 * weights, permutations, correction and alpha, the global Moran's I, download links for
 * exactly the rows of the map, and a table of the significant neighbourhoods.
 * Data: GET /api/observatory/hotspots | /clusters (observatory.analyse).
 */
import type { FeatureCollection } from "geojson";
import { useCallback, useMemo } from "react";
import { formatNumber } from "../../../shared/locale.js";
import { DownloadLinks } from "../../components/files/DownloadLinks.js";
import { ErrorAlert } from "../../components/forms/ErrorAlert.js";
import { ChoroplethMap, type Overlay } from "../../components/map/ChoroplethMap.js";
import { NO_DATA_FILL, NO_DATA_URL } from "../../components/map/palette.js";
import { SortableTable, type Column } from "../../components/table/SortableTable.js";
import { useResource } from "../../components/useResource.js";
import { useLocale } from "../../i18n.js";
import { Link, navigate } from "../../router.js";

export type SpatialView = "hotspots" | "clusters";
export type SpatialMeasure = "rate" | "smoothed";
export type SpatialWeights = "queen" | "knn";
type Quadrant = "HH" | "LH" | "LL" | "HL";

interface Unit {
  code: number;
  analysed: boolean;
  island: boolean;
  value: number | null;
  pseudoP: number | null;
  adjustedP: number | null;
  significant: boolean;
  /** hot spots */
  z?: number | null;
  bin?: number;
  /** clusters */
  localI?: number | null;
  quadrant?: Quadrant | null;
}

interface Answer {
  measure: SpatialMeasure;
  weights: SpatialWeights;
  permutations: number;
  alpha: number;
  correction: "fdr" | "none";
  analysed: number;
  significant: number;
  moran: { I: number | null; z: number | null; pseudoP: number | null };
  neighbourhoods: Unit[];
}

/** Gi* bins 3..-3, hottest first: ColorBrewer RdBu (7), the conventional hot-spot palette; bin 0 is "not significant". */
export const BIN_COLOURS: ReadonlyArray<readonly [string, string]> = [
  ["hot3", "#b2182b"],
  ["hot2", "#ef8a62"],
  ["hot1", "#fddbc7"],
  ["ns", "#f7f7f7"],
  ["cold1", "#d1e5f0"],
  ["cold2", "#67a9cf"],
  ["cold3", "#2166ac"],
];
/** LISA quadrants in GeoDa's usual colours (strong red/blue for HH/LL, light for the outliers). */
export const QUADRANT_COLOURS: ReadonlyArray<readonly [Quadrant | "ns", string]> = [
  ["HH", "#d7191c"],
  ["HL", "#fdae61"],
  ["LH", "#abd9e9"],
  ["LL", "#2c7bb6"],
  ["ns", "#f7f7f7"],
];

/** The class of a unit on the map: its bin or quadrant, "ns" when not significant, null outside the analysis set. */
export function unitClass(view: SpatialView, unit: Unit | undefined): string | null {
  if (!unit || !unit.analysed) return null;
  if (view === "clusters") return unit.quadrant ?? "ns";
  const bin = unit.bin ?? 0;
  return bin > 0 ? `hot${bin}` : bin < 0 ? `cold${-bin}` : "ns";
}

/** True for a class drawn as significant (a hot or cold bin, a quadrant). */
const isSignificantClass = (key: string | null) => key !== null && key !== "ns";
/** The unit's local statistic: Gi* z or local Moran's I_i. */
const statisticOf = (view: SpatialView, u: Unit) => (view === "hotspots" ? u.z : u.localI);

const colourOf = { hotspots: new Map<string, string>(BIN_COLOURS), clusters: new Map<string, string>(QUADRANT_COLOURS) };
const noOverlays: Overlay[] = [];

interface Props {
  view: SpatialView;
  category: string;
  categoryLabel: string;
  year: number;
  measure: SpatialMeasure;
  weights: SpatialWeights;
  features: FeatureCollection | null;
  /** Neighbourhood names in the reader's language, by code. */
  names: Map<string, string>;
}

export function SpatialMaps({ view, category, categoryLabel, year, measure, weights, features, names }: Props) {
  const { locale, t } = useLocale();
  const query = useMemo(() => ({ category, year, measure, weights }), [category, year, measure, weights]);
  const answer = useResource<Answer>(`/api/observatory/${view}`, query);
  const data = answer.data;
  const byCode = useMemo(() => new Map((data?.neighbourhoods ?? []).map((u) => [String(u.code), u])), [data]);

  const number = useCallback(
    (v: number | null | undefined, digits = 2) => (v === null || v === undefined || !Number.isFinite(v) ? t("common.notAvailable") : formatNumber(locale, v, { maximumFractionDigits: digits })),
    [locale, t],
  );
  const classLabel = useCallback((key: string | null) => (key === null ? t("observatorySpatial.notAnalysed") : t(`observatorySpatial.classes.${view}.${key}`)), [t, view]);
  const fillFor = useCallback((code: string) => {
    const key = unitClass(view, byCode.get(code));
    return key === null ? NO_DATA_URL : colourOf[view].get(key)!;
  }, [view, byCode]);
  const statisticLabel = t(`observatorySpatial.statistic.${view}`);
  const measureLabel = t(`observatorySpatial.measures.${measure}`);

  const tooltipFor = useCallback(
    (code: string) => {
      const unit = byCode.get(code);
      const el = document.createElement("div");
      const title = document.createElement("strong");
      title.textContent = names.get(code) ?? code;
      const line = document.createElement("span");
      line.textContent = classLabel(unitClass(view, unit));
      el.append(title, line);
      if (unit?.analysed) {
        const detail = document.createElement("span");
        detail.textContent = t("observatorySpatial.tooltip", { statistic: statisticLabel, value: number(statisticOf(view, unit), 3), p: number(unit.pseudoP, 4) });
        detail.style.display = "block";
        el.append(detail);
      }
      return el;
    },
    [byCode, names, classLabel, view, t, statisticLabel, number],
  );

  const significant = useMemo(() => (data?.neighbourhoods ?? []).filter((u) => isSignificantClass(unitClass(view, u))), [data, view]);
  const nameOf = (u: Unit) => names.get(String(u.code)) ?? String(u.code);
  const columns: Column<Unit>[] = [
    {
      key: "name",
      label: t("common.name"),
      rowHeader: true,
      sortValue: nameOf,
      render: (u) => <Link href={`/observatory/neighbourhoods/${u.code}`}>{nameOf(u)}</Link>,
    },
    { key: "code", label: t("common.code"), numeric: true, sortValue: (u) => u.code, render: (u) => u.code },
    { key: "class", label: t(`observatorySpatial.table.class.${view}`), sortValue: (u) => classLabel(unitClass(view, u)), render: (u) => classLabel(unitClass(view, u)) },
    { key: "value", label: measureLabel, numeric: true, sortValue: (u) => u.value, render: (u) => number(u.value) },
    { key: "statistic", label: statisticLabel, numeric: true, sortValue: (u) => statisticOf(view, u) ?? null, render: (u) => number(statisticOf(view, u), 3) },
    { key: "pseudoP", label: t("observatorySpatial.table.pseudoP"), numeric: true, sortValue: (u) => u.pseudoP, render: (u) => number(u.pseudoP, 4) },
    { key: "adjustedP", label: t(`observatorySpatial.table.adjustedP.${data?.correction ?? "fdr"}`), numeric: true, sortValue: (u) => u.adjustedP, render: (u) => number(u.adjustedP, 4) },
  ];

  const counts = useMemo(() => {
    const out = new Map<string | null, number>();
    for (const u of data?.neighbourhoods ?? []) {
      const key = unitClass(view, u);
      out.set(key, (out.get(key) ?? 0) + 1);
    }
    return out;
  }, [data, view]);
  const legendKeys = [...colourOf[view].keys()];
  const titleId = `spatial-${view}-legend-title`;

  return (
    <div className="spatial-maps" data-testid={`spatial-${view}`}>
      <ErrorAlert error={answer.error} />
      <div className="territory-layout">
        <div className="territory-map">
          <ChoroplethMap
            features={features}
            fillFor={fillFor}
            tooltipFor={tooltipFor}
            selected={null}
            onSelect={(code) => navigate(`/observatory/neighbourhoods/${code}`)}
            overlays={noOverlays}
            label={t(`observatorySpatial.mapLabel.${view}`)}
            describedBy="spatial-map-help"
            zoomInTitle={t("territoryPage.zoomIn")}
            zoomOutTitle={t("territoryPage.zoomOut")}
          />
          <p id="spatial-map-help" className="field-hint">
            {t("observatorySpatial.mapHelp")}
          </p>
          <DownloadLinks
            path={`/api/observatory/${view}/export`}
            query={query}
            formats={["csv", "xlsx", "geojson"]}
            label={t(`observatorySpatial.download.${view}`)}
            testId={`spatial-${view}-downloads`}
          />
        </div>
        <aside className="territory-side" aria-label={t("observatoryWeb.sideLabel")}>
          <section className="legend card spatial-legend" aria-labelledby={titleId} data-testid="spatial-legend">
            <h2 id={titleId} className="legend-title">
              {t(`observatorySpatial.title.${view}`)}
            </h2>
            <p className="legend-subtitle">{t("observatorySpatial.legend.subtitle", { category: categoryLabel, year, measure: measureLabel })}</p>
            <ul className="legend-list">
              {legendKeys.map((key) => (
                <li key={key} data-class={key}>
                  <span className="swatch" style={{ background: colourOf[view].get(key) }} aria-hidden="true" />
                  {t("observatorySpatial.legend.item", { label: classLabel(key), count: counts.get(key) ?? 0 })}
                </li>
              ))}
              <li data-class="none">
                <span className="swatch" aria-hidden="true" style={{ background: `repeating-linear-gradient(45deg, #7d7d7d 0 1.5px, ${NO_DATA_FILL} 1.5px 6px)` }} />
                {t("observatorySpatial.legend.item", { label: classLabel(null), count: counts.get(null) ?? 0 })}
              </li>
            </ul>
            {data ? (
              <>
                <p className="legend-source" data-testid="spatial-settings">
                  {t("observatorySpatial.legend.settings", {
                    weights: t(`observatorySpatial.weights.${data.weights}`),
                    permutations: formatNumber(locale, data.permutations),
                    correction: t(`observatorySpatial.corrections.${data.correction}`),
                    alpha: formatNumber(locale, data.alpha),
                  })}
                </p>
                <p className="legend-source">
                  {t("observatorySpatial.legend.moran", { I: number(data.moran.I, 3), z: number(data.moran.z, 2), p: number(data.moran.pseudoP, 4) })}
                </p>
                <p className="legend-source">{t("observatorySpatial.legend.significant", { count: data.significant, analysed: data.analysed })}</p>
              </>
            ) : null}
            <p className="legend-status" role="status">
              {answer.loading ? t("app.loading") : ""}
            </p>
          </section>
        </aside>
      </div>
      <section className="section" aria-labelledby={`spatial-${view}-table-title`}>
        <h2 id={`spatial-${view}-table-title`}>{t("observatorySpatial.table.title")}</h2>
        <SortableTable
          caption={t(`observatorySpatial.table.caption.${view}`, { category: categoryLabel, year })}
          columns={columns}
          rows={significant}
          rowKey={(u) => u.code}
          initialSort={{ key: "statistic", direction: "descending" }}
          empty={t("observatorySpatial.table.empty")}
          testId="spatial-table"
        />
      </section>
    </div>
  );
}
