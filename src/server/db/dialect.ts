/**
 * The only place where SQLite and PostgreSQL differ. Services and migrations call
 * these helpers instead of writing dialect-specific SQL.
 */
import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from "kysely";

export type DialectName = "sqlite" | "postgres";

const dialectNames = new WeakMap<object, DialectName>();

export function rememberDialect(db: Kysely<any>, name: DialectName): void {
  dialectNames.set(db.getExecutor().adapter, name);
}

export function dialectOf(db: Kysely<any>): DialectName {
  const name = dialectNames.get(db.getExecutor().adapter);
  if (!name) throw new Error("database opened without openDatabase(): dialect unknown");
  return name;
}

/** Integer primary key that the database numbers itself. */
export function withIdColumn<T extends string, C extends string>(
  db: Kysely<any>,
  table: CreateTableBuilder<T, C>,
  name = "id",
): CreateTableBuilder<T, C | typeof name> {
  const identity = (col: ColumnDefinitionBuilder) =>
    dialectOf(db) === "postgres" ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement();
  return table.addColumn(name, "integer", identity);
}

/**
 * Serialises writers of a hash chain (the audit log) inside a transaction.
 * SQLite transactions already run one at a time; PostgreSQL takes an advisory lock
 * released at commit.
 */
export async function lockChain(trx: Kysely<any>, key: number): Promise<void> {
  if (dialectOf(trx) === "postgres") await sql`select pg_advisory_xact_lock(${key})`.execute(trx);
}

/** Column type for file contents: bytea on PostgreSQL, blob on SQLite. */
export function binaryType(db: Kysely<any>): "bytea" | "blob" {
  return dialectOf(db) === "postgres" ? "bytea" : "blob";
}

/** Case-insensitive "contains" filter expression for a text column. */
export function likeOperator(db: Kysely<any>): "like" | "ilike" {
  return dialectOf(db) === "postgres" ? "ilike" : "like";
}

/** Counts and sums come back as strings from PostgreSQL bigint/numeric; as numbers from SQLite. */
export function toNumber(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "string") return Number(value);
  return 0;
}
