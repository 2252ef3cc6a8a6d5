import { useCallback, useId, useMemo, useState } from "react";
import { formatNumber, localName } from "../../../shared/locale.js";
import { DownloadLinks } from "../../components/files/DownloadLinks.js";
import { ErrorAlert } from "../../components/forms/ErrorAlert.js";
import { SelectField } from "../../components/forms/Field.js";
import { LineChart, type LineSeries } from "../../components/chart/LineChart.js";
import { ChoroplethMap, type Overlay } from "../../components/map/ChoroplethMap.js";
import { classesFromBreaks, type Classes } from "../../components/map/palette.js";
import { PageHeading } from "../../components/shell/PageHeading.js";
import { SortableTable, type Column } from "../../components/table/SortableTable.js";
import { useResource } from "../../components/useResource.js";
import { useLocale } from "../../i18n.js";
import { can } from "../../permissions.js";
import { Link, navigate } from "../../router.js";
import { useSignedIn } from "../../session.js";
import { Legend } from "../territory/Legend.js";
import { useGeoJson, useNeighbourhoodRows } from "../territory/useTerritoryData.js";
import type { NeighbourhoodRow } from "../territory/territory.types.js";
import { SpatialMaps, type SpatialView, type SpatialWeights } from "./SpatialMaps.js";
import "../territory/territory.css";
import "./observatory.css";

export const OBSERVATORY_FIRST_YEAR = 2009;
export const OBSERVATORY_LAST_YEAR = 2018;
const years = Array.from({ length: OBSERVATORY_LAST_YEAR - OBSERVATORY_FIRST_YEAR + 1 }, (_, i) => OBSERVATORY_LAST_YEAR - i);

const measures = ["count", "rate", "smoothed"] as const;
type Measure = (typeof measures)[number];
/** The measures the hot-spot and cluster maps analyse (rates, never counts). */
const spatialMeasures = ["rate", "smoothed"] as const;
type View = "choropleth" | SpatialView;
const spatialWeights: SpatialWeights[] = ["queen", "knn"];
const fileFormats = ["csv", "xlsx", "geojson"] as const;
const profilePath = (code: string | number) => `/observatory/neighbourhoods/${code}`;

interface Category {
  code: string;
  level: "category" | "phenomenon";
  parentCode: string | null;
  label: string;
  toVerify: boolean;
}
interface Taxonomy {
  version: string;
  title: string;
  categories: Category[];
}
interface RateRow {
  code: number;
  count: number | null;
  population: number | null;
  ratePer1000: number | null;
  smoothedPer1000: number | null;
  interval: { lower: number; upper: number } | null;
  suppressed: boolean;
}
interface Rates {
  categoryCode: string;
  year: number;
  synthetic: boolean;
  suppressed: boolean;
  threshold: number | null;
  neighbourhoods: RateRow[];
}
interface Series {
  categoryCode: string;
  points: Array<{ period: string; count: number | null; suppressed: boolean }>;
}

const noOverlays: Overlay[] = [];

function valueOf(row: RateRow | undefined, measure: Measure): number | null {
  if (!row) return null;
  if (measure === "count") return row.count;
  if (measure === "rate") return row.ratePer1000;
  return row.smoothedPer1000;
}

/** Quantile class edges (min, quintiles, max) of the values shown, computed here. */
export function quantileClasses(values: Array<number | null>): Classes | null {
  const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return null;
  const at = (q: number) => {
    const pos = (sorted.length - 1) * q;
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
  };
  const edges = [...new Set([0, 0.2, 0.4, 0.6, 0.8, 1].map(at))];
  return classesFromBreaks(edges);
}

/**
 * The observatory's explorer: one category and year on the map (choropleth, or for analysts
 * the hot-spot and cluster maps), in a table, and the region's yearly series; each view
 * with download links for exactly what it shows.
 */
