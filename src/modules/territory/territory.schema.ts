import { z } from "@hono/zod-openapi";
import { FIRST_POPULATION_YEAR, LAST_POPULATION_YEAR } from "../../shared/limits.js";
import { breakMethods, choroplethUnits, choroplethVariables } from "./territory.choropleth.js";
import { neighbourhoodKinds, territoryLevels } from "./territory.data.js";
import { exportFormats } from "./territory.export.js";
import { geometryDetails } from "./territory.geojson.js";

/** The most neighbourhood values one apportion request may carry. */
export const APPORTION_MAX_VALUES = 10_000;

const Names = z.object({ fr: z.string(), nl: z.string() }).openapi("TerritoryNames", { description: "Official names in French and Dutch" });
const localName = z.string().openapi({ description: "In the caller's language (English falls back to French)" });
const LonLat = z.tuple([z.number(), z.number()]).openapi({ description: "[longitude, latitude], WGS84" });
const code = (name: string, description: string, example: number) =>
  z.coerce.number().int().positive().openapi({ param: { name, in: "path" }, description, example });

export const NeighbourhoodKind = z.enum(neighbourhoodKinds).openapi("NeighbourhoodKind");

export const PoliceZone = z
  .object({
    id: z.number().int().openapi({ example: 5339 }),
    name: localName,
    names: Names,
    shortName: z.string().nullable(),
    areaKm2: z.number(),
    population2020: z.number().int().openapi({ description: "Statbel, 1 January 2020: sum over the member municipalities" }),
    municipalities: z.array(z.number().int()).openapi({ description: "NIS codes of the member municipalities" }),
  })
  .openapi("PoliceZone");

export const Municipality = z
  .object({
    nisCode: z.number().int().openapi({ example: 21004 }),
    name: localName,
    names: Names,
    policeZoneId: z.number().int(),
    postalCodes: z.array(z.string()),
    areaKm2: z.number(),
    population2020: z.number().int().openapi({ description: "Statbel, 1 January 2020" }),
    centroid: LonLat,
    neighbourhoods: z.array(z.number().int()).openapi({ description: "Codes of the neighbourhoods whose largest part lies here" }),
  })
  .openapi("Municipality");

const Indicator = z.object({ value: z.number(), year: z.number().int() }).nullable();

export const Neighbourhood = z
  .object({
    code: z.number().int().openapi({ description: "Monitoring des Quartiers code (mdzone)", example: 1 }),
    kind: NeighbourhoodKind,
    name: localName,
    names: Names,
    areaKm2: z.number(),
    centroid: LonLat,
    primaryMunicipality: z.object({ nisCode: z.number().int(), name: z.string() }),
    primaryPoliceZone: z.number().int(),
    municipalities: z
      .array(z.object({ nisCode: z.number().int(), name: z.string(), share: z.number() }))
      .openapi({ description: "Every municipality holding more than 0.1% of the area, largest share first (share 0-1)" }),
    policeZones: z.array(z.number().int()).openapi({ description: "Zones holding at least 2% of the area, and the primary zone" }),
    population: z.number().int().nullable().openapi({ description: `Population on 1 January ${LAST_POPULATION_YEAR}` }),
    foreignNationals: z.number().int().nullable(),
    indicators: z.object({ unemploymentRate: Indicator, cpasRate: Indicator, bimRate: Indicator }).openapi({ description: "In %, each with the year it was measured" }),
  })
  .openapi("Neighbourhood");

export const PopulationPoint = z
  .object({
    year: z.number().int(),
    population: z.number().int().nullable(),
    foreignNationals: z.number().int().nullable(),
    foreignShare: z.number().nullable().openapi({ description: "Foreign nationals in % of the population (0-100)" }),
    nationalities: z.record(z.string(), z.number()).openapi({
      description: "Share of the population (%) per nationality group, where published. `french` is part of `eu14`; the other groups add up to the foreign share.",
    }),
  })
  .openapi("PopulationPoint");

export const NeighbourhoodProfile = Neighbourhood.extend({ series: z.array(PopulationPoint) }).openapi("NeighbourhoodProfile");

export const ZoneParam = z.object({ id: code("id", "Police zone number", 5339) });
export const MunicipalityParam = z.object({ nisCode: code("nisCode", "NIS code", 21004) });
export const NeighbourhoodParam = z.object({ code: code("code", "Neighbourhood code (mdzone)", 1) });

export const NeighbourhoodQuery = z.object({
  kind: NeighbourhoodKind.optional(),
  municipality: z.coerce.number().int().positive().optional().openapi({ description: "NIS code: neighbourhoods with any part in it", example: 21004 }),
});

export const GeoJsonParams = z.object({ level: z.enum(territoryLevels).openapi({ param: { name: "level", in: "path" } }) });
export const GeoJsonQuery = z.object({ detail: z.enum(geometryDetails).default("simplified") });

export const FeatureCollection = z
  .object({ type: z.literal("FeatureCollection"), features: z.array(z.unknown()) })
  .openapi("FeatureCollection", {
    description: "Features with `id` and `properties: { code, name_fr, name_nl }` (+ `kind`, `primaryMunicipality` for neighbourhoods); MultiPolygon geometries, WGS84",
  });

export const ChoroplethQuery = z.object({
  variable: z.enum(choroplethVariables),
  year: z.coerce.number().int().min(FIRST_POPULATION_YEAR).max(LAST_POPULATION_YEAR).default(LAST_POPULATION_YEAR),
  method: z.enum(breakMethods).default("quantile").openapi({ description: "How the 5 classes are cut" }),
});

export const Choropleth = z
  .object({
    variable: z.enum(choroplethVariables),
    year: z.number().int().openapi({ description: "Population year; for unemployment, cpas and bim, the year they were measured (the query year is ignored)" }),
    unit: z.enum(choroplethUnits).openapi({ description: "Translated by the client as `territory.unit.<unit>`" }),
    values: z.array(z.object({ code: z.number().int(), value: z.number().nullable() })),
    breaks: z.array(z.number()).openapi({ description: "6 class limits for 5 classes: minimum, 4 inner limits, maximum (of the non-null values)" }),
    source: z.string(),
  })
  .openapi("Choropleth");

export const LocateQuery = z.object({
  lon: z.coerce.number().min(-180).max(180).openapi({ example: 4.3525 }),
  lat: z.coerce.number().min(-90).max(90).openapi({ example: 50.8467 }),
});

const Ref = z.object({ name: z.string() });
export const Location = z
  .object({
    neighbourhood: Ref.extend({ code: z.number().int() }).nullable(),
    municipality: Ref.extend({ nisCode: z.number().int() }).nullable(),
    policeZone: Ref.extend({ id: z.number().int() }).nullable(),
  })
  .openapi("TerritoryLocation");

export const ApportionBody = z
  .strictObject({
    values: z
      .array(z.strictObject({ neighbourhood: z.number().int().positive(), value: z.number() }))
      .min(1)
      .max(APPORTION_MAX_VALUES),
  })
  .openapi("ApportionRequest");

export const Apportioned = z
  .object({ municipalities: z.array(z.object({ nisCode: z.number().int(), name: z.string(), value: z.number() })) })
  .openapi("Apportioned", { description: "All 19 municipalities; the values add up to the total sent" });

export const ExportQuery = z.object({
  level: z.enum(territoryLevels),
  format: z.enum(exportFormats).default("csv"),
});
