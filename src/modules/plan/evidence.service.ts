/**
 * Evidence attached to a progress update: reports, photos, spreadsheets. Kept in the
 * database (bytes and SHA-256), accepted only in a few document formats and up to
 * EVIDENCE_MAX_BYTES, attached and removed while the update can be filed.
 */
import { createHash } from "node:crypto";
import type { Transaction } from "kysely";
import type { Actor } from "../../server/auth/actor.js";
import type { Database } from "../../server/db/schema.js";
import type { WriteContext } from "../../server/http/context.js";
import { AppError, notFound } from "../../shared/errors.js";
import { EVIDENCE_MAX_BYTES } from "../../shared/plan.js";
import { recordAudit } from "../audit/audit.service.js";
import type { Reader } from "./plan.common.js";
import { assertCanFile, assertCanRead } from "./updates.rules.js";
import { updateOr404 } from "./updates.service.js";

const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** The accepted formats by extension: stored content type, other names browsers send for it, and the first bytes of such a file. */
const formats: Record<string, { type: string; aliases?: string[]; magic?: number[] }> = {
  pdf: { type: "application/pdf", magic: [0x25, 0x50, 0x44, 0x46] },
  png: { type: "image/png", magic: [0x89, 0x50, 0x4e, 0x47] },
  jpg: { type: "image/jpeg", aliases: ["image/jpg", "image/pjpeg"], magic: [0xff, 0xd8, 0xff] },
  jpeg: { type: "image/jpeg", aliases: ["image/jpg", "image/pjpeg"], magic: [0xff, 0xd8, 0xff] },
  docx: { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", magic: ZIP },
  xlsx: { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", magic: ZIP },
  odt: { type: "application/vnd.oasis.opendocument.text", magic: ZIP },
  ods: { type: "application/vnd.oasis.opendocument.spreadsheet", magic: ZIP },
  csv: { type: "text/csv", aliases: ["application/vnd.ms-excel", "application/csv", "text/plain"] },
  txt: { type: "text/plain" },
};

/** Types a browser sends when it does not know better. */
const genericTypes = new Set(["", "application/octet-stream", "binary/octet-stream"]);

export const EVIDENCE_EXTENSIONS = Object.keys(formats);

export interface UploadedFile {
  filename: string;
  /** The type the client declared (may be empty). */
  contentType: string;
  bytes: Uint8Array;
}

function fileError(key: string, params?: Record<string, string | number>): AppError {
  return new AppError("validation_failed", { fields: [{ field: "body.file", key: `planRounds.validation.${key}`, ...(params ? { params } : {}) }] });
}

/** The last path segment, without control characters, at most 200 characters (keeping the extension). */
export function cleanFilename(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? "").replace(/[\u0000-\u001f\u007f]/g, "").trim();
  if (base.length <= 200) return base;
  const dot = base.lastIndexOf(".");
  const ext = dot > 0 && base.length - dot <= 10 ? base.slice(dot) : "";
  return base.slice(0, 200 - ext.length) + ext;
}

/** The stored content type of an accepted file; a 400 naming `body.file` otherwise. */
export function acceptedType(file: UploadedFile): string {
  if (file.bytes.byteLength === 0) throw fileError("fileEmpty");
  if (file.bytes.byteLength > EVIDENCE_MAX_BYTES) throw fileError("fileTooLarge", { maximum: Math.round(EVIDENCE_MAX_BYTES / (1024 * 1024)) });
  const extension = /\.([a-z0-9]+)$/i.exec(file.filename)?.[1]?.toLowerCase() ?? "";
  const format = formats[extension];
  const allowed = EVIDENCE_EXTENSIONS.join(", ");
  if (!format) throw fileError("fileType", { allowed });
  const declared = file.contentType.split(";")[0]!.trim().toLowerCase();
  if (!genericTypes.has(declared) && declared !== format.type && !format.aliases?.includes(declared)) throw fileError("fileType", { allowed });
  if (format.magic && !format.magic.every((byte, i) => file.bytes[i] === byte)) throw fileError("fileContent", { extension });
  return format.type;
}

/** Attaches a file to an update the caller may file now. */
export async function addEvidence(trx: Transaction<Database>, ctx: WriteContext, updateId: number, file: UploadedFile) {
  const update = await updateOr404(trx, updateId);
  assertCanFile(ctx.actor, update);
  const filename = cleanFilename(file.filename);
  const contentType = acceptedType({ ...file, filename });
  const row = {
    update_id: updateId,
    filename,
    content_type: contentType,
    size: file.bytes.byteLength,
    sha256: createHash("sha256").update(file.bytes).digest("hex"),
    uploaded_by: ctx.actor.userId,
    uploaded_at: new Date().toISOString(),
  };
  const { id } = await trx
    .insertInto("plan_evidence")
    .values({ ...row, content: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength) })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(trx, ctx, { action: "evidence.added", entityType: "evidence", entityId: id, after: row });
  return { id, filename, contentType, size: row.size };
}

async function evidenceOr404(db: Reader, id: number) {
  const row = await db
    .selectFrom("plan_evidence as e")
    .innerJoin("plan_updates as u", "u.id", "e.update_id")
    .select(["e.id", "e.update_id", "e.filename", "e.content_type", "e.size", "e.sha256", "e.uploaded_by", "e.uploaded_at", "u.organisation_id"])
    .where("e.id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound("evidence", id);
  return row;
}

/** The file, for whoever may read its update. */
export async function readEvidence(db: Reader, actor: Actor, id: number) {
  const meta = await evidenceOr404(db, id);
  assertCanRead(actor, meta);
  const { content } = await db.selectFrom("plan_evidence").select("content").where("id", "=", id).executeTakeFirstOrThrow();
  return { ...meta, content: new Uint8Array(content) };
}

/** Removes a file while its update can still be filed. */
export async function removeEvidence(trx: Transaction<Database>, ctx: WriteContext, id: number): Promise<void> {
  const meta = await evidenceOr404(trx, id);
  assertCanFile(ctx.actor, await updateOr404(trx, meta.update_id));
  await trx.deleteFrom("plan_evidence").where("id", "=", id).execute();
  const { organisation_id: _organisation, ...before } = meta;
  await recordAudit(trx, ctx, { action: "evidence.removed", entityType: "evidence", entityId: id, before });
}
