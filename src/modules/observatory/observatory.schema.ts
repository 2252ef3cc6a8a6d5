/**
 * Request and response schemas of the observatory's API: taxonomy, rates, series,
 * neighbourhood comparison, typology, batches and imports, priority-zone proposals.
 * Every GET query parameter has a default, so a bare GET answers.
 */
import { z } from "@hono/zod-openapi";
import { grains } from "./import/validate.js";

/** Years the observatory accepts in a query (the population series runs 1994-2025). */
export const FIRST_YEAR = 1990;
export const LAST_YEAR = 2100;
/** Longest monthly series one request may ask for (years). */
export const MAX_MONTHLY_YEARS = 40;

const year = (fallback: number, description: string) =>
  z.coerce.number().int().min(FIRST_YEAR).max(LAST_YEAR).default(fallback).openapi({ description, example: fallback });
const categoryCode = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9_.]+$/)
  .default("theft")
  .openapi({ description: "Category or phenomenon code of the active taxonomy (default `theft`)", example: "theft" });

export const CategoryYearQuery = z.object({ category: categoryCode, year: year(2018, "Calendar year (default 2018)") });
export const YearQuery = z.object({ year: year(2018, "Calendar year (default 2018)") });
export const CategoryQuery = z.object({ category: categoryCode });

export const SeriesQuery = z.object({
  category: categoryCode,
  level: z.enum(["region", "municipality", "neighbourhood"]).default("region"),
  code: z.coerce.number().int().positive().max(99_999).optional().openapi({ description: "Neighbourhood code or municipality NIS code (not for the region)" }),
  from: year(2009, "First year (default 2009)"),
  to: year(2018, "Last year (default 2018)"),
  step: z.enum(["month", "year"]).default("year"),
});

export const NeighbourhoodCodeParam = z.object({
  code: z.coerce.number().int().positive().max(99_999).openapi({ param: { name: "code", in: "path" }, example: 1 }),
});

const Labels = z.object({ fr: z.string(), nl: z.string(), en: z.string() });
export const Category = z
  .object({
    code: z.string(),
    level: z.enum(["category", "phenomenon"]),
    parentCode: z.string().nullable(),
    label: z.string().openapi({ description: "In the caller's language" }),
    labels: Labels,
    toVerify: z.boolean().openapi({ description: "The label was not checked against the official source" }),
  })
  .openapi("CrimeCategory");
export const Taxonomy = z.object({ version: z.string(), title: z.string(), categories: z.array(Category) }).openapi("CrimeTaxonomy");

const Interval = z.object({ lower: z.number(), upper: z.number() }).nullable();
const RateRow = z.object({
  code: z.number().int(),
  count: z.number().nullable(),
  population: z.number().nullable(),
  ratePer1000: z.number().nullable(),
  smoothedPer1000: z.number().nullable(),
  interval: Interval,
  suppressed: z.boolean(),
});
const Synthetic = {
  synthetic: z.boolean().openapi({ description: "True when some counted batch is synthetic (demo data): the figures are invented" }),
};
const Disclosure = {
  suppressed: z.boolean().openapi({ description: "True when disclosure control was applied (callers without `observatory.analyse`)" }),
  threshold: z.number().int().nullable().openapi({ description: "Counts below it are suppressed; null when not applied" }),
};
export const Rates = z
  .object({
    categoryCode: z.string(),
    year: z.number().int(),
    ...Synthetic,
    ...Disclosure,
    neighbourhoods: z.array(RateRow),
    region: z.object({ count: z.number().nullable().openapi({ description: "Null when suppressed (a small regional total)" }), population: z.number(), ratePer1000: z.number().nullable(), interval: Interval }),
  })
  .openapi("ObservatoryRates");

export const Series = z
  .object({
    categoryCode: z.string(),
    level: z.string(),
    code: z.number().int().nullable(),
    step: z.enum(["month", "year"]),
    ...Synthetic,
    ...Disclosure,
    total: z.number().nullable().openapi({ description: "Null when suppressed (a small total)" }),
    points: z.array(z.object({ period: z.string(), count: z.number().nullable(), suppressed: z.boolean() })),
  })
  .openapi("ObservatorySeries");

const Figure = z.object({ count: z.number().nullable(), population: z.number(), ratePer1000: z.number().nullable(), suppressed: z.boolean() });
export const Comparison = z
  .object({
    neighbourhood: z.number().int(),
    municipalityNis: z.number().int(),
    categoryCode: z.string(),
    ...Disclosure,
    years: z.array(z.object({ year: z.number().int(), neighbourhood: Figure, municipality: Figure, region: Figure })),
  })
  .openapi("ObservatoryComparison");

export const Typology = z
  .object({ year: z.number().int(), categories: z.array(z.string()), neighbourhoods: z.array(z.object({ code: z.number().int(), lq: z.array(z.number().nullable()) })) })
  .openapi("ObservatoryTypology");

export const Batch = z
  .object({
    id: z.number().int(),
    key: z.string(),
    grain: z.string(),
    source: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    filename: z.string(),
    sha256: z.string(),
    rows: z.number().int(),
    isSynthetic: z.boolean(),
    importedBy: z.number().int().nullable(),
    importedAt: z.string(),
  })
  .openapi("ObservatoryBatch");

export const ImportQuery = z.object({
  grain: z.enum(grains).default("aggregated"),
  source: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[\w.-]+$/)
    .openapi({ description: "Who sent the data, e.g. `federal-police` (part of the batch key)" }),
  dryRun: z.enum(["true", "false"]).default("true").openapi({ description: "`true` (default): check only; `false`: store, all or nothing" }),
});

const binary = z.string().openapi({ type: "string", format: "binary" });
export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** The file as the raw body. */
export const ImportBody = {
  body: { required: true, content: { "text/csv": { schema: binary }, [XLSX_CONTENT_TYPE]: { schema: binary } } },
} as const;

export const ImportAnswer = z
  .object({
    dryRun: z.boolean(),
    rows: z.number().int().openapi({ description: "Data rows read (header excluded)" }),
    batch: z.object({
      id: z.number().int().nullable().openapi({ description: "Null for a dry run" }),
      key: z.string().nullable(),
      periodStart: z.string().nullable(),
      periodEnd: z.string().nullable(),
      sha256: z.string(),
      replaced: z.boolean(),
    }),
  })
  .openapi("ObservatoryImport");
