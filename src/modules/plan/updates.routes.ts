import { z, type OpenAPIHono } from "@hono/zod-openapi";
import { actorOf, inTransaction, type AppContext, type AppEnv } from "../../server/http/context.js";
import { errors, json, jsonBody, noContent } from "../../server/http/openapi.js";
import { route } from "../../server/http/route.js";
import { EVIDENCE_MAX_BYTES } from "../../shared/plan.js";
import { AppError } from "../../shared/errors.js";
import { attachmentHeader } from "../../server/http/download.js";
import { addEvidence, readEvidence, removeEvidence, type UploadedFile } from "./evidence.service.js";
import { presentUpdate } from "./rounds.presenter.js";
import { IdParam } from "./plan.schema.js";
import { EvidenceCreated, FileUpdateBody, ReturnBody, SubmitBody, UpdateDetail, evidenceUploadForm } from "./rounds.schema.js";
import { getUpdate } from "./updates.read.js";
import { fileUpdate, returnUpdate, submitUpdate, validateUpdate } from "./updates.service.js";

const tags = ["plan: rounds"];
const conflictError = { 409: errors[400] };

const getUpdateRoute = route({
  method: "get",
  path: "/api/plan/updates/{id}",
  tags,
  summary: "One progress update: what was filed, the measure's milestones and indicators, evidence, comments and revisions",
  access: { resource: "update", action: "read" },
  request: { params: IdParam },
  responses: { 200: json(UpdateDetail), ...errors },
});
const fileUpdateRoute = route({
  method: "put",
  path: "/api/plan/updates/{id}",
  tags,
  summary: "Save the update as a draft (while a draft or sent back, in an open round)",
  description: "Milestones and indicators listed replace those filed before; a milestone not listed keeps its current done date.",
  access: { resource: "update", action: "file" },
  request: { params: IdParam, ...jsonBody(FileUpdateBody) },
  responses: { 200: json(UpdateDetail), ...errors, ...conflictError },
});
const submitRoute = route({
  method: "post",
  path: "/api/plan/updates/{id}/submit",
  tags,
  summary: "Submit the update to the agency; a sent-back update needs an answer to each open comment",
  access: { resource: "update", action: "file" },
  request: { params: IdParam, ...jsonBody(SubmitBody) },
  responses: { 200: json(UpdateDetail), ...errors, ...conflictError },
});
const returnRoute = route({
  method: "post",
  path: "/api/plan/updates/{id}/return",
  tags,
  summary: "Send a submitted update back, with one comment per field to revise",
  access: { resource: "update", action: "validate" },
  request: { params: IdParam, ...jsonBody(ReturnBody) },
  responses: { 200: json(UpdateDetail), ...errors, ...conflictError },
});
const validateRoute = route({
  method: "post",
  path: "/api/plan/updates/{id}/validate",
  tags,
  summary: "Validate a submitted update: the measure takes its status, progress, milestone dates and indicator values",
  access: { resource: "update", action: "validate" },
  request: { params: IdParam },
  responses: { 200: json(UpdateDetail), ...errors, ...conflictError },
});
const addEvidenceRoute = route({
  method: "post",
  path: "/api/plan/updates/{id}/evidence",
  tags,
  summary: "Attach a file (multipart field `file`; pdf, png, jpeg, docx, xlsx, odt, ods, csv, txt; at most 10 MB)",
  access: { resource: "update", action: "file" },
  // The file plus the multipart envelope.
  maxBodyBytes: EVIDENCE_MAX_BYTES + 64 * 1024,
  request: { params: IdParam, body: { content: { "multipart/form-data": { schema: evidenceUploadForm } } } },
  responses: { 201: json(EvidenceCreated, "Attached"), ...errors, ...conflictError },
});
const getEvidenceRoute = route({
  method: "get",
  path: "/api/plan/evidence/{id}",
  tags,
  summary: "Download an evidence file",
  access: { resource: "update", action: "read" },
  request: { params: IdParam },
  responses: {
    200: { description: "The file, as an attachment, with its content type", content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } } },
    ...errors,
  },
});
const removeEvidenceRoute = route({
  method: "delete",
  path: "/api/plan/evidence/{id}",
  tags,
  summary: "Remove an evidence file (while its update is a draft or sent back)",
  access: { resource: "update", action: "file" },
  request: { params: IdParam },
  responses: { ...noContent, ...errors, ...conflictError },
});

/** The `file` part of a multipart body; a 400 naming `body.file` when there is none or the body cannot be read. */
async function uploadedFile(c: AppContext): Promise<UploadedFile> {
  const missing = () => new AppError("validation_failed", { fields: [{ field: "body.file", key: "planRounds.validation.fileMissing" }] });
  if (!/^multipart\/form-data/i.test(c.req.header("content-type") ?? "")) throw missing();
  let form: Record<string, unknown>;
  try {
    form = await c.req.parseBody();
  } catch {
    throw missing();
  }
  const file = form["file"];
  if (typeof file !== "object" || file === null || !(file instanceof Blob)) throw missing();
  return { filename: "name" in file ? String(file.name) : "", contentType: file.type, bytes: new Uint8Array(await file.arrayBuffer()) };
}

export function registerUpdateRoutes(app: OpenAPIHono<AppEnv>): void {
  const detail = async (c: AppContext, id: number) => presentUpdate(actorOf(c), c.get("locale"), await getUpdate(c.get("db"), actorOf(c), id));

  app.openapi(getUpdateRoute, async (c) => c.json(await detail(c, c.req.valid("param").id), 200));
  app.openapi(fileUpdateRoute, async (c) => {
    const { id } = c.req.valid("param");
    await inTransaction(c, (trx, ctx) => fileUpdate(trx, ctx, id, c.req.valid("json")));
    return c.json(await detail(c, id), 200);
  });
  app.openapi(submitRoute, async (c) => {
    const { id } = c.req.valid("param");
    await inTransaction(c, (trx, ctx) => submitUpdate(trx, ctx, id, c.req.valid("json")));
    return c.json(await detail(c, id), 200);
  });
  app.openapi(returnRoute, async (c) => {
    const { id } = c.req.valid("param");
    await inTransaction(c, (trx, ctx) => returnUpdate(trx, ctx, id, c.req.valid("json")));
    return c.json(await detail(c, id), 200);
  });
  app.openapi(validateRoute, async (c) => {
    const { id } = c.req.valid("param");
    await inTransaction(c, (trx, ctx) => validateUpdate(trx, ctx, id));
    return c.json(await detail(c, id), 200);
  });

  app.openapi(addEvidenceRoute, async (c) => {
    const { id } = c.req.valid("param");
    const file = await uploadedFile(c);
    return c.json(await inTransaction(c, (trx, ctx) => addEvidence(trx, ctx, id, file)), 201);
  });
  app.openapi(getEvidenceRoute, async (c) => {
    const file = await readEvidence(c.get("db"), actorOf(c), c.req.valid("param").id);
    c.header("Content-Type", file.content_type);
    c.header("Content-Disposition", attachmentHeader(file.filename));
    c.header("Content-Length", String(file.content.byteLength));
    c.header("Cache-Control", "private, no-store");
    return c.body(file.content, 200);
  });
  app.openapi(removeEvidenceRoute, async (c) => {
    const { id } = c.req.valid("param");
    await inTransaction(c, (trx, ctx) => removeEvidence(trx, ctx, id));
    return c.body(null, 204);
  });
}
