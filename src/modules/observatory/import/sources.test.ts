import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { parse } from "csv-parse/sync";
import { openRows, UnreadableFile, type SourceRow } from "./sources.js";

const dir = mkdtempSync(join(tmpdir(), "vigil-obs-sources-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** csv-parse on the whole file at once, with the options the import used: records and their line. */
function reference(path: string): SourceRow[] {
  const rows: SourceRow[] = [];
  parse(readFileSync(path), {
    delimiter: ";",
    bom: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    on_record: (cells: string[], info: { lines: number }) => {
      rows.push({ row: info.lines, cells });
      return cells;
    },
  });
  return rows;
}

async function readAll(path: string): Promise<{ rows: SourceRow[]; chunks: number; error: unknown }> {
  const { chunks } = openRows(path);
  const rows: SourceRow[] = [];
  let count = 0;
  try {
    for await (const chunk of chunks) {
      count++;
      rows.push(...chunk);
    }
    return { rows, chunks: count, error: null };
  } catch (error) {
    return { rows, chunks: count, error };
  }
}

describe("openRows on UTF-8 CSV", () => {
  it("gives csv-parse's rows and lines over many read blocks, characters of 2 to 4 bytes cut at block ends", async () => {
    const lines = ["\uFEFFneighbourhood;category;month;count"];
    // Lines of uneven length so that the 64 KiB blocks end inside every kind of character.
    for (let k = 0; k < 12_000; k++) {
      const text = ["é", "€", "😀", "ü".repeat(k % 5)][k % 4]!.repeat((k % 7) + 1);
      lines.push(k % 41 === 0 ? `${k};"${text}\r\n; ""quoted""";2024-01;${k}` : k % 113 === 0 ? "" : `${k}; ${text} ;2024-02;${k % 9}`);
    }
    const path = join(dir, "long.csv");
    writeFileSync(path, lines.join("\r\n") + "\r\n");
    const ours = await readAll(path);
    assert.equal(ours.error, null);
    assert.ok(ours.chunks > 5, `${ours.chunks} chunks`);
    assert.deepEqual(ours.rows, reference(path));
  });

  it("hands over the rows before a malformed line, then fails with csv-parse's line", async () => {
    const path = join(dir, "bad.csv");
    const good = Array.from({ length: 5000 }, (_, k) => `${k};theft;2024-01;1`);
    writeFileSync(path, ["neighbourhood;category;month;count", ...good, '9;"unclosed;2024-01;1', "10;theft;2024-01;1"].join("\n"));
    const ours = await readAll(path);
    assert.equal(ours.rows.length, 5001);
    assert.ok(ours.error instanceof UnreadableFile);
    assert.throws(() => reference(path), (err: { code: string; lines: number }) => err.code === "CSV_QUOTE_NOT_CLOSED" && err.lines === (ours.error as UnreadableFile).line);
  });

  it("hashes the whole file and counts its bytes", async () => {
    const path = join(dir, "hashed.csv");
    writeFileSync(path, ["neighbourhood;category;month;count", ...Array.from({ length: 20_000 }, (_, k) => `${k};vol é;2024-01;${k}`)].join("\n"));
    const { chunks, meter } = openRows(path);
    for await (const _ of chunks);
    const bytes = readFileSync(path);
    assert.equal(meter.bytesRead, bytes.length);
    assert.equal(meter.totalBytes, bytes.length);
    assert.equal(meter.sha256(), createHash("sha256").update(bytes).digest("hex"));
  });
});
