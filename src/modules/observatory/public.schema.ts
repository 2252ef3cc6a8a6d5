/**
 * Request and response schemas of the observatory's public (anonymous) API: published years,
 * top-level categories, a year's figures, a category's regional series and the open data.
 * Every query parameter has a default (the year: the last published one).
 */
import { z } from "@hono/zod-openapi";
import { FIRST_YEAR, LAST_YEAR } from "./observatory.schema.js";
import { openDataFormats } from "./public.open-data.js";

const category = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9_.]+$/)
  .default("theft")
  .openapi({ description: "Top-level category code of the active taxonomy (default `theft`)", example: "theft" });

export const FiguresQuery = z.object({
  year: z.coerce.number().int().min(FIRST_YEAR).max(LAST_YEAR).optional().openapi({ description: "A published year (default: the last one)", example: 2018 }),
  category,
});
export const SeriesQuery = z.object({ category });
export const DatasetParam = z.object({
  dataset: z
    .string()
    .max(60)
    .regex(/^[a-z0-9-]+$/)
    .openapi({ param: { name: "dataset", in: "path" }, description: "`neighbourhoods-<year>` or `region-series` (see the catalogue)", example: "region-series" }),
});
export const OpenDataQuery = z.object({
  format: z.enum(openDataFormats).default("csv").openapi({ description: "`csv` (default) or `geojson` (neighbourhood tables only)" }),
});

const Disclosure = {
  threshold: z.number().int().openapi({ description: "Counts from 1 to threshold - 1 are never published, nor what would give them away" }),
  synthetic: z.boolean().openapi({ description: "Some data counted are synthetic (demo): the figures describe no real crime" }),
};
const CategoryRef = z.object({ code: z.string(), label: z.string().openapi({ description: "In the caller's language" }) });
const count = (description: string) => z.number().int().nullable().openapi({ description: `${description}; null when suppressed` });

export const PublicYears = z
  .object({ years: z.array(z.number().int()).openapi({ description: "Published years, ascending; empty when nothing is published" }), latest: z.number().int().nullable(), ...Disclosure })
  .openapi("PublicYears");

export const PublicCategories = z
  .object({ categories: z.array(z.object({ code: z.string(), label: z.string(), labels: z.object({ fr: z.string(), nl: z.string(), en: z.string() }) })) })
  .openapi("PublicCategories");

export const PublicFigures = z
  .object({
    year: z.number().int(),
    category: CategoryRef,
    ...Disclosure,
    neighbourhoods: z.array(
      z.object({
        code: z.number().int(),
        name: z.string().openapi({ description: "In the caller's language (French for English)" }),
        names: z.object({ fr: z.string(), nl: z.string() }),
        population: z.number().int().nullable(),
        count: count("The category's count"),
        ratePer1000: z.number().nullable().openapi({ description: "Per 1,000 residents; null when the count is suppressed or nobody lives there" }),
        suppressed: z.boolean(),
        total: count("All top-level categories together"),
        totalSuppressed: z.boolean(),
      }),
    ),
    region: z.object({
      population: z.number().int(),
      count: count("The category's count in the region"),
      ratePer1000: z.number().nullable(),
      suppressed: z.boolean(),
      total: count("All top-level categories together in the region"),
      totalSuppressed: z.boolean(),
    }),
  })
  .openapi("PublicFigures");

export const PublicSeries = z
  .object({
    category: CategoryRef,
    ...Disclosure,
    points: z.array(z.object({ year: z.number().int(), count: count("The region's count"), suppressed: z.boolean() })),
    total: count("Sum over the years, published only when every year is"),
    totalSuppressed: z.boolean(),
  })
  .openapi("PublicSeries");

export const OpenDataCatalogue = z.record(z.string(), z.unknown()).openapi("OpenDataCatalogue", { description: "DCAT-AP style catalogue (JSON-LD)" });
