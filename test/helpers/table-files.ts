/**
 * Reads back the observatory's table files (src/modules/observatory/table-file.ts) into
 * rows of cells, independently of the writer: CSV with csv-parse, XLSX with exceljs,
 * GeoJSON with JSON.parse. Empty CSV cells and empty XLSX cells read as null.
 */
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

/** Header and rows of a CSV (the BOM removed); every cell is text, empty as null. */
export function readCsv(text: string): { header: string[]; rows: Row[] } {
  const records = parse(text, { bom: true, record_delimiter: "\r\n" }) as string[][];
  const [header = [], ...body] = records;
  return { header, rows: body.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] === "" ? null : cells[i]!]))) };
}

/** The `data` sheet's header and rows (values as exceljs reads them) and the `about` sheet's lines. */
export async function readXlsx(bytes: ArrayBuffer | Uint8Array): Promise<{ header: string[]; rows: Row[]; about: [string, string][]; numFmt: Map<string, string | undefined> }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as ArrayBuffer);
  const data = workbook.getWorksheet("data");
  const aboutSheet = workbook.getWorksheet("about");
  if (!data || !aboutSheet) throw new Error("workbook without the data or about sheet");
  const header = (data.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Row[] = [];
  const numFmt = new Map<string, string | undefined>();
  data.eachRow((row, n) => {
    if (n === 1) return;
    rows.push(Object.fromEntries(header.map((h, i) => [h, (row.getCell(i + 1).value ?? null) as Cell])));
    if (n === 2) header.forEach((h, i) => numFmt.set(h, row.getCell(i + 1).numFmt));
  });
  const about: [string, string][] = [];
  aboutSheet.eachRow((row) => about.push([String(row.getCell(1).value), String(row.getCell(2).value)]));
  return { header, rows, about, numFmt };
}

export interface Feature {
  id: number;
  properties: Row;
  geometry: { type: string; coordinates: unknown[] };
}

export function readGeoJson(text: string): { type: string; features: Feature[] } {
  return JSON.parse(text) as { type: string; features: Feature[] };
}
