/**
 * Imports a file of registered crime into the observatory: aggregated monthly counts or
 * individual facts, streamed row by row, all or nothing in ONE transaction. Importing
 * the same batch again (same source|grain|period_start|period_end) replaces it.
 */
import { randomUUID } from "node:crypto";
import { basename } from "node:path";
import { CompiledQuery, type Transaction } from "kysely";
import type { Db } from "../../../server/db/database.js";
import { MAX_PARAMETERS } from "../../../server/db/batch.js";
import type { Database } from "../../../server/db/schema.js";
import { openRows, type FileFormat } from "./sources.js";
import {
  checkHeader,
  countRowChecker,
  factRowChecker,
  monthBounds,
  type CountRow,
  type FactRow,
  type Grain,
  type Lookups,
  type RowError,
} from "./validate.js";

export interface ImportProgress {
  rows: number;
  bytesRead: number;
  totalBytes: number;
}

export interface ImportOptions {
  file: string;
  grain: Grain;
  /** Who sent the data, e.g. `federal-police`; part of the batch key. */
  source: string;
  format?: FileFormat;
  /** Name recorded with the batch (default: the file's base name). */
  filename?: string;
  /** YYYY-MM-DD; derived from the data when not given (rows outside a given period are errors). */
  periodStart?: string;
  periodEnd?: string;
  importedBy?: number | null;
  isSynthetic?: boolean;
  /** Check and count everything, write nothing. */
  dryRun?: boolean;
  /** Rows per INSERT (default 1000). */
  batchSize?: number;
  /** Row errors kept (default 1000); all are counted. */
  maxErrors?: number;
  /** Called every `batchSize` rows and at the end; throwing from it aborts the import (nothing written). */
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportResult {
  ok: boolean;
  dryRun: boolean;
  batchId: number | null;
  batchKey: string | null;
  /** Data rows read (header excluded). */
  rows: number;
  /** The first `maxErrors` errors, in file order. */
  errors: RowError[];
  errorCount: number;
  periodStart: string | null;
  periodEnd: string | null;
  sha256: string;
  /** True when a batch with the same key was there and has been replaced. */
  replaced: boolean;
}

class Rollback extends Error {}

/**
 * Multi-row INSERTs of one table's fixed columns. Kysely compiles the statement once per
 * row count (its placeholders are the dialect's); each batch then only fills a flat array
 * of parameters, instead of Kysely building and compiling a query tree of every value.
 */
class BulkInsert<R> {
  private readonly sqlByRows = new Map<number, string>();
  private readonly perStatement: number;
  constructor(
    private readonly trx: Transaction<Database>,
    private readonly table: "crime_counts" | "crime_facts",
    private readonly columns: readonly (keyof R & string)[],
    private readonly batchId: number,
  ) {
    this.perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / (columns.length + 1)));
  }
  private sqlFor(rows: number): string {
    let text = this.sqlByRows.get(rows);
    if (text === undefined) {
      const row = Object.fromEntries([...this.columns, "batch_id"].map((c) => [c, null]));
      text = this.trx.insertInto(this.table).values(Array.from({ length: rows }, () => row) as never).compile().sql;
      this.sqlByRows.set(rows, text);
    }
    return text;
  }
  async insert(rows: R[]): Promise<void> {
    const { columns, batchId } = this;
    for (let start = 0; start < rows.length; start += this.perStatement) {
      const end = Math.min(rows.length, start + this.perStatement);
      const parameters: unknown[] = [];
      for (let i = start; i < end; i++) {
        const row = rows[i]!;
        for (let c = 0; c < columns.length; c++) parameters.push(row[columns[c]!]);
        parameters.push(batchId);
      }
      await this.trx.executeQuery(CompiledQuery.raw(this.sqlFor(end - start), parameters));
    }
  }
}

function isBlank(cells: string[]): boolean {
  for (let i = 0; i < cells.length; i++) if (cells[i]!.trim() !== "") return false;
  return true;
}

export function batchKeyOf(source: string, grain: Grain, periodStart: string, periodEnd: string): string {
  return `${source}|${grain}|${periodStart}|${periodEnd}`;
}

async function lookupsOf(trx: Transaction<Database>): Promise<{ taxonomyId: number; lookups: Lookups } | null> {
  const taxonomy = await trx.selectFrom("crime_taxonomies").select("id").where("status", "=", "active").orderBy("id", "desc").executeTakeFirst();
  if (!taxonomy) return null;
  const categories = await trx.selectFrom("crime_categories").select(["id", "code"]).where("taxonomy_id", "=", taxonomy.id).execute();
  const neighbourhoods = await trx.selectFrom("neighbourhoods").select("code").execute();
  return {
    taxonomyId: taxonomy.id,
    lookups: { categories: new Map(categories.map((c) => [c.code, c.id])), neighbourhoods: new Set(neighbourhoods.map((n) => n.code)) },
  };
}

