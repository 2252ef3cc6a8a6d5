/** The plan's files over HTTP: XLSX export and import (raw and multipart), error report, snapshots, report packs, diff. */
import assert from "node:assert/strict";
import { before, it } from "node:test";
import ExcelJS from "exceljs";
import type { App } from "../../src/server/app.js";
import { columnKeys } from "../../src/modules/plan/xlsx-columns.js";
import { forEachDatabase } from "../helpers/databases.js";
import { anonymous, signIn, testApp } from "../helpers/http.js";
import { buildMeasure, buildPlan } from "../helpers/plan.builders.js";
import { DEMO_PASSWORD } from "../../src/modules/access/access.seed.js";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const col = (key: (typeof columnKeys)[number]) => columnKeys.indexOf(key) + 1;

/** A signed-in session that can send bytes and forms (the shared client sends JSON only). */
async function uploader(app: App, email: string) {
  const res = await app.request("/api/session", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
  const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const headers = { cookie, "x-csrf-token": csrfToken };
  return {
    raw: (path: string, bytes: Uint8Array, type = XLSX) => app.request(path, { method: "POST", headers: { ...headers, "content-type": type }, body: bytes as BodyInit }),
    form: (path: string, bytes: Uint8Array | null) => {
      const form = new FormData();
      if (bytes) form.append("file", new Blob([bytes as BlobPart], { type: XLSX }), "mesures.xlsx");
      else form.append("note", "no file");
      return app.request(path, { method: "POST", headers, body: form });
    },
    get: (path: string) => app.request(path, { headers }),
  };
}

async function workbookOf(res: Response): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
  return workbook;
}
const bytesOf = async (workbook: ExcelJS.Workbook) => new Uint8Array(await workbook.xlsx.writeBuffer());
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; fields?: { field: string; key: string; message: string }[] } }).error;

