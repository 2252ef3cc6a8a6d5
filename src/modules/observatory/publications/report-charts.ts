/**
 * Small line charts of the annual report, drawn with pdfkit paths (no image): one panel
 * per series, in a grid, each with its title, a y axis starting at 0 (so that a change is
 * never exaggerated), three grid lines, the first and last years and the last value.
 */
import { contentWidth } from "../../plan/report-layout.js";

export interface ChartPanel {
  title: string;
  points: { year: number; value: number | null }[];
}

const LINE = "#1d3557";
const GRID = "#c9d1da";
const LABEL = "#555555";
const FOOTER_ROOM = 30;

/** The smallest round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 x 10^k) at least v: the top of the y axis. */
function niceCeiling(v: number): number {
  if (!(v > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(v));
  return [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].map((m) => m * power).find((c) => c >= v)!;
}

function bottom(doc: PDFKit.PDFDocument): number {
  return doc.page.height - doc.page.margins.bottom - FOOTER_ROOM;
}

function panel(doc: PDFKit.PDFDocument, chart: ChartPanel, x: number, y: number, width: number, height: number, format: (v: number) => string): void {
  doc.font("bold").fontSize(8.5).fillColor("black").text(chart.title, x, y, { width, height: 12, lineBreak: false, ellipsis: true });
  const left = x + 34;
  const right = x + width - 8;
  const top = y + 18;
  const base = y + height - 14;
  const values = chart.points.flatMap((p) => (p.value === null ? [] : [p.value]));
  const max = niceCeiling(Math.max(...values, 0) * 1.05);
  const xOf = (i: number) => (chart.points.length > 1 ? left + ((right - left) * i) / (chart.points.length - 1) : (left + right) / 2);
  const yOf = (v: number) => base - ((base - top) * v) / max;

  doc.font("regular").fontSize(6.5);
  for (const v of [0, max / 2, max]) {
    doc.save().moveTo(left, yOf(v)).lineTo(right, yOf(v)).lineWidth(0.3).strokeColor(GRID).stroke().restore();
    doc.fillColor(LABEL).text(format(v), x, yOf(v) - 3, { width: 31, align: "right", lineBreak: false });
  }
  const first = chart.points[0];
  const last = chart.points.at(-1);
  if (first) doc.text(String(first.year), left, base + 3, { width: 30, align: "left", lineBreak: false });
  if (last && last !== first) doc.text(String(last.year), right - 30, base + 3, { width: 30, align: "right", lineBreak: false });

  doc.save().lineWidth(1.2).strokeColor(LINE);
  let drawing = false;
  chart.points.forEach((p, i) => {
    if (p.value === null) {
      drawing = false;
      return;
    }
    if (drawing) doc.lineTo(xOf(i), yOf(p.value));
    else doc.moveTo(xOf(i), yOf(p.value));
    drawing = true;
  });
  doc.stroke().restore();
  chart.points.forEach((p, i) => {
    if (p.value !== null) doc.save().circle(xOf(i), yOf(p.value), 1.4).fill(LINE).restore();
  });
  const lastValue = [...chart.points].reverse().find((p) => p.value !== null);
  if (lastValue?.value !== null && lastValue?.value !== undefined) {
    doc.font("bold").fontSize(6.5).fillColor(LINE).text(format(lastValue.value), right - 40, yOf(lastValue.value) - 10, { width: 40, align: "right", lineBreak: false });
  }
  doc.font("regular").fontSize(10).fillColor("black");
}

/** Panels in a grid of `columns`, continuing on the next page when a row does not fit. */
export function smallMultiples(doc: PDFKit.PDFDocument, charts: ChartPanel[], format: (v: number) => string, options: { columns?: number; height?: number } = {}): void {
  const columns = options.columns ?? 2;
  const height = options.height ?? 120;
  const gap = 14;
  const width = (contentWidth(doc) - gap * (columns - 1)) / columns;
  const left = doc.page.margins.left;
  let y = doc.y;
  charts.forEach((chart, i) => {
    const column = i % columns;
    if (column === 0 && i > 0) y += height + gap;
    if (column === 0 && y + height > bottom(doc)) {
      doc.addPage();
      y = doc.page.margins.top;
    }
    panel(doc, chart, left + column * (width + gap), y, width, height, format);
  });
  doc.x = left;
  doc.y = y + height + gap;
}
