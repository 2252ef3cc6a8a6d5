/**
 * Page layout of the council report pack with pdfkit: an embedded Unicode font (the
 * standard PDF fonts garble é, è, ë), headings, tables that continue on the next page
 * with their header repeated, and "p. X / Y" footers. Nothing here knows about plans.
 */
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";

const require = createRequire(import.meta.url);
const REGULAR = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf");
const BOLD = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf");

export const MARGIN = 50;
const FOOTER_GAP = 30;
const CELL_PADDING = 3;

export interface Column<T> {
  header: string;
  width: number;
  align?: "left" | "right" | "center";
  value: (row: T) => string;
}

/** An A4 document whose metadata dates are fixed: the same input gives the same bytes. */
export function createDocument(info: { title: string; subject: string; at: Date; lang: string }): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    bufferPages: true,
    lang: info.lang,
    displayTitle: true,
    info: { Title: info.title, Subject: info.subject, Author: "Vigil", Creator: "Vigil", Producer: "Vigil", CreationDate: info.at, ModDate: info.at },
  });
  doc.registerFont("regular", REGULAR);
  doc.registerFont("bold", BOLD);
  doc.font("regular").fontSize(10);
  return doc;
}

export function contentWidth(doc: PDFKit.PDFDocument): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function bottom(doc: PDFKit.PDFDocument): number {
  return doc.page.height - doc.page.margins.bottom - FOOTER_GAP;
}

export function heading(doc: PDFKit.PDFDocument, text: string, size = 15): void {
  if (doc.y + size * 3 > bottom(doc)) doc.addPage();
  doc.moveDown(0.5).font("bold").fontSize(size).fillColor("#1d3557").text(text, doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.4).font("regular").fontSize(10).fillColor("black");
}

export function paragraph(doc: PDFKit.PDFDocument, text: string, options: { bold?: boolean; size?: number; color?: string } = {}): void {
  doc
    .font(options.bold ? "bold" : "regular")
    .fontSize(options.size ?? 10)
    .fillColor(options.color ?? "black")
    .text(text, doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  doc.font("regular").fontSize(10).fillColor("black");
}

/** Widths given in parts of the content width (they need not add up to 1: they are scaled). */
export function scaleWidths<T>(doc: PDFKit.PDFDocument, columns: Column<T>[]): Column<T>[] {
  const total = columns.reduce((s, c) => s + c.width, 0);
  return columns.map((c) => ({ ...c, width: (c.width / total) * contentWidth(doc) }));
}

function rowHeight<T>(doc: PDFKit.PDFDocument, cells: string[], columns: Column<T>[]): number {
  return Math.max(...cells.map((text, i) => doc.heightOfString(text || " ", { width: columns[i]!.width - 2 * CELL_PADDING }))) + 2 * CELL_PADDING;
}

function drawRow<T>(doc: PDFKit.PDFDocument, cells: string[], columns: Column<T>[], options: { header?: boolean; shade?: boolean }): void {
  const top = doc.y;
  const height = rowHeight(doc, cells, columns);
  const left = doc.page.margins.left;
  const width = columns.reduce((s, c) => s + c.width, 0);
  if (options.header || options.shade) {
    doc.save().rect(left, top, width, height).fill(options.header ? "#dde6ef" : "#f5f7fa").restore();
  }
  let x = left;
  for (const [i, column] of columns.entries()) {
    doc.text(cells[i] || "", x + CELL_PADDING, top + CELL_PADDING, { width: column.width - 2 * CELL_PADDING, align: column.align ?? "left", lineBreak: true });
    x += column.width;
  }
  doc.save().moveTo(left, top + height).lineTo(left + width, top + height).lineWidth(0.3).strokeColor("#9aa5b1").stroke().restore();
  doc.x = left;
  doc.y = top + height;
}

/** A table; it breaks across pages and repeats its header on each. */
export function table<T>(doc: PDFKit.PDFDocument, columns: Column<T>[], rows: T[], options: { fontSize?: number; empty?: string } = {}): void {
  const size = options.fontSize ?? 8.5;
  const scaled = scaleWidths(doc, columns);
  const header = () => {
    doc.font("bold").fontSize(size);
    drawRow(doc, scaled.map((c) => c.header), scaled, { header: true });
    doc.font("regular").fontSize(size);
  };
  doc.font("bold").fontSize(size);
  const headerHeight = rowHeight(doc, scaled.map((c) => c.header), scaled);
  if (doc.y + headerHeight * 2 > bottom(doc)) doc.addPage();
  header();
  if (rows.length === 0 && options.empty) {
    const wide: Column<T>[] = [{ header: "", width: scaled.reduce((sum, c) => sum + c.width, 0), value: () => "" }];
    drawRow(doc, [options.empty], wide, {});
  }
  for (const [index, row] of rows.entries()) {
    const cells = scaled.map((c) => c.value(row));
    if (doc.y + rowHeight(doc, cells, scaled) > bottom(doc)) {
      doc.addPage();
      header();
    }
    drawRow(doc, cells, scaled, { shade: index % 2 === 1 });
  }
  doc.font("regular").fontSize(10).moveDown(0.8);
}

/** Writes "p. X / Y" (or the given words) at the foot of every page, then ends the document. */
export async function finish(doc: PDFKit.PDFDocument, footer: (page: number, pages: number) => string, leftFooter: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on("end", () => resolve());
    doc.on("error", reject);
  });
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const margins = doc.page.margins;
    const savedBottom = margins.bottom;
    margins.bottom = 0; // writing below the bottom margin must not open a new page
    const y = doc.page.height - savedBottom + 10;
    const width = doc.page.width - margins.left - margins.right;
    doc.font("regular").fontSize(8).fillColor("#555555");
    const leftWidth = width * 0.8;
    doc.text(leftFooter, margins.left, y, { width: leftWidth, height: 10, align: "left", lineBreak: false, ellipsis: true });
    doc.text(footer(i + 1 - range.start, range.count), margins.left + leftWidth, y, { width: width - leftWidth, align: "right", lineBreak: false });
    margins.bottom = savedBottom;
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