export function ObservatoryPage() {
  const { locale, t } = useLocale();
  const session = useSignedIn();
  const measureName = useId();
  const viewName = useId();
  const [view, setView] = useState<View>("choropleth");
  const [weights, setWeights] = useState<SpatialWeights>("queen");
  const [category, setCategory] = useState("theft");
  const [year, setYear] = useState(OBSERVATORY_LAST_YEAR);
  const [measure, setMeasure] = useState<Measure>("count");

  const taxonomy = useResource<Taxonomy>("/api/observatory/categories", {}, locale);
  const rates = useResource<Rates>("/api/observatory/rates", { category, year });
  const series = useResource<Series>("/api/observatory/series", { category, level: "region", from: OBSERVATORY_FIRST_YEAR, to: OBSERVATORY_LAST_YEAR, step: "year" });
  const mayAnalyse = can(session.permissions, "observatory", "analyse");
  const views: View[] = mayAnalyse ? ["choropleth", "hotspots", "clusters"] : ["choropleth"];
  const shownView: View = mayAnalyse ? view : "choropleth";
  const spatial = shownView !== "choropleth";
  const shownMeasures: readonly Measure[] = spatial ? spatialMeasures : measures;
  const chooseView = (next: View) => {
    setView(next);
    if (next !== "choropleth" && measure === "count") setMeasure("smoothed");
  };

  const neighbourhoods = useGeoJson("/api/territory/geojson/neighbourhoods");
  const { rows } = useNeighbourhoodRows(neighbourhoods.data, locale);

  const categories = taxonomy.data?.categories ?? [];
  const current = categories.find((c) => c.code === category);
  const categoryLabel = current?.label ?? category;
  const choices = categories.map((c) => ({
    value: c.code,
    label: `${c.level === "phenomenon" ? "— " : ""}${c.label}${c.toVerify ? ` ${t("observatoryWeb.toVerify")}` : ""}`,
  }));
  if (!choices.some((c) => c.value === category)) choices.unshift({ value: category, label: category });

  const data = rates.data;
  const byCode = useMemo(() => new Map((data?.neighbourhoods ?? []).map((r) => [String(r.code), r])), [data]);
  const classes = useMemo(() => quantileClasses((data?.neighbourhoods ?? []).map((r) => valueOf(r, measure))), [data, measure]);
  const format = useCallback(
    (v: number | null | undefined, m: Measure = measure) =>
      v === null || v === undefined || !Number.isFinite(v) ? t("common.notAvailable") : formatNumber(locale, v, { maximumFractionDigits: m === "count" ? 0 : 2 }),
    [locale, t, measure],
  );
  const fillFor = useCallback(
    (code: string) => (classes ? classes.classify(valueOf(byCode.get(code), measure)) : classesFromBreaks([]).classify(null)),
    [classes, byCode, measure],
  );
  const measureLabel = t(`observatoryWeb.measures.${measure}`);
  const names = useMemo(() => new Map(rows.map((r) => [r.code, localName(locale, r.names)])), [rows, locale]);
  const tooltipFor = useCallback(
    (code: string) => {
      const el = document.createElement("div");
      const title = document.createElement("strong");
      title.textContent = names.get(code) ?? code;
      const line = document.createElement("span");
      line.textContent = t("observatoryWeb.tooltipValue", { measure: measureLabel, value: format(valueOf(byCode.get(code), measure)) });
      el.append(title, line);
      return el;
    },
    [names, measureLabel, format, byCode, measure, t],
  );

  const shownYear = data?.year ?? year;

  const columns: Column<NeighbourhoodRow>[] = [
    {
      key: "name",
      label: t("common.name"),
      rowHeader: true,
      sortValue: (r) => localName(locale, r.names),
      render: (r) => <Link href={profilePath(r.code)}>{localName(locale, r.names)}</Link>,
    },
    { key: "code", label: t("common.code"), numeric: true, sortValue: (r) => Number(r.code) || r.code, render: (r) => r.code },
    {
      key: "population",
      label: t("observatoryWeb.table.population"),
      numeric: true,
      sortValue: (r) => byCode.get(r.code)?.population ?? null,
      render: (r) => format(byCode.get(r.code)?.population, "count"),
    },
    ...measures.map(
      (m): Column<NeighbourhoodRow> => ({
        key: m,
        label: t(`observatoryWeb.measures.${m}`),
        numeric: true,
        className: m === measure ? "measure-current" : undefined,
        sortValue: (r) => valueOf(byCode.get(r.code), m),
        render: (r) => format(valueOf(byCode.get(r.code), m), m),
      }),
    ),
  ];

  const chartSeries: LineSeries[] = useMemo(
    () => [{ name: t("observatoryWeb.series.name"), colour: "#225ea8", data: (series.data?.points ?? []).map((p) => p.count) }],
    [series.data, t],
  );
  const chartCategories = useMemo(() => (series.data?.points ?? []).map((p) => p.period), [series.data]);
  const formatCount = useCallback((v: number) => formatNumber(locale, v, { maximumFractionDigits: 0 }), [locale]);

  return (
    <div className="territory-page observatory-page">
      <PageHeading title={t("observatoryWeb.title")}>
        <p>{t("observatoryWeb.intro")}</p>
      </PageHeading>
      {data?.synthetic ? (
        <p className="synthetic-notice" role="note" data-testid="synthetic-notice">
          {t("observatoryWeb.synthetic")}
        </p>
      ) : null}
      <section className="territory-controls card observatory-controls" aria-label={t("observatoryWeb.controls")}>
        {views.length > 1 ? (
          <fieldset className="measure-choice view-choice">
            <legend>{t("observatorySpatial.view")}</legend>
            {views.map((v) => (
              <label key={v} className="radio-option">
                <input type="radio" name={viewName} value={v} checked={shownView === v} onChange={() => chooseView(v)} />
                {t(`observatorySpatial.views.${v}`)}
              </label>
            ))}
          </fieldset>
        ) : null}
        <SelectField
          label={t("observatoryWeb.category")}
          value={category}
          onChange={(e) => setCategory(e.target.value)}
          choices={choices}
          hint={categories.some((c) => c.toVerify) ? t("observatoryWeb.toVerifyHint") : undefined}
        />
        <SelectField
          label={t("observatoryWeb.year")}
          value={String(year)}
          onChange={(e) => setYear(Number(e.target.value))}
          choices={years.map((y) => ({ value: String(y), label: String(y) }))}
        />
        <fieldset className="measure-choice">
          <legend>{t("observatoryWeb.measure")}</legend>
          {shownMeasures.map((m) => (
            <label key={m} className="radio-option">
              <input type="radio" name={measureName} value={m} checked={measure === m} onChange={() => setMeasure(m)} />
              {t(`observatoryWeb.measures.${m}`)}
            </label>
          ))}
        </fieldset>
        {spatial ? (
          <SelectField
            label={t("observatorySpatial.weightsLabel")}
            value={weights}
            onChange={(e) => setWeights(e.target.value === "knn" ? "knn" : "queen")}
            choices={spatialWeights.map((w) => ({ value: w, label: t(`observatorySpatial.weights.${w}`) }))}
          />
        ) : null}
      </section>
      <ErrorAlert error={taxonomy.error ?? rates.error ?? series.error ?? neighbourhoods.error} />
      {shownView !== "choropleth" ? (
        <SpatialMaps
          view={shownView}
          category={category}
          categoryLabel={categoryLabel}
          year={year}
          measure={measure === "rate" ? "rate" : "smoothed"}
          weights={weights}
          features={neighbourhoods.data}
          names={names}
        />
      ) : (
        <>
          <div className="territory-layout">
            <div className="territory-map">
              <ChoroplethMap
                features={neighbourhoods.data}
                fillFor={fillFor}
                tooltipFor={tooltipFor}
                selected={null}
                onSelect={(code) => navigate(profilePath(code))}
                overlays={noOverlays}
                label={t("observatoryWeb.mapLabel", { measure: measureLabel })}
                describedBy="observatory-map-help"
                zoomInTitle={t("territoryPage.zoomIn")}
                zoomOutTitle={t("territoryPage.zoomOut")}
              />
              <p id="observatory-map-help" className="field-hint">
                {t("observatorySpatial.choroplethHelp")}
              </p>
              <DownloadLinks
                path="/api/observatory/export/rates"
                query={{ category, year, measure }}
                formats={fileFormats}
                label={t("observatorySpatial.download.choropleth")}
                testId="choropleth-downloads"
              />
            </div>
            <aside className="territory-side" aria-label={t("observatoryWeb.sideLabel")}>
              <Legend
                title={measureLabel}
                subtitle={t("observatoryWeb.legendSubtitle", { category: categoryLabel, year: shownYear })}
                classes={classes}
                format={format}
                source={data?.suppressed ? t("observatoryWeb.suppressed", { threshold: data.threshold ?? "?" }) : null}
                loading={rates.loading}
                noDataLabel={t("observatoryWeb.noDataSuppressed")}
              />
            </aside>
          </div>
          <section className="section" aria-labelledby="observatory-table-title">
            <h2 id="observatory-table-title">{t("observatoryWeb.table.title")}</h2>
            <SortableTable
              caption={t("observatoryWeb.table.caption", { category: categoryLabel, year: shownYear })}
              columns={columns}
              rows={rows}
              rowKey={(r) => r.code}
              initialSort={{ key: "name", direction: "ascending" }}
              empty={t("common.rows", { count: 0 })}
              testId="observatory-table"
            />
          </section>
        </>
      )}
      <section className="section card" aria-labelledby="observatory-series-title">
        <h2 id="observatory-series-title">{t("observatoryWeb.series.title")}</h2>
        <LineChart
          categories={chartCategories}
          series={chartSeries}
          format={formatCount}
          label={t("observatoryWeb.series.label", { category: categoryLabel, from: OBSERVATORY_FIRST_YEAR, to: OBSERVATORY_LAST_YEAR })}
        />
      </section>
    </div>
  );
}
