/**
 * Reading an uploaded measures workbook: finds the sheet, recognises the headers in
 * French, Dutch or English, and turns each row into trimmed cell texts. A body that is
 * not a workbook is a 400 naming `body.file`, never a 500.
 */
import ExcelJS from "exceljs";
import { AppError } from "../../shared/errors.js";
import { translator } from "../../shared/i18n/index.js";
import { locales } from "../../shared/locale.js";
import { columnKeys, type ColumnKey } from "./xlsx-columns.js";

/** More data rows than this is not a plan's measures list. */
export const IMPORT_MAX_ROWS = 2000;

export interface SheetHeader {
  /** 1-based column number in the file. */
  column: number;
  text: string;
  key: ColumnKey | null;
}

export interface SheetRow {
  /** Row number in the file (the header is row 1). */
  row: number;
  cells: Partial<Record<ColumnKey, string>>;
  /** The cells as uploaded, by 1-based column, copied into the error report. */
  raw: ExcelJS.CellValue[];
}

export interface SheetContent {
  name: string;
  headers: SheetHeader[];
  rows: SheetRow[];
  /** Data rows past IMPORT_MAX_ROWS are not read; this says how many there were. */
  rowCount: number;
}

export const fileError = (key: string, params: Record<string, string | number> = {}) =>
  new AppError("validation_failed", { fields: [{ field: "body.file", key: `planFiles.import.${key}`, params }] });

const normalise = (text: string) => text.trim().replace(/\s+/g, " ").toLowerCase();

let headerIndex: Map<string, ColumnKey> | undefined;
/** Every language's header text -> column key. */
function headerKeys(): Map<string, ColumnKey> {
  if (headerIndex) return headerIndex;
  const index = new Map<string, ColumnKey>();
  for (const locale of locales) {
    const t = translator(locale);
    for (const key of columnKeys) index.set(normalise(t(`planFiles.column.${key}`)), key);
  }
  headerIndex = index;
  return index;
}

export function headerKeyOf(text: string): ColumnKey | null {
  return headerKeys().get(normalise(text)) ?? null;
}

/** The text a person sees in a cell, whatever exceljs made of it (rich text, formula, link, date...). */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value && Array.isArray(value.richText)) return value.richText.map((part) => part.text).join("").trim();
    if ("formula" in value || "sharedFormula" in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ("text" in value) return cellText((value as { text: ExcelJS.CellValue }).text);
    if ("error" in value) return String(value.error);
  }
  return String(value).trim();
}

/** A cell copied as is when it is plain, as its text otherwise. */
function plainValue(value: ExcelJS.CellValue): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "object" && !(value instanceof Date)) return cellText(value);
  return value;
}

/** The sheet named like the measures sheet in any language, else the first one. */
function measuresSheet(workbook: ExcelJS.Workbook): ExcelJS.Worksheet | undefined {
  const names = new Set(locales.map((l) => normalise(translator(l)("planFiles.sheet.measures"))));
  return workbook.worksheets.find((ws) => names.has(normalise(ws.name))) ?? workbook.worksheets[0];
}

export async function readWorkbook(bytes: Uint8Array): Promise<SheetContent> {
  if (bytes.byteLength === 0) throw fileError("fileRequired");
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch {
    throw fileError("notXlsx");
  }
  const sheet = measuresSheet(workbook);
  if (!sheet) throw fileError("notXlsx");

  const headers: SheetHeader[] = [];
  const headerRow = sheet.getRow(1);
  for (let column = 1; column <= headerRow.cellCount; column++) {
    const text = cellText(headerRow.getCell(column).value);
    if (text) headers.push({ column, text, key: headerKeyOf(text) });
  }

  const rows: SheetRow[] = [];
  let rowCount = 0;
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (!row.hasValues) continue;
    const cells: Partial<Record<ColumnKey, string>> = {};
    const raw: ExcelJS.CellValue[] = [];
    let any = false;
    for (const header of headers) {
      const value = row.getCell(header.column).value;
      raw[header.column] = plainValue(value);
      const text = cellText(value);
      if (text) any = true;
      if (header.key && cells[header.key] === undefined) cells[header.key] = text;
    }
    if (!any) continue;
    rowCount++;
    if (rows.length < IMPORT_MAX_ROWS) rows.push({ row: r, cells, raw });
  }
  return { name: sheet.name, headers, rows, rowCount };
}
