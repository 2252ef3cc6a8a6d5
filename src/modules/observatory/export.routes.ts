/**
 * The explorer's "export what is shown": the rates of GET /rates (choropleth and table) as
 * CSV, XLSX or GeoJSON and the counts of GET /series (the chart) as CSV or XLSX, presented
 * for the caller exactly as those routes present them (non-analysts get the same
 * suppressed cells, empty in the file).
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { can } from "../../server/auth/policy.js";
import { actorOf, type AppContext, type AppEnv } from "../../server/http/context.js";
import { errors } from "../../server/http/openapi.js";
import { route } from "../../server/http/route.js";
import { AppError } from "../../shared/errors.js";
import type { Db } from "../../server/db/database.js";
import { ExplorerNotFoundError, includesSynthetic, ratesByNeighbourhood, timeSeries } from "./explorer.service.js";
import { RatesExportQuery, SeriesExportQuery } from "./export.schema.js";
import { areaName, ratesTable, seriesTable } from "./export.tables.js";
import { presentRates, presentSeries } from "./observatory.presenter.js";
import { MAX_MONTHLY_YEARS } from "./observatory.schema.js";
import { contentTypes, writeTable } from "./table-file.js";
import { download, fileResponse } from "../../server/http/download.js";

const tags = ["observatory"];
const base = "/api/observatory/export";
const read = { resource: "observatory", action: "read" } as const;

const ratesExportRoute = route({
  method: "get",
  path: `${base}/rates`,
  tags,
  summary: "The explorer's map and table as a file: GET /rates of one category and year, one row per neighbourhood",
  description:
    "Columns: code, name_fr, name_nl, municipality_nis, municipality_fr, municipality_nl, population, count, rate_per_1000, smoothed_per_1000, interval_lower, interval_upper, suppressed. " +
    "Without `observatory.analyse` the suppressed cells are empty (null in GeoJSON), as in GET /rates. XLSX: sheet `data` and sheet `about` (category, year, measure shown, disclosure, region total).",
  access: read,
  request: { query: RatesExportQuery },
  responses: { 200: fileResponse([contentTypes.csv, contentTypes.xlsx, contentTypes.geojson]), ...errors },
});
const seriesExportRoute = route({
  method: "get",
  path: `${base}/series`,
  tags,
  summary: "The explorer's chart as a file: GET /series, one row per period (period, count, suppressed)",
  access: read,
  request: { query: SeriesExportQuery },
  responses: { 200: fileResponse([contentTypes.csv, contentTypes.xlsx]), ...errors },
});

const isAnalyst = (c: AppContext) => can(actorOf(c), "observatory", "analyse");
const invalidQuery = (field: string, key: string, params?: Record<string, string | number>) =>
  new AppError("validation_failed", { fields: [{ field: `query.${field}`, key, ...(params ? { params } : {}) }] });

/** An unknown category names `query.category`, as GET /rates and /series do. */
async function explore<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof ExplorerNotFoundError)) throw err;
    const [what, ...rest] = err.what.split(" ");
    if (what === "category") throw invalidQuery("category", "validation.unknown", { value: rest.join(" ") });
    throw new AppError("not_found", { params: { entity: "crime_taxonomy", id: err.what }, detail: err.message });
  }
}

/** The category's label in the caller's language and its taxonomy. */
async function context(db: Db, c: AppContext, categoryCode: string) {
  const category = await db
    .selectFrom("crime_categories as k")
    .innerJoin("crime_taxonomies as x", "x.id", "k.taxonomy_id")
    .select(["k.label_fr", "k.label_nl", "k.label_en", "x.version"])
    .where("x.status", "=", "active")
    .where("k.code", "=", categoryCode)
    .orderBy("x.id", "desc")
    .executeTakeFirst();
  const locale = c.get("locale");
  const labels = { fr: category?.label_fr, nl: category?.label_nl, en: category?.label_en };
  return {
    locale,
    category: { code: categoryCode, label: labels[locale] ?? categoryCode, taxonomy: category?.version ?? "" },
    generatedAt: new Date(),
  };
}


export function registerExportRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(ratesExportRoute, async (c) => {
    const { category, year, measure, format } = c.req.valid("query");
    const db = c.get("db");
    const rates = await explore(() => ratesByNeighbourhood(db, { categoryCode: category, year }));
    const table = await ratesTable(db, presentRates(rates, isAnalyst(c)), measure, await context(db, c, category));
    return download(c, await writeTable(db, table, format));
  });

  app.openapi(seriesExportRoute, async (c) => {
    const q = c.req.valid("query");
    if (q.to < q.from) throw invalidQuery("to", "validation.too_small", { minimum: q.from });
    if (q.step === "month" && q.to - q.from >= MAX_MONTHLY_YEARS) throw invalidQuery("to", "validation.too_big", { maximum: q.from + MAX_MONTHLY_YEARS - 1 });
    if (q.level !== "region" && q.code === undefined) throw invalidQuery("code", "validation.required");
    const db = c.get("db");
    const code = q.level === "region" ? undefined : q.code;
    const points = await explore(() =>
      timeSeries(db, { categoryCode: q.category, level: q.level, ...(code === undefined ? {} : { code }), from: q.from, to: q.to, step: q.step }),
    );
    const synthetic = await includesSynthetic(db, { categoryCode: q.category, from: q.from, to: q.to });
    const series = presentSeries({ categoryCode: q.category, level: q.level, code: code ?? null, step: q.step, synthetic }, points, isAnalyst(c));
    const area = await areaName(db, c.get("locale"), q.level, code ?? null);
    const table = seriesTable(series, { from: q.from, to: q.to, area }, await context(db, c, q.category));
    return download(c, await writeTable(db, table, q.format));
  });
}
