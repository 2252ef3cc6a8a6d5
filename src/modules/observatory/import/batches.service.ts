/**
 * Import batches as a whole: the overlap rule that keeps the explorer from counting the
 * same months twice, and the deletion of a batch with all its rows (audited).
 */
import type { Kysely } from "kysely";
import type { Db } from "../../../server/db/database.js";
import { lockChain } from "../../../server/db/dialect.js";
import type { Database } from "../../../server/db/schema.js";
import type { WriteContext } from "../../../server/http/context.js";
import { AppError, notFound } from "../../../shared/errors.js";
import { recordAudit } from "../../audit/audit.service.js";
import type { Grain } from "./validate.js";

/** Serialises the overlap check and the batch write of concurrent imports (PostgreSQL; SQLite writers are serial anyway). */
const BATCH_LOCK_KEY = 7_302;

export interface Overlap {
  /** The existing batch whose period overlaps. */
  batchKey: string;
  /** The first and last day both periods cover, YYYY-MM-DD. */
  from: string;
  to: string;
}

export interface BatchPeriod {
  source: string;
  grain: Grain;
  batchKey: string;
  periodStart: string;
  periodEnd: string;
}

/**
 * The first batch of the same source and grain, under another key, whose period overlaps
 * [periodStart, periodEnd]; null when none. A batch under the same key is not an overlap:
 * the import replaces it. A batch being imported has an empty period until it is complete,
 * so it overlaps nothing. Takes the batch lock, held until the transaction ends, so that
 * two imports cannot both pass the check.
 */
export async function overlappingBatch(trx: Kysely<Database>, batch: BatchPeriod): Promise<Overlap | null> {
  await lockChain(trx, BATCH_LOCK_KEY);
  const other = await trx
    .selectFrom("observatory_batches")
    .select(["batch_key", "period_start", "period_end"])
    .where("source", "=", batch.source)
    .where("grain", "=", batch.grain)
    .where("batch_key", "!=", batch.batchKey)
    .where("period_start", "<=", batch.periodEnd)
    .where("period_end", ">=", batch.periodStart)
    .orderBy("period_start")
    .orderBy("id")
    .executeTakeFirst();
  if (!other) return null;
  return {
    batchKey: other.batch_key,
    from: other.period_start > batch.periodStart ? other.period_start : batch.periodStart,
    to: other.period_end < batch.periodEnd ? other.period_end : batch.periodEnd,
  };
}

export interface DeletedBatch {
  id: number;
  batchKey: string;
  source: string;
  grain: string;
  periodStart: string;
  periodEnd: string;
  isSynthetic: boolean;
  /** Rows deleted: crime_counts of an aggregated batch, crime_facts of an individual one. */
  rows: number;
}

/** The year of a published annual report whose manifest counts batch `id`, or null. */
async function publishedReportCounting(trx: Kysely<Database>, id: number): Promise<number | null> {
  const published = await trx.selectFrom("observatory_publications").select(["year", "manifest"]).where("status", "=", "published").orderBy("year").execute();
  for (const { year, manifest } of published) {
    const { batches } = JSON.parse(manifest) as { batches?: { id: number }[] };
    if (batches?.some((b) => b.id === id)) return year;
  }
  return null;
}

/**
 * Deletes batch `id` and all its rows in one transaction, audited as
 * `observatory_batch.deleted` (the batch row as it was). 404 when absent; 409 while a
 * published annual report counts it (its figures could no longer be regenerated: withdraw
 * the report first).
 */
export async function deleteBatch(db: Db, ctx: WriteContext, id: number): Promise<DeletedBatch> {
  return db.transaction().execute(async (trx) => {
    await lockChain(trx, BATCH_LOCK_KEY);
    const batch = await trx.selectFrom("observatory_batches").selectAll().where("id", "=", id).executeTakeFirst();
    if (!batch) throw notFound("observatory_batch", id);
    const year = await publishedReportCounting(trx, id);
    if (year !== null) {
      throw new AppError("conflict", {
        fields: [{ field: "params.id", key: "observatoryImport.error.batchPublished", params: { batchKey: batch.batch_key, year } }],
        detail: `batch ${id} is counted in the published annual report ${year}`,
      });
    }
    const counts = await trx.deleteFrom("crime_counts").where("batch_id", "=", id).executeTakeFirst();
    const facts = await trx.deleteFrom("crime_facts").where("batch_id", "=", id).executeTakeFirst();
    await trx.deleteFrom("observatory_batches").where("id", "=", id).execute();
    const rows = Number(counts.numDeletedRows) + Number(facts.numDeletedRows);
    await recordAudit(trx, ctx, { action: "observatory_batch.deleted", entityType: "observatory_batch", entityId: id, before: batch });
    return {
      id,
      batchKey: batch.batch_key,
      source: batch.source,
      grain: batch.grain,
      periodStart: batch.period_start,
      periodEnd: batch.period_end,
      isSynthetic: batch.is_synthetic === 1,
      rows,
    };
  });
}
