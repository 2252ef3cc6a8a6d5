import type { FeatureCollection } from "geojson";
import { useCallback, useEffect, useMemo, useState } from "react";
import { formatNumber, localName, type Locale } from "../../../shared/locale.js";
import { api, isAbort, type Query } from "../../api.js";
import { LineChart, type LineSeries } from "../../components/chart/LineChart.js";
import { DownloadLinks } from "../../components/files/DownloadLinks.js";
import { ErrorAlert } from "../../components/forms/ErrorAlert.js";
import { SelectField } from "../../components/forms/Field.js";
import { ChoroplethMap, type Overlay } from "../../components/map/ChoroplethMap.js";
import { NO_DATA_URL } from "../../components/map/palette.js";
import { PageHeading } from "../../components/shell/PageHeading.js";
import { SortableTable, type Column } from "../../components/table/SortableTable.js";
import { useLocale } from "../../i18n.js";
import { Legend } from "../territory/Legend.js";
import { quantileClasses } from "./ObservatoryPage.js";
import "../territory/territory.css";
import "./observatory.css";

/**
 * The public page (/public), for anyone, signed in or not: the published figures of the
 * observatory from the anonymous API (/api/public/observatory), which never answers 401 and
 * is the same disclosure-controlled view whoever asks. A category and a published year on a
 * map and in a table (hidden counts hatched and marked), the Region's yearly series, and the
 * open data with its metadata.
 */

const base = "/api/public/observatory";
const noOverlays: Overlay[] = [];

interface Years {
  years: number[];
  latest: number | null;
  threshold: number;
  synthetic: boolean;
}
interface Categories {
  categories: { code: string; labels: Record<Locale, string> }[];
}
interface Row {
  code: number;
  names: { fr: string; nl: string };
  population: number | null;
  count: number | null;
  ratePer1000: number | null;
  suppressed: boolean;
  total: number | null;
  totalSuppressed: boolean;
}
interface Figures {
  year: number;
  threshold: number;
  synthetic: boolean;
  neighbourhoods: Row[];
  region: { population: number; count: number | null; ratePer1000: number | null; suppressed: boolean; total: number | null; totalSuppressed: boolean };
}
interface Series {
  points: { year: number; count: number | null; suppressed: boolean }[];
}

/** GET a public resource without ever treating a 401 as an ended session (public routes give none). */
function usePublic<T>(path: string | null, query: Query = {}) {
  const [state, setState] = useState<{ data: T | null; error: unknown; loading: boolean }>({ data: null, error: null, loading: false });
  const queryKey = JSON.stringify(query);
  useEffect(() => {
    if (!path) return;
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    api
      .get<T>(path, JSON.parse(queryKey) as Query, { signal: controller.signal, expect401: true })
      .then((data) => setState({ data, error: null, loading: false }))
      .catch((error) => {
        if (!isAbort(error)) setState((s) => ({ ...s, error, loading: false }));
      });
    return () => controller.abort();
  }, [path, queryKey]);
  return state;
}