forEachDatabase("HTTP plan files", (ctx) => {
  let app: App;
  before(() => {
    app = testApp(ctx.db);
  });

  it("exports the measures workbook to any signed-in user, in French or Dutch", async () => {
    const plan = await buildPlan(ctx.db);
    const measure = await buildMeasure(ctx.db, plan, { progress: 35 });
    const viewer = await uploader(app, "viewer@federal-police.demo");
    const res = await viewer.get(`/api/plan/plans/${plan.id}/export.xlsx?lang=nl`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), XLSX);
    assert.match(res.headers.get("content-disposition") ?? "", new RegExp(`attachment; filename="${plan.code}-maatregelen.xlsx"`));
    const sheet = (await workbookOf(res)).worksheets[0]!;
    assert.equal(sheet.name, "Maatregelen");
    assert.deepEqual([sheet.getRow(2).getCell(1).value, sheet.getRow(2).getCell(col("progress")).value], [measure.code, 35]);

    assert.equal((await anonymous(app).request("GET", `/api/plan/plans/${plan.id}/export.xlsx`)).status, 401);
    assert.equal((await viewer.get("/api/plan/plans/987654/export.xlsx")).status, 404);
    const bad = await viewer.get(`/api/plan/plans/${plan.id}/export.xlsx?lang=de`);
    assert.equal(bad.status, 400);
    assert.equal((await errorOf(bad)).fields?.[0]?.field, "query.lang");
  });

  it("previews an import, raw or multipart, and applies it for a coordinator; editors may not import", async () => {
    const plan = await buildPlan(ctx.db);
    const measure = await buildMeasure(ctx.db, plan, { progress: 35 });
    const coordinator = await uploader(app, "coordinator@bps.demo");
    const exported = await workbookOf(await coordinator.get(`/api/plan/plans/${plan.id}/export.xlsx`));
    const path = `/api/plan/plans/${plan.id}/import`;

    const same = await coordinator.raw(`${path}?dryRun=true`, await bytesOf(exported));
    assert.equal(same.status, 200);
    assert.deepEqual(await same.json(), { dryRun: true, summary: { rows: 1, changed: 0, unchanged: 1, created: 0, errors: 0 }, changes: [], errors: [] });

    exported.worksheets[0]!.getRow(2).getCell(col("progress")).value = 80;
    const edited = await bytesOf(exported);
    const preview = await coordinator.form(`${path}?dryRun=true`, edited);
    assert.equal(preview.status, 200);
    const body = (await preview.json()) as { changes: unknown[] };
    assert.deepEqual(body.changes, [{ row: 2, code: measure.code, field: "progress", before: 35, after: 80 }]);
    const stored = () => ctx.db.selectFrom("plan_measures").select("progress").where("id", "=", measure.id).executeTakeFirstOrThrow();
    assert.equal((await stored()).progress, 35);

    const editor = await uploader(app, "editor@bps.demo");
    assert.equal((await editor.raw(`${path}?dryRun=false`, edited)).status, 403);
    assert.equal((await stored()).progress, 35);

    const applied = await coordinator.raw(`${path}?dryRun=false`, edited);
    assert.equal(applied.status, 200);
    assert.equal(((await applied.json()) as { dryRun: boolean }).dryRun, false);
    assert.equal((await stored()).progress, 80);
  });

  it("answers 400 naming body.file for bodies that are not workbooks and for rows in error, 415 for JSON, 404 for an unknown plan", async () => {
    const plan = await buildPlan(ctx.db);
    const measure = await buildMeasure(ctx.db, plan, { status: "planned" });
    const coordinator = await uploader(app, "coordinator@bps.demo");
    const path = `/api/plan/plans/${plan.id}/import`;

    for (const res of [
      await coordinator.raw(path, new TextEncoder().encode("not a spreadsheet at all")),
      await coordinator.raw(path, new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]), "application/octet-stream"),
      await coordinator.raw(path, new Uint8Array()),
      await coordinator.form(path, null),
    ]) {
      assert.equal(res.status, 400);
      const error = await errorOf(res);
      assert.equal(error.code, "validation_failed");
      assert.equal(error.fields?.[0]?.field, "body.file");
      assert.ok(error.fields?.[0]?.key.startsWith("planFiles.import."));
    }
    assert.equal((await coordinator.raw(path, new TextEncoder().encode("{}"), "application/json")).status, 415);
    assert.equal((await coordinator.raw("/api/plan/plans/987654/import", new Uint8Array([1]))).status, 404);

    const workbook = await workbookOf(await coordinator.get(`/api/plan/plans/${plan.id}/export.xlsx?lang=fr`));
    workbook.worksheets[0]!.getRow(2).getCell(col("status")).value = "finished";
    workbook.worksheets[0]!.getRow(2).getCell(col("progress")).value = "half";
    const wrong = await bytesOf(workbook);
    const dry = await coordinator.raw(`${path}?dryRun=true&lang=fr`, wrong);
    assert.equal(dry.status, 200);
    const errors = ((await dry.json()) as { errors: { row: number; column: string; code: string; message: string }[] }).errors;
    assert.deepEqual(errors.map((e) => [e.row, e.column, e.code]), [[2, "Statut", "badValue"], [2, "Avancement", "badProgress"]]);
    assert.match(errors[1]!.message, /^Ligne 2, « Avancement » : « half »/);

    const rejected = await coordinator.raw(`${path}?dryRun=false`, wrong);
    assert.equal(rejected.status, 400);
    const error = await errorOf(rejected);
    assert.equal(error.fields?.length, 2);
    assert.deepEqual(error.fields?.map((f) => f.field), ["body.file", "body.file"]);
    assert.ok(error.fields?.every((f) => f.message.includes("2")));
    const unchanged = await ctx.db.selectFrom("plan_measures").select("status").where("id", "=", measure.id).executeTakeFirstOrThrow();
    assert.equal(unchanged.status, "planned");

    const report = await coordinator.raw(`/api/plan/plans/${plan.id}/import/errors.xlsx?lang=nl`, wrong);
    assert.equal(report.status, 200);
    assert.equal(report.headers.get("content-type"), XLSX);
    const out = (await workbookOf(report)).worksheets[0]!;
    assert.equal(out.getRow(1).getCell(columnKeys.length + 1).value, "Fouten");
    assert.match(String(out.getRow(2).getCell(columnKeys.length + 1).value), /^Rij 2, “Statut”: “finished” is geen toegelaten waarde/);
  });

  it("takes snapshots for coordinators, lists them, serves the report pack, the annex and the diff", async () => {
    const plan = await buildPlan(ctx.db);
    const measure = await buildMeasure(ctx.db, plan, { progress: 20 });
    const coordinator = await signIn(app, "coordinator@bps.demo");
    const viewer = await signIn(app, "viewer@bps.demo");
    const path = `/api/plan/plans/${plan.id}/snapshots`;

    assert.equal((await viewer.json("POST", path, { title: "Conseil" })).status, 403);
    const empty = await coordinator.json("POST", path, { title: "  " });
    assert.equal(empty.status, 400);
    assert.equal(empty.body.error.fields[0].field, "body.title");
    assert.equal((await coordinator.json("POST", "/api/plan/plans/987654/snapshots", { title: "x" })).status, 404);

    const first = await coordinator.json("POST", path, { title: "Conseil de juin" });
    assert.equal(first.status, 201);
    assert.equal(first.body.version, 1);
    assert.match(first.body.sha256, /^[0-9a-f]{64}$/);
    await ctx.db.updateTable("plan_measures").set({ progress: 70 }).where("id", "=", measure.id).execute();
    const second = await coordinator.json("POST", path, { title: "Conseil de décembre" });
    assert.equal(second.body.version, 2);

    const list = await viewer.json("GET", path);
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.map((s: { version: number }) => s.version), [2, 1]);
    assert.deepEqual(list.body[0].actions, ["read", "export"]);

    const pdf = await viewer.request("GET", `/api/plan/snapshots/${first.body.id}/report.pdf?lang=nl`);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get("content-type"), "application/pdf");
    const bytes = Buffer.from(await pdf.arrayBuffer());
    assert.equal(bytes.subarray(0, 5).toString(), "%PDF-");
    const again = Buffer.from(await (await viewer.request("GET", `/api/plan/snapshots/${first.body.id}/report.pdf?lang=nl`)).arrayBuffer());
    assert.ok(bytes.equals(again));
    const annex = await viewer.request("GET", `/api/plan/snapshots/${first.body.id}/annex.xlsx?lang=fr`);
    assert.equal(annex.status, 200);
    assert.equal((await workbookOf(annex)).worksheets[1]!.name, "Mesures");
    assert.equal((await viewer.request("GET", "/api/plan/snapshots/987654/report.pdf")).status, 404);

    const diff = await viewer.json("GET", `/api/plan/snapshots/${second.body.id}/diff?against=${first.body.id}`);
    assert.equal(diff.status, 200);
    assert.deepEqual(diff.body.plan, { progressBefore: 20, progressAfter: 70 });
    assert.deepEqual(diff.body.measures[0].changes, [{ field: "progress", before: 20, after: 70 }]);
    const missing = await viewer.json("GET", `/api/plan/snapshots/${second.body.id}/diff`);
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error.fields[0].field, "query.against");
    const otherPlan = await buildPlan(ctx.db);
    const foreign = await coordinator.json("POST", `/api/plan/plans/${otherPlan.id}/snapshots`, { title: "Autre" });
    const across = await viewer.json("GET", `/api/plan/snapshots/${second.body.id}/diff?against=${foreign.body.id}`);
    assert.equal(across.status, 400);
    assert.equal(across.body.error.fields[0].field, "query.against");
    assert.equal((await viewer.json("GET", `/api/plan/snapshots/${second.body.id}/diff?against=987654`)).status, 404);
  });
});
