/**
 * Request and response schemas of the observatory's publications (annual reports): the
 * draft request, the publication as listed, the file language and the manifest file.
 */
import { z } from "@hono/zod-openapi";
import { idSchema, pathIdSchema } from "../../../server/http/openapi.js";
import { SignedManifest } from "./manifest.js";

const year = z.number().int().min(1990).max(2100);

export const PublicationIdParam = z.object({ id: pathIdSchema("id") });

export const NewPublicationBody = z
  .strictObject({
    year: year.openapi({ description: "The report year (the last year covered)", example: 2018 }),
    fromYear: year.optional().openapi({ description: "First year; default year - 9, clipped to the data", example: 2009 }),
    batchIds: z.array(idSchema()).min(1).max(100).optional().openapi({ description: "Batches to count; default every aggregated batch of the active taxonomy overlapping the period" }),
  })
  .openapi("NewObservatoryPublication");

/** The language of a report file: French (default) or Dutch. */
export const ReportLangQuery = z.object({ lang: z.enum(["fr", "nl"]).default("fr").openapi({ description: "`fr` (default) or `nl`" }) });

export const Publication = z
  .object({
    id: z.number().int(),
    kind: z.string(),
    year: z.number().int(),
    title: z.string().openapi({ description: "In the caller's language" }),
    titles: z.object({ fr: z.string(), nl: z.string(), en: z.string() }),
    status: z.enum(["draft", "published", "withdrawn"]),
    period: z.object({ from: z.number().int(), to: z.number().int() }),
    synthetic: z.boolean().openapi({ description: "A batch counted is synthetic demo data" }),
    manifestSha256: z.string(),
    createdAt: z.string(),
    publishedAt: z.string().nullable(),
    actions: z.array(z.enum(["publish", "withdraw"])).openapi({ description: "What the caller may do with it now" }),
  })
  .openapi("ObservatoryPublication");

export const ManifestFile = SignedManifest.openapi("ObservatoryReportManifest");
