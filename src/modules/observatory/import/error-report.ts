/** The error report of an observatory import: one CSV line per row error, worded in fr, nl and en. */
import { writeFileSync } from "node:fs";
import { stringify } from "csv-stringify/sync";
import { translator } from "../../../shared/i18n/index.js";
import type { RowError } from "./validate.js";

const languages = ["fr", "nl", "en"] as const;

/** `row;column;value;message_fr;message_nl;message_en`, UTF-8 with a BOM so that spreadsheets read the accents. */
export function errorReportCsv(errors: RowError[], totalErrors = errors.length): string {
  const t = Object.fromEntries(languages.map((l) => [l, translator(l)])) as Record<(typeof languages)[number], ReturnType<typeof translator>>;
  const lines: (string | number)[][] = errors.map((e) => [
    e.row,
    e.column,
    e.value,
    ...languages.map((l) => t[l](e.key, { ...e.params, row: e.row, column: e.column, value: e.value })),
  ]);
  if (totalErrors > errors.length) {
    lines.push(["", "", "", ...languages.map((l) => t[l]("observatoryImport.error.more", { count: totalErrors - errors.length }))]);
  }
  return "\uFEFF" + stringify(lines, { header: true, delimiter: ";", columns: ["row", "column", "value", "message_fr", "message_nl", "message_en"] });
}

export function writeErrorReport(path: string, errors: RowError[], totalErrors = errors.length): void {
  writeFileSync(path, errorReportCsv(errors, totalErrors));
}
