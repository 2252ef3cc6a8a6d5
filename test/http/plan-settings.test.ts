/** A plan's settings over HTTP: PATCH /plans/{planId} and PUT /plans/{planId}/frame — who may, bad input, conflicts, shapes. */
import assert from "node:assert/strict";
import { before, it } from "node:test";
import type { App } from "../../src/server/app.js";
import { translator } from "../../src/shared/i18n/index.js";
import { forEachDatabase } from "../helpers/databases.js";
import { anonymous, signIn, testApp, type Client } from "../helpers/http.js";
import { buildMeasure, buildPlan, type BuiltPlan } from "../helpers/plan.builders.js";

interface ErrorReply {
  error: { code: string; message: string; fields?: { field: string; key: string; message: string }[] };
}
const fieldsOf = (body: unknown) => (body as ErrorReply).error.fields?.map((f) => f.field) ?? [];

interface Entry {
  id: number;
  number: number;
  title: string;
  titles: { fr: string; nl: string; en: string };
  weight: number;
}
const asInput = (e: Entry) => ({ id: e.id, titleFr: e.titles.fr, titleNl: e.titles.nl, titleEn: e.titles.en, weight: e.weight });

forEachDatabase("HTTP plan settings", (ctx) => {
  let app: App;
  let coordinator: Client;
  let viewer: Client;
  let editor: Client;
  let plan: BuiltPlan;

  before(async () => {
    app = testApp(ctx.db);
    coordinator = await signIn(app, "coordinator@bps.demo");
    viewer = await signIn(app, "viewer@bps.demo");
    editor = await signIn(app, "editor@stib.demo");
    // The demo plan and the builders' plans are active: start from none, then one.
    await ctx.db.updateTable("plans").set({ status: "closed" }).where("status", "=", "active").execute();
    plan = await buildPlan(ctx.db, { status: "draft" });
  });

  const frameOf = async (planId: number) => {
    const { body } = await coordinator.json("GET", `/api/plan/plans/${planId}`);
    return { themes: body.themes.map(asInput), goals: body.goals.map(asInput), priorities: body.priorities.map(asInput) };
  };

  it("answers 401 without a session and 403 without plan.manage", async () => {
    assert.equal((await anonymous(app).request("PATCH", `/api/plan/plans/${plan.id}`, { titleFr: "x" })).status, 401);
    assert.equal((await anonymous(app).request("PUT", `/api/plan/plans/${plan.id}/frame`, { themes: [], goals: [], priorities: [] })).status, 401);
    assert.equal((await viewer.json("PATCH", `/api/plan/plans/${plan.id}`, { titleFr: "x" })).status, 403);
    assert.equal((await editor.json("PUT", `/api/plan/plans/${plan.id}/frame`, await frameOf(plan.id))).status, 403);
  });

  it("changes titles, years and status (200 with the plan in the caller's language), and names bad fields (400)", async () => {
    const changed = await coordinator.json("PATCH", `/api/plan/plans/${plan.id}`, { titleFr: "PGSP 2021-2024", titleNl: "GVPP 2021-2024", startYear: 2021, endYear: 2024, status: "active" });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.deepEqual([changed.body.title, changed.body.startYear, changed.body.endYear, changed.body.status, changed.body.themes.length], ["PGSP 2021-2024", 2021, 2024, "active", 3]);
    assert.equal((await editor.json("GET", `/api/plan/plans/${plan.id}`)).body.title, "GVPP 2021-2024");

    const bad = await coordinator.json("PATCH", `/api/plan/plans/${plan.id}`, { status: "open", startYear: "2021", titleEn: " ", colour: "red" });
    assert.equal(bad.status, 400);
    assert.deepEqual(fieldsOf(bad.body).sort(), ["body.colour", "body.startYear", "body.status", "body.titleEn"]);
    const years = await coordinator.json("PATCH", `/api/plan/plans/${plan.id}`, { endYear: 2019 });
    assert.deepEqual([years.status, fieldsOf(years.body)], [400, ["body.endYear"]]);
    assert.equal((await coordinator.json("PATCH", "/api/plan/plans/99999999", { titleFr: "x" })).status, 404);
  });

  it("refuses a second active plan (409 naming body.status, explained in the caller's language)", async () => {
    const other = await buildPlan(ctx.db, { status: "draft" });
    const refused = await coordinator.json("PATCH", `/api/plan/plans/${other.id}`, { status: "active" });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, "conflict");
    assert.deepEqual(fieldsOf(refused.body), ["body.status"]);
    assert.equal(refused.body.error.fields[0].message, translator("fr")("planSettings.validation.anotherActive", { code: plan.code }));
  });

  it("saves the frame (200): in place, appended, removed", async () => {
    const frame = await frameOf(plan.id);
    const body = {
      themes: [{ ...frame.themes[0], titleNl: "Drugs", weight: 3 }, frame.themes[1], { titleFr: "Cyber", titleNl: "Cyber", titleEn: "Cyber", weight: 1 }],
      goals: frame.goals.slice(1),
      priorities: [...frame.priorities, { titleFr: "Nouvelle", titleNl: "Nieuwe", titleEn: "New" }],
    };
    const saved = await coordinator.json("PUT", `/api/plan/plans/${plan.id}/frame`, body);
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.deepEqual(saved.body.themes.map((t: Entry) => [t.number, t.titles.nl, t.weight]), [[1, "Drugs", 3], [2, "Thème 2 NL", 1], [3, "Cyber", 1]]);
    assert.deepEqual(saved.body.goals.map((g: Entry) => g.number), [2, 3, 4, 5]);
    assert.deepEqual(saved.body.priorities.map((p: Entry) => [p.number, p.title]), [[1, "Priorité 1"], [2, "Priorité 2"], [3, "Priorité 3"], [4, "Priorité 4"], [5, "Priorité 5"], [6, "Nouvelle"]]);
  });

  it("names bad entries (400), a theme still in use (409 body.themes.N) and an unknown plan (404)", async () => {
    const frame = await frameOf(plan.id);
    const missingWeight = await coordinator.json("PUT", `/api/plan/plans/${plan.id}/frame`, { ...frame, themes: [{ titleFr: "a", titleNl: "b", titleEn: "c" }, ...frame.themes] });
    assert.deepEqual([missingWeight.status, fieldsOf(missingWeight.body)], [400, ["body.themes.0.weight"]]);
    const noLists = await coordinator.json("PUT", `/api/plan/plans/${plan.id}/frame`, {});
    assert.deepEqual([noLists.status, fieldsOf(noLists.body).sort()], [400, ["body.goals", "body.priorities", "body.themes"]]);
    const foreign = await coordinator.json("PUT", `/api/plan/plans/${plan.id}/frame`, { ...frame, goals: [{ id: 99_999_999, titleFr: "a", titleNl: "b", titleEn: "c" }] });
    assert.deepEqual([foreign.status, fieldsOf(foreign.body)], [400, ["body.goals.0.id"]]);

    await buildMeasure(ctx.db, plan, { themeId: frame.themes[1].id });
    const inUse = await coordinator.json("PUT", `/api/plan/plans/${plan.id}/frame`, { ...frame, themes: [frame.themes[0], frame.themes[2]] });
    assert.equal(inUse.status, 409);
    assert.deepEqual(fieldsOf(inUse.body), ["body.themes.1"]);
    assert.equal(inUse.body.error.fields[0].message, translator("fr")("planSettings.validation.themeHasMeasures", { number: 2, count: 1 }));
    assert.equal((await coordinator.json("GET", `/api/plan/plans/${plan.id}`)).body.themes.length, 3, "nothing changed");
    assert.equal((await coordinator.json("PUT", "/api/plan/plans/99999999/frame", frame)).status, 404);
  });
});
