/**
 * The priority-zone API over HTTP on the synthetic series 2009-2018: runs and their counts,
 * list filters (status, category group, run), one proposal's evidence read back against the
 * stored JSON, decisions shown by display name, the actions each role may take.
 * Anonymous 401 and the 403 of every route: test/authorization-matrix.test.ts.
 */
import assert from "node:assert/strict";
import { before, it } from "node:test";
import { forEachDatabase } from "../../../test/helpers/databases.js";
import { signIn, testApp, type Client } from "../../../test/helpers/http.js";
import type { App } from "../../server/app.js";
import { seedObservatoryDemo } from "./demo/demo.seed.js";
import type { StoredEvidence } from "./priority-zones.service.js";

const base = "/api/observatory/zones/proposals";
const fieldsOf = (body: any): string[] => body.error.fields?.map((f: { field: string }) => f.field) ?? [];
/** The order the API promises for the four tests of a year. */
const combinations = ["raw/queen", "raw/knn", "smoothed/queen", "smoothed/knn"];

interface Listed {
  id: number;
  runKey: string;
  categoryGroup: string;
  neighbourhoodCode: number;
  neighbourhood: { code: number; name: string; names: { fr: string; nl: string } };
  municipality: { nisCode: number; name: string } | null;
  status: string;
  decidedBy: string | null;
  actions: { decide: boolean };
  evidence: { qualifyingYears: number[]; yearsAssessed: number };
}

