import type { Db } from "../../src/server/db/database.js";
import { createApp, type App } from "../../src/server/app.js";
import { loadConfig, type Config } from "../../src/server/config.js";
import { createLogger } from "../../src/server/logger.js";
import { DEMO_PASSWORD } from "../../src/modules/access/access.seed.js";

export function testConfig(overrides: Partial<Record<keyof Config, string>> = {}): Config {
  return loadConfig({}, { LOG_LEVEL: "silent", DATABASE_URL: ":memory:", WEB_DIST: "dist/web-test-none", ...overrides });
}

export function testApp(db: Db, overrides: Partial<Record<keyof Config, string>> = {}): App {
  const config = testConfig(overrides);
  return createApp({ db, config, log: createLogger("silent") });
}

/** A signed-in browser-like client: keeps the session cookie and sends the CSRF token on writes. */
export interface Client {
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  json<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  csrfToken: string | null;
}

export function anonymous(app: App): Client {
  return client(app, null, null);
}

function client(app: App, cookie: string | null, csrfToken: string | null, bearer: string | null = null): Client {
  const c: Client = {
    csrfToken,
    request: async (method, path, body, headers = {}) =>
      app.request(path, {
        method,
        headers: {
          ...(body !== undefined ? { "content-type": "application/json" } : {}),
          ...(cookie ? { cookie } : {}),
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
          ...(csrfToken && method !== "GET" ? { "x-csrf-token": csrfToken } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      }),
    json: async (method, path, body) => {
      const res = await c.request(method, path, body);
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
  };
  return c;
}

/** Signs in with email and password (the demo password by default). */
export async function signIn(app: App, email: string, password = DEMO_PASSWORD): Promise<Client> {
  const res = await app.request("/api/session", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
  const body = (await res.json()) as { csrfToken: string };
  return client(app, cookie, body.csrfToken);
}

export function withBearer(app: App, token: string): Client {
  return client(app, null, null, token);
}
