/**
 * Observatory publications over HTTP, under /api/observatory/publications: list, create a
 * draft annual report (its manifest), read one, download its manifest, PDF (fr/nl) and
 * XLSX annex (regenerated from the manifest at each download), publish and withdraw.
 * Drafts and withdrawn publications are visible only with `observatory.report`.
 */
import { z, type OpenAPIHono } from "@hono/zod-openapi";
import { actorOf, inTransaction, type AppContext, type AppEnv } from "../../../server/http/context.js";
import { errors, json, jsonBody } from "../../../server/http/openapi.js";
import { route } from "../../../server/http/route.js";
import { pdfResponse, xlsxResponse } from "../../plan/files.schema.js";
import { XLSX_TYPE } from "../../plan/xlsx-export.js";
import { manifestFile, type SignedManifest } from "./manifest.js";
import { presentPublication } from "./publication.presenter.js";
import { ManifestFile, NewPublicationBody, Publication, PublicationIdParam, ReportLangQuery } from "./publication.schema.js";
import {
  createPublication,
  getPublication,
  listPublications,
  publishPublication,
  regenerate,
  storedManifest,
  withdrawPublication,
  type PublicationRow,
} from "./publication.service.js";
import { asDownload, download } from "../../../server/http/download.js";

const tags = ["observatory publications"];
const base = "/api/observatory/publications";
const read = { resource: "observatory", action: "read" } as const;
const publish = { resource: "observatory", action: "publish" } as const;
const conflict = { 409: errors[400] };

const listRoute = route({
  method: "get",
  path: base,
  tags,
  summary: "Publications, latest year first: all of them with `observatory.report`, the published ones otherwise",
  access: read,
  responses: { 200: json(z.array(Publication)), ...errors },
});
const createRoute = route({
  method: "post",
  path: base,
  tags,
  summary: "Create a draft annual report: its reproducibility manifest is built from the data as they are now",
  access: { resource: "observatory", action: "report" },
  request: jsonBody(NewPublicationBody),
  responses: { 201: json(Publication, "Created"), ...errors },
});
const getRoute = route({
  method: "get",
  path: `${base}/{id}`,
  tags,
  summary: "One publication (a draft needs `observatory.report`)",
  access: read,
  request: { params: PublicationIdParam },
  responses: { 200: json(Publication), ...errors },
});
const manifestRoute = route({
  method: "get",
  path: `${base}/{id}/manifest.json`,
  tags,
  summary: "The reproducibility manifest (batches, filters, population vintage, seed, permutations, software version) with its sha256",
  access: read,
  request: { params: PublicationIdParam },
  responses: { 200: json(ManifestFile, "The manifest, as an attachment"), ...errors },
});
const pdfRoute = route({
  method: "get",
  path: `${base}/{id}/report.pdf`,
  tags,
  summary: "The annual report (PDF, A4, French or Dutch), regenerated from the manifest: the same manifest gives the same bytes",
  description: "409 when a batch of the manifest was deleted or imported again with other content.",
  access: read,
  request: { params: PublicationIdParam, query: ReportLangQuery },
  responses: { 200: pdfResponse("The report, as an attachment"), ...errors, ...conflict },
});
const annexRoute = route({
  method: "get",
  path: `${base}/{id}/annex.xlsx`,
  tags,
  summary: "The XLSX annex of the annual report: series, trends, neighbourhoods, hot spots, priority zones, manifest",
  description: "409 when a batch of the manifest was deleted or imported again with other content.",
  access: read,
  request: { params: PublicationIdParam, query: ReportLangQuery },
  responses: { 200: xlsxResponse("The annex, as an attachment"), ...errors, ...conflict },
});
const publishRoute = route({
  method: "post",
  path: `${base}/{id}/publish`,
  tags,
  summary: "Publish a draft (or a withdrawn publication): its years become the public figures",
  description: "409 when another annual report of that year is published, or when the manifest can no longer be regenerated.",
  access: publish,
  request: { params: PublicationIdParam },
  responses: { 200: json(Publication), ...errors, ...conflict },
});
const withdrawRoute = route({
  method: "post",
  path: `${base}/{id}/withdraw`,
  tags,
  summary: "Withdraw a published publication",
  access: publish,
  request: { params: PublicationIdParam },
  responses: { 200: json(Publication), ...errors, ...conflict },
});


const present = (c: AppContext, row: PublicationRow) => presentPublication(actorOf(c), c.get("locale"), row);
const fileStem = (row: PublicationRow) => `annual-report-${row.year}-${row.manifest_sha256.slice(0, 8)}`;

export function registerPublicationRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(listRoute, async (c) => {
    const rows = await listPublications(c.get("db"), actorOf(c));
    return c.json(rows.map((row) => present(c, row)), 200);
  });

  app.openapi(createRoute, async (c) => {
    const id = await inTransaction(c, (trx, ctx) => createPublication(trx, ctx, c.req.valid("json")));
    return c.json(present(c, await getPublication(c.get("db"), actorOf(c), id)), 201);
  });

  app.openapi(getRoute, async (c) => {
    return c.json(present(c, await getPublication(c.get("db"), actorOf(c), c.req.valid("param").id)), 200);
  });

  app.openapi(manifestRoute, async (c) => {
    const row = await getPublication(c.get("db"), actorOf(c), c.req.valid("param").id);
    asDownload(c, `${fileStem(row)}-manifest.json`, "application/json");
    return c.json(JSON.parse(manifestFile(storedManifest(row))) as SignedManifest, 200);
  });

  app.openapi(pdfRoute, async (c) => {
    const row = await getPublication(c.get("db"), actorOf(c), c.req.valid("param").id);
    const { lang } = c.req.valid("query");
    const report = await regenerate(c.get("db"), storedManifest(row));
    return download(c, { body: await report.pdf(lang), contentType: "application/pdf", filename: `${fileStem(row)}-${lang}.pdf` });
  });

  app.openapi(annexRoute, async (c) => {
    const row = await getPublication(c.get("db"), actorOf(c), c.req.valid("param").id);
    const { lang } = c.req.valid("query");
    const report = await regenerate(c.get("db"), storedManifest(row));
    return download(c, { body: await report.annex(lang), contentType: XLSX_TYPE, filename: `${fileStem(row)}-annex-${lang}.xlsx` });
  });

  app.openapi(publishRoute, async (c) => {
    const { id } = c.req.valid("param");
    await inTransaction(c, (trx, ctx) => publishPublication(trx, ctx, id));
    return c.json(present(c, await getPublication(c.get("db"), actorOf(c), id)), 200);
  });

  app.openapi(withdrawRoute, async (c) => {
    const { id } = c.req.valid("param");
    await inTransaction(c, (trx, ctx) => withdrawPublication(trx, ctx, id));
    return c.json(present(c, await getPublication(c.get("db"), actorOf(c), id)), 200);
  });
}
