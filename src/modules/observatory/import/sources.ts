/**
 * Streams the rows of an import file (CSV or XLSX) as arrays of cell texts, without
 * holding the file in memory, while counting the bytes read and hashing them (sha256).
 */
import { createHash } from "node:crypto";
import { closeSync, createReadStream, openSync, readSync, statSync } from "node:fs";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Parser, type Options as CsvOptions } from "csv-parse";
import ExcelJS from "exceljs";

/** One line of the file: its number as a spreadsheet shows it (header = 1) and its cells. */
export interface SourceRow {
  row: number;
  cells: string[];
}

export interface FileMeter {
  totalBytes: number;
  bytesRead: number;
  /** The file's sha256 in hex; complete once every row was read. */
  sha256(): string;
}

export type FileFormat = "csv" | "xlsx";

export function formatOf(file: string): FileFormat {
  return /\.xlsx$/i.test(file) ? "xlsx" : "csv";
}

/** `;` or `,`: whichever occurs more often in the header line (ties go to `,`). */
export function detectDelimiter(firstBytes: Buffer): ";" | "," {
  const text = firstBytes.toString("utf8").replace(/^\uFEFF/, "");
  const line = text.split(/\r?\n/, 1)[0] ?? "";
  const count = (c: string) => line.split(c).length - 1;
  return count(";") > count(",") ? ";" : ",";
}

function headOf(file: string, bytes = 64 * 1024): Buffer {
  const fd = openSync(file, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const n = readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** A read stream of `file` whose bytes are counted and hashed as they pass. */
function meteredStream(file: string): { stream: Transform; meter: FileMeter; done: Promise<void> } {
  const hash = createHash("sha256");
  let digest: string | undefined;
  const meter: FileMeter = {
    totalBytes: statSync(file).size,
    bytesRead: 0,
    sha256: () => (digest ??= hash.digest("hex")),
  };
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      meter.bytesRead += chunk.length;
      callback(null, chunk);
    },
  });
  const done = pipeline(createReadStream(file), stream);
  done.catch(() => undefined); // surfaced through the consumer of `stream`
  return { stream, meter, done };
}

/** Text of a cell as read from a spreadsheet: dates as YYYY-MM-DDTHH:MM (the sheet's wall-clock time). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 16);
  if (typeof value === "object") {
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("richText" in value) return value.richText.map((r) => r.text).join("").trim();
    if ("text" in value) return String(value.text).trim();
    if ("error" in value) return String(value.error);
  }
  return String(value).trim();
}

/**
 * csv-parse's `info: true` builds an info object (a copy of ~15 counters) for every record,
 * which cost more than the parsing itself. The line number we need is `info.lines` at the
 * moment a record is pushed — exactly what `info: true` would report, blank lines and
 * quoted multi-line fields included — so it is read there and queued beside the records
 * (records are pushed and read in the same order).
 */
class LineNumberedParser extends Parser {
  /** Line numbers of the records pushed and not yet read, from `head` on. */
  lines: number[] = [];
  head = 0;
  constructor(options: CsvOptions) {
    super(options);
  }
  override push(record: unknown, encoding?: BufferEncoding): boolean {
    if (record !== null) this.lines.push(this.info.lines);
    return super.push(record, encoding);
  }
  /** The line of the next record read. */
  nextLine(): number {
    const line = this.lines[this.head++]!;
    if (this.head >= 4096) {
      this.lines = this.lines.slice(this.head);
      this.head = 0;
    }
    return line;
  }
}

async function* csvRows(file: string, stream: Transform): AsyncGenerator<SourceRow> {
  const parser = new LineNumberedParser({
    delimiter: detectDelimiter(headOf(file)),
    bom: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
  });
  stream.pipe(parser);
  stream.on("error", (err) => parser.destroy(err));
  for await (const record of parser as AsyncIterable<string[]>) {
    yield { row: parser.nextLine(), cells: record };
  }
}

async function* xlsxRows(stream: Transform): AsyncGenerator<SourceRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, { worksheets: "emit", sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", entries: "ignore" });
  let first = true;
  for await (const sheet of reader) {
    for await (const row of sheet) {
      // Only the first sheet holds data; the others are read through to finish the hash.
      if (!first) continue;
      const values = (row.values as ExcelJS.CellValue[]).slice(1);
      yield { row: row.number, cells: Array.from(values, cellText) };
    }
    first = false;
  }
}

/** Opens `file` for streaming: its rows (the header first) and a meter of the bytes read. */
export function openRows(file: string, format: FileFormat = formatOf(file)): { rows: AsyncGenerator<SourceRow>; meter: FileMeter } {
  const { stream, meter } = meteredStream(file);
  return { rows: format === "xlsx" ? xlsxRows(stream) : csvRows(file, stream), meter };
}
