import { z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppContext, AppEnv } from "../../server/http/context.js";
import { errors, json, jsonBody } from "../../server/http/openapi.js";
import { route } from "../../server/http/route.js";
import { choropleth } from "./territory.choropleth.js";
import { exportFile, exportTerritory } from "./territory.export.js";
import { cachedDocument, sendCached } from "./territory.cache.js";
import { territoryGeoJson } from "./territory.geojson.js";
import {
  presentApportioned,
  presentLocation,
  presentMunicipality,
  presentNeighbourhood,
  presentNeighbourhoodProfile,
  presentPoliceZone,
} from "./territory.presenter.js";
import {
  ApportionBody,
  Apportioned,
  Choropleth,
  ChoroplethQuery,
  ExportQuery,
  FeatureCollection,
  GeoJsonParams,
  GeoJsonQuery,
  LocateQuery,
  Location,
  Municipality,
  MunicipalityParam,
  Neighbourhood,
  NeighbourhoodParam,
  NeighbourhoodProfile,
  NeighbourhoodQuery,
  PoliceZone,
  ZoneParam,
} from "./territory.schema.js";
import { getMunicipality, getNeighbourhood, getPoliceZone, listMunicipalities, listNeighbourhoods, listPoliceZones } from "./territory.service.js";
import { apportionToMunicipalities, locate } from "./territory.spatial.js";

const tags = ["territory"];
const read = { resource: "territory", action: "read" } as const;
const GEOJSON = "application/geo+json";

const listZones = route({
  method: "get",
  path: "/api/territory/police-zones",
  tags,
  summary: "The 6 local police zones of the region",
  access: read,
  responses: { 200: json(z.array(PoliceZone)), ...errors },
});
const getZone = route({
  method: "get",
  path: "/api/territory/police-zones/{id}",
  tags,
  summary: "One police zone",
  access: read,
  request: { params: ZoneParam },
  responses: { 200: json(PoliceZone), ...errors },
});
const listMunicipalitiesRoute = route({
  method: "get",
  path: "/api/territory/municipalities",
  tags,
  summary: "The 19 municipalities, with postal codes, police zone and primary neighbourhoods",
  access: read,
  responses: { 200: json(z.array(Municipality)), ...errors },
});
const getMunicipalityRoute = route({
  method: "get",
  path: "/api/territory/municipalities/{nisCode}",
  tags,
  summary: "One municipality",
  access: read,
  request: { params: MunicipalityParam },
  responses: { 200: json(Municipality), ...errors },
});
const listNeighbourhoodsRoute = route({
  method: "get",
  path: "/api/territory/neighbourhoods",
  tags,
  summary: "The 145 monitoring neighbourhoods (118 residential), with area shares, zones, population and indicators",
  description: "`municipality` keeps the neighbourhoods with any part in that municipality (they do not nest).",
  access: read,
  request: { query: NeighbourhoodQuery },
  responses: { 200: json(z.array(Neighbourhood)), ...errors },
});
const getNeighbourhoodRoute = route({
  method: "get",
  path: "/api/territory/neighbourhoods/{code}",
  tags,
  summary: "The neighbourhood profile, with the population and nationality series 1994-2025",
  access: read,
  request: { params: NeighbourhoodParam },
  responses: { 200: json(NeighbourhoodProfile), ...errors },
});
const geojsonRoute = route({
  method: "get",
  path: "/api/territory/geojson/{level}",
  tags,
  summary: "Boundaries of a level as GeoJSON (simplified for maps by default)",
  access: read,
  request: { params: GeoJsonParams, query: GeoJsonQuery },
  responses: {
    200: { description: "FeatureCollection (ETag, cacheable)", content: { [GEOJSON]: { schema: FeatureCollection } } },
    304: { description: "Not modified (If-None-Match)" },
    ...errors,
  },
});
const choroplethRoute = route({
  method: "get",
  path: "/api/territory/choropleth",
  tags,
  summary: "One value per neighbourhood for a thematic map, with 5-class breaks",
  access: read,
  request: { query: ChoroplethQuery },
  responses: { 200: json(Choropleth), ...errors },
});
const locateRoute = route({
  method: "get",
  path: "/api/territory/locate",
  tags,
  summary: "The neighbourhood, municipality and police zone holding a point (nulls outside the region)",
  access: read,
  request: { query: LocateQuery },
  responses: { 200: json(Location), ...errors },
});
const apportionRoute = route({
  method: "post",
  path: "/api/territory/apportion",
  tags,
  summary: "Spread figures known per neighbourhood over the municipalities, by area share",
  description:
    "Each value is split in proportion to the area each municipality holds of the neighbourhood. " +
    "This assumes the figure is spread evenly over the neighbourhood's area: an approximation. Totals are kept.",
  access: read,
  request: jsonBody(ApportionBody),
  responses: { 200: json(Apportioned), ...errors },
});
const exportRoute = route({
  method: "get",
  path: "/api/territory/export",
  tags,
  summary: "Download a level as CSV (UTF-8 with BOM, comma-separated) or GeoJSON (full geometry)",
  access: { resource: "territory", action: "export" },
  request: { query: ExportQuery },
  responses: {
    200: {
      description: "The file, as an attachment",
      content: { "text/csv": { schema: z.string() }, [GEOJSON]: { schema: FeatureCollection } },
    },
    ...errors,
  },
});

