/**
 * One table of observatory figures written as a file: CSV, XLSX or GeoJSON. Shared by the
 * explorer's "export what is shown", the hot-spot and cluster exports, the open data and the
 * annual report's annex, so every file of the observatory has the same conventions:
 * - CSV: comma-separated, UTF-8 with a byte-order mark (Excel reads the accents), CRLF,
 *   a header of stable machine names; a null cell is empty;
 * - XLSX: one sheet of figures (numbers stay numbers, header bold and frozen) and a sheet
 *   `about` listing the metadata lines (title, filters, source, disclosure, generated);
 * - GeoJSON: the neighbourhoods' full geometry with the row's columns as properties (rows
 *   are joined on `geometryKey`, a neighbourhood code); neighbourhoods without a row keep
 *   only their code.
 */
import ExcelJS from "exceljs";
import { stringify } from "csv-stringify/sync";
import type { Db } from "../../server/db/database.js";
import { buildFeatureCollection } from "../territory/territory.geojson.js";

export const tableFormats = ["csv", "xlsx", "geojson"] as const;
export type TableFormat = (typeof tableFormats)[number];

export type TableCell = string | number | boolean | null;
export type TableRow = Record<string, TableCell>;

export interface TableColumn {
  /** Stable machine name: the CSV header, the GeoJSON property, the XLSX column key. */
  key: string;
  /** Width in characters in the XLSX sheet (default 14). */
  width?: number;
  /** XLSX number format, e.g. "0.00". */
  numFmt?: string;
}

export interface TableFile {
  /** Base file name without extension, e.g. `vigil-observatory-rates-theft-2018`. */
  name: string;
  columns: readonly TableColumn[];
  rows: readonly TableRow[];
  /** Metadata lines for the XLSX `about` sheet, as [label, value]. */
  about?: readonly (readonly [string, string])[];
  /** The column holding the neighbourhood code (needed for GeoJSON). */
  geometryKey?: string;
  /** A fixed instant for the XLSX document properties (so that figures and properties repeat); default now. */
  createdAt?: Date;
}

export interface WrittenFile {
  body: Uint8Array;
  filename: string;
  contentType: string;
}

const BOM = "\uFEFF";
const encoder = new TextEncoder();

export const contentTypes: Record<TableFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  geojson: "application/geo+json",
};

/** The CSV text of a table (BOM, comma, CRLF, header row; null as empty, booleans as 1/0). */
export function tableCsv(columns: readonly TableColumn[], rows: readonly TableRow[]): string {
  const keys = columns.map((c) => c.key);
  return (
    BOM +
    stringify(
      rows.map((r) => keys.map((k) => cellText(r[k] ?? null))),
      { header: true, columns: keys, delimiter: ",", record_delimiter: "windows" },
    )
  );
}

const cellText = (v: TableCell): string => (v === null ? "" : typeof v === "boolean" ? (v ? "1" : "0") : String(v));

/** The XLSX workbook of a table: sheet `data` and sheet `about`. */
export async function tableXlsx(file: TableFile): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const created = file.createdAt ?? new Date();
  workbook.creator = "Vigil";
  workbook.created = created;
  workbook.modified = created;
  workbook.title = file.name;
  const sheet = workbook.addWorksheet("data", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = file.columns.map((c) => ({ header: c.key, key: c.key, width: c.width ?? 14, ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}) }));
  sheet.getRow(1).font = { bold: true };
  for (const row of file.rows) {
    sheet.addRow(Object.fromEntries(file.columns.map((c) => [c.key, row[c.key] ?? null])));
  }
  const about = workbook.addWorksheet("about");
  about.columns = [
    { key: "label", width: 28 },
    { key: "value", width: 90 },
  ];
  for (const [label, value] of file.about ?? []) about.addRow({ label, value });
  about.getColumn(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The GeoJSON text of a table joined on the neighbourhoods' full geometry. */
export async function tableGeoJson(db: Db, file: TableFile): Promise<string> {
  const key = file.geometryKey;
  if (!key) throw new Error(`table ${file.name}: GeoJSON needs a geometryKey`);
  const properties = new Map<number, Record<string, string | number | null>>();
  for (const row of file.rows) {
    const code = Number(row[key]);
    if (!Number.isInteger(code)) continue;
    properties.set(code, Object.fromEntries(file.columns.map((c) => [c.key, geoValue(row[c.key] ?? null)])));
  }
  return buildFeatureCollection(db, "neighbourhoods", "full", properties);
}

const geoValue = (v: TableCell): string | number | null => (typeof v === "boolean" ? (v ? 1 : 0) : v);

/** Writes a table in one of the three formats. */
export async function writeTable(db: Db, file: TableFile, format: TableFormat): Promise<WrittenFile> {
  const filename = `${file.name}.${format}`;
  const contentType = contentTypes[format];
  if (format === "csv") return { body: encoder.encode(tableCsv(file.columns, file.rows)), filename, contentType };
  if (format === "xlsx") return { body: new Uint8Array(await tableXlsx(file)), filename, contentType };
  return { body: encoder.encode(await tableGeoJson(db, file)), filename, contentType };
}
