import { useCallback, useMemo, useState } from "react";
import { formatNumber, localName, type Locale } from "../../../shared/locale.js";
import type { Translate } from "../../../shared/i18n/index.js";
import { LineChart, type LineSeries } from "../../components/chart/LineChart.js";
import { DownloadLinks } from "../../components/files/DownloadLinks.js";
import { ErrorAlert } from "../../components/forms/ErrorAlert.js";
import { CheckboxField, SelectField } from "../../components/forms/Field.js";
import { PageHeading } from "../../components/shell/PageHeading.js";
import { SortableTable, type Column } from "../../components/table/SortableTable.js";
import { useResource } from "../../components/useResource.js";
import { useLocale } from "../../i18n.js";
import { Link, usePath } from "../../router.js";
import "./profile.css";

interface Names {
  fr: string;
  nl: string;
}
interface Point {
  year: number;
  count: number | null;
  population: number | null;
  ratePer1000: number | null;
  suppressed: boolean;
}
interface Area {
  total: number | null;
  points: Point[];
  change: { from: number; to: number; countPercent: number | null; ratePercent: number | null } | null;
}
interface Indicator {
  value: number;
  year: number;
}
interface CategoryProfile {
  code: string;
  level: "category" | "phenomenon";
  labels: { fr: string; nl: string; en: string };
  neighbourhood: Area;
  municipality: Area;
  region: Area;
  trend: { direction: "increasing" | "decreasing" | "none"; pValue: number; significant: boolean } | null;
  rank: { year: number; position: number; of: number } | null;
}
interface Profile {
  neighbourhood: { code: number; names: Names; municipality: { nisCode: number; names: Names }; policeZone: { id: number; names: Names | null } };
  period: { from: number; to: number } | null;
  years: number[];
  suppressed: boolean;
  threshold: number | null;
  context: {
    year: number;
    population: number | null;
    municipalityPopulation: number | null;
    regionShare: number | null;
    indicators: { unemploymentRate: Indicator | null; cpasRate: Indicator | null; bimRate: Indicator | null };
  };
  categories: CategoryProfile[];
}

const arrows = { increasing: "↗", decreasing: "↘", none: "→" } as const;
const colours = { neighbourhood: "#225ea8", municipality: "#a34700", region: "#4d4d4d" };

/** A figure, or "suppressed" (never 0) when disclosure control hid it, or "n/a". */
function figure(t: Translate, value: string | null, suppressed: boolean) {
  if (value !== null) return value;
  return suppressed ? <span className="suppressed">{t("observatoryProfile.suppressed")}</span> : t("common.notAvailable");
}

const last = (area: Area) => area.points.at(-1);
const anySuppressed = (area: Area) => area.points.some((p) => p.suppressed);

