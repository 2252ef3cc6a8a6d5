import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parse } from "csv-parse/sync";
import { CsvSyntaxError, CsvTokenizer } from "./csv-tokenizer.js";

/** What a parser gave for one input: records with their line, then the error (code and line) if any. */
interface Outcome {
  records: [number, string[]][];
  error: [string, number] | null;
}

/** The reference: csv-parse with the options the import used before the tokenizer, records numbered by `info.lines`. */
function withCsvParse(input: string, delimiter: ";" | ","): Outcome {
  const records: Outcome["records"] = [];
  try {
    parse(Buffer.from(input, "utf8"), {
      delimiter,
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      on_record: (record: string[], info: { lines: number }) => {
        records.push([info.lines, record]);
        return record;
      },
    });
    return { records, error: null };
  } catch (err) {
    const { code, lines } = err as { code: string; lines: number };
    return { records, error: [code, lines] };
  }
}

/** The tokenizer, fed `input` cut into the given pieces. */
function withTokenizer(pieces: string[], delimiter: ";" | ","): Outcome {
  const records: Outcome["records"] = [];
  const tokenizer = new CsvTokenizer(delimiter, (line, cells) => records.push([line, cells]));
  try {
    for (const piece of pieces) tokenizer.write(piece);
    tokenizer.end();
    return { records, error: null };
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    return { records, error: [err.code, err.lines] };
  }
}

function agree(input: string, delimiter: ";" | ",", pieces: string[] = [input]): void {
  assert.deepEqual(withTokenizer(pieces, delimiter), withCsvParse(input, delimiter), `input ${JSON.stringify(input)} in pieces ${JSON.stringify(pieces)}`);
}

/** Every way of cutting `input` in two, and one character at a time. */
function cuts(input: string): string[][] {
  const out: string[][] = [[input], [...input]];
  for (let k = 1; k < input.length; k++) out.push([input.slice(0, k), input.slice(k)]);
  return out;
}

const tricky: string[] = [
  "",
  "\uFEFF",
  "a;b;c",
  "a;b;c\n1;2;3\n",
  "\uFEFFneighbourhood;category;month;count\r\n1;theft;2024-01;3\r\n",
  "h\r1\r2\r",
  "h\r\n1\n2\r\n3",
  "h\n1\r\n2\n",
  "h\n\n\n1\n\n",
  "h\r\n\r\n1\r\n   \r\n2",
  "h\n   \n\t\n;\n ; \n",
  '"a;b";"c""d";"e\nf"\n1;2;3\n',
  '"x\r\ny";z\r\nq;"w\rv"\r\n',
  '  "padded"  ; "q" \n',
  '"";""\n""\n',
  '"unterminated\n1;2\n',
  'ab"c;d\n',
  '"a"b;c\n',
  '"a" b;c\n',
  '"" "x"\n',
  '"" """"\n',
  '"a""\n',
  'h\n"a"',
  'h\n"a',
  "é;ü;\u00A0x\u00A0;\u2003\n😀;\u00A0\n",
  "a;b\r",
  "a;b\r\r\n",
  "a,b;c,d\n",
  ';;;\n;\n',
  "\f\ta\f;\tb \n",
  '"a\r\n\r\nb"\r\nx\r\n',
];

describe("CsvTokenizer agrees with csv-parse", () => {
  it("on tricky inputs, with ';' and ',', whole and cut anywhere", () => {
    for (const input of tricky) {
      for (const delimiter of [";", ","] as const) {
        for (const pieces of cuts(input)) agree(input, delimiter, pieces);
      }
    }
  });

  it("on 10,000 random inputs made of quotes, delimiters, blanks and line breaks", () => {
    // A seeded generator: the same inputs on every run (mulberry32).
    let seed = 20240101;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const alphabet = ['"', '"', ";", ",", " ", "\t", "\r", "\n", "\r\n", "a", "b", "1", "é", "\u00A0", "\f", "\uFEFF"];
    for (let k = 0; k < 10_000; k++) {
      const length = Math.floor(random() * 24);
      let input = random() < 0.1 ? "\uFEFF" : "";
      for (let c = 0; c < length; c++) input += alphabet[Math.floor(random() * alphabet.length)];
      const delimiter = random() < 0.5 ? ";" : ",";
      const cut = Math.floor(random() * (input.length + 1));
      agree(input, delimiter);
      agree(input, delimiter, [input.slice(0, cut), input.slice(cut)]);
    }
  });

  it("on a long file of plain rows, blank lines and quoted multi-line fields, fed in uneven pieces", () => {
    const lines = ["neighbourhood;category;month;count"];
    for (let k = 0; k < 3000; k++) {
      if (k % 97 === 0) lines.push("");
      lines.push(k % 53 === 0 ? `${k};"theft;\n""car""";2024-01;${k}` : `${k};theft.car ; 2024-${String((k % 12) + 1).padStart(2, "0")};${k % 7}`);
    }
    for (const lineBreak of ["\n", "\r\n"]) {
      const input = lines.join(lineBreak);
      const pieces: string[] = [];
      for (let at = 0, size = 1; at < input.length; at += size, size = ((size * 7) % 4093) + 1) pieces.push(input.slice(at, at + size));
      agree(input, ";", pieces);
      assert.equal(withTokenizer(pieces, ";").records.length, 3001); // the header and 3,000 rows; blank lines are not records
    }
  });
});
