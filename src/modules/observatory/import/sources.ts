/**
 * Streams the rows of an import file (CSV or XLSX) as arrays of cell texts, a chunk of rows
 * at a time, without holding the file in memory, while counting the bytes read and hashing
 * them (sha256). UTF-8 CSV goes through our tokenizer (csv-tokenizer.ts, proven equal to
 * csv-parse); csv-parse stays for CSV in UTF-16 (a UTF-16LE byte order mark), which it decodes.
 */
import { createHash } from "node:crypto";
import { closeSync, createReadStream, openSync, readSync, statSync } from "node:fs";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { StringDecoder } from "node:string_decoder";
import { Parser, type Options as CsvOptions } from "csv-parse";
import ExcelJS from "exceljs";
import { CsvSyntaxError, CsvTokenizer } from "./csv-tokenizer.js";

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

/** Counts and hashes the bytes of a file as they are read. */
class Meter implements FileMeter {
  readonly totalBytes: number;
  bytesRead = 0;
  private readonly hash = createHash("sha256");
  private digest: string | undefined;
  constructor(file: string) {
    this.totalBytes = statSync(file).size;
  }
  update(chunk: Buffer): void {
    this.hash.update(chunk);
    this.bytesRead += chunk.length;
  }
  sha256(): string {
    return (this.digest ??= this.hash.digest("hex"));
  }
}

/** A read stream of `file` whose bytes pass through `meter`. */
function meteredStream(file: string, meter: Meter): Transform {
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      meter.update(chunk);
      callback(null, chunk);
    },
  });
  pipeline(createReadStream(file), stream).catch(() => undefined); // surfaced through the consumer of `stream`
  return stream;
}

/** Malformed CSV (e.g. an unclosed quote): the line where reading stopped, as csv-parse numbers it. */
export class UnreadableFile extends Error {
  constructor(readonly line: number) {
    super(`unreadable CSV at line ${line}`);
    this.name = "UnreadableFile";
  }
}

/** Rows handed over per chunk by the sources that produce them one at a time (csv-parse, exceljs). */
const ROWS_PER_CHUNK = 1000;
/** Bytes read at a time from a UTF-8 CSV (about 2,000 rows of counts). */
const CSV_READ_BYTES = 64 * 1024;

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

/** UTF-8 CSV through the tokenizer: one chunk of rows per block of bytes read. */
async function* tokenizedRows(file: string, delimiter: ";" | ",", meter: Meter): AsyncGenerator<SourceRow[]> {
  let rows: SourceRow[] = [];
  const tokenizer = new CsvTokenizer(delimiter, (row, cells) => rows.push({ row, cells }));
  const decoder = new StringDecoder("utf8");
  /** Feeds text (or the end) to the tokenizer; the rows it completed before a fault are still handed over. */
  function feed(text: string | null): { chunk: SourceRow[]; fault: UnreadableFile | null } {
    let fault: UnreadableFile | null = null;
    try {
      if (text === null) tokenizer.end();
      else tokenizer.write(text);
    } catch (err) {
      if (!(err instanceof CsvSyntaxError)) throw err;
      fault = new UnreadableFile(err.lines);
    }
    const chunk = rows;
    rows = [];
    return { chunk, fault };
  }
  const blocks = createReadStream(file, { highWaterMark: CSV_READ_BYTES });
  for await (const block of blocks as AsyncIterable<Buffer>) {
    meter.update(block);
    const { chunk, fault } = feed(decoder.write(block));
    if (chunk.length) yield chunk;
    if (fault) throw fault;
  }
  for (const text of [decoder.end(), null]) {
    const { chunk, fault } = feed(text);
    if (chunk.length) yield chunk;
    if (fault) throw fault;
  }
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

/** csv-parse's codes for malformed CSV (one of them without the CSV_ prefix). */
function isCsvFault(err: unknown): err is { lines?: number } {
  const code = (err as { code?: unknown }).code;
  return typeof code === "string" && (code.startsWith("CSV_") || code === "INVALID_OPENING_QUOTE");
}

/** CSV in UTF-16 through csv-parse, which switches to UTF-16LE on its byte order mark. */
async function* csvParseRows(delimiter: ";" | ",", stream: Transform): AsyncGenerator<SourceRow[]> {
  const parser = new LineNumberedParser({ delimiter, bom: true, trim: true, skip_empty_lines: true, relax_column_count: true });
  stream.pipe(parser);
  stream.on("error", (err) => parser.destroy(err));
  let chunk: SourceRow[] = [];
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      chunk.push({ row: parser.nextLine(), cells: record });
      if (chunk.length === ROWS_PER_CHUNK) {
        yield chunk;
        chunk = [];
      }
    }
  } catch (err) {
    if (!isCsvFault(err)) throw err;
    if (chunk.length) yield chunk;
    throw new UnreadableFile(Number(err.lines ?? 0));
  } finally {
    stream.destroy(); // closes the file when the reading stopped early
  }
  if (chunk.length) yield chunk;
}

async function* xlsxRows(stream: Transform): AsyncGenerator<SourceRow[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, { worksheets: "emit", sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", entries: "ignore" });
  let first = true;
  let chunk: SourceRow[] = [];
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        // Only the first sheet holds data; the others are read through to finish the hash.
        if (!first) continue;
        const values = (row.values as ExcelJS.CellValue[]).slice(1);
        chunk.push({ row: row.number, cells: Array.from(values, cellText) });
        if (chunk.length === ROWS_PER_CHUNK) {
          yield chunk;
          chunk = [];
        }
      }
      first = false;
    }
  } finally {
    stream.destroy(); // closes the file when the reading stopped early
  }
  if (chunk.length) yield chunk;
}

/** A UTF-16LE byte order mark (csv-parse decodes such a file; the tokenizer reads UTF-8 only). */
function isUtf16(head: Buffer): boolean {
  return head.length >= 3 && head[0] === 0xff && head[1] === 0xfe;
}

/**
 * Opens `file` for streaming: its rows in chunks (the header first), and a meter of the
 * bytes read. Malformed CSV ends the rows with an UnreadableFile error, after the rows
 * before it.
 */
export function openRows(file: string, format: FileFormat = formatOf(file)): { chunks: AsyncGenerator<SourceRow[]>; meter: FileMeter } {
  const meter = new Meter(file);
  if (format === "xlsx") return { chunks: xlsxRows(meteredStream(file, meter)), meter };
  const head = headOf(file);
  const delimiter = detectDelimiter(head);
  return { chunks: isUtf16(head) ? csvParseRows(delimiter, meteredStream(file, meter)) : tokenizedRows(file, delimiter, meter), meter };
}
