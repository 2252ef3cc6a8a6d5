/**
 * Publications over HTTP: who may list, create, read, download, publish and withdraw;
 * the files as attachments (manifest JSON, PDF fr/nl read back, XLSX annex); errors named.
 */
import assert from "node:assert/strict";
import { before, it } from "node:test";
import ExcelJS from "exceljs";
import { forEachDatabase } from "../../../../test/helpers/databases.js";
import { pdfText } from "../../../../test/helpers/pdf.js";
import { anonymous, signIn, testApp, type Client } from "../../../../test/helpers/http.js";
import type { App } from "../../../server/app.js";
import { seedObservatoryDemo } from "../demo/demo.seed.js";
import { parseManifest } from "./manifest.js";

const base = "/api/observatory/publications";
const firstPageOf = async (pdf: ArrayBuffer) => (await pdfText(pdf)).pages[0] ?? "";


forEachDatabase("observatory publication routes", (ctx) => {
  let app: App;
  let viewer: Client;
  let analyst: Client;
  let coordinator: Client;
  let demoId: number;

  before(async () => {
    await ctx.db.transaction().execute((trx) => seedObservatoryDemo(trx));
    app = testApp(ctx.db);
    viewer = await signIn(app, "viewer@bps.demo");
    analyst = await signIn(app, "analyst@bps.demo");
    coordinator = await signIn(app, "coordinator@bps.demo");
    demoId = (await ctx.db.selectFrom("observatory_publications").select("id").executeTakeFirstOrThrow()).id;
  });

  it("lets a viewer list and read the published report only, and refuses it a draft (403 on POST, 404 on read)", async () => {
    assert.equal((await anonymous(app).request("GET", base)).status, 401);
    assert.equal((await viewer.request("POST", base, { year: 2018 })).status, 403);
    const created = await analyst.json("POST", base, { year: 2018 });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.deepEqual([created.body.status, created.body.year, created.body.period, created.body.synthetic, created.body.actions], ["draft", 2018, { from: 2009, to: 2018 }, true, []]);
    const listed = await viewer.json("GET", base);
    assert.deepEqual(listed.body.map((p: { id: number; status: string }) => [p.id, p.status]), [[demoId, "published"]]);
    assert.equal(listed.body[0].title, "Rapport annuel 2018 de l’Observatoire bruxellois de la sécurité");
    assert.equal((await viewer.request("GET", `${base}/${created.body.id}`)).status, 404);
    assert.equal((await viewer.request("GET", `${base}/${created.body.id}/report.pdf`)).status, 404);
    assert.ok((await analyst.json("GET", base)).body.some((p: { id: number }) => p.id === created.body.id));
    assert.deepEqual((await coordinator.json("GET", `${base}/${created.body.id}`)).body.actions, ["publish"]);
    assert.deepEqual((await coordinator.json("GET", `${base}/${demoId}`)).body.actions, ["withdraw"]);
  });

  it("names the field of a bad request", async () => {
    const wrongType = await analyst.json("POST", base, { year: "2018" });
    assert.equal(wrongType.status, 400);
    assert.deepEqual(wrongType.body.error.fields.map((f: { field: string }) => f.field), ["body.year"]);
    const noData = await analyst.json("POST", base, { year: 2030 });
    assert.equal(noData.status, 400);
    assert.deepEqual(noData.body.error.fields.map((f: { field: string; message: string }) => [f.field, f.message]), [["body.year", "Les données couvrent les années 2009 à 2018."]]);
    const extra = await analyst.json("POST", base, { year: 2018, seed: 1 });
    assert.deepEqual(extra.body.error.fields.map((f: { field: string }) => f.field), ["body.seed"]);
    assert.equal((await viewer.request("GET", `${base}/${demoId}/report.pdf?lang=de`)).status, 400);
  });

  it("downloads the manifest, the PDF (French by default, Dutch on request) and the XLSX annex as attachments", async () => {
    const summary = (await viewer.json("GET", `${base}/${demoId}`)).body;
    const manifest = await viewer.request("GET", `${base}/${demoId}/manifest.json`);
    assert.equal(manifest.status, 200);
    assert.match(manifest.headers.get("content-disposition")!, /^attachment; filename="annual-report-2018-[0-9a-f]{8}-manifest\.json"$/);
    assert.equal(parseManifest(await manifest.text()).sha256, summary.manifestSha256);

    const fr = await viewer.request("GET", `${base}/${demoId}/report.pdf`);
    assert.equal(fr.status, 200);
    assert.equal(fr.headers.get("content-type"), "application/pdf");
    assert.match(fr.headers.get("content-disposition")!, /^attachment; filename="annual-report-2018-[0-9a-f]{8}-fr\.pdf"$/);
    assert.ok((await firstPageOf(await fr.arrayBuffer())).includes("Rapport annuel 2018"));
    const nl = await viewer.request("GET", `${base}/${demoId}/report.pdf?lang=nl`);
    assert.ok((await firstPageOf(await nl.arrayBuffer())).includes("Jaarverslag 2018"));

    const annex = await viewer.request("GET", `${base}/${demoId}/annex.xlsx?lang=nl`);
    assert.equal(annex.status, 200);
    assert.match(annex.headers.get("content-disposition")!, /-annex-nl\.xlsx"$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await annex.arrayBuffer()) as never);
    assert.equal(workbook.worksheets[0]!.name, "Gewestelijke reeksen");
  });

  it("lets only a coordinator publish and withdraw, one published annual report per year", async () => {
    const draft = (await analyst.json("POST", base, { year: 2018, fromYear: 2014 })).body;
    assert.equal((await analyst.request("POST", `${base}/${draft.id}/publish`)).status, 403);
    const clash = await coordinator.json("POST", `${base}/${draft.id}/publish`);
    assert.equal(clash.status, 409);
    assert.equal(clash.body.error.fields[0].message, "Un rapport annuel 2018 est déjà publié ; retirez-le d’abord.");
    assert.equal((await coordinator.json("POST", `${base}/${demoId}/withdraw`)).body.status, "withdrawn");
    const published = await coordinator.json("POST", `${base}/${draft.id}/publish`);
    assert.deepEqual([published.status, published.body.status, published.body.period], [200, "published", { from: 2014, to: 2018 }]);
    assert.ok(published.body.publishedAt);
    assert.deepEqual((await viewer.json("GET", base)).body.map((p: { id: number }) => p.id), [draft.id]);
    assert.equal((await viewer.request("GET", `${base}/${demoId}`)).status, 404, "a withdrawn publication is no longer public");
    assert.equal((await coordinator.request("POST", `${base}/${demoId}/withdraw`)).status, 409);
    assert.equal((await coordinator.request("POST", `${base}/999999/publish`)).status, 404);
  });
});
