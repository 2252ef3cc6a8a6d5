/**
 * The explorer's views as tables for `writeTable` (table-file.ts): the rates of one category
 * and year per neighbourhood (the choropleth and its table) and the counts of one series
 * (the chart), exactly as the API presented them to the caller (disclosure control
 * included), with the neighbourhood and municipality names and an `about` sheet in the
 * caller's language.
 */
import type { Db } from "../../server/db/database.js";
import { translator, type Translate } from "../../shared/i18n/index.js";
import { formatNumber, localName, type Locale } from "../../shared/locale.js";
import type { ExplorerMeasure } from "./export.schema.js";
import type { presentRates, presentSeries } from "./observatory.presenter.js";
import type { TableColumn, TableFile, TableRow } from "./table-file.js";

type PresentedRates = ReturnType<typeof presentRates>;
type PresentedSeries = ReturnType<typeof presentSeries>;

const ratesColumns: TableColumn[] = [
  { key: "code", width: 8 },
  { key: "name_fr", width: 34 },
  { key: "name_nl", width: 34 },
  { key: "municipality_nis", width: 12 },
  { key: "municipality_fr", width: 24 },
  { key: "municipality_nl", width: 24 },
  { key: "population", numFmt: "#,##0" },
  { key: "count", numFmt: "#,##0" },
  { key: "rate_per_1000", numFmt: "0.00" },
  { key: "smoothed_per_1000", numFmt: "0.00" },
  { key: "interval_lower", numFmt: "0.00" },
  { key: "interval_upper", numFmt: "0.00" },
  { key: "suppressed", width: 11 },
];

const seriesColumns: TableColumn[] = [{ key: "period", width: 10 }, { key: "count", numFmt: "#,##0" }, { key: "suppressed", width: 11 }];

interface Context {
  locale: Locale;
  /** The category's label in the caller's language, and the taxonomy version. */
  category: { code: string; label: string; taxonomy: string };
  generatedAt: Date;
}

const safe = (text: string) => text.replace(/[^\w.-]+/g, "_");

/** What every export states: category, disclosure, synthetic or registered data, taxonomy, time of writing. */
function commonAbout(t: Translate, ctx: Context, view: { suppressed: boolean; threshold: number | null; synthetic: boolean }): [string, string][] {
  return [
    [t("observatoryImportWeb.export.about.category"), `${ctx.category.label} (${ctx.category.code})`],
    [
      t("observatoryImportWeb.export.about.disclosure"),
      view.suppressed ? t("observatoryImportWeb.export.about.suppressed", { threshold: view.threshold ?? "?" }) : t("observatoryImportWeb.export.about.unsuppressed"),
    ],
    [t("observatoryImportWeb.export.about.data"), t(view.synthetic ? "observatoryImportWeb.export.about.synthetic" : "observatoryImportWeb.export.about.registered")],
    [t("observatoryImportWeb.export.about.taxonomy"), ctx.category.taxonomy],
    [t("observatoryImportWeb.export.about.generated"), ctx.generatedAt.toISOString()],
  ];
}

