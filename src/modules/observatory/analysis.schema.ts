/**
 * Request and response schemas of the hot-spot (Gi*) and cluster (local Moran) maps and of
 * their exports. Every query parameter has a default, so a bare GET answers.
 */
import { z } from "@hono/zod-openapi";
import {
  ANALYSIS_DEFAULTS,
  analysisMeasures,
  analysisWeightNames,
  corrections,
  MAX_ALPHA,
  MAX_PERMUTATIONS,
  MIN_PERMUTATIONS,
} from "./analysis.service.js";
import { CategoryYearQuery } from "./observatory.schema.js";
import { tableFormats } from "./table-file.js";

export const AnalysisQuery = CategoryYearQuery.extend({
  measure: z.enum(analysisMeasures).default("smoothed").openapi({ description: "`rate` per 1,000 residents or its Empirical Bayes `smoothed` form (default)" }),
  weights: z.enum(analysisWeightNames).default("queen").openapi({ description: "`queen` contiguity (default) or `knn`, the 6 nearest neighbours" }),
  permutations: z.coerce
    .number()
    .int()
    .min(MIN_PERMUTATIONS)
    .max(MAX_PERMUTATIONS)
    .default(ANALYSIS_DEFAULTS.permutations)
    .openapi({ description: `Conditional permutations (default ${ANALYSIS_DEFAULTS.permutations}; 9,999 for publication)` }),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(0xffffffff)
    .default(ANALYSIS_DEFAULTS.seed)
    .openapi({ description: `Seed of the permutations (default ${ANALYSIS_DEFAULTS.seed}): the same seed gives the same answer` }),
  alpha: z.coerce.number().gt(0).max(MAX_ALPHA).default(ANALYSIS_DEFAULTS.alpha).openapi({ description: "Significance level (default 0.05)" }),
  correction: z.enum(corrections).default(ANALYSIS_DEFAULTS.correction).openapi({ description: "`fdr`: Benjamini-Hochberg over the tested neighbourhoods (default); `none`" }),
});

export const AnalysisExportQuery = AnalysisQuery.extend({
  format: z.enum(tableFormats).default("csv").openapi({ description: "`csv` (default), `xlsx` or `geojson`" }),
});

const Head = {
  categoryCode: z.string(),
  year: z.number().int(),
  measure: z.enum(analysisMeasures),
  weights: z.enum(analysisWeightNames),
  permutations: z.number().int(),
  seed: z.number().int(),
  alpha: z.number(),
  correction: z.enum(corrections),
  synthetic: z.boolean().openapi({ description: "True when some counted batch is synthetic (demo data)" }),
  analysed: z.number().int().openapi({ description: "Neighbourhoods in the analysis set (residential, with residents that year)" }),
  tested: z.number().int().openapi({ description: "Analysed neighbourhoods with a pseudo-p (not islands)" }),
  significant: z.number().int().openapi({ description: "Neighbourhoods significant after the correction" }),
  moran: z
    .object({
      I: z.number().nullable(),
      expected: z.number(),
      z: z.number().nullable().openapi({ description: "Under randomisation" }),
      pseudoP: z.number().nullable().openapi({ description: "Permutation pseudo-p (same permutations and seed)" }),
    })
    .openapi({ description: "Global Moran's I of the analysed values, row-standardised weights" }),
};

const Unit = {
  code: z.number().int(),
  kind: z.string(),
  analysed: z.boolean(),
  island: z.boolean(),
  count: z.number(),
  population: z.number().nullable(),
  value: z.number().nullable().openapi({ description: "The analysed rate per 1,000 (raw or smoothed); null outside the analysis set" }),
  pseudoP: z.number().nullable(),
  adjustedP: z.number().nullable().openapi({ description: "BH-adjusted p with `fdr`, the pseudo-p itself with `none`" }),
  significant: z.boolean(),
};

export const HotSpotsAnswer = z
  .object({
    ...Head,
    neighbourhoods: z.array(
      z.object({ ...Unit, z: z.number().nullable(), bin: z.number().int().min(-3).max(3).openapi({ description: "+-3/2/1 at 99/95/90 % where significant, else 0" }) }),
    ),
  })
  .openapi("ObservatoryHotSpots");

export const ClustersAnswer = z
  .object({
    ...Head,
    neighbourhoods: z.array(
      z.object({ ...Unit, localI: z.number().nullable(), quadrant: z.enum(["HH", "LH", "LL", "HL"]).nullable().openapi({ description: "Where significant, else null" }) }),
    ),
  })
  .openapi("ObservatoryClusters");