forEachDatabase("HTTP priority zones", (ctx) => {
  let app: App;
  let viewer: Client;
  let analyst: Client;
  let coordinator: Client;
  let theft: { runKey: string; proposals: Listed[] };
  let other: { runKey: string; proposals: Listed[] };

  before(async () => {
    await ctx.db.transaction().execute((trx) => seedObservatoryDemo(trx));
    app = testApp(ctx.db);
    viewer = await signIn(app, "viewer@bps.demo");
    analyst = await signIn(app, "analyst@bps.demo");
    coordinator = await signIn(app, "coordinator@bps.demo");
  });

  const storedEvidence = async (id: number): Promise<StoredEvidence> =>
    JSON.parse((await ctx.db.selectFrom("priority_zone_proposals").select("evidence").where("id", "=", id).executeTakeFirstOrThrow()).evidence);

  it("answers a bare GET of runs and proposals with empty lists before any run", async () => {
    assert.deepEqual(await viewer.json("GET", "/api/observatory/zones/runs"), { status: 200, body: [] });
    assert.deepEqual(await viewer.json("GET", base), { status: 200, body: [] });
  });

  it("lists runs latest first, counted by status, and filters proposals by group, run and status", async () => {
    const first = await analyst.json("POST", base, { categoryCodes: ["theft"], groupLabel: "theft" });
    const second = await analyst.json("POST", base, { categoryCodes: ["damage", "drugs"], groupLabel: "damage and drugs" });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(second.status, 200, JSON.stringify(second.body));
    theft = first.body;
    other = second.body;
    assert.ok(theft.proposals.length > 0 && other.proposals.length > 0);

    const runs = await viewer.json("GET", "/api/observatory/zones/runs");
    assert.deepEqual(
      runs.body.map((r: any) => [r.runKey, r.categoryGroup, r.proposals, r.proposed, r.accepted, r.rejected]),
      [
        [other.runKey, "damage and drugs", other.proposals.length, other.proposals.length, 0, 0],
        [theft.runKey, "theft", theft.proposals.length, theft.proposals.length, 0, 0],
      ],
    );

    const ids = (list: Listed[]) => list.map((p) => p.id).sort((a, b) => a - b);
    const byGroup = await viewer.json("GET", `${base}?group=theft`);
    assert.deepEqual(ids(byGroup.body), ids(theft.proposals));
    const byRun = await viewer.json("GET", `${base}?run=${other.runKey}`);
    assert.deepEqual(ids(byRun.body), ids(other.proposals));
    const all = await viewer.json("GET", base);
    assert.deepEqual(ids(all.body), ids([...theft.proposals, ...other.proposals]));
    assert.deepEqual(all.body.map((p: Listed) => p.id), ids(all.body).reverse(), "latest first");
    assert.deepEqual((await viewer.json("GET", `${base}?status=accepted&group=theft`)).body, []);
    assert.deepEqual((await viewer.json("GET", `${base}?run=${theft.runKey}&group=damage%20and%20drugs`)).body, []);
    const bad = await viewer.json("GET", `${base}?run=not-a-key`);
    assert.deepEqual([bad.status, fieldsOf(bad.body)], [400, ["query.run"]]);
  });

  it("names each zone and its primary municipality in the caller's language", async () => {
    const listed: Listed[] = (await viewer.json("GET", `${base}?run=${theft.runKey}`)).body;
    const rows = await ctx.db
      .selectFrom("neighbourhoods as n")
      .innerJoin("municipalities as m", "m.nis_code", "n.primary_municipality_nis")
      .select(["n.code", "n.name_fr", "n.name_nl", "m.nis_code", "m.name_fr as municipality_fr"])
      .where("n.code", "in", listed.map((p) => p.neighbourhoodCode))
      .execute();
    for (const p of listed) {
      const row = rows.find((r) => r.code === p.neighbourhoodCode)!;
      assert.deepEqual(p.neighbourhood, { code: row.code, name: row.name_fr, names: { fr: row.name_fr, nl: row.name_nl } }, "the demo viewer reads French");
      assert.deepEqual([p.municipality?.nisCode, p.municipality?.name], [row.nis_code, row.municipality_fr]);
    }
  });

  it("gives one proposal's evidence per year and combination exactly as stored, with the rule", async () => {
    const one = theft.proposals[0]!;
    const { status, body } = await viewer.json("GET", `${base}/${one.id}`);
    assert.equal(status, 200, JSON.stringify(body));
    const stored = await storedEvidence(one.id);
    assert.deepEqual(body.evidence.rule, {
      categoryCodes: ["theft"],
      years: 5,
      required: 3,
      alpha: 0.05,
      permutations: 999,
      seed: 2018,
      knn: 6,
      residentialOnly: true,
      lastYear: 2018,
    });
    assert.deepEqual(body.evidence.years.map((y: any) => y.year), [2014, 2015, 2016, 2017, 2018]);
    assert.deepEqual(body.evidence.qualifyingYears, stored.qualifyingYears);
    assert.ok(body.evidence.qualifyingYears.length >= 3);
    for (const [i, year] of body.evidence.years.entries()) {
      assert.deepEqual(year.tests.map((t: any) => t.combination), combinations);
      for (const test of year.tests) {
        const raw = stored.years[i]!.tests[test.combination as keyof StoredEvidence["years"][number]["tests"]]!;
        assert.deepEqual([test.tested, test.z, test.pseudoP, test.q, test.hot, test.ratePer1000], [true, raw.z, raw.p, raw.q, raw.hot, raw.rate]);
        assert.equal(test.significant, test.q <= 0.05, `${year.year} ${test.combination}`);
        if (test.hot) assert.ok(test.z > 0 && test.significant);
      }
      assert.equal(year.qualifies, year.tests.every((t: any) => t.hot), String(year.year));
      assert.equal(body.evidence.qualifyingYears.includes(year.year), year.qualifies);
    }
    assert.equal((await viewer.json("GET", `${base}/999999`)).status, 404);
    assert.equal((await viewer.json("GET", `${base}/abc`)).status, 400);
  });

  it("lets only a coordinator decide; shows the decision by display name and updates lists and counts", async () => {
    const one = theft.proposals[1] ?? theft.proposals[0]!;
    const path = `${base}/${one.id}`;
    assert.equal((await analyst.json("GET", path)).body.actions.decide, false, "an analyst proposes but does not decide");
    assert.equal((await viewer.json("GET", path)).body.actions.decide, false);
    assert.equal((await coordinator.json("GET", path)).body.actions.decide, true);

    const missing = await coordinator.json("POST", `${path}/decision`, { decision: "rejected", reason: "" });
    assert.deepEqual([missing.status, fieldsOf(missing.body)], [400, ["body.reason"]]);
    const decided = await coordinator.json("POST", `${path}/decision`, { decision: "rejected", reason: "Already covered by the local plan" });
    assert.equal(decided.status, 200, JSON.stringify(decided.body));
    const name = (await ctx.db.selectFrom("users").select("display_name").where("email", "=", "coordinator@bps.demo").executeTakeFirstOrThrow()).display_name;
    assert.deepEqual([decided.body.status, decided.body.decidedBy, decided.body.reason, decided.body.actions.decide], ["rejected", name, "Already covered by the local plan", false]);

    const detail = await viewer.json("GET", path);
    assert.deepEqual([detail.body.status, detail.body.decidedBy, detail.body.reason], ["rejected", name, "Already covered by the local plan"]);
    assert.ok(detail.body.decidedAt);
    assert.ok(!JSON.stringify(detail.body).includes("coordinator@bps.demo"), "no email in the answer");
    assert.deepEqual((await viewer.json("GET", `${base}?status=rejected`)).body.map((p: Listed) => p.id), [one.id]);
    const run = (await viewer.json("GET", "/api/observatory/zones/runs")).body.find((r: any) => r.runKey === theft.runKey);
    assert.deepEqual([run.proposed, run.rejected, run.accepted], [theft.proposals.length - 1, 1, 0]);
  });

  it("reads a proposal stored without its rule (before it was kept) with rule null", async () => {
    const source = await storedEvidence(theft.proposals[0]!.id);
    const { rule: _rule, ...legacy } = source;
    const row = await ctx.db
      .insertInto("priority_zone_proposals")
      .values({
        run_key: "0".repeat(64),
        category_group: "legacy",
        neighbourhood_code: theft.proposals[0]!.neighbourhoodCode,
        evidence: JSON.stringify(legacy),
        status: "proposed",
        reason: null,
        decided_by: null,
        decided_at: null,
        created_at: new Date().toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const { status, body } = await viewer.json("GET", `${base}/${row.id}`);
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.evidence.rule, null);
    assert.deepEqual(body.evidence.qualifyingYears, source.qualifyingYears);
    for (const year of body.evidence.years) for (const test of year.tests) if (test.z > 0) assert.equal(test.significant, test.hot);
  });
});
