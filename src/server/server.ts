import { serve, type ServerType } from "@hono/node-server";
import type { Logger } from "pino";
import { createApp } from "./app.js";
import type { Config } from "./config.js";
import { openAuthConnection, openDatabase, type Db } from "./db/database.js";
import { migrateToLatest } from "./db/migrate.js";
import { createLogger } from "./logger.js";
import { seed, type SeedResult } from "./seed.js";

export interface RunningServer {
  url: string;
  db: Db;
  log: Logger;
  seeded: SeedResult;
  close(): Promise<void>;
}

/** Opens the database, migrates, seeds what is missing, and starts serving HTTP. */
export async function startServer(config: Config): Promise<RunningServer> {
  const log = createLogger(config.LOG_LEVEL);
  const db = openDatabase(config.DATABASE_URL);
  await migrateToLatest(db);
  const seeded = await seed(db, { demo: config.SEED_DEMO });
  const authDb = openAuthConnection(config.DATABASE_URL);
  const app = createApp({ db, authDb, config, log });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  const url = `http://${config.HOST === "0.0.0.0" ? "localhost" : config.HOST}:${port}`;
  log.info({ url, database: config.DATABASE_URL.startsWith("postgres") ? "postgresql" : "sqlite" }, "vigil ready");
  return {
    url,
    db,
    log,
    seeded,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await authDb?.destroy();
      await db.destroy();
    },
  };
}
