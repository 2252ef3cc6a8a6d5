import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { after, describe, it } from "node:test";
import { runInNewContext } from "node:vm";
import { setFlagsFromString } from "node:v8";
import { forEachDatabase } from "../../../../test/helpers/databases.js";
import { openDatabase } from "../../../server/db/database.js";
import { migrateToLatest } from "../../../server/db/migrate.js";
import { seed } from "../../../server/seed.js";
import { seedCrimeTaxonomy } from "../taxonomy.seed.js";
import { importObservatoryFile } from "./import.service.js";

const dir = mkdtempSync(join(tmpdir(), "vigil-obs-stream-"));
const ROWS = 100_000;
after(() => rmSync(dir, { recursive: true, force: true }));

/** An aggregated CSV of `rows` lines over the given neighbourhoods, written line by line. */
async function bigFile(name: string, neighbourhoods: number[], rows = ROWS): Promise<string> {
  const path = join(dir, name);
  const out = createWriteStream(path);
  out.write("neighbourhood;category;month;count\n");
  const categories = ["theft.car", "theft.from_vehicle", "theft.pickpocketing", "theft.violent"];
  for (let i = 0; i < rows; i++) {
    const line = `${neighbourhoods[i % neighbourhoods.length]};${categories[i % 4]};${2000 + Math.floor(i / 4000)}-${String((i % 12) + 1).padStart(2, "0")};${i % 17}\n`;
    if (!out.write(line)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return path;
}

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

forEachDatabase("observatory import, 100,000 rows", (ctx) => {
  it("streams: the retained heap stays far below the file's size", async () => {
    await ctx.db.transaction().execute((trx) => seedCrimeTaxonomy(trx));
    const codes = (await ctx.db.selectFrom("neighbourhoods").select("code").execute()).map((r) => r.code);
    const path = await bigFile(`big-${ctx.dialect}.csv`, codes);
    const size = statSync(path).size;
    gc();
    const base = process.memoryUsage().heapUsed;
    let peak = 0;
    const result = await importObservatoryFile(ctx.db, {
      file: path,
      grain: "aggregated",
      source: "test-big",
      onProgress: (p) => {
        if (p.rows % 25_000 !== 0) return;
        gc(); // what is still referenced, not garbage waiting to be collected
        peak = Math.max(peak, process.memoryUsage().heapUsed - base);
      },
    });
    assert.deepEqual(result.errors, []);
    assert.equal(result.rows, ROWS);
    const stored = await ctx.db.selectFrom("crime_counts").select((eb) => eb.fn.countAll<number>().as("n")).where("batch_id", "=", result.batchId!).executeTakeFirstOrThrow();
    assert.equal(Number(stored.n), ROWS);
    // Holding the 100,000 rows as objects would retain several times the file's ~2.9 MB;
    // a stream retains one batch of 1,000 rows, the capped errors and fixed overhead (~1.6 MB
    // measured, constant as rows grow).
    assert.ok(peak < size, `retained ${peak} bytes for a ${size}-byte file`);
  });
}, { seeded: true, demo: false });

describe("observatory import killed mid-way (SQLite file)", () => {
  it("leaves no row of the batch after SIGKILL of the CLI", async () => {
    const url = join(dir, "killed.db");
    const db = openDatabase(url);
    await migrateToLatest(db);
    await seed(db, { demo: false });
    await db.transaction().execute((trx) => seedCrimeTaxonomy(trx));
    const codes = (await db.selectFrom("neighbourhoods").select("code").execute()).map((r) => r.code);
    await db.destroy();
    const path = await bigFile("killed.csv", codes);

    const bin = new URL("../../../../bin/vigil.mjs", import.meta.url).pathname;
    const child = spawn(process.execPath, [bin, "observatory", "import", path], { env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "silent" } });
    let stderr = "";
    let killedAt = 0;
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      const rows = [...stderr.matchAll(/(\d+) rows /g)].map((m) => Number(m[1]));
      if (!killedAt && rows.some((r) => r >= 5000 && r < ROWS)) {
        killedAt = Math.max(...rows);
        child.kill("SIGKILL");
      }
    });
    const [, signal] = (await once(child, "exit")) as [number | null, string | null];
    assert.equal(signal, "SIGKILL", `the import ended before it could be killed: ${stderr}`);
    assert.ok(killedAt >= 5000); // at least 5 batches of 1,000 rows had been inserted

    const after = openDatabase(url);
    try {
      const counts = await after.selectFrom("crime_counts").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
      assert.equal(Number(counts.n), 0);
      assert.equal((await after.selectFrom("observatory_batches").select("id").execute()).length, 0);
    } finally {
      await after.destroy();
    }
  });
});
