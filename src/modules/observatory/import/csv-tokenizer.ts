/**
 * A streaming CSV tokenizer for UTF-8 import files that gives exactly what csv-parse gives
 * with the options the import used (delimiter `;` or `,`, quote and escape `"`, trim, skip
 * empty lines, relax column count, BOM): the same records, numbered by the same line
 * (csv-parse's `info.lines` when the record is pushed, multi-line fields and blank lines
 * included), and the same errors at the same line. csv-parse looks at every byte through
 * its option checks (about 2 s of CPU for 1,000,000 rows); here a record without quotes or
 * stray line breaks is cut with indexOf and slice (0.3 s), the rest goes through a state
 * machine that mirrors csv-parse's. Why it exists and how it is checked against csv-parse:
 * docs/modules/observatory.md ("CSV reading") and csv-tokenizer.test.ts, which runs both on
 * the same inputs.
 */

/** csv-parse's error codes for the malformed CSV the tokenizer recognises. */
export type CsvErrorCode = "CSV_QUOTE_NOT_CLOSED" | "CSV_INVALID_CLOSING_QUOTE" | "INVALID_OPENING_QUOTE" | "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE";

/** Malformed CSV: csv-parse's code and line (`lines`, as csv-parse reports it). */
export class CsvSyntaxError extends Error {
  constructor(
    readonly code: CsvErrorCode,
    readonly lines: number,
  ) {
    super(`${code} at line ${lines}`);
    this.name = "CsvSyntaxError";
  }
}

const CR = 13;
const LF = 10;
const QUOTE = 34;

/** The characters csv-parse's `trim` skips before a field and after a closing quote. */
function isTrimmable(c: number): boolean {
  return c === 32 || c === 9 || c === CR || c === LF || c === 12;
}

/** A field as csv-parse's ltrim + rtrim leave it: leading space, tab and form feed skipped, then String#trimEnd. */
function trimmedField(text: string, start: number, end: number): string {
  while (start < end) {
    const c = text.charCodeAt(start);
    if (c !== 32 && c !== 9 && c !== 12) break;
    start++;
  }
  if (start === end) return "";
  const value = text.slice(start, end);
  const last = text.charCodeAt(end - 1);
  return last > 32 && last < 127 ? value : value.trimEnd();
}

/**
 * Feed it text with `write` (any split, e.g. one decoded file chunk at a time), then call
 * `end`. Each record is handed to `onRecord` with its line as soon as it is complete; a
 * malformed file throws a CsvSyntaxError after the records before the fault were handed over.
 */
export class CsvTokenizer {
  private readonly delimiter: number;
  private readonly delimiterText: string;
  /** Text not yet consumed: at most the few characters a decision needs to look ahead. */
  private rest = "";
  private started = false;
  /** "" until csv-parse would discover it: the first CR LF, LF or CR outside quotes. */
  private recordDelimiter: "" | "\n" | "\r" | "\r\n" = "";
  private line = 1;
  /** csv-parse counts a line break when it looks at the character after it. */
  private pendingLine = false;
  private quoting = false;
  private wasQuoting = false;
  private field = "";
  private record: string[] = [];

  constructor(
    delimiter: ";" | ",",
    private readonly onRecord: (line: number, cells: string[]) => void,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
    this.delimiterText = delimiter;
  }

  write(text: string): void {
    this.scan(this.rest + text, false);
  }

  end(): void {
    this.scan(this.rest, true);
    this.rest = "";
    if (this.quoting) throw new CsvSyntaxError("CSV_QUOTE_NOT_CLOSED", this.line);
    if (this.wasQuoting || this.record.length !== 0 || this.field.length !== 0) this.endRecord();
  }

