/** Batched inserts for the demo content: few statements, each under the databases' bind-parameter limits. */
import type { Insertable, Transaction } from "kysely";
import type { Database } from "../../../server/db/schema.js";

export type Trx = Transaction<Database>;

/** Below SQLite's 32,766 and PostgreSQL's 65,535 bind parameters per statement. */
const MAX_PARAMETERS = 30_000;

type TableName = keyof Database;
type TableWithId = { [T in TableName]: Database[T] extends { id: unknown } ? T : never }[TableName];

function chunks<T extends object>(rows: T[]): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / Math.max(1, Object.keys(rows[0] ?? {}).length)));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export async function insertRows<T extends TableName>(trx: Trx, table: T, rows: Insertable<Database[T]>[]): Promise<void> {
  for (const batch of chunks(rows)) await trx.insertInto(table).values(batch as never).execute();
}

/**
 * Inserts rows and answers their ids in the order of `rows`. Both databases number the
 * rows of one INSERT in the order of its VALUES, whatever order RETURNING lists them in,
 * so the ids of a batch sorted ascending line up with the batch.
 */
export async function insertIds<T extends TableWithId>(trx: Trx, table: T, rows: Insertable<Database[T]>[]): Promise<number[]> {
  const ids: number[] = [];
  for (const batch of chunks(rows)) {
    const returned = (await trx
      .insertInto(table)
      .values(batch as never)
      .returning("id" as never)
      .execute()) as unknown as { id: number }[];
    ids.push(...returned.map((r) => Number(r.id)).sort((a, b) => a - b));
  }
  return ids;
}
