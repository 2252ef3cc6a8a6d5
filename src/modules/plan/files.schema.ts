/**
 * Request and response schemas of the plan's files: XLSX export and import, snapshots,
 * report packs and the snapshot diff.
 */
import { z } from "@hono/zod-openapi";
import { queryIdSchema } from "../../server/http/openapi.js";
import { NAME_MAX_LENGTH } from "../../shared/limits.js";
import { columnKeys } from "./xlsx-columns.js";
import { XLSX_TYPE } from "./xlsx-export.js";
import { Actions } from "./plan.schema.js";

/** The language of a file: French or Dutch (the caller's language when absent, French for English). */
export const FileLangQuery = z.object({ lang: z.enum(["fr", "nl"]).optional() });

export const ImportQuery = z.object({
  dryRun: z.enum(["true", "false"]).default("true").openapi({ description: "`true` (default): check and preview only; `false`: apply, all or nothing" }),
  lang: z.enum(["fr", "nl", "en"]).optional().openapi({ description: "Language of the messages (the caller's language when absent)" }),
});

const binary = z.string().openapi({ type: "string", format: "binary" });

/** The workbook, raw or as the `file` part of a multipart form. */
export const ImportBody = {
  body: {
    required: true,
    content: {
      [XLSX_TYPE]: { schema: binary },
      "application/octet-stream": { schema: binary },
      "multipart/form-data": { schema: z.object({ file: z.any().optional().openapi({ type: "string", format: "binary" }) }) },
    },
  },
} as const;

export const xlsxResponse = (description: string) => ({ description, content: { [XLSX_TYPE]: { schema: binary } } }) as const;
export const pdfResponse = (description: string) => ({ description, content: { "application/pdf": { schema: binary } } }) as const;

const cell = z.union([z.string(), z.number()]).nullable();

export const ImportResult = z
  .object({
    dryRun: z.boolean(),
    summary: z.object({ rows: z.number().int(), changed: z.number().int(), unchanged: z.number().int(), created: z.number().int(), errors: z.number().int() }),
    changes: z.array(z.object({ row: z.number().int(), code: z.string(), field: z.enum(columnKeys), before: cell, after: cell })),
    errors: z.array(z.object({ row: z.number().int(), column: z.string(), code: z.string(), message: z.string() })),
  })
  .openapi("PlanImportResult");

export const NewSnapshotBody = z.strictObject({ title: z.string().trim().min(1).max(NAME_MAX_LENGTH) }).openapi("NewPlanSnapshot");

export const SnapshotSummary = z
  .object({
    id: z.number().int(),
    planId: z.number().int(),
    version: z.number().int(),
    title: z.string(),
    takenAt: z.string(),
    takenBy: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    sha256: z.string(),
    actions: Actions,
  })
  .openapi("PlanSnapshot");

export const DiffQuery = z.object({ against: queryIdSchema().openapi({ description: "The snapshot to compare with (the earlier state)" }) });

const ref = z.object({ id: z.number().int(), version: z.number().int(), takenAt: z.string() });
const value = z.union([z.string(), z.number()]).nullable();
export const SnapshotDiff = z
  .object({
    from: ref,
    to: ref,
    plan: z.object({ progressBefore: z.number().nullable(), progressAfter: z.number().nullable() }),
    themes: z.array(z.object({ number: z.number().int(), title: z.string(), progressBefore: z.number().nullable(), progressAfter: z.number().nullable() })),
    measures: z.array(z.object({ code: z.string(), title: z.string(), changes: z.array(z.object({ field: z.string(), before: value, after: value })) })),
    added: z.array(z.string()),
    removed: z.array(z.string()),
  })
  .openapi("PlanSnapshotDiff");
