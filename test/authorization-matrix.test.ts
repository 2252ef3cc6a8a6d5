/**
 * Every API route, three ways: anonymous -> 401; signed in without the right -> 403;
 * with the right -> neither (2xx for reads). Routes join automatically: the matrix walks
 * the route registry that `route()` fills, and fails when the app serves an API route
 * that was not declared through it.
 */
import assert from "node:assert/strict";
import { before, it } from "node:test";
import { routeRegistry, type RegisteredRoute } from "../src/server/http/route.js";
import type { App } from "../src/server/app.js";
import { demoAccounts } from "../src/modules/access/access.seed.js";
import { seedObservatoryDemo } from "../src/modules/observatory/demo/demo.seed.js";
import { forEachDatabase } from "./helpers/databases.js";
import { anonymous, signIn, testApp, type Client } from "./helpers/http.js";

/** Path parameter values: ones that exist for reads, ones that do not for writes (so the matrix changes nothing). */
const existing: Record<string, string> = { id: "1", code: "1", nisCode: "21004", level: "neighbourhoods", zoneId: "5339" };
const missing: Record<string, string> = { id: "999999", code: "999999", nisCode: "99999", level: "neighbourhoods", zoneId: "9999" };
/** Query values some read routes require. */
const sampleQuery: Record<string, string> = {
  "/api/territory/locate": "?lon=4.3525&lat=50.8467",
  "/api/territory/choropleth": "?variable=population&year=2025",
  "/api/territory/export": "?level=municipalities&format=csv",
  "/api/plan/snapshots/{id}/diff": "?against=1",
};

/** Reads of in-memory resources no seed creates (import jobs): with the right, 404 is the answer. */
const ephemeral = new Set(["/api/observatory/imports/jobs/{id}", "/api/observatory/imports/jobs/{id}/errors.csv"]);

/** Ids that exist per collection, for path parameters named plainly `{id}`. */
const existingIdIn: [RegExp, string][] = [[/police-zones/, "5339"], [/municipalities/, "21004"]];

function concretePath(r: RegisteredRoute): string {
  const values = r.method === "get" ? existing : missing;
  const plainId = r.method === "get" ? (existingIdIn.find(([re]) => re.test(r.path))?.[1] ?? values.id!) : values.id!;
  const path = r.path.replace(/\{(\w+)\}/g, (_, name: string) => (name === "id" ? plainId : (values[name] ?? values.id!)));
  return path + (r.method === "get" ? (sampleQuery[r.path] ?? "") : "");
}

const bodyFor = (r: RegisteredRoute) => (r.method === "get" || r.method === "delete" ? undefined : {});

forEachDatabase("authorisation matrix", (ctx) => {
  let app: App;
  const permissions = new Map<string, Record<string, string[]>>();

  before(async () => {
    app = testApp(ctx.db);
    // The synthetic series and its published 2018 report, so that reads by id have something to read.
    await ctx.db.transaction().execute((trx) => seedObservatoryDemo(trx));
    // A stored priority-zone proposal, so that GET /zones/proposals/{id} has one to read.
    await ctx.db
      .insertInto("priority_zone_proposals")
      .values({ run_key: "0".repeat(64), category_group: "matrix", neighbourhood_code: 1, evidence: JSON.stringify({ qualifyingYears: [], years: [] }), status: "proposed", reason: null, decided_by: null, decided_at: null, created_at: new Date().toISOString() })
      .execute();
    for (const account of demoAccounts) {
      const client = await signIn(app, account.email);
      permissions.set(account.email, (await client.json("GET", "/api/session")).body.permissions);
    }
  });

  it("declares every API route through route()", () => {
    const declared = new Set(routeRegistry.map((r) => `${r.method.toUpperCase()} ${r.path.replace(/\{(\w+)\}/g, ":$1")}`));
    const served = app.routes
      .filter((r) => r.path.startsWith("/api/") && r.method !== "ALL")
      .filter((r) => !r.path.startsWith("/api/docs") && r.path !== "/api/openapi.json")
      .map((r) => `${r.method} ${r.path}`);
    const undeclared = [...new Set(served)].filter((r) => !declared.has(r));
    assert.deepEqual(undeclared, []);
    assert.ok(routeRegistry.length >= 20, `only ${routeRegistry.length} routes registered`);
  });

  it("answers 401 to an anonymous caller on every protected route", async () => {
    for (const r of routeRegistry.filter((r) => r.access !== "public")) {
      const res = await anonymous(app).request(r.method.toUpperCase(), concretePath(r), bodyFor(r));
      assert.equal(res.status, 401, `${r.method.toUpperCase()} ${r.path}`);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, "unauthenticated");
    }
  });

  it("answers 403 to a signed-in user without the right, and lets the right role through", async () => {
    let checked403 = 0;
    for (const r of routeRegistry) {
      if (r.access === "public" || r.access === "signedIn") continue;
      const { resource, action } = r.access;
      const allowed = (email: string) => permissions.get(email)?.[resource]?.includes(action) ?? false;
      const without = demoAccounts.find((a) => !allowed(a.email));
      const withRight = demoAccounts.find((a) => allowed(a.email));
      const label = `${r.method.toUpperCase()} ${r.path} (${resource}.${action})`;
      if (without) {
        const res = await (await signIn(app, without.email)).request(r.method.toUpperCase(), concretePath(r), bodyFor(r));
        assert.equal(res.status, 403, `${label} as ${without.email}`);
        checked403 += 1;
      }
      assert.ok(withRight, `${label}: no demo account has this right`);
      const client: Client = await signIn(app, withRight.email);
      const res = await client.request(r.method.toUpperCase(), concretePath(r), bodyFor(r));
      assert.ok(![401, 403].includes(res.status) && res.status < 500, `${label} as ${withRight.email}: ${res.status}`);
      if (r.method === "get") {
        const ok = (res.status >= 200 && res.status < 300) || (ephemeral.has(r.path) && res.status === 404);
        assert.ok(ok, `${label} as ${withRight.email}: ${res.status}`);
      }
    }
    assert.ok(checked403 >= 10, `only ${checked403} routes have a role without the right`);
  });

  it("lets any signed-in actor call the routes open to all signed-in users", async () => {
    const viewer = await signIn(app, "viewer@bps.demo");
    for (const r of routeRegistry.filter((r) => r.access === "signedIn" && r.method === "get")) {
      const res = await viewer.request("GET", concretePath(r));
      assert.equal(res.status, 200, r.path);
    }
  });
});
