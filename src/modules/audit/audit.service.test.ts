/** The audit log's hash chain: built under concurrency, and every kind of tampering named. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Selectable } from "kysely";
import { systemActor, type Actor } from "../../server/auth/actor.js";
import type { Db } from "../../server/db/database.js";
import { createTestDatabase, testDialects, type DialectName } from "../../../test/helpers/databases.js";
import type { AuditLogTable } from "./audit.table.js";
import { diffOf, entryHash, listAudit, recordAudit, verifyAuditChain } from "./audit.service.js";

const GENESIS = "0".repeat(64);
const writer: Actor = { ...systemActor, userId: 42, organisationId: 7 };

/** Appends `count` entries, one transaction each, as a service would. */
async function record(db: Db, count: number, label = "thing"): Promise<void> {
  for (let i = 1; i <= count; i++) {
    await db.transaction().execute((trx) =>
      recordAudit(trx, { actor: writer, requestId: `req-${label}-${i}` }, { action: `${label}.updated`, entityType: label, entityId: i, before: { n: i - 1 }, after: { n: i } }),
    );
  }
}

const rows = (db: Db) => db.selectFrom("audit_log").selectAll().orderBy("seq").execute();

/** Each tampering test gets its own database, so a broken chain never leaks into another test. */
async function withChain(dialect: DialectName, entries: number, work: (db: Db) => Promise<void>): Promise<void> {
  const test = await createTestDatabase(dialect, { seeded: false });
  try {
    await record(test.db, entries);
    await work(test.db);
  } finally {
    await test.drop();
  }
}

describe("diffOf", () => {
  it("keeps only the changed fields, sorted, as [before, after]", () => {
    const diff = diffOf({ name: "A", role: "viewer", locale: "fr", gone: 1 }, { name: "A", role: "admin", locale: "nl", added: true });
    assert.deepEqual(diff, { added: [null, true], gone: [1, null], locale: ["fr", "nl"], role: ["viewer", "admin"] });
    assert.deepEqual(Object.keys(diff), ["added", "gone", "locale", "role"]);
  });

  it("masks secrets: the log says that they changed, never their values", () => {
    const diff = diffOf({ password_hash: "$argon2id$old", token_hash: "abc" }, { password_hash: "$argon2id$new", token_hash: "def", csrf_token: "t" });
    assert.deepEqual(diff, {
      csrf_token: ["[secret]", "[secret changed]"],
      password_hash: ["[secret]", "[secret changed]"],
      token_hash: ["[secret]", "[secret changed]"],
    });
    assert.ok(!JSON.stringify(diff).includes("argon2id"));
  });

  it("treats a missing side as empty, and equal values (even objects) as unchanged", () => {
    assert.deepEqual(diffOf(null, { a: 1 }), { a: [null, 1] });
    assert.deepEqual(diffOf({ a: 1 }, undefined), { a: [1, null] });
    assert.deepEqual(diffOf({ a: { x: [1, 2] }, b: null }, { a: { x: [1, 2] }, b: undefined }), {});
  });
});

describe("entryHash", () => {
  const entry = { seq: 1, at: "2026-01-01T00:00:00.000Z", actor_user_id: 1, actor_token_id: null, actor_org_id: 2, action: "a", entity_type: "t", entity_id: "9", diff: "{}", request_id: "r" };
  it("depends on the previous hash and on every field of the entry", () => {
    const base = entryHash(GENESIS, entry);
    assert.match(base, /^[0-9a-f]{64}$/);
    assert.equal(entryHash(GENESIS, { ...entry }), base);
    assert.notEqual(entryHash("1".repeat(64), entry), base);
    for (const [field, value] of Object.entries({ seq: 2, at: "2026-01-01T00:00:00.001Z", actor_user_id: 3, actor_token_id: 4, actor_org_id: null, action: "b", entity_type: "u", entity_id: "10", diff: '{"a":[1,2]}', request_id: null })) {
      assert.notEqual(entryHash(GENESIS, { ...entry, [field]: value }), base, field);
    }
  });
});

