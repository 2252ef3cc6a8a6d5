/**
 * Request and response schemas of the neighbourhood profile
 * (`GET /api/observatory/neighbourhoods/{code}/profile` and its export). Every query
 * parameter has a default, so a bare GET answers.
 */
import { z } from "@hono/zod-openapi";
import { FIRST_YEAR, LAST_YEAR } from "./observatory.schema.js";

const year = (fallback: number, description: string) =>
  z.coerce.number().int().min(FIRST_YEAR).max(LAST_YEAR).default(fallback).openapi({ description, example: fallback });

export const ProfileQuery = z.object({
  from: year(2009, "First year (default 2009), clipped to the years with data"),
  to: year(2018, "Last year (default 2018), clipped to the years with data"),
  phenomena: z.enum(["true", "false"]).default("false").openapi({ description: "`true`: the phenomena too, after the categories (default `false`)" }),
});

export const profileFormats = ["csv", "xlsx"] as const;
export const ProfileExportQuery = ProfileQuery.extend({ format: z.enum(profileFormats).default("csv") });

const Names = z.object({ fr: z.string(), nl: z.string() });
const Labels = z.object({ fr: z.string(), nl: z.string(), en: z.string() });
const Indicator = z.object({ value: z.number(), year: z.number().int() }).nullable();

const Point = z.object({
  year: z.number().int(),
  count: z.number().int().nullable(),
  population: z.number().int().nullable(),
  ratePer1000: z.number().nullable(),
  suppressed: z.boolean(),
});
const Area = z.object({
  total: z.number().int().nullable().openapi({ description: "Sum over the period; null when it would give a suppressed count back" }),
  points: z.array(Point),
  change: z
    .object({ from: z.number().int(), to: z.number().int(), countPercent: z.number().nullable(), ratePercent: z.number().nullable() })
    .nullable()
    .openapi({ description: "First to last year of the period, in %; null when either year is suppressed or the period has one year" }),
});

export const ProfileCategory = z
  .object({
    code: z.string(),
    level: z.enum(["category", "phenomenon"]),
    parentCode: z.string().nullable(),
    label: z.string().openapi({ description: "In the caller's language" }),
    labels: Labels,
    toVerify: z.boolean(),
    neighbourhood: Area,
    municipality: Area.openapi({ description: "The neighbourhoods whose primary municipality it is" }),
    region: Area,
    trend: z
      .object({
        measure: z.literal("rate"),
        n: z.number().int(),
        s: z.number().int(),
        z: z.number(),
        pValue: z.number(),
        exact: z.boolean().openapi({ description: "Exact permutation p (up to 10 years without ties); otherwise from z" }),
        tau: z.number(),
        direction: z.enum(["increasing", "decreasing", "none"]),
        significant: z.boolean().openapi({ description: "p < 0.05" }),
      })
      .nullable()
      .openapi({ description: "Mann-Kendall on the neighbourhood's yearly rate; null under 3 years, without residents or events, or when a year is suppressed" }),
    yearOnYear: z
      .object({ from: z.number().int(), to: z.number().int(), rateRatio: z.number().nullable(), pValue: z.number(), significant: z.boolean() })
      .nullable()
      .openapi({ description: "Conditional binomial test of the last two years (exact, two-sided)" }),
    rank: z
      .object({ year: z.number().int(), position: z.number().int(), of: z.number().int() })
      .nullable()
      .openapi({ description: "Rank of the rate in the last year among residential neighbourhoods with residents (1 = highest; null when none has an event); without `observatory.analyse`, among those whose count is published" }),
  })
  .openapi("NeighbourhoodCrimeProfileCategory");

export const NeighbourhoodCrimeProfile = z
  .object({
    neighbourhood: z.object({
      code: z.number().int(),
      kind: z.string(),
      name: z.string().openapi({ description: "In the caller's language" }),
      names: Names,
      municipality: z.object({ nisCode: z.number().int(), name: z.string(), names: Names }),
      policeZone: z.object({ id: z.number().int(), name: z.string().nullable(), names: Names.nullable() }),
      policeZones: z.array(z.number().int()),
    }),
    period: z.object({ from: z.number().int(), to: z.number().int() }).nullable().openapi({ description: "The years shown: the request clipped to the data; null without data" }),
    years: z.array(z.number().int()),
    suppressed: z.boolean().openapi({ description: "True when disclosure control was applied (callers without `observatory.analyse`)" }),
    threshold: z.number().int().nullable(),
    context: z.object({
      year: z.number().int(),
      population: z.number().int().nullable(),
      municipalityPopulation: z.number().int().nullable(),
      regionPopulation: z.number().int().nullable(),
      regionShare: z.number().nullable().openapi({ description: "Share of the region's population, 0-1" }),
      indicators: z.object({ unemploymentRate: Indicator, cpasRate: Indicator, bimRate: Indicator }).openapi({ description: "From the territory module, in %, each with its year" }),
    }),
    categories: z.array(ProfileCategory),
  })
  .openapi("NeighbourhoodCrimeProfile");