  private scan(input: string, last: boolean): void {
    let text = input;
    if (!this.started) {
      if (text.length === 0 && !last) return;
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const n = text.length;
    let i = 0;
    // Positions of the next quote, CR and LF at or after i (n when none), found lazily.
    let nextQuote = -1, nextCr = -1, nextLf = -1;
    while (i < n) {
      if (!this.quoting && !this.wasQuoting && this.field.length === 0 && this.record.length === 0 && this.recordDelimiter !== "") {
        if (nextQuote < i) nextQuote = indexOrEnd(text, '"', i);
        if (nextCr < i) nextCr = indexOrEnd(text, "\r", i);
        if (nextLf < i) nextLf = indexOrEnd(text, "\n", i);
        const end = this.simpleRecordEnd(text, nextQuote, nextCr, nextLf);
        if (end >= 0) {
          this.simpleRecord(text, i, end);
          i = end + this.recordDelimiter.length;
          continue;
        }
      }
      const next = this.step(text, i, last);
      if (next < 0) break;
      i = next;
    }
    this.rest = i < n ? text.slice(i) : "";
  }

  /**
   * Where the record starting here ends (the index of its delimiter) when it holds no quote
   * and no line break but its own delimiter, all within `text`; -1 otherwise.
   */
  private simpleRecordEnd(text: string, nextQuote: number, nextCr: number, nextLf: number): number {
    const n = text.length;
    switch (this.recordDelimiter) {
      case "\n":
        return nextLf < n && nextCr > nextLf && nextQuote > nextLf ? nextLf : -1;
      case "\r\n":
        return nextCr + 1 < n && text.charCodeAt(nextCr + 1) === LF && nextLf === nextCr + 1 && nextQuote > nextCr ? nextCr : -1;
      default:
        return nextCr < n && nextLf > nextCr && nextQuote > nextCr ? nextCr : -1;
    }
  }

  /** A record of plain fields in text[start, end), `end` being its delimiter. */
  private simpleRecord(text: string, start: number, end: number): void {
    if (this.pendingLine) this.line++;
    this.pendingLine = true; // the record delimiter itself
    const delimiter = this.delimiterText;
    let cut = text.indexOf(delimiter, start);
    if (cut < 0 || cut >= end) {
      const value = trimmedField(text, start, end);
      // A line of nothing but spaces is an empty line for csv-parse (trimmed before it counts).
      if (value.length !== 0 || !onlyLeadingBlanks(text, start, end)) this.onRecord(this.line, [value]);
      return;
    }
    const cells: string[] = [];
    let from = start;
    while (cut >= 0 && cut < end) {
      cells.push(trimmedField(text, from, cut));
      from = cut + 1;
      cut = text.indexOf(delimiter, from);
    }
    cells.push(trimmedField(text, from, end));
    this.onRecord(this.line, cells);
  }

  /** One character the way csv-parse handles it; the next index, or -1 when it needs more text to decide. */
  private step(text: string, i: number, last: boolean): number {
    const n = text.length;
    const c = text.charCodeAt(i);
    if (this.quoting && !this.wasQuoting && c !== QUOTE) return this.quotedRun(text, i);
    const lookahead = i + 1 < n;
    const decidesOnNext = this.quoting ? c === QUOTE : c === CR && this.recordDelimiter !== "\n" && this.recordDelimiter !== "\r";
    if (!lookahead && !last && decidesOnNext) return -1;
    if (this.pendingLine) {
      this.line++;
      this.pendingLine = false;
    }
    if (!this.quoting && this.recordDelimiter === "") {
      if (c === CR) this.recordDelimiter = lookahead && text.charCodeAt(i + 1) === LF ? "\r\n" : "\r";
      else if (c === LF) this.recordDelimiter = "\n";
    }
    if (c === CR || c === LF) this.pendingLine = true;
    if (c === QUOTE) {
      if (this.quoting) {
        const after = lookahead ? text.charCodeAt(i + 1) : -1;
        if (after === QUOTE) {
          // An escaped quote is kept, except in a quote reopened after a closing one.
          if (this.wasQuoting) throw new CsvSyntaxError("CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE", this.line);
          this.field += '"';
          return i + 2;
        }
        if (after === -1 || after === this.delimiter || isTrimmable(after)) {
          this.quoting = false;
          this.wasQuoting = true;
          return i + 1;
        }
        throw new CsvSyntaxError("CSV_INVALID_CLOSING_QUOTE", this.line);
      }
      if (this.field.length !== 0) throw new CsvSyntaxError("INVALID_OPENING_QUOTE", this.line);
      this.quoting = true;
      return i + 1;
    }
    if (!this.quoting) {
      const delimiterLength = this.recordDelimiterAt(text, i, c);
      if (delimiterLength !== 0) {
        if (this.wasQuoting || this.record.length !== 0 || this.field.length !== 0) this.endRecord();
        return i + delimiterLength;
      }
      if (c === this.delimiter) {
        this.endField();
        return i + 1;
      }
    }
    const trimmable = isTrimmable(c);
    if ((this.quoting || this.field.length !== 0 || !trimmable) && !this.wasQuoting) this.field += text[i];
    else if (!trimmable) throw new CsvSyntaxError("CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE", this.line);
    return i + 1;
  }

  /** Inside quotes, up to the next quote (or the end of the text): every character is kept; line breaks are counted as csv-parse counts them. */
  private quotedRun(text: string, from: number): number {
    let to = text.indexOf('"', from);
    if (to < 0) to = text.length;
    for (let k = from; k < to; k++) {
      if (this.pendingLine) {
        this.line++;
        this.pendingLine = false;
      }
      const c = text.charCodeAt(k);
      if (c === CR || c === LF) this.pendingLine = true;
    }
    if (to > from) this.field += text.slice(from, to);
    return to;
  }

  /** Length of the record delimiter at i (0 when none); CR LF needs the next character, which step() made sure of. */
  private recordDelimiterAt(text: string, i: number, c: number): number {
    switch (this.recordDelimiter) {
      case "\n":
        return c === LF ? 1 : 0;
      case "\r":
        return c === CR ? 1 : 0;
      case "\r\n":
        return c === CR && text.charCodeAt(i + 1) === LF ? 2 : 0;
      default:
        return 0;
    }
  }

  private endField(): void {
    this.record.push(this.wasQuoting ? this.field : this.field.trimEnd());
    this.field = "";
    this.wasQuoting = false;
  }

  private endRecord(): void {
    this.endField();
    this.onRecord(this.line, this.record);
    this.record = [];
  }
}

function indexOrEnd(text: string, what: string, from: number): number {
  const at = text.indexOf(what, from);
  return at < 0 ? text.length : at;
}

/** True when text[start, end) holds only the blanks csv-parse trims before a field (space, tab, form feed). */
function onlyLeadingBlanks(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 9 && c !== 12) return false;
  }
  return true;
}
