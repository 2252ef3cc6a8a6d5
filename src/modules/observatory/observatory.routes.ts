/**
 * The observatory's HTTP API: the explorer (taxonomy, rates, series, comparison, typology)
 * here; batches and imports in import.routes.ts; priority zones in zones.routes.ts.
 * `read` callers get disclosure-controlled figures; `analyse` callers get them unsuppressed.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { can } from "../../server/auth/policy.js";
import { actorOf, type AppContext, type AppEnv } from "../../server/http/context.js";
import { errors, json } from "../../server/http/openapi.js";
import { route } from "../../server/http/route.js";
import { AppError, notFound } from "../../shared/errors.js";
import { ExplorerNotFoundError, includesSynthetic, profileComparison, ratesByNeighbourhood, timeSeries, typology } from "./explorer.service.js";
import { registerImportRoutes } from "./import.routes.js";
import { presentCategory, presentComparison, presentRates, presentSeries } from "./observatory.presenter.js";
import {
  CategoryQuery,
  CategoryYearQuery,
  Comparison,
  MAX_MONTHLY_YEARS,
  NeighbourhoodCodeParam,
  Rates,
  Series,
  SeriesQuery,
  Taxonomy,
  Typology,
  YearQuery,
} from "./observatory.schema.js";
import { registerAnalysisRoutes } from "./analysis.routes.js";
import { registerExportRoutes } from "./export.routes.js";
import { registerProfileRoutes } from "./profile.routes.js";
import { registerPublicRoutes } from "./public.routes.js";
import { registerPublicationRoutes } from "./publications/publication.routes.js";
import { registerZoneRoutes } from "./zones.routes.js";

const tags = ["observatory"];
const base = "/api/observatory";
const read = { resource: "observatory", action: "read" } as const;
const analyse = { resource: "observatory", action: "analyse" } as const;

const categoriesRoute = route({
  method: "get",
  path: `${base}/categories`,
  tags,
  summary: "The active crime taxonomy: categories and phenomena, labels in the caller's language and in all three",
  access: read,
  responses: { 200: json(Taxonomy), ...errors },
});
const ratesRoute = route({
  method: "get",
  path: `${base}/rates`,
  tags,
  summary: "Counts and rates per 1,000 inhabitants of one category in one year, for every neighbourhood",
  description: "Without `observatory.analyse`, counts below the threshold (and their complements) are null and flagged, with everything derived from them.",
  access: read,
  request: { query: CategoryYearQuery },
  responses: { 200: json(Rates), ...errors },
});
const seriesRoute = route({
  method: "get",
  path: `${base}/series`,
  tags,
  summary: "Counts of one category per month or year, for the region, a municipality (primary neighbourhoods) or a neighbourhood",
  description: "Without `observatory.analyse`, counts below the threshold (and their complements) are null and flagged.",
  access: read,
  request: { query: SeriesQuery },
  responses: { 200: json(Series), ...errors },
});
const comparisonRoute = route({
  method: "get",
  path: `${base}/neighbourhoods/{code}/comparison`,
  tags,
  summary: "A neighbourhood's yearly rate against its primary municipality and the region (analysts)",
  description:
    "Unsuppressed, hence for analysts only: published next to each other, a municipality's and a neighbourhood's yearly counts would give suppressed counts back. Other users read `/neighbourhoods/{code}/profile`, suppressed jointly over all neighbourhoods and municipalities.",
  access: analyse,
  request: { params: NeighbourhoodCodeParam, query: CategoryQuery },
  responses: { 200: json(Comparison), ...errors },
});
const typologyRoute = route({
  method: "get",
  path: `${base}/typology`,
  tags,
  summary: "Location quotients of the top-level categories per neighbourhood in one year",
  access: analyse,
  request: { query: YearQuery },
  responses: { 200: json(Typology), ...errors },
});

const isAnalyst = (c: AppContext) => can(actorOf(c), "observatory", "analyse");

/** The explorer's "unknown ..." as an API error: a bad category names `query.category`; a missing neighbourhood is 404. */
async function explore<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof ExplorerNotFoundError)) throw err;
    const [what, ...rest] = err.what.split(" ");
    if (what === "category") throw new AppError("validation_failed", { fields: [{ field: "query.category", key: "validation.unknown", params: { value: rest.join(" ") } }] });
    if (what === "neighbourhood") throw notFound("neighbourhood", rest.join(" "));
    throw new AppError("not_found", { params: { entity: "crime_taxonomy", id: err.what }, detail: err.message });
  }
}

const invalidQuery = (field: string, key: string, params?: Record<string, string | number>) =>
  new AppError("validation_failed", { fields: [{ field: `query.${field}`, key, ...(params ? { params } : {}) }] });

export function registerObservatoryRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(categoriesRoute, async (c) => {
    const db = c.get("db");
    const taxonomy = await db.selectFrom("crime_taxonomies").selectAll().where("status", "=", "active").orderBy("id", "desc").executeTakeFirst();
    if (!taxonomy) throw notFound("crime_taxonomy", "active");
    const rows = await db.selectFrom("crime_categories").selectAll().where("taxonomy_id", "=", taxonomy.id).orderBy("position").orderBy("id").execute();
    const codeOf = new Map(rows.map((r) => [r.id, r.code]));
    const categories = rows.map((r) => presentCategory(c.get("locale"), r, r.parent_id === null ? null : (codeOf.get(r.parent_id) ?? null)));
    return c.json({ version: taxonomy.version, title: taxonomy.title, categories }, 200);
  });

  app.openapi(ratesRoute, async (c) => {
    const { category, year } = c.req.valid("query");
    const rates = await explore(() => ratesByNeighbourhood(c.get("db"), { categoryCode: category, year }));
    return c.json(presentRates(rates, isAnalyst(c)), 200);
  });

  app.openapi(seriesRoute, async (c) => {
    const q = c.req.valid("query");
    if (q.to < q.from) throw invalidQuery("to", "validation.too_small", { minimum: q.from });
    if (q.step === "month" && q.to - q.from >= MAX_MONTHLY_YEARS) throw invalidQuery("to", "validation.too_big", { maximum: q.from + MAX_MONTHLY_YEARS - 1 });
    if (q.level !== "region" && q.code === undefined) throw invalidQuery("code", "validation.required");
    const code = q.level === "region" ? undefined : q.code;
    const points = await explore(() =>
      timeSeries(c.get("db"), { categoryCode: q.category, level: q.level, ...(code === undefined ? {} : { code }), from: q.from, to: q.to, step: q.step }),
    );
    const synthetic = await includesSynthetic(c.get("db"), { categoryCode: q.category, from: q.from, to: q.to });
    return c.json(presentSeries({ categoryCode: q.category, level: q.level, code: code ?? null, step: q.step, synthetic }, points, isAnalyst(c)), 200);
  });

  app.openapi(comparisonRoute, async (c) => {
    const { code } = c.req.valid("param");
    const { category } = c.req.valid("query");
    const profile = await explore(() => profileComparison(c.get("db"), { neighbourhood: code, categoryCode: category }));
    return c.json(presentComparison(code, category, profile), 200);
  });

  app.openapi(typologyRoute, async (c) => {
    const { year } = c.req.valid("query");
    return c.json({ year, ...(await explore(() => typology(c.get("db"), { year }))) }, 200);
  });

  registerImportRoutes(app);
  registerZoneRoutes(app);
  registerAnalysisRoutes(app);
  registerProfileRoutes(app);
  registerExportRoutes(app);
  registerPublicationRoutes(app);
  registerPublicRoutes(app);
}
