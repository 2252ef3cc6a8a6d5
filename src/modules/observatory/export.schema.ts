/**
 * Query schemas of the explorer's exports: the same query as the view (GET /rates, GET
 * /series) plus the measure shown and the file format, all with defaults so a bare GET answers.
 */
import { z } from "@hono/zod-openapi";
import { CategoryYearQuery, SeriesQuery } from "./observatory.schema.js";
import { tableFormats } from "./table-file.js";

export const explorerMeasures = ["count", "rate", "smoothed"] as const;
export type ExplorerMeasure = (typeof explorerMeasures)[number];

export const RatesExportQuery = CategoryYearQuery.extend({
  measure: z.enum(explorerMeasures).default("count").openapi({ description: "The measure the map shows (named in the XLSX `about` sheet and the file name); every column is written" }),
  format: z.enum(tableFormats).default("csv"),
});

export const seriesFormats = ["csv", "xlsx"] as const;
export const SeriesExportQuery = SeriesQuery.extend({ format: z.enum(seriesFormats).default("csv") });
