/**
 * Imports a file of registered crime into the observatory: aggregated monthly counts or
 * individual facts, streamed a chunk of rows at a time, all or nothing in ONE transaction.
 * Importing the same batch again (same source|grain|period_start|period_end) replaces it;
 * a batch whose period overlaps another batch of the same source and grain is refused.
 */
import { randomUUID } from "node:crypto";
import { basename } from "node:path";
import { CompiledQuery, sql, type Kysely, type Transaction } from "kysely";
import type { Db } from "../../../server/db/database.js";
import { MAX_PARAMETERS } from "../../../server/db/batch.js";
import { dialectOf } from "../../../server/db/dialect.js";
import type { Database } from "../../../server/db/schema.js";
import { overlappingBatch } from "./batches.service.js";
import { openRows, UnreadableFile, type FileFormat, type SourceRow } from "./sources.js";
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
 * A full batch is one statement; a shorter one (the file's last) is cut into powers of two,
 * so that all imports share a dozen statement texts (SQLite keeps each prepared) instead of
 * one per remainder size.
 */
class BulkInsert<R> {
  private readonly sqlByRows = new Map<number, string>();
  private readonly full: number;
  constructor(
    private readonly trx: Transaction<Database>,
    private readonly table: "crime_counts" | "crime_facts",
    private readonly columns: readonly (keyof R & string)[],
    private readonly batchId: number,
    batchSize: number,
  ) {
    this.full = Math.max(1, Math.min(batchSize, Math.floor(MAX_PARAMETERS / (columns.length + 1))));
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
  /** Rows of the next statement when `left` rows remain. */
  private sizeFor(left: number): number {
    return left >= this.full ? this.full : 2 ** Math.floor(Math.log2(left));
  }
  async insert(rows: R[]): Promise<void> {
    const { columns, batchId } = this;
    const width = columns.length + 1;
    for (let start = 0; start < rows.length; ) {
      const size = this.sizeFor(rows.length - start);
      const parameters: unknown[] = new Array(size * width);
      let p = 0;
      for (let i = start; i < start + size; i++) {
        const row = rows[i]!;
        for (let c = 0; c < columns.length; c++) parameters[p++] = row[columns[c]!];
        parameters[p++] = batchId;
      }
      await this.trx.executeQuery(CompiledQuery.raw(this.sqlFor(size), parameters));
      start += size;
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

/**
 * A copy of `text` that does not keep alive the file chunk it was cut from (V8 slices
 * strings of 13 characters or more as views of their parent): row errors are kept until
 * the end, and 1,000 of them must not hold 1,000 chunks of the file.
 */
function detached(text: string): string {
  return text.length < 13 ? text : (" " + text).slice(1);
}

async function run(trx: Transaction<Database>, options: ImportOptions): Promise<ImportResult> {
  const { grain, batchSize = 1000, maxErrors = 1000 } = options;
  const errors: RowError[] = [];
  let errorCount = 0;
  const fail = (found: RowError[]) => {
    errorCount += found.length;
    for (const e of found) if (errors.length < maxErrors) errors.push({ ...e, value: detached(e.value) });
  };
  const result = (rows: number, sha256: string): ImportResult => ({
    ok: false, dryRun: !!options.dryRun, batchId: null, batchKey: null, rows, errors, errorCount, periodStart: null, periodEnd: null, sha256, replaced: false,
  });

  const context = await lookupsOf(trx);
  if (!context) {
    fail([{ row: 0, column: "", value: "", key: "observatoryImport.error.noTaxonomy" }]);
    return result(0, "");
  }
  // The one reference the rows read do not check (SQLite imports without foreign-key enforcement).
  if (options.importedBy != null && !(await trx.selectFrom("users").select("id").where("id", "=", options.importedBy).executeTakeFirst())) {
    throw new Error(`observatory import: importedBy ${options.importedBy} is not a user`);
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

  const { chunks, meter } = openRows(options.file, options.format);
  let index: Map<string, number> | undefined;
  let rows = 0;
  let first: string | undefined;
  let last: string | undefined;
  let buffer: (CountRow | FactRow)[] = [];
  const inserter = grain === "aggregated"
    ? new BulkInsert<CountRow>(trx, "crime_counts", ["neighbourhood_code", "category_id", "month", "count"], pending.id, batchSize)
    : new BulkInsert<FactRow>(trx, "crime_facts", ["occurred_at", "category_id", "neighbourhood_code", "lon", "lat", "attempt", "victim_type"], pending.id, batchSize);
  // A dry run checks every row and stores none (the rows were checked against the same lookups the database has).
  const flush = async () => {
    if (buffer.length && errorCount === 0 && !options.dryRun) await (inserter as BulkInsert<CountRow | FactRow>).insert(buffer);
    buffer = [];
  };
  let headerOk = false;
  const aggregated = grain === "aggregated";
  let check: ((row: number, cells: string[], errors: RowError[]) => CountRow | FactRow | undefined) | undefined;
  const rowErrors: RowError[] = [];
  let lastMonth = "", monthFrom = "", monthTo = "";
  const next = async (): Promise<IteratorResult<SourceRow[]>> => {
    try {
      return await chunks.next();
    } catch (err) {
      // A malformed CSV (e.g. an unclosed quote) is a row error, not a crash.
      if (!(err instanceof UnreadableFile)) throw err;
      fail([{ row: err.line, column: "", value: "", key: "observatoryImport.error.unreadable" }]);
      return { done: true, value: undefined };
    }
  };
  try {
  for (let chunk = await next(); !chunk.done; chunk = await next()) {
    for (const { row, cells } of chunk.value) {
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
  }
  await flush();
  options.onProgress?.({ rows, bytesRead: meter.bytesRead, totalBytes: meter.totalBytes });
  } finally {
    await chunks.return(undefined); // closes the file when the loop stopped early
  }
  const sha256 = meter.sha256();
  if (!index || rows === 0) fail([{ row: 0, column: "", value: "", key: "observatoryImport.error.empty" }]);
  if (errorCount > 0) return result(rows, sha256);

  const periodStart = options.periodStart ?? first!;
  const periodEnd = options.periodEnd ?? last!;
  const batchKey = batchKeyOf(options.source, grain, periodStart, periodEnd);
  const overlap = await overlappingBatch(trx, { source: options.source, grain, batchKey, periodStart, periodEnd });
  if (overlap) {
    fail([{ row: 0, column: "period", value: overlap.batchKey, key: "observatoryImport.error.overlap", params: { batchKey: overlap.batchKey, from: overlap.from, to: overlap.to } }]);
    return result(rows, sha256);
  }
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

/** Runs the import in one transaction of `db`; a result that is not ok, or a dry run, is rolled back. */
async function inImportTransaction(db: Kysely<Database>, options: ImportOptions): Promise<ImportResult> {
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

/**
 * On SQLite the import runs on its connection with foreign-key enforcement off, then restored.
 * The checks it skips (3 index lookups per row, a fifth of the inserts' time) are the ones the
 * import already made: every category and neighbourhood is checked against the rows read in
 * this same transaction, batch_id is the batch row it inserted, and that row's taxonomy and
 * importing user were read in the transaction too. SQLite writers are serial
 * and Kysely holds the one connection for the whole callback, so no other query runs without
 * the checks meanwhile. The pragma is a no-op inside a transaction, hence outside it.
 */
async function withoutForeignKeyChecks<T>(db: Db, work: (connection: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (connection) => {
    const { rows } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(connection);
    const enforced = rows[0]?.foreign_keys === 1;
    if (enforced) await sql`pragma foreign_keys = off`.execute(connection);
    try {
      return await work(connection);
    } finally {
      if (enforced) await sql`pragma foreign_keys = on`.execute(connection);
    }
  });
}

/**
 * Reads, checks and stores `options.file`. Any row error rolls everything back and the
 * errors are returned (`ok: false`); a thrown error (I/O, progress callback) rolls back too.
 */
export async function importObservatoryFile(db: Db, options: ImportOptions): Promise<ImportResult> {
  if (dialectOf(db) === "sqlite") return withoutForeignKeyChecks(db, (connection) => inImportTransaction(connection, options));
  return inImportTransaction(db, options);
}