/** One row per neighbourhood (145), in code order, with every figure the explorer shows. */
export async function ratesTable(db: Db, rates: PresentedRates, measure: ExplorerMeasure, ctx: Context): Promise<TableFile> {
  const t = translator(ctx.locale);
  const places = await db
    .selectFrom("neighbourhoods as n")
    .innerJoin("municipalities as m", "m.nis_code", "n.primary_municipality_nis")
    .select(["n.code", "n.name_fr", "n.name_nl", "m.nis_code", "m.name_fr as municipality_fr", "m.name_nl as municipality_nl"])
    .execute();
  const placeOf = new Map(places.map((p) => [p.code, p]));
  const rows: TableRow[] = rates.neighbourhoods.map((r) => {
    const place = placeOf.get(r.code);
    return {
      code: r.code,
      name_fr: place?.name_fr ?? null,
      name_nl: place?.name_nl ?? null,
      municipality_nis: place?.nis_code ?? null,
      municipality_fr: place?.municipality_fr ?? null,
      municipality_nl: place?.municipality_nl ?? null,
      population: r.population,
      count: r.count,
      rate_per_1000: r.ratePer1000,
      smoothed_per_1000: r.smoothedPer1000,
      interval_lower: r.interval?.lower ?? null,
      interval_upper: r.interval?.upper ?? null,
      suppressed: r.suppressed,
    };
  });
  const number = (v: number | null, digits: number) => (v === null ? "–" : formatNumber(ctx.locale, v, { maximumFractionDigits: digits }));
  return {
    name: safe(`vigil-observatory-rates-${rates.categoryCode}-${rates.year}-${measure}`),
    columns: ratesColumns,
    rows,
    geometryKey: "code",
    createdAt: ctx.generatedAt,
    about: [
      [t("observatoryImportWeb.export.about.title"), t("observatoryImportWeb.export.ratesTitle")],
      [t("observatoryImportWeb.export.about.year"), String(rates.year)],
      [t("observatoryImportWeb.export.about.measure"), `${t(`observatoryWeb.measures.${measure}`)} (${measure})`],
      ...commonAbout(t, ctx, rates),
      [
        t("observatoryImportWeb.export.about.region"),
        t("observatoryImportWeb.export.about.regionValue", { count: number(rates.region.count, 0), rate: number(rates.region.ratePer1000, 2) }),
      ],
      [t("observatoryImportWeb.export.about.columns"), t("observatoryImportWeb.export.about.ratesColumns")],
      [t("observatoryImportWeb.export.about.query"), `GET /api/observatory/rates?category=${rates.categoryCode}&year=${rates.year}`],
    ],
  };
}

/** One row per period of the series, as the chart shows it. */
export function seriesTable(series: PresentedSeries, range: { from: number; to: number; area: string }, ctx: Context): TableFile {
  const t = translator(ctx.locale);
  const rows: TableRow[] = series.points.map((p) => ({ period: p.period, count: p.count, suppressed: p.suppressed }));
  const where = series.code === null ? series.level : `${series.level}-${series.code}`;
  return {
    name: safe(`vigil-observatory-series-${series.categoryCode}-${where}-${range.from}-${range.to}-${series.step}`),
    columns: seriesColumns,
    rows,
    createdAt: ctx.generatedAt,
    about: [
      [t("observatoryImportWeb.export.about.title"), t("observatoryImportWeb.export.seriesTitle")],
      [t("observatoryImportWeb.export.about.area"), range.area],
      [t("observatoryImportWeb.export.about.period"), t(`observatoryImportWeb.export.about.step.${series.step}`, { from: range.from, to: range.to })],
      ...commonAbout(t, ctx, series),
      [t("observatoryImportWeb.export.about.total"), series.total === null ? "–" : formatNumber(ctx.locale, series.total, { maximumFractionDigits: 2 })],
      [t("observatoryImportWeb.export.about.query"), `GET /api/observatory/series?category=${series.categoryCode}&level=${series.level}${series.code === null ? "" : `&code=${series.code}`}&from=${range.from}&to=${range.to}&step=${series.step}`],
    ],
  };
}

/** The name of the series' area in the caller's language: the region, a municipality or a neighbourhood. */
export async function areaName(db: Db, locale: Locale, level: string, code: number | null): Promise<string> {
  const t = translator(locale);
  if (level === "region" || code === null) return t("observatoryImportWeb.export.about.regionName");
  const row =
    level === "municipality"
      ? await db.selectFrom("municipalities").select(["name_fr", "name_nl"]).where("nis_code", "=", code).executeTakeFirst()
      : await db.selectFrom("neighbourhoods").select(["name_fr", "name_nl"]).where("code", "=", code).executeTakeFirst();
  const name = row ? localName(locale, { fr: row.name_fr, nl: row.name_nl }) : "?";
  return `${t(`observatoryImportWeb.export.about.level.${level}`)} ${code} · ${name}`;
}