export function registerTerritoryRoutes(app: OpenAPIHono<AppEnv>): void {
  const JSON_TYPE = "application/json; charset=UTF-8";
  /** Reference answers are built once per language and filter, then served from memory with an ETag. */
  // The body is the presenter's JSON, serialised once; typed `never` because the typed
  // `c.json()` is bypassed on purpose (the schema still documents and types the presenter).
  const cached = async (c: AppContext, key: string, build: () => Promise<unknown>): Promise<never> =>
    sendCached(c, await cachedDocument(c.get("db"), `${key}|${c.get("locale")}`, async () => JSON.stringify(await build())), JSON_TYPE) as never;

  app.openapi(listZones, (c) =>
    cached(c, "zones", async () => (await listPoliceZones(c.get("db"))).map((z) => presentPoliceZone(c.get("locale"), z))),
  );
  app.openapi(getZone, async (c) => c.json(presentPoliceZone(c.get("locale"), await getPoliceZone(c.get("db"), c.req.valid("param").id)), 200));

  app.openapi(listMunicipalitiesRoute, (c) =>
    cached(c, "municipalities", async () => (await listMunicipalities(c.get("db"))).map((m) => presentMunicipality(c.get("locale"), m))),
  );
  app.openapi(getMunicipalityRoute, async (c) =>
    c.json(presentMunicipality(c.get("locale"), await getMunicipality(c.get("db"), c.req.valid("param").nisCode)), 200),
  );

  app.openapi(listNeighbourhoodsRoute, (c) => {
    const query = c.req.valid("query");
    return cached(c, `neighbourhoods|${query.kind ?? ""}|${query.municipality ?? ""}`, async () =>
      (await listNeighbourhoods(c.get("db"), query)).map((n) => presentNeighbourhood(c.get("locale"), n)),
    );
  });
  app.openapi(getNeighbourhoodRoute, (c) => {
    const { code } = c.req.valid("param");
    return cached(c, `neighbourhood|${code}`, async () => presentNeighbourhoodProfile(c.get("locale"), await getNeighbourhood(c.get("db"), code)));
  });

  app.openapi(geojsonRoute, async (c) =>
    sendCached(c, await territoryGeoJson(c.get("db"), c.req.valid("param").level, c.req.valid("query").detail), GEOJSON),
  );

  app.openapi(choroplethRoute, async (c) => {
    const { variable, year, method } = c.req.valid("query");
    return c.json(await choropleth(c.get("db"), variable, year, method), 200);
  });

  app.openapi(locateRoute, async (c) => {
    const { lon, lat } = c.req.valid("query");
    return c.json(presentLocation(c.get("locale"), await locate(c.get("db"), lon, lat)), 200);
  });

  app.openapi(apportionRoute, async (c) =>
    c.json(presentApportioned(c.get("locale"), await apportionToMunicipalities(c.get("db"), c.req.valid("json").values)), 200),
  );

  app.openapi(exportRoute, async (c) => {
    const { level, format } = c.req.valid("query");
    const body = await exportTerritory(c.get("db"), level, format);
    const file = exportFile(level, format);
    c.header("Content-Type", file.contentType);
    c.header("Content-Disposition", `attachment; filename="${file.filename}"`);
    c.header("Cache-Control", "private, no-store");
    return c.body(body, 200);
  });
}
