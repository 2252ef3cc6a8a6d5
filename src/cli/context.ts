import type { Transaction } from "kysely";
import { systemActor } from "../server/auth/actor.js";
import { loadConfig, type Config } from "../server/config.js";
import { openDatabase, type Db } from "../server/db/database.js";
import { migrateToLatest } from "../server/db/migrate.js";
import type { Database } from "../server/db/schema.js";
import type { WriteContext } from "../server/http/context.js";
import { AppError } from "../shared/errors.js";
import { translator } from "../shared/i18n/index.js";

class DryRunRollback extends Error {}

/** The command's view of the platform: the same config, database and services as the server. */
export async function withDb<T>(work: (db: Db, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = openDatabase(config.DATABASE_URL);
  try {
    await migrateToLatest(db);
    return await work(db, config);
  } finally {
    await db.destroy();
  }
}

/** CLI writes are recorded in the audit log as done by the platform itself, with a `cli` request id. */
export const cliContext: WriteContext = { actor: systemActor, requestId: "cli" };

/** Runs a write in one transaction; with `dryRun`, shows the outcome and rolls everything back. */
export async function write<T>(db: Db, dryRun: boolean, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  let result: T | undefined;
  try {
    await db.transaction().execute(async (trx) => {
      result = await work(trx);
      if (dryRun) throw new DryRunRollback();
    });
  } catch (err) {
    if (!(err instanceof DryRunRollback)) throw err;
    console.log("(dry run: nothing was written)");
  }
  return result as T;
}

/** Prints an error the way the API would word it, in English, and sets a failing exit code. */
export function reportError(err: unknown): void {
  const t = translator("en");
  if (err instanceof AppError) {
    const entity = err.options.params?.entity;
    console.error(`error: ${t(`errors.${err.code}`, { ...err.options.params, requestId: "cli", ...(entity ? { entity: t(`entity.${entity}`) } : {}) })}`);
    for (const f of err.options.fields ?? []) console.error(`  ${f.field}: ${t(f.key, f.params)}`);
  } else {
    console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
  }
  process.exitCode = 1;
}

export function printTable(rows: Record<string, unknown>[]): void {
  if (!rows.length) {
    console.log("(none)");
    return;
  }
  const keys = Object.keys(rows[0]!);
  const widths = keys.map((k) => Math.max(k.length, ...rows.map((r) => String(r[k] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  console.log(line(keys));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const r of rows) console.log(line(keys.map((k) => String(r[k] ?? ""))));
}
