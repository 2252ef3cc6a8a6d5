/**
 * The observatory over HTTP, on the synthetic series 2009-2018: disclosure control by role,
 * imports (all or nothing), priority-zone proposals and decisions. Anonymous 401 and the
 * 403 of every route are covered by test/authorization-matrix.test.ts.
 */
import assert from "node:assert/strict";
import { before, it } from "node:test";
import { seedObservatoryDemo } from "../../src/modules/observatory/demo/demo.seed.js";
import type { App } from "../../src/server/app.js";
import { forEachDatabase } from "../helpers/databases.js";
import { signIn, testApp, type Client } from "../helpers/http.js";

interface RateRow {
  code: number;
  count: number | null;
  ratePer1000: number | null;
  suppressed: boolean;
}
const fieldsOf = (body: any): string[] => body.error.fields?.map((f: { field: string }) => f.field) ?? [];

forEachDatabase("HTTP observatory", (ctx) => {
  let app: App;
  let viewer: Client;
  let analyst: Client;
  let coordinator: Client;

  before(async () => {
    await ctx.db.transaction().execute((trx) => seedObservatoryDemo(trx));
    app = testApp(ctx.db);
    viewer = await signIn(app, "viewer@bps.demo");
    analyst = await signIn(app, "analyst@bps.demo");
    coordinator = await signIn(app, "coordinator@bps.demo");
  });

  /** Reference: the neighbourhood's count summed straight from crime_counts (independent of the explorer's query). */
  const directCount = async (code: number, category: string, year: number) => {
    const rows = await ctx.db
      .selectFrom("crime_counts as c")
      .innerJoin("crime_categories as k", "k.id", "c.category_id")
      .select(["c.count"])
      .where("k.code", "=", category)
      .where("c.neighbourhood_code", "=", code)
      .where("c.month", "like", `${year}-%`)
      .execute();
    return rows.reduce((s, r) => s + Number(r.count), 0);
  };

  it("lists the taxonomy with labels in the caller's language and all three", async () => {
    const { status, body } = await viewer.json("GET", "/api/observatory/categories");
    assert.equal(status, 200);
    const car = body.categories.find((c: { code: string }) => c.code === "theft.car");
    assert.equal(car.parentCode, "theft");
    assert.equal(car.level, "phenomenon");
    assert.deepEqual(Object.keys(car.labels).sort(), ["en", "fr", "nl"]);
    assert.equal(car.label, car.labels.fr, "the demo viewer reads French");
    assert.equal(typeof car.toVerify, "boolean");
  });

  it("gives a viewer suppressed small counts (null + flag) and an analyst the raw numbers", async () => {
    const path = "/api/observatory/rates?category=theft.armed_robbery&year=2018";
    const raw = await analyst.json("GET", path);
    const pub = await viewer.json("GET", path);
    assert.equal(raw.status, 200);
    assert.equal(pub.status, 200);
    assert.deepEqual([raw.body.suppressed, raw.body.threshold], [false, null]);
    assert.deepEqual([pub.body.suppressed, pub.body.threshold], [true, 5]);
    const rawRows = raw.body.neighbourhoods as RateRow[];
    const pubRows = new Map((pub.body.neighbourhoods as RateRow[]).map((r) => [r.code, r]));
    const small = rawRows.filter((r) => r.count! > 0 && r.count! < 5);
    assert.ok(small.length > 0, "the synthetic series has small counts for armed robbery");
    for (const r of small.slice(0, 5)) {
      assert.equal(r.count, await directCount(r.code, "theft.armed_robbery", 2018), `analyst count of ${r.code}`);
      assert.deepEqual(pubRows.get(r.code), { ...pubRows.get(r.code), count: null, ratePer1000: null, suppressed: true });
    }
    for (const r of rawRows.filter((x) => !pubRows.get(x.code)!.suppressed)) assert.equal(pubRows.get(r.code)!.count, r.count);
    assert.equal(pub.body.region.count, raw.body.region.count, "the regional total stays published");
  });

  it("suppresses small counts in a viewer's series; the unsuppressed comparison is for analysts only", async () => {
    const path = "/api/observatory/series?category=theft.armed_robbery&level=neighbourhood&code=1&from=2009&to=2018&step=month";
    const raw = await analyst.json("GET", path);
    const pub = await viewer.json("GET", path);
    assert.equal(raw.status, 200);
    assert.equal(raw.body.points.length, 120);
    const smallIndex = raw.body.points.findIndex((p: { count: number }) => p.count > 0 && p.count < 5);
    assert.ok(smallIndex >= 0);
    assert.deepEqual(pub.body.points[smallIndex], { period: raw.body.points[smallIndex].period, count: null, suppressed: true });
    assert.equal((await viewer.json("GET", "/api/observatory/series?level=municipality")).status, 400);

    const comparisonPath = "/api/observatory/neighbourhoods/1/comparison?category=theft.armed_robbery";
    assert.equal((await viewer.json("GET", comparisonPath)).status, 403);
    const comparison = await analyst.json("GET", comparisonPath);
    assert.equal(comparison.status, 200);
    assert.equal(comparison.body.years.length, 10);
    assert.ok(comparison.body.years.some((y: { neighbourhood: { count: number } }) => y.neighbourhood.count > 0 && y.neighbourhood.count < 5));
    assert.ok(comparison.body.years.every((y: { neighbourhood: { suppressed: boolean } }) => !y.neighbourhood.suppressed));
    assert.equal((await analyst.json("GET", "/api/observatory/neighbourhoods/9999/comparison")).status, 404);
    const unknown = await viewer.json("GET", "/api/observatory/rates?category=nope");
    assert.deepEqual([unknown.status, fieldsOf(unknown.body)], [400, ["query.category"]]);
  });

  it("proposes theft zones including neighbourhood 1; a coordinator accepts one with a reason", async () => {
    const run = await analyst.json("POST", "/api/observatory/zones/proposals", { categoryCodes: ["theft"], groupLabel: "theft" });
    assert.equal(run.status, 200, JSON.stringify(run.body));
    const codes = run.body.proposals.map((p: { neighbourhoodCode: number }) => p.neighbourhoodCode);
    assert.ok(codes.includes(1), `proposed: ${codes.join(",")}`);
    const one = run.body.proposals.find((p: { neighbourhoodCode: number }) => p.neighbourhoodCode === 1);
    assert.equal(one.status, "proposed");
    assert.ok(one.evidence.qualifyingYears.length >= 3);

    const decide = `/api/observatory/zones/proposals/${one.id}/decision`;
    assert.equal((await viewer.json("POST", decide, { decision: "accepted", reason: "x" })).status, 403);
    const noReason = await coordinator.json("POST", decide, { decision: "accepted" });
    assert.deepEqual([noReason.status, fieldsOf(noReason.body)], [400, ["body.reason"]]);
    const blank = await coordinator.json("POST", decide, { decision: "accepted", reason: "  " });
    assert.deepEqual([blank.status, fieldsOf(blank.body)], [400, ["body.reason"]]);
    const accepted = await coordinator.json("POST", decide, { decision: "accepted", reason: "Confirmed by the zone's analysts" });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    assert.deepEqual([accepted.body.status, accepted.body.reason], ["accepted", "Confirmed by the zone's analysts"]);
    assert.equal((await coordinator.json("POST", decide, { decision: "rejected", reason: "again" })).status, 409);

    const listed = await viewer.json("GET", "/api/observatory/zones/proposals?status=accepted");
    assert.deepEqual(listed.body.map((p: { id: number }) => p.id), [one.id]);
  });

  it("refuses a CSV with one bad row (400 naming it, no batch) and imports the fixed file", async () => {
    const csv = (category: string) => `neighbourhood;category;month;count\n1;theft;2024-01;3\n2;${category};2024-01;4\n3;drugs;2024-02;1\n`;
    const batches = () => ctx.db.selectFrom("observatory_batches").select(["id", "rows"]).where("source", "=", "http-test").execute();
    const send = (body: string) => analyst.request("POST", "/api/observatory/imports?grain=aggregated&source=http-test&dryRun=false", body, { "content-type": "text/csv" });

    const bad = await send(csv("no_such_category"));
    assert.equal(bad.status, 400);
    const badBody: any = await bad.json();
    assert.deepEqual(fieldsOf(badBody), ["body.row.3.category"]);
    assert.equal(badBody.error.fields[0].params.value, "no_such_category");
    assert.deepEqual(await batches(), []);

    const good = await send(csv("damage"));
    const goodBody: any = await good.json();
    assert.equal(good.status, 200, JSON.stringify(goodBody));
    assert.equal(goodBody.rows, 3);
    assert.deepEqual(goodBody.batch.key, "http-test|aggregated|2024-01-01|2024-02-29");
    assert.deepEqual(await batches(), [{ id: goodBody.batch.id, rows: 3 }]);
    const listed = await analyst.json("GET", "/api/observatory/batches");
    assert.ok(listed.body.some((b: { id: number; source: string }) => b.id === goodBody.batch.id && b.source === "http-test"));
    assert.equal((await viewer.json("GET", "/api/observatory/batches")).status, 403);
    const wrongType = await analyst.request("POST", "/api/observatory/imports?source=http-test", "x", { "content-type": "text/plain" });
    assert.equal(wrongType.status, 415);
  });
});
