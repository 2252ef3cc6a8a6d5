import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { isPostgresUrl } from "../config.js";
import { rememberDialect } from "./dialect.js";
import type { Database } from "./schema.js";

export type Db = Kysely<Database>;

// bigint counts and numeric sums as JS numbers (our figures stay far below 2^53).
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/** Opens SQLite (a file path or ':memory:') or PostgreSQL (a postgres:// URL). */
export function openDatabase(url: string): Db {
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    rememberDialect(db, "postgres");
    return db;
  }
  if (url !== ":memory:") mkdirSync(dirname(url), { recursive: true });
  const sqlite = new SqliteDatabase(url);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  rememberDialect(db, "sqlite");
  return db;
}

/**
 * A second connection to a SQLite file, for identifying callers (session and token lookups):
 * in WAL mode its reads never wait for a writer, so a long write transaction on the main
 * connection (an import of a million rows) does not stall every request behind it, and the
 * progress of that import can be read meanwhile. It never waits for a lock (busy_timeout 0):
 * its only writes are bookkeeping (last seen, last used), which `bestEffort` skips when the
 * file is being written. None for PostgreSQL (a pool) or an in-memory database (one
 * connection only sees itself): callers use the main handle.
 */
export function openAuthConnection(url: string): Db | null {
  if (isPostgresUrl(url) || url === ":memory:") return null;
  const sqlite = new SqliteDatabase(url);
  sqlite.pragma("busy_timeout = 0");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("synchronous = NORMAL");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite, 50) }) });
  rememberDialect(db, "sqlite");
  return db;
}

/** Runs a bookkeeping write that may be skipped: SQLite answers "busy" while another connection writes. */
export async function bestEffort(write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (err) {
    if ((err as { code?: string }).code === "SQLITE_BUSY") return;
    throw err;
  }
}

/**
 * Kysely prepares every query afresh; preparing costs more than running most of ours.
 * Statements are kept per SQL text (bounded, oldest dropped first). Kysely runs each
 * statement to completion before the next query, so sharing one is safe.
 */
function withStatementCache(sqlite: SqliteDatabase.Database, max = 500) {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        if (statements.size >= max) statements.delete(statements.keys().next().value!);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}
