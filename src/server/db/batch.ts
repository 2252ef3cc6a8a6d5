import type { Insertable, Kysely } from "kysely";
import type { Database } from "./schema.js";

/**
 * Bind parameters per statement: below SQLite's 32,766 and PostgreSQL's 65,535, so that a
 * batch of rows always fits in one INSERT whatever the dialect.
 */
export const MAX_PARAMETERS = 30_000;

/** Splits rows so that each slice of `columns`-wide rows stays under MAX_PARAMETERS. */
export function chunksOf<T>(rows: T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / Math.max(1, columns)));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Inserts many rows in as few statements as the parameter limit allows. */
export async function insertInChunks<T extends keyof Database>(db: Kysely<Database>, table: T, rows: Insertable<Database[T]>[]): Promise<void> {
  if (!rows.length) return;
  for (const batch of chunksOf(rows, Object.keys(rows[0]!).length)) {
    await db.insertInto(table).values(batch as never).execute();
  }
}