for (const dialect of testDialects()) {
  describe(`audit chain [${dialect}]`, () => {
    it("links each entry to the previous one and verifies after several writes", async () => {
      await withChain(dialect, 5, async (db) => {
        assert.deepEqual(await verifyAuditChain(db), { ok: true, entries: 5 });
        const chain = await rows(db);
        assert.deepEqual(chain.map((r) => r.seq), [1, 2, 3, 4, 5]);
        assert.equal(chain[0]!.prev_hash, GENESIS);
        for (let i = 1; i < chain.length; i++) assert.equal(chain[i]!.prev_hash, chain[i - 1]!.hash);
        assert.equal(chain[2]!.actor_user_id, 42);
        assert.equal(chain[2]!.actor_org_id, 7);
        assert.equal(chain[2]!.request_id, "req-thing-3");
        assert.deepEqual(JSON.parse(chain[2]!.diff), { n: [2, 3] });
        const newest = await listAudit(db, { limit: 2 });
        assert.deepEqual(newest.map((e) => e.seq), [5, 4]);
        assert.deepEqual(newest[0]!.diff, { n: [4, 5] });
      });
    });

    it("verifies an empty chain", async () => {
      const test = await createTestDatabase(dialect, { seeded: false });
      try {
        assert.deepEqual(await verifyAuditChain(test.db), { ok: true, entries: 0 });
      } finally {
        await test.drop();
      }
    });

    it("names an entry whose diff was altered", async () => {
      await withChain(dialect, 5, async (db) => {
        await db.updateTable("audit_log").set({ diff: JSON.stringify({ n: [2, 999] }) }).where("seq", "=", 3).execute();
        assert.deepEqual(await verifyAuditChain(db), { ok: false, entries: 3, seq: 3, problem: "altered" });
      });
    });

    it("catches an altered entry whose own hash was recomputed, at the next entry", async () => {
      await withChain(dialect, 5, async (db) => {
        const [third] = await db.selectFrom("audit_log").selectAll().where("seq", "=", 3).execute();
        const { hash: _hash, prev_hash, ...content } = third!;
        const forged = { ...content, action: "thing.forged" };
        await db.updateTable("audit_log").set({ action: forged.action, hash: entryHash(prev_hash, forged) }).where("seq", "=", 3).execute();
        assert.deepEqual(await verifyAuditChain(db), { ok: false, entries: 4, seq: 4, problem: "reordered" });
      });
    });

    it("names the missing sequence number when a middle entry is deleted", async () => {
      await withChain(dialect, 5, async (db) => {
        await db.deleteFrom("audit_log").where("seq", "=", 3).execute();
        const result = await verifyAuditChain(db);
        assert.deepEqual(result, { ok: false, entries: 3, seq: 3, problem: "removed" });
      });
    });

    it("reports swapped entries at the first wrong position", async () => {
      await withChain(dialect, 5, async (db) => {
        const chain = await rows(db);
        const contentOf = ({ seq: _seq, ...rest }: Selectable<AuditLogTable>) => rest;
        await db.updateTable("audit_log").set(contentOf(chain[3]!)).where("seq", "=", 3).execute();
        await db.updateTable("audit_log").set(contentOf(chain[2]!)).where("seq", "=", 4).execute();
        assert.equal((await rows(db))[2]!.hash, chain[3]!.hash, "the swap took place");
        assert.deepEqual(await verifyAuditChain(db), { ok: false, entries: 3, seq: 3, problem: "altered" });
      });
    });

    it("keeps the chain whole under concurrent writers: seq 1..n without gaps", async () => {
      const test = await createTestDatabase(dialect, { seeded: false });
      try {
        await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            test.db.transaction().execute(async (trx) => {
              await trx.selectFrom("audit_log").select("seq").execute();
              await recordAudit(trx, { actor: writer, requestId: `parallel-${i}` }, { action: "thing.created", entityType: "thing", entityId: i, after: { i } });
            }),
          ),
        );
        const chain = await rows(test.db);
        assert.deepEqual(chain.map((r) => r.seq), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        assert.deepEqual(new Set(chain.map((r) => r.request_id)).size, 10);
        assert.deepEqual(await verifyAuditChain(test.db), { ok: true, entries: 10 });
      } finally {
        await test.drop();
      }
    });
  });
}
