/** Evidence files on a real database: bytes kept exactly, formats and sizes checked, who may attach, read and remove. */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import type { Transaction } from "kysely";
import type { Database } from "../../server/db/schema.js";
import { EVIDENCE_MAX_BYTES } from "../../shared/plan.js";
import { listAudit } from "../audit/audit.service.js";
import { rejectsWith, rejectsWithKey } from "../../../test/helpers/assertions.js";
import { forEachDatabase } from "../../../test/helpers/databases.js";
import { actorOf, contextOf } from "../../../test/helpers/access.builders.js";
import { buildMeasure, buildPlan } from "../../../test/helpers/plan.builders.js";
import { openRound, updateIdOf } from "../../../test/helpers/plan-rounds.builders.js";
import { attachmentHeader } from "../../server/http/download.js";
import { acceptedType, addEvidence, cleanFilename, readEvidence, removeEvidence, type UploadedFile } from "./evidence.service.js";
import { submitUpdate } from "./updates.service.js";

/** A PDF-looking file holding every byte value (so any text or encoding mangling shows). */
function pdfBytes(): Uint8Array {
  const header = Buffer.from("%PDF-1.7\n");
  const all = Uint8Array.from({ length: 256 * 4 }, (_, i) => i % 256);
  return new Uint8Array(Buffer.concat([header, all]));
}

const file = (filename: string, bytes: Uint8Array, contentType = ""): UploadedFile => ({ filename, contentType, bytes });

describe("evidence formats", () => {
  const text = new TextEncoder().encode("a;b\n1;2\n");
  it("accepts the listed formats, from the extension, when the declared type agrees or says nothing", () => {
    assert.equal(acceptedType(file("rapport.pdf", pdfBytes(), "application/pdf")), "application/pdf");
    assert.equal(acceptedType(file("chiffres.CSV", text, "application/vnd.ms-excel")), "text/csv");
    assert.equal(acceptedType(file("notes.txt", text, "")), "text/plain");
    assert.equal(acceptedType(file("photo.jpeg", new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1]), "image/jpeg")), "image/jpeg");
    assert.equal(acceptedType(file("tabel.xlsx", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0]), "application/octet-stream")), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  });

  it("refuses other formats, disguised files, empty files and files over the limit, naming body.file", async () => {
    const fails = (f: UploadedFile, key: string) => rejectsWithKey(Promise.resolve().then(() => acceptedType(f)), "validation_failed", "body.file", `planRounds.validation.${key}`);
    await fails(file("setup.exe", pdfBytes(), "application/x-msdownload"), "fileType");
    await fails(file("no-extension", pdfBytes()), "fileType");
    await fails(file("page.pdf", pdfBytes(), "text/html"), "fileType");
    await fails(file("image.png", text, "image/png"), "fileContent");
    await fails(file("vide.pdf", new Uint8Array(0)), "fileEmpty");
    const big = new Uint8Array(EVIDENCE_MAX_BYTES + 1);
    big.set(pdfBytes());
    const err = await fails(file("gros.pdf", big, "application/pdf"), "fileTooLarge");
    assert.deepEqual(err.options.fields?.[0]?.params, { maximum: 10 });
  });

  it("keeps only the file's own name, and offers it for download in ASCII and in UTF-8", () => {
    assert.equal(cleanFilename("C:\\Users\\x\\Rapport final.pdf"), "Rapport final.pdf");
    assert.equal(cleanFilename("../../etc/passwd\u0000.txt"), "passwd.txt");
    assert.equal(cleanFilename(`${"a".repeat(300)}.pdf`).length, 200);
    assert.ok(cleanFilename(`${"a".repeat(300)}.pdf`).endsWith(".pdf"));
    assert.equal(attachmentHeader('Évaluation "2018".pdf'), `attachment; filename="_valuation _2018_.pdf"; filename*=UTF-8''%C3%89valuation%20%222018%22.pdf`);
  });
});

forEachDatabase("evidence files", (ctx) => {
  const run = <T>(work: (trx: Transaction<Database>) => Promise<T>) => ctx.db.transaction().execute(work);

  async function anderlechtUpdate() {
    const plan = await buildPlan(ctx.db);
    const measure = await buildMeasure(ctx.db, plan, { leadOrganisationCode: "mun-21001" });
    const roundId = await openRound(ctx.db, plan);
    return updateIdOf(ctx.db, roundId, measure.id);
  }

  it("stores the bytes and their SHA-256, and gives back exactly the same bytes", async () => {
    const updateId = await anderlechtUpdate();
    const editor = contextOf(await actorOf(ctx.db, "editor@anderlecht.demo"));
    const bytes = pdfBytes();
    const created = await run((trx) => addEvidence(trx, editor, updateId, file("Évaluation 2018.pdf", bytes, "application/pdf")));
    assert.deepEqual({ ...created, id: 0 }, { id: 0, filename: "Évaluation 2018.pdf", contentType: "application/pdf", size: bytes.byteLength });

    for (const reader of ["editor@anderlecht.demo", "viewer@bps.demo"]) {
      const back = await readEvidence(ctx.db, await actorOf(ctx.db, reader), created.id);
      assert.ok(Buffer.from(back.content).equals(Buffer.from(bytes)), `${reader}: bytes differ`);
      assert.equal(back.sha256, createHash("sha256").update(bytes).digest("hex"));
      assert.equal(back.content_type, "application/pdf");
    }
    const [entry] = await listAudit(ctx.db, { entityType: "evidence", entityId: String(created.id), limit: 5 });
    assert.equal(entry?.action, "evidence.added");
    assert.equal(entry?.diff.content, undefined, "the bytes stay out of the audit log");
    await rejectsWith(readEvidence(ctx.db, await actorOf(ctx.db, "editor@stib.demo"), created.id), "forbidden");
    await rejectsWith(readEvidence(ctx.db, editor.actor, 999_999), "not_found");
  });

  it("attaches and removes only while the update can be filed, and only for the lead organisation", async () => {
    const updateId = await anderlechtUpdate();
    const editor = contextOf(await actorOf(ctx.db, "editor@anderlecht.demo"));
    const stib = contextOf(await actorOf(ctx.db, "editor@stib.demo"));
    const txt = file("notes.txt", new TextEncoder().encode("Verslag van de werkgroep"), "text/plain");
    await rejectsWith(run((trx) => addEvidence(trx, stib, updateId, txt)), "forbidden");
    const kept = await run((trx) => addEvidence(trx, editor, updateId, txt));
    const dropped = await run((trx) => addEvidence(trx, editor, updateId, txt));
    await rejectsWith(run((trx) => removeEvidence(trx, stib, dropped.id)), "forbidden");
    await run((trx) => removeEvidence(trx, editor, dropped.id));
    await rejectsWith(readEvidence(ctx.db, editor.actor, dropped.id), "not_found");

    await run((trx) => submitUpdate(trx, editor, updateId, {}));
    const locked = await rejectsWith(run((trx) => removeEvidence(trx, editor, kept.id)), "conflict");
    assert.equal(locked.options.fields?.[0]?.key, "planRounds.conflict.notEditable");
    await rejectsWith(run((trx) => addEvidence(trx, editor, updateId, txt)), "conflict");
    const remaining = await ctx.db.selectFrom("plan_evidence").select("id").where("update_id", "=", updateId).execute();
    assert.deepEqual(remaining, [{ id: kept.id }]);
  });
});
