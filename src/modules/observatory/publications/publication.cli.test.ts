/**
 * `vigil observatory report` on a SQLite file with the demo data: a new report in Dutch,
 * then its regeneration from the saved manifest, byte for byte; a wrong call exits 1.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import { openDatabase } from "../../../server/db/database.js";
import { migrateToLatest } from "../../../server/db/migrate.js";
import { seed } from "../../../server/seed.js";
import { parseManifest } from "./manifest.js";

const run = promisify(execFile);
const bin = new URL("../../../../bin/vigil.mjs", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "vigil-report-cli-"));
const url = join(dir, "vigil.db");
const vigil = (...args: string[]) => run(process.execPath, [bin, "observatory", "report", ...args], { env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "silent" } });

describe("vigil observatory report (SQLite file)", () => {
  before(async () => {
    const db = openDatabase(url);
    await migrateToLatest(db);
    await seed(db, { demo: false, observatoryDemo: true });
    await db.destroy();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("writes the Dutch report, its annex and manifest, then regenerates the same bytes from the manifest", async () => {
    const first = join(dir, "first");
    const made = await vigil("--year", "2018", "--from", "2012", "--lang", "nl", "--out", first);
    assert.deepEqual(readdirSync(first).sort(), ["annex-nl.xlsx", "manifest.json", "report-nl.pdf"]);
    const manifest = parseManifest(readFileSync(join(first, "manifest.json"), "utf8"));
    assert.deepEqual(manifest.period, { from: 2012, to: 2018 });
    assert.match(made.stdout, new RegExp(`manifest sha256 ${manifest.sha256}`));
    assert.equal(readFileSync(join(first, "report-nl.pdf")).subarray(0, 5).toString(), "%PDF-");

    const again = join(dir, "again");
    await vigil("--manifest", join(first, "manifest.json"), "--out", again);
    assert.deepEqual(readdirSync(again).sort(), ["annex-fr.xlsx", "manifest.json", "report-fr.pdf", "report-nl.pdf"]);
    assert.ok(readFileSync(join(again, "report-nl.pdf")).equals(readFileSync(join(first, "report-nl.pdf"))), "the regenerated PDF differs");
    assert.equal(readFileSync(join(again, "manifest.json"), "utf8"), readFileSync(join(first, "manifest.json"), "utf8"));
  });

  it("exits 1 with a message on a wrong call, writing nothing", async () => {
    const out = join(dir, "wrong");
    await assert.rejects(vigil("--year", "2030", "--out", out), (err: { code: number; stderr: string }) => {
      assert.equal(err.code, 1);
      assert.match(err.stderr, /body\.year: The data cover the years 2009 to 2018\./);
      return true;
    });
    await assert.rejects(vigil("--out", out), (err: { code: number; stderr: string }) => err.code === 1 && /give --year/.test(err.stderr));
    assert.equal(existsSync(out), false);
  });
});
