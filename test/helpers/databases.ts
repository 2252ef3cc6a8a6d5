import { randomBytes } from "node:crypto";
import { after, before, describe } from "node:test";
import pg from "pg";
import { openDatabase, type Db } from "../../src/server/db/database.js";
import { migrateToLatest } from "../../src/server/db/migrate.js";
import { seed } from "../../src/server/seed.js";

export type DialectName = "sqlite" | "postgres";

/** SQLite always; PostgreSQL too when VIGIL_TEST_DATABASE_URL is set. */
export function testDialects(): DialectName[] {
  return process.env.VIGIL_TEST_DATABASE_URL ? ["sqlite", "postgres"] : ["sqlite"];
}

export interface TestDatabase {
  dialect: DialectName;
  db: Db;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database: SQLite in memory, or a new PostgreSQL database created
 * on the server of VIGIL_TEST_DATABASE_URL (dropped afterwards). With `seeded`, the
 * reference data and demo accounts are loaded.
 */
export async function createTestDatabase(dialect: DialectName, options: { seeded?: boolean; demo?: boolean } = {}): Promise<TestDatabase> {
  const { seeded = true, demo = true } = options;
  if (dialect === "sqlite") {
    const db = openDatabase(":memory:");
    await migrateToLatest(db);
    if (seeded) await seed(db, { demo, observatoryDemo: false });
    return { dialect, db, drop: () => db.destroy() };
  }
  const server = await createPostgresDatabase(process.env.VIGIL_TEST_DATABASE_URL!);
  const db = openDatabase(server.url);
  await migrateToLatest(db);
  if (seeded) await seed(db, { demo, observatoryDemo: false });
  return {
    dialect,
    db,
    drop: async () => {
      await db.destroy();
      await server.drop();
    },
  };
}

/** A new, empty database on the PostgreSQL server of `adminUrl`, and how to drop it. */
export async function createPostgresDatabase(adminUrl: string, prefix = "vigil_test"): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      // pg's Pool.end() resolves before its connections have closed; forcing the drop while
      // they close makes the server kill them and their clients throw after the test ended.
      for (let i = 0; i < 100; i++) {
        const { rows } = await client.query("select count(*)::int as n from pg_stat_activity where datname = $1", [name]);
        if (rows[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export interface DatabaseContext {
  dialect: DialectName;
  /** The database of the current dialect; valid inside tests. */
  readonly db: Db;
}

/**
 * Runs the same suite on every test dialect, each on its own fresh database.
 * Tests build their own data (builders), so they need no cleanup.
 */
export function forEachDatabase(name: string, suite: (ctx: DatabaseContext) => void, options: { seeded?: boolean; demo?: boolean } = {}): void {
  for (const dialect of testDialects()) {
    describe(`${name} [${dialect}]`, () => {
      let current: TestDatabase | undefined;
      const ctx: DatabaseContext = {
        dialect,
        get db() {
          if (!current) throw new Error("database not ready");
          return current.db;
        },
      };
      before(async () => {
        current = await createTestDatabase(dialect, options);
      });
      after(async () => {
        await current?.drop();
      });
      suite(ctx);
    });
  }
}
