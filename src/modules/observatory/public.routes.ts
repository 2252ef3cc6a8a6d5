/**
 * The observatory's public API, for anyone without signing in (`access: "public"`), under
 * /api/public/observatory: published years, top-level categories, a year's figures, a
 * category's regional series, the neighbourhood boundaries, and the open data (catalogue and
 * files). Every answer is the disclosure-controlled public view, whoever asks
 * (public.service.ts): an analyst's session changes nothing here.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../server/http/context.js";
import { errors, json } from "../../server/http/openapi.js";
import { route } from "../../server/http/route.js";
import { sendCached } from "../territory/territory.cache.js";
import { territoryGeoJson } from "../territory/territory.geojson.js";
import { openDataCatalogue, openDataFile, OPEN_DATA_PATH } from "./public.open-data.js";
import { DatasetParam, FiguresQuery, OpenDataCatalogue, OpenDataQuery, PublicCategories, PublicFigures, PublicSeries, PublicYears, SeriesQuery } from "./public.schema.js";
import { publicFigures, publicScope, publicSeries } from "./public.service.js";
import { DEFAULT_THRESHOLD } from "./disclosure.js";
import { download } from "../../server/http/download.js";

const tags = ["public"];
const base = "/api/public/observatory";
const failures = { 400: errors[400], 404: errors[404] };
const file = (description: string, types: string[]) => ({ description, content: Object.fromEntries(types.map((t) => [t, { schema: { type: "string" as const, format: "binary" } }])) });

const yearsRoute = route({
  method: "get",
  path: `${base}/years`,
  tags,
  summary: "The published years (up to the last published report), the suppression threshold and the synthetic flag",
  access: "public",
  responses: { 200: json(PublicYears) },
});
const categoriesRoute = route({
  method: "get",
  path: `${base}/categories`,
  tags,
  summary: "The top-level crime categories published, labels in the caller's language and in all three",
  access: "public",
  responses: { 200: json(PublicCategories) },
});
const figuresRoute = route({
  method: "get",
  path: `${base}/figures`,
  tags,
  summary: "One category in one published year: count and rate per neighbourhood, the region, and the totals of all categories",
  description: "Counts of 1 to 4, and the counts that would give them away, are null with `suppressed: true`.",
  access: "public",
  request: { query: FiguresQuery },
  responses: { 200: json(PublicFigures), ...failures },
});
const seriesRoute = route({
  method: "get",
  path: `${base}/series`,
  tags,
  summary: "One category's regional count per published year",
  access: "public",
  request: { query: SeriesQuery },
  responses: { 200: json(PublicSeries), ...failures },
});
const geometryRoute = route({
  method: "get",
  path: `${base}/geometry`,
  tags,
  summary: "The 145 neighbourhoods' boundaries, simplified for maps (GeoJSON)",
  access: "public",
  responses: { 200: file("GeoJSON FeatureCollection", ["application/geo+json"]), 304: { description: "Not modified" } },
});
const catalogueRoute = route({
  method: "get",
  path: OPEN_DATA_PATH,
  tags,
  summary: "The open-data catalogue (DCAT-AP style JSON-LD): one dataset per published table, with its files",
  access: "public",
  responses: { 200: json(OpenDataCatalogue) },
});
const datasetRoute = route({
  method: "get",
  path: `${OPEN_DATA_PATH}/{dataset}`,
  tags,
  summary: "One open dataset as a file: CSV (UTF-8 with BOM) or GeoJSON; suppressed counts are empty cells",
  access: "public",
  request: { params: DatasetParam, query: OpenDataQuery },
  responses: { 200: file("The file, as an attachment", ["text/csv", "application/geo+json"]), ...failures },
});

export function registerPublicRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(yearsRoute, async (c) => {
    const scope = await publicScope(c.get("db"));
    return c.json({ years: scope.years, latest: scope.years.at(-1) ?? null, threshold: DEFAULT_THRESHOLD, synthetic: scope.synthetic }, 200);
  });

  app.openapi(categoriesRoute, async (c) => {
    const locale = c.get("locale");
    const scope = await publicScope(c.get("db"));
    return c.json({ categories: scope.categories.map((k) => ({ code: k.code, label: k.labels[locale], labels: k.labels })) }, 200);
  });

  app.openapi(figuresRoute, async (c) => c.json(await publicFigures(c.get("db"), c.get("locale"), c.req.valid("query")), 200));

  app.openapi(seriesRoute, async (c) => c.json(await publicSeries(c.get("db"), c.get("locale"), c.req.valid("query")), 200));

  app.openapi(geometryRoute, async (c) => sendCached(c, await territoryGeoJson(c.get("db"), "neighbourhoods", "simplified"), "application/geo+json"));

  app.openapi(catalogueRoute, async (c) => {
    const db = c.get("db");
    return c.json(await openDataCatalogue(db, await publicScope(db), new URL(c.req.url).origin), 200);
  });

  app.openapi(datasetRoute, async (c) => {
    const db = c.get("db");
    const { dataset } = c.req.valid("param");
    const written = await openDataFile(db, await publicScope(db), dataset, c.req.valid("query").format);
    return download(c, written);
  });
}
