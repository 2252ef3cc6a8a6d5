import type { Context } from "hono";
import type { Logger } from "pino";
import type { Locale } from "../../shared/locale.js";
import type { Actor } from "../auth/actor.js";
import type { Config } from "../config.js";
import type { Db } from "../db/database.js";
import type { Transaction } from "kysely";
import type { Database } from "../db/schema.js";

/** What every request carries, set by the middleware in `app.ts`. */
export interface AppEnv {
  Variables: {
    requestId: string;
    log: Logger;
    db: Db;
    /** Where callers are identified: a second SQLite connection that never waits for writers (database.ts), else `db`. */
    authDb: Db;
    config: Config;
    locale: Locale;
    actor: Actor | null;
    /** Set when the actor came from a session cookie (so writes need the CSRF token). */
    sessionId: string | null;
    /** The session's CSRF token, returned to the web app with the session. */
    csrfToken: string | null;
  };
}

export type AppContext = Context<AppEnv>;

/** Who did a write and in which request: recorded in the audit log with it. */
export interface WriteContext {
  actor: Actor;
  requestId: string | null;
}

/** The signed-in actor; routes behind `route({ access })` always have one. */
export function actorOf(c: AppContext): Actor {
  const actor = c.get("actor");
  if (!actor) throw new Error("actorOf() on a public route");
  return actor;
}

/** Opens the transaction at the edge and hands the service its audit context. */
export function inTransaction<T>(c: AppContext, work: (trx: Transaction<Database>, ctx: WriteContext) => Promise<T>): Promise<T> {
  const ctx: WriteContext = { actor: actorOf(c), requestId: c.get("requestId") };
  return c.get("db").transaction().execute((trx) => work(trx, ctx));
}