/** The observatory's profile of one neighbourhood: context, every category against its municipality and the Region, and a yearly chart. */
export function ProfilePage() {
  const { locale, t } = useLocale();
  const code = /\/observatory\/neighbourhoods\/(\d+)$/.exec(usePath())?.[1] ?? "";
  const [phenomena, setPhenomena] = useState(false);
  const [chosen, setChosen] = useState("theft");
  const path = `/api/observatory/neighbourhoods/${code}/profile`;
  const query = { phenomena: phenomena ? "true" : "false" };
  const profile = useResource<Profile>(path, query);
  const data = profile.data && String(profile.data.neighbourhood.code) === code ? profile.data : null;

  const rate = useCallback((v: number | null | undefined) => (v === null || v === undefined ? null : formatNumber(locale, v, { maximumFractionDigits: 2 })), [locale]);
  const name = data ? localName(locale, data.neighbourhood.names) : t("observatoryProfile.title");
  const municipality = data ? localName(locale, data.neighbourhood.municipality.names) : "";
  const year = data?.period?.to ?? data?.context.year ?? "";
  const columns = useMemo(() => categoryColumns(locale, t, rate, year), [locale, t, rate, year]);

  const shown = data?.categories.find((c) => c.code === chosen) ?? data?.categories[0];
  const chartSeries: LineSeries[] = useMemo(
    () =>
      shown
        ? [
            { name, colour: colours.neighbourhood, data: shown.neighbourhood.points.map((p) => p.ratePer1000) },
            { name: municipality, colour: colours.municipality, data: shown.municipality.points.map((p) => p.ratePer1000) },
            { name: t("observatoryProfile.chart.region"), colour: colours.region, data: shown.region.points.map((p) => p.ratePer1000) },
          ]
        : [],
    [shown, name, municipality, t],
  );
  const formatRate = useCallback((v: number) => formatNumber(locale, v, { maximumFractionDigits: 2 }), [locale]);
  const period = data?.period ?? { from: "", to: "" };

  return (
    <div className="profile-page">
      <p className="profile-back">
        <Link href="/observatory">{t("observatoryProfile.back")}</Link>
      </p>
      <PageHeading title={name}>
        {data ? (
          <p data-testid="profile-place">
            {t("observatoryProfile.place", {
              municipality,
              zone: data.neighbourhood.policeZone.names ? `${localName(locale, data.neighbourhood.policeZone.names)} (${data.neighbourhood.policeZone.id})` : data.neighbourhood.policeZone.id,
            })}
          </p>
        ) : null}
        {data?.period ? <p>{t("observatoryProfile.intro", period)}</p> : null}
      </PageHeading>
      <ErrorAlert error={profile.error} />
      {profile.loading && !data ? (
        <p className="loading" role="status">
          {t("app.loading")}
        </p>
      ) : null}
      {data?.suppressed ? (
        <p className="profile-note" role="note">
          {t("observatoryProfile.disclosure", { threshold: data.threshold ?? 5 })}
        </p>
      ) : null}
      {data && !data.period ? <p role="status">{t("observatoryProfile.noData")}</p> : null}
      {data ? (
        <>
          <Context data={data} />
          <section className="section" aria-labelledby="profile-table-title">
            <h2 id="profile-table-title">{t("observatoryProfile.table.title")}</h2>
            <CheckboxField label={t("observatoryProfile.phenomena")} checked={phenomena} onChange={(e) => setPhenomena(e.target.checked)} />
            <SortableTable
              caption={t("observatoryProfile.table.caption", { name, year, ...period })}
              columns={columns}
              rows={data.categories}
              rowKey={(c) => c.code}
              empty={t("common.rows", { count: 0 })}
              testId="profile-table"
            />
            <DownloadLinks path={`${path}/export`} query={query} formats={["csv", "xlsx"]} label={t("observatoryProfile.download")} testId="profile-download" />
          </section>
          {shown && data.period ? (
            <section className="section card" aria-labelledby="profile-chart-title">
              <h2 id="profile-chart-title">{t("observatoryProfile.chart.title")}</h2>
              <SelectField
                label={t("observatoryProfile.chart.category")}
                value={shown.code}
                onChange={(e) => setChosen(e.target.value)}
                choices={data.categories.map((c) => ({ value: c.code, label: categoryLabel(locale, c) }))}
              />
              <LineChart
                categories={data.years}
                series={chartSeries}
                format={formatRate}
                label={t("observatoryProfile.chart.label", { category: shown.labels[locale], name, ...period })}
              />
              <YearTable category={shown} name={name} municipality={municipality} rate={rate} />
            </section>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

/** A category's label in the reader's language; a phenomenon is marked as part of the category above it. */
const categoryLabel = (locale: Locale, c: CategoryProfile) => `${c.level === "phenomenon" ? "— " : ""}${c.labels[locale]}`;

function categoryColumns(locale: Locale, t: Translate, rate: (v: number | null | undefined) => string | null, year: number | string): Column<CategoryProfile>[] {
  const percent = (v: number) => formatNumber(locale, v / 100, { style: "percent", maximumFractionDigits: 1, signDisplay: "exceptZero" });
  const p = (v: number) => formatNumber(locale, v, { maximumSignificantDigits: 2 });
  return [
    { key: "category", label: t("observatoryProfile.table.category"), rowHeader: true, render: (c) => categoryLabel(locale, c) },
    {
      key: "count",
      label: t("observatoryProfile.table.count", { year }),
      numeric: true,
      sortValue: (c) => last(c.neighbourhood)?.count ?? null,
      render: (c) => {
        const point = last(c.neighbourhood);
        return figure(t, point?.count === null || point === undefined ? null : formatNumber(locale, point.count), !!point?.suppressed);
      },
    },
    {
      key: "rate",
      label: t("observatoryProfile.table.rate", { year }),
      numeric: true,
      sortValue: (c) => last(c.neighbourhood)?.ratePer1000 ?? null,
      render: (c) => figure(t, rate(last(c.neighbourhood)?.ratePer1000), !!last(c.neighbourhood)?.suppressed),
    },
    {
      key: "municipality",
      label: t("observatoryProfile.table.municipalityRate", { year }),
      numeric: true,
      sortValue: (c) => last(c.municipality)?.ratePer1000 ?? null,
      render: (c) => figure(t, rate(last(c.municipality)?.ratePer1000), !!last(c.municipality)?.suppressed),
    },
    {
      key: "region",
      label: t("observatoryProfile.table.regionRate", { year }),
      numeric: true,
      sortValue: (c) => last(c.region)?.ratePer1000 ?? null,
      render: (c) => figure(t, rate(last(c.region)?.ratePer1000), false),
    },
    {
      key: "change",
      label: t("observatoryProfile.table.change"),
      numeric: true,
      sortValue: (c) => c.neighbourhood.change?.ratePercent ?? null,
      render: (c) => {
        const change = c.neighbourhood.change?.ratePercent;
        const ends = [c.neighbourhood.points[0], last(c.neighbourhood)];
        return figure(t, change === null || change === undefined ? null : percent(change), ends.some((e) => e?.suppressed));
      },
    },
    {
      key: "trend",
      label: t("observatoryProfile.table.trend"),
      sortValue: (c) => (c.trend ? { increasing: 1, none: 0, decreasing: -1 }[c.trend.direction] : null),
      render: (c) =>
        c.trend ? (
          <span className={`trend trend-${c.trend.direction}`}>
            <span aria-hidden="true">{arrows[c.trend.direction]} </span>
            {t(`observatoryProfile.trend.${c.trend.direction}`)}
          </span>
        ) : (
          figure(t, null, anySuppressed(c.neighbourhood))
        ),
    },
    {
      key: "significance",
      label: t("observatoryProfile.table.significance"),
      sortValue: (c) => c.trend?.pValue ?? null,
      render: (c) =>
        c.trend ? (
          <span className={c.trend.significant ? "significant" : undefined}>{t(`observatoryProfile.significance.${c.trend.significant ? "yes" : "no"}`, { p: p(c.trend.pValue) })}</span>
        ) : (
          figure(t, null, anySuppressed(c.neighbourhood))
        ),
    },
    {
      key: "rank",
      label: t("observatoryProfile.table.rank", { year }),
      numeric: true,
      sortValue: (c) => c.rank?.position ?? null,
      render: (c) => figure(t, c.rank ? t("observatoryProfile.rank", { position: c.rank.position, of: c.rank.of }) : null, !!last(c.neighbourhood)?.suppressed),
    },
  ];
}

/** Population, share of the Region and the territory's social indicators. */
function Context({ data }: { data: Profile }) {
  const { locale, t } = useLocale();
  const { context } = data;
  const count = (v: number | null) => (v === null ? t("common.notAvailable") : formatNumber(locale, v));
  const indicator = (i: Indicator | null) =>
    i ? t("observatoryProfile.context.indicator", { value: formatNumber(locale, i.value, { style: "unit", unit: "percent", maximumFractionDigits: 1 }), year: i.year }) : t("common.notAvailable");
  return (
    <section className="card section-card profile-context" aria-labelledby="profile-context-title">
      <h2 id="profile-context-title">{t("observatoryProfile.context.title")}</h2>
      <dl className="facts" data-testid="profile-context">
        <dt>{t("observatoryProfile.context.population", { year: context.year })}</dt>
        <dd>{count(context.population)}</dd>
        <dt>{t("observatoryProfile.context.municipalityPopulation", { year: context.year })}</dt>
        <dd>{count(context.municipalityPopulation)}</dd>
        <dt>{t("observatoryProfile.context.regionShare")}</dt>
        <dd>{context.regionShare === null ? t("common.notAvailable") : formatNumber(locale, context.regionShare, { style: "percent", maximumFractionDigits: 2 })}</dd>
        <dt>{t("territoryPage.variables.unemployment")}</dt>
        <dd>{indicator(context.indicators.unemploymentRate)}</dd>
        <dt>{t("territoryPage.variables.cpas")}</dt>
        <dd>{indicator(context.indicators.cpasRate)}</dd>
        <dt>{t("territoryPage.variables.bim")}</dt>
        <dd>{indicator(context.indicators.bimRate)}</dd>
      </dl>
    </section>
  );
}

/** The chart's figures as a table: the neighbourhood, its municipality and the Region per year. */
function YearTable({ category, name, municipality, rate }: { category: CategoryProfile; name: string; municipality: string; rate: (v: number | null | undefined) => string | null }) {
  const { locale, t } = useLocale();
  const areas = [category.neighbourhood, category.municipality, category.region];
  return (
    <div className="table-wrap">
      <table className="data-table compact" data-testid="profile-years">
        <caption>{t("observatoryProfile.chart.tableCaption", { category: category.labels[locale] })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("observatoryProfile.chart.year")}</th>
            <th scope="col" className="num">
              {name}
            </th>
            <th scope="col" className="num">
              {municipality}
            </th>
            <th scope="col" className="num">
              {t("observatoryProfile.chart.region")}
            </th>
          </tr>
        </thead>
        <tbody>
          {category.region.points.map((point, k) => (
            <tr key={point.year}>
              <th scope="row">{point.year}</th>
              {areas.map((area, a) => (
                <td key={a} className="num">
                  {figure(t, rate(area.points[k]?.ratePer1000), !!area.points[k]?.suppressed)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