async function run(trx: Transaction<Database>, options: ImportOptions): Promise<ImportResult> {
  const { grain, batchSize = 1000, maxErrors = 1000 } = options;
  const errors: RowError[] = [];
  let errorCount = 0;
  const fail = (found: RowError[]) => {
    errorCount += found.length;
    for (const e of found) if (errors.length < maxErrors) errors.push(e);
  };
  const result = (rows: number, sha256: string): ImportResult => ({
    ok: false, dryRun: !!options.dryRun, batchId: null, batchKey: null, rows, errors, errorCount, periodStart: null, periodEnd: null, sha256, replaced: false,
  });

  const context = await lookupsOf(trx);
  if (!context) {
    fail([{ row: 0, column: "", value: "", key: "observatoryImport.error.noTaxonomy" }]);
    return result(0, "");
  }
  const pending = await trx
    .insertInto("observatory_batches")
    .values({
      batch_key: `pending|${randomUUID()}`, grain, source: options.source, period_start: "", period_end: "", taxonomy_id: context.taxonomyId,
      filename: options.filename ?? basename(options.file), sha256: "", rows: 0, is_synthetic: options.isSynthetic ? 1 : 0,
      imported_by: options.importedBy ?? null, imported_at: new Date().toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();

  const { rows: source, meter } = openRows(options.file, options.format);
  let index: Map<string, number> | undefined;
  let rows = 0;
  let first: string | undefined;
  let last: string | undefined;
  let buffer: (CountRow | FactRow)[] = [];
  const inserter = grain === "aggregated"
    ? new BulkInsert<CountRow>(trx, "crime_counts", ["neighbourhood_code", "category_id", "month", "count"], pending.id)
    : new BulkInsert<FactRow>(trx, "crime_facts", ["occurred_at", "category_id", "neighbourhood_code", "lon", "lat", "attempt", "victim_type"], pending.id);
  const flush = async () => {
    if (buffer.length && errorCount === 0) await (inserter as BulkInsert<CountRow | FactRow>).insert(buffer);
    buffer = [];
  };
  let headerOk = false;
  const aggregated = grain === "aggregated";
  let check: ((row: number, cells: string[], errors: RowError[]) => CountRow | FactRow | undefined) | undefined;
  const rowErrors: RowError[] = [];
  let lastMonth = "", monthFrom = "", monthTo = "";
  const next = async () => {
    try {
      return await source.next();
    } catch (err) {
      // A malformed CSV (e.g. an unclosed quote) is a row error, not a crash.
      const code = (err as { code?: unknown }).code;
      if (typeof code !== "string" || !code.startsWith("CSV_")) throw err;
      fail([{ row: Number((err as { lines?: number }).lines ?? 0), column: "", value: "", key: "observatoryImport.error.unreadable" }]);
      return { done: true as const, value: undefined };
    }
  };
  try {
  for (let item = await next(); !item.done; item = await next()) {
    const { row, cells } = item.value;
    if (!index) {
      const header = checkHeader(grain, cells);
      index = header.index;
      headerOk = header.errors.length === 0;
      check = grain === "aggregated" ? countRowChecker(index, context.lookups) : factRowChecker(index, context.lookups);
      fail(header.errors);
      continue;
    }
    if (isBlank(cells)) continue;
    rows++;
    if (headerOk) {
      const value = check!(row, cells, rowErrors);
      if (value) {
        let from: string, to: string;
        if (aggregated) {
          const month = (value as CountRow).month;
          // Consecutive rows mostly share a month: skip the lookup then.
          if (month !== lastMonth) [lastMonth, monthFrom, monthTo] = [month, ...monthBounds(month)];
          from = monthFrom;
          to = monthTo;
        } else {
          from = to = (value as FactRow).occurred_at.slice(0, 10);
        }
        if ((options.periodStart && from < options.periodStart) || (options.periodEnd && to > options.periodEnd)) {
          const column = aggregated ? "month" : "occurred_at";
          fail([{ row, column, value: from, key: "observatoryImport.error.outsidePeriod" }]);
        } else {
          if (!first || from < first) first = from;
          if (!last || to > last) last = to;
          buffer.push(value);
        }
      }
      if (rowErrors.length) {
        fail(rowErrors);
        rowErrors.length = 0;
      }
    }
    if (rows % batchSize === 0) {
      await flush();
      options.onProgress?.({ rows, bytesRead: meter.bytesRead, totalBytes: meter.totalBytes });
    }
  }
  await flush();
  options.onProgress?.({ rows, bytesRead: meter.bytesRead, totalBytes: meter.totalBytes });
  } finally {
    await source.return(undefined); // closes the file when the loop stopped early
  }
  const sha256 = meter.sha256();
  if (!index || rows === 0) fail([{ row: 0, column: "", value: "", key: "observatoryImport.error.empty" }]);
  if (errorCount > 0) return result(rows, sha256);

  const periodStart = options.periodStart ?? first!;
  const periodEnd = options.periodEnd ?? last!;
  const batchKey = batchKeyOf(options.source, grain, periodStart, periodEnd);
  const old = await trx.selectFrom("observatory_batches").select("id").where("batch_key", "=", batchKey).executeTakeFirst();
  if (old) {
    await trx.deleteFrom("crime_counts").where("batch_id", "=", old.id).execute();
    await trx.deleteFrom("crime_facts").where("batch_id", "=", old.id).execute();
    await trx.deleteFrom("observatory_batches").where("id", "=", old.id).execute();
  }
  await trx
    .updateTable("observatory_batches")
    .set({ batch_key: batchKey, period_start: periodStart, period_end: periodEnd, sha256, rows })
    .where("id", "=", pending.id)
    .execute();
  return { ...result(rows, sha256), ok: true, batchId: options.dryRun ? null : pending.id, batchKey, periodStart, periodEnd, replaced: !!old };
}

/**
 * Reads, checks and stores `options.file`. Any row error rolls everything back and the
 * errors are returned (`ok: false`); a thrown error (I/O, progress callback) rolls back too.
 */
export async function importObservatoryFile(db: Db, options: ImportOptions): Promise<ImportResult> {
  let outcome: ImportResult | undefined;
  try {
    await db.transaction().execute(async (trx) => {
      outcome = await run(trx, options);
      if (!outcome.ok || options.dryRun) throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  return outcome!;
}