export function PublicPage() {
  const { locale, t } = useLocale();
  const years = usePublic<Years>(`${base}/years`);
  const categories = usePublic<Categories>(`${base}/categories`);
  const geometry = usePublic<FeatureCollection>(`${base}/geometry`);
  const [category, setCategory] = useState("theft");
  const [chosenYear, setChosenYear] = useState<number | null>(null);
  const published = years.data?.years ?? [];
  const year = chosenYear ?? years.data?.latest ?? null;
  const figures = usePublic<Figures>(year === null ? null : `${base}/figures`, { year, category });
  const series = usePublic<Series>(published.length ? `${base}/series` : null, { category });

  const threshold = years.data?.threshold ?? 5;
  const marker = t("observatoryPublic.web.marker", { threshold });
  const markerLong = t("observatoryPublic.web.markerLong", { last: threshold - 1 });
  const data = figures.data;
  // Labels and names are picked here in the reader's language, so a language switch needs no new request.
  const categoryLabel = categories.data?.categories.find((c) => c.code === category)?.labels[locale] ?? category;
  const shownYear = data?.year ?? year ?? "";

  const number = useCallback((v: number, digits = 0) => formatNumber(locale, v, { maximumFractionDigits: digits }), [locale]);
  const count = useCallback((v: number | null, hidden: boolean) => (hidden ? marker : v === null ? t("common.notAvailable") : number(v)), [marker, number, t]);
  const rate = useCallback((v: number | null) => (v === null ? t("common.notAvailable") : number(v, 2)), [number, t]);

  const byCode = useMemo(() => new Map((data?.neighbourhoods ?? []).map((r) => [String(r.code), r])), [data]);
  const classes = useMemo(() => quantileClasses((data?.neighbourhoods ?? []).map((r) => r.ratePer1000)), [data]);
  const fillFor = useCallback((code: string) => (classes ? classes.classify(byCode.get(code)?.ratePer1000 ?? null) : NO_DATA_URL), [classes, byCode]);
  const tooltipFor = useCallback(
    (code: string) => {
      const row = byCode.get(code);
      const el = document.createElement("div");
      const title = document.createElement("strong");
      title.textContent = row ? localName(locale, row.names) : code;
      const line = document.createElement("span");
      line.textContent = row ? t("observatoryPublic.web.tooltip", { count: count(row.count, row.suppressed), rate: rate(row.ratePer1000) }) : t("common.notAvailable");
      el.append(title, line);
      return el;
    },
    [byCode, count, rate, t, locale],
  );

  const columns: Column<Row>[] = [
    { key: "name", label: t("common.name"), rowHeader: true, sortValue: (r) => localName(locale, r.names), render: (r) => localName(locale, r.names) },
    { key: "population", label: t("observatoryPublic.web.table.population"), numeric: true, sortValue: (r) => r.population, render: (r) => (r.population === null ? t("common.notAvailable") : number(r.population)) },
    { key: "count", label: t("observatoryPublic.web.table.count"), numeric: true, sortValue: (r) => r.count, render: (r) => count(r.count, r.suppressed) },
    { key: "rate", label: t("observatoryPublic.web.table.rate"), numeric: true, sortValue: (r) => r.ratePer1000, render: (r) => rate(r.ratePer1000) },
    { key: "total", label: t("observatoryPublic.web.table.total"), numeric: true, sortValue: (r) => r.total, render: (r) => count(r.total, r.totalSuppressed) },
  ];

  const points = series.data?.points ?? [];
  const chartSeries: LineSeries[] = useMemo(() => [{ name: t("observatoryPublic.web.series.name"), colour: "#225ea8", data: points.map((p) => p.count) }], [points, t]);
  const choices = (categories.data?.categories ?? []).map((c) => ({ value: c.code, label: c.labels[locale] }));

  if (years.data && !published.length) {
    return (
      <PageHeading title={t("observatoryPublic.web.title")}>
        <p role="status">{t("observatoryPublic.web.nothingPublished")}</p>
      </PageHeading>
    );
  }
  return (
    <div className="territory-page observatory-page public-page">
      <PageHeading title={t("observatoryPublic.web.title")}>
        <p>{t("observatoryPublic.web.intro", { first: published[0] ?? "", last: published.at(-1) ?? "" })}</p>
        <p>{t("observatoryPublic.web.rule", { marker })}</p>
      </PageHeading>
      {years.data?.synthetic ? (
        <p className="synthetic-notice" role="note" data-testid="synthetic-notice">
          {t("observatoryPublic.web.synthetic")}
        </p>
      ) : null}
      <section className="territory-controls card observatory-controls" aria-label={t("observatoryPublic.web.controls")}>
        <SelectField label={t("observatoryPublic.web.category")} value={category} onChange={(e) => setCategory(e.target.value)} choices={choices.length ? choices : [{ value: category, label: category }]} />
        <SelectField
          label={t("observatoryPublic.web.year")}
          value={String(year ?? "")}
          onChange={(e) => setChosenYear(Number(e.target.value))}
          choices={[...published].reverse().map((y) => ({ value: String(y), label: String(y) }))}
        />
      </section>
      <ErrorAlert error={years.error ?? categories.error ?? figures.error ?? series.error ?? geometry.error} />
      <div className="territory-layout">
        <div className="territory-map">
          <ChoroplethMap
            features={geometry.data}
            fillFor={fillFor}
            tooltipFor={tooltipFor}
            selected={null}
            onSelect={() => undefined}
            overlays={noOverlays}
            label={t("observatoryPublic.web.mapLabel", { category: categoryLabel, year: shownYear })}
            describedBy="public-map-help"
            zoomInTitle={t("territoryPage.zoomIn")}
            zoomOutTitle={t("territoryPage.zoomOut")}
          />
          <p id="public-map-help" className="field-hint">
            {t("observatoryPublic.web.mapHelp")}
          </p>
        </div>
        <aside className="territory-side" aria-label={t("observatoryWeb.sideLabel")}>
          <Legend
            title={t("observatoryPublic.web.legendTitle")}
            subtitle={t("observatoryPublic.web.legendSubtitle", { category: categoryLabel, year: shownYear })}
            classes={classes}
            format={(v) => number(v, 2)}
            source={t("observatoryPublic.web.rule", { marker })}
            loading={figures.loading}
            noDataLabel={t("observatoryPublic.web.noData")}
          />
        </aside>
      </div>
      <section className="section" aria-labelledby="public-table-title">
        <h2 id="public-table-title">{t("observatoryPublic.web.table.title")}</h2>
        <SortableTable
          caption={t("observatoryPublic.web.table.caption", { category: categoryLabel, year: shownYear })}
          columns={columns}
          rows={data?.neighbourhoods ?? []}
          rowKey={(r) => r.code}
          initialSort={{ key: "name", direction: "ascending" }}
          empty={t("common.rows", { count: 0 })}
          testId="public-table"
        />
        {data ? (
          <p data-testid="public-region">
            <strong>{t("observatoryPublic.web.table.region")}</strong>
            {": "}
            {t("observatoryPublic.web.table.regionLine", {
              count: count(data.region.count, data.region.suppressed),
              rate: rate(data.region.ratePer1000),
              total: count(data.region.total, data.region.totalSuppressed),
            })}
          </p>
        ) : null}
        <p className="field-hint">{t("observatoryPublic.web.table.note", { long: markerLong })}</p>
      </section>
      <section className="section card" aria-labelledby="public-series-title">
        <h2 id="public-series-title">{t("observatoryPublic.web.series.title")}</h2>
        <LineChart
          categories={points.map((p) => p.year)}
          series={chartSeries}
          format={(v) => number(v)}
          label={t("observatoryPublic.web.series.label", { category: categoryLabel, from: published[0] ?? "", to: published.at(-1) ?? "" })}
        />
        <div className="table-wrap">
          <table className="data-table" data-testid="public-series">
            <caption>{t("observatoryPublic.web.series.label", { category: categoryLabel, from: published[0] ?? "", to: published.at(-1) ?? "" })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("observatoryPublic.web.year")}</th>
                <th scope="col" className="num">
                  {t("observatoryPublic.web.table.count")}
                </th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.year}>
                  <th scope="row">{p.year}</th>
                  <td className="num">{count(p.count, p.suppressed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="field-hint">{t("observatoryPublic.web.series.gap")}</p>
      </section>
      <section className="section card" aria-labelledby="public-open-data-title">
        <h2 id="public-open-data-title">{t("observatoryPublic.web.openData.title")}</h2>
        <p>{t("observatoryPublic.web.openData.intro")}</p>
        {year !== null ? (
          <DownloadLinks path={`${base}/open-data/neighbourhoods-${year}`} query={{}} formats={["csv", "geojson"]} label={t("observatoryPublic.web.openData.year", { year })} testId="public-download-year" />
        ) : null}
        <DownloadLinks path={`${base}/open-data/region-series`} query={{}} formats={["csv"]} label={t("observatoryPublic.web.openData.series")} testId="public-download-series" />
        <p>
          <a href={`${base}/open-data`} data-testid="public-metadata">
            {t("observatoryPublic.web.openData.metadata")}
          </a>
        </p>
      </section>
    </div>
  );
}
