/** Plans, measures, milestones, indicators, the overview and the progress explanation over HTTP: who may do what, bad input, shapes. */
import assert from "node:assert/strict";
import { before, it } from "node:test";
import type { App } from "../../src/server/app.js";
import { translator } from "../../src/shared/i18n/index.js";
import { forEachDatabase } from "../helpers/databases.js";
import { anonymous, signIn, testApp, type Client } from "../helpers/http.js";
import { organisationIdOf, unique } from "../helpers/access.builders.js";
import { buildMeasure, buildPlan, type BuiltPlan } from "../helpers/plan.builders.js";

interface ErrorReply {
  error: { code: string; message: string; fields?: { field: string; key: string; message: string }[] };
}
const fieldsOf = (body: unknown) => (body as ErrorReply).error.fields?.map((f) => f.field) ?? [];

forEachDatabase("HTTP plan measures", (ctx) => {
  let app: App;
  let coordinator: Client;
  let viewer: Client;
  let editor: Client;
  let plan: BuiltPlan;
  let anderlecht: number;

  before(async () => {
    app = testApp(ctx.db);
    coordinator = await signIn(app, "coordinator@bps.demo");
    viewer = await signIn(app, "viewer@bps.demo");
    editor = await signIn(app, "editor@stib.demo");
    plan = await buildPlan(ctx.db);
    anderlecht = await organisationIdOf(ctx.db, "mun-21001");
  });

  const newMeasure = (extra: Record<string, unknown> = {}) => ({
    code: unique("H"), themeId: plan.themes[0], titleFr: "Médiation de rue", titleNl: "Straatbemiddeling", pillar: "prevention", approach: "territorial", leadOrganisationId: anderlecht, ...extra,
  });

  it("answers 401 without a session and 403 to writes without measure.manage or plan.manage", async () => {
    assert.equal((await anonymous(app).request("GET", "/api/plan/plans")).status, 401);
    assert.equal((await editor.json("POST", `/api/plan/plans/${plan.id}/measures`, newMeasure())).status, 403);
    assert.equal((await viewer.json("POST", "/api/plan/plans", { code: unique("p"), titleFr: "a", titleNl: "b", titleEn: "c", startYear: 2021, endYear: 2024 })).status, 403);
  });

  it("lists plans with the caller's actions, and shows one with its themes in the caller's language", async () => {
    const list = await viewer.json("GET", "/api/plan/plans");
    assert.equal(list.status, 200);
    const mine = list.body.find((p: { id: number }) => p.id === plan.id);
    assert.deepEqual([mine.code, mine.isDemo, mine.actions], [plan.code, false, ["read", "export"]]);
    const asCoordinator = (await coordinator.json("GET", "/api/plan/plans")).body.find((p: { id: number }) => p.id === plan.id);
    assert.deepEqual(asCoordinator.actions, ["read", "export", "manage", "import", "snapshot"]);
    const dutch = await editor.json("GET", `/api/plan/plans/${plan.id}`);
    assert.equal(dutch.status, 200);
    assert.deepEqual(dutch.body.themes.map((t: { number: number; title: string }) => [t.number, t.title]), [[1, "Thème 1 NL"], [2, "Thème 2 NL"], [3, "Thème 3 NL"]]);
    assert.equal(dutch.body.goals.length, 5);
    assert.equal((await viewer.json("GET", "/api/plan/plans/999999")).status, 404);
  });

  it("creates a plan (201), names bad fields (400) and a taken code (409), and copies a plan", async () => {
    const body = { code: unique("pgsp"), titleFr: "PGSP", titleNl: "GVPP", titleEn: "GSPP", startYear: 2021, endYear: 2024, themes: [{ titleFr: "T", titleNl: "T", titleEn: "T" }] };
    const created = await coordinator.json("POST", "/api/plan/plans", body);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.deepEqual([created.body.status, created.body.themes.length, created.body.title], ["draft", 1, "PGSP"]);
    assert.equal((await coordinator.json("POST", "/api/plan/plans", body)).status, 409);
    const bad = await coordinator.json("POST", "/api/plan/plans", { ...body, code: unique("x"), startYear: 2024, endYear: 2021 });
    assert.equal(bad.status, 400);
    assert.deepEqual(fieldsOf(bad.body), ["body.endYear"]);
    assert.equal(bad.body.error.fields[0].message, translator("fr")("planMeasures.validation.endBeforeStart"));
    assert.deepEqual(fieldsOf((await coordinator.json("POST", "/api/plan/plans", { ...body, startYear: "2021" })).body), ["body.startYear"]);

    await buildMeasure(ctx.db, plan, { code: unique("K") });
    const copy = await coordinator.json("POST", "/api/plan/plans", { code: unique("next"), titleFr: "a", titleNl: "b", titleEn: "c", startYear: 2021, endYear: 2024, copyFromPlanId: plan.id });
    assert.equal(copy.status, 201);
    assert.equal(copy.body.themes.length, 3);
    assert.ok((await viewer.json("GET", `/api/plan/plans/${copy.body.id}/measures`)).body.length >= 1);
  });

  it("adds a measure (201 with its detail) and answers 400 naming each bad field, 409 for a taken code", async () => {
    const created = await coordinator.json("POST", `/api/plan/plans/${plan.id}/measures`, newMeasure({ scope: "territories", territories: [{ level: "neighbourhood", code: 1 }], goalIds: [plan.goals[1]] }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.deepEqual([created.body.status, created.body.progress, created.body.leadOrganisation.code, created.body.goals[0].number], ["planned", 0, "mun-21001", 2]);
    assert.equal(created.body.territories[0].level, "neighbourhood");
    assert.deepEqual(created.body.actions, ["read", "manage"]);

    const taken = await coordinator.json("POST", `/api/plan/plans/${plan.id}/measures`, newMeasure({ code: created.body.code }));
    assert.deepEqual([taken.status, fieldsOf(taken.body)], [409, ["body.code"]]);
    const refs = await coordinator.json("POST", `/api/plan/plans/${plan.id}/measures`, newMeasure({ scope: "territories", territories: [{ level: "municipality", code: 99999 }], leadOrganisationId: 999999 }));
    assert.deepEqual([refs.status, fieldsOf(refs.body)], [400, ["body.leadOrganisationId", "body.territories.0.code"]]);
    const shapes = await coordinator.json("POST", `/api/plan/plans/${plan.id}/measures`, newMeasure({ status: "finished", progress: 101, extra: 1 }));
    assert.equal(shapes.status, 400);
    assert.deepEqual(fieldsOf(shapes.body).sort(), ["body.extra", "body.progress", "body.status"]);
    assert.equal((await coordinator.json("POST", "/api/plan/plans/999999/measures", newMeasure())).status, 404);
  });

  it("changes a measure with PATCH, 404 for an unknown one, and filters the list", async () => {
    const measure = await buildMeasure(ctx.db, plan, { leadOrganisationCode: "stib" });
    const changed = await coordinator.json("PATCH", `/api/plan/measures/${measure.id}`, { status: "delayed", progress: 35, pillar: "reaction" });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.deepEqual([changed.body.status, changed.body.progress, changed.body.pillar], ["delayed", 35, "reaction"]);
    assert.equal((await coordinator.json("PATCH", "/api/plan/measures/999999", { progress: 1 })).status, 404);
    assert.deepEqual(fieldsOf((await coordinator.json("PATCH", `/api/plan/measures/${measure.id}`, { weight: -1 })).body), ["body.weight"]);

    const list = await viewer.json("GET", `/api/plan/plans/${plan.id}/measures?status=delayed&pillar=reaction`);
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.map((m: { id: number }) => m.id), [measure.id]);
    assert.deepEqual(Object.keys(list.body[0]).sort(), ["actions", "approach", "code", "id", "isDemo", "lateMilestones", "leadOrganisation", "pillar", "progress", "scope", "status", "theme", "title", "titles", "weight"]);
    assert.deepEqual(fieldsOf((await viewer.json("GET", `/api/plan/plans/${plan.id}/measures?pillar=x`)).body), ["query.pillar"]);
  });

  it("manages milestones and indicators and shows them in the measure's detail", async () => {
    const measure = await buildMeasure(ctx.db, plan);
    const milestone = await coordinator.json("POST", `/api/plan/measures/${measure.id}/milestones`, { titleFr: "Lancement", titleNl: "Start", dueDate: "2018-02-28" });
    assert.deepEqual([milestone.status, milestone.body.position, milestone.body.late, milestone.body.title], [201, 1, true, "Lancement"]);
    assert.deepEqual(fieldsOf((await coordinator.json("POST", `/api/plan/measures/${measure.id}/milestones`, { titleFr: "a", titleNl: "b", dueDate: "2018-02-30" })).body), ["body.dueDate"]);
    const done = await coordinator.json("PATCH", `/api/plan/milestones/${milestone.body.id}`, { doneDate: "2018-03-02" });
    assert.deepEqual([done.status, done.body.late, done.body.doneDate], [200, false, "2018-03-02"]);

    const indicator = await coordinator.json("POST", `/api/plan/measures/${measure.id}/indicators`, {
      nameFr: "Médiations", nameNl: "Bemiddelingen", unit: "count", direction: "increase", baselineValue: 100, baselineYear: 2016, targetValue: 200, targetYear: 2020,
    });
    assert.equal(indicator.status, 201, JSON.stringify(indicator.body));
    await ctx.db.updateTable("plan_indicators").set({ current_value: 150, current_on: "2018-06-30" }).where("id", "=", indicator.body.id).execute();
    const detail = await viewer.json("GET", `/api/plan/measures/${measure.id}`);
    assert.equal(detail.status, 200);
    assert.deepEqual(detail.body.indicators[0].current, { value: 150, on: "2018-06-30" });
    assert.equal(detail.body.indicators[0].attainment, 50);
    assert.equal(detail.body.milestones[0].doneDate, "2018-03-02");
    for (const key of ["descriptions", "goals", "priorities", "partners", "territories", "history", "meetings", "decisions"]) assert.ok(key in detail.body, key);

    assert.equal((await coordinator.request("DELETE", `/api/plan/milestones/${milestone.body.id}`)).status, 204);
    assert.equal((await coordinator.json("PATCH", `/api/plan/milestones/${milestone.body.id}`, { titleFr: "x" })).status, 404);
    assert.equal((await coordinator.json("PATCH", `/api/plan/indicators/${indicator.body.id}`, { direction: "sideways" })).status, 400);
    assert.equal((await coordinator.request("DELETE", `/api/plan/indicators/${indicator.body.id}`)).status, 204);
    assert.equal((await viewer.json("GET", `/api/plan/measures/${measure.id}`)).body.indicators.length, 0);
    assert.equal((await editor.request("DELETE", `/api/plan/indicators/${indicator.body.id}`)).status, 403);
  });

  it("answers 400, never 500, to ids beyond the database's range and to text PostgreSQL cannot store", async () => {
    const huge = 3_000_000_000;
    const read = await viewer.json("GET", `/api/plan/measures/${huge}`);
    assert.deepEqual([read.status, fieldsOf(read.body)], [400, ["param.id"]]);
    const refs = await coordinator.json("POST", `/api/plan/plans/${plan.id}/measures`, newMeasure({ themeId: huge, goalIds: [huge], territories: [{ level: "municipality", code: huge }] }));
    assert.deepEqual([refs.status, fieldsOf(refs.body)], [400, ["body.themeId", "body.goalIds.0", "body.territories.0.code"]]);
    const nul = await coordinator.json("POST", `/api/plan/plans/${plan.id}/measures`, newMeasure({ titleFr: "a\u0000b" }));
    assert.deepEqual([nul.status, fieldsOf(nul.body)], [400, ["body.titleFr"]]);
    assert.deepEqual(fieldsOf((await viewer.json("GET", `/api/plan/plans/${plan.id}/measures?lead=${huge}`)).body), ["query.lead"]);
  });

  it("serves the overview and explains a figure; a theme level needs an id", async () => {
    const other = await buildPlan(ctx.db);
    await buildMeasure(ctx.db, other, { code: "1.1", progress: 30, weight: 1 });
    await buildMeasure(ctx.db, other, { code: "1.2", progress: 90, weight: 2, milestones: [{ due: "2000-01-01" }] });
    const overview = await viewer.json("GET", `/api/plan/plans/${other.id}/overview`);
    assert.equal(overview.status, 200);
    assert.equal(overview.body.progress, 70);
    assert.deepEqual(overview.body.themes.map((t: { progress: number | null }) => t.progress), [70, null, null]);
    assert.equal(overview.body.lateMilestones.length, 1);
    assert.equal(overview.body.currentRound, null);
    const explained = await viewer.json("GET", `/api/plan/plans/${other.id}/progress/explain`);
    assert.deepEqual([explained.status, explained.body.level, explained.body.value, explained.body.parts.length], [200, "plan", 70, 3]);
    const theme = await viewer.json("GET", `/api/plan/plans/${other.id}/progress/explain?level=theme&id=${other.themes[0]}`);
    assert.deepEqual(theme.body.parts.map((p: { contribution: number }) => p.contribution), [10, 60]);
    assert.deepEqual(fieldsOf((await viewer.json("GET", `/api/plan/plans/${other.id}/progress/explain?level=theme`)).body), ["query.id"]);
    assert.equal((await viewer.json("GET", `/api/plan/plans/${other.id}/progress/explain?level=theme&id=${plan.themes[0]}`)).status, 404);
  });
});
