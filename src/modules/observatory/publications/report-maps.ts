/**
 * Maps of the annual report drawn with pdfkit paths from our own polygons (no tiles, no
 * image): the simplified neighbourhood geometry projected to Belgian Lambert 2008 (true
 * proportions), each neighbourhood filled by the caller's rule, municipal boundaries over
 * them, optional labels at centroids, and a legend beside the map.
 */
import type { MultiPolygon, Position } from "../../territory/territory.geo.js";
import { centroid, projectShape } from "../stats/weights.js";
import { shapesOf, type Reader } from "./report-inputs.js";

export interface MapShapes {
  /** Lambert 2008 metres, by neighbourhood code */
  neighbourhoods: Map<number, MultiPolygon>;
  municipalities: MultiPolygon[];
}

export interface LegendItem {
  colour: string;
  label: string;
}

export interface Frame {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Shapes only depend on the reference geography: projected once per process and territory version. */
const cache = new Map<string, MapShapes>();

export async function loadMapShapes(db: Reader, territoryVersion: string): Promise<MapShapes> {
  const cached = cache.get(territoryVersion);
  if (cached) return cached;
  const project = (shapes: Map<number, MultiPolygon>) => new Map([...shapes].map(([code, shape]) => [code, projectShape(shape)]));
  const shapes: MapShapes = {
    neighbourhoods: project(await shapesOf(db, "neighbourhoods", "simplified")),
    municipalities: [...project(await shapesOf(db, "municipalities", "simplified")).values()],
  };
  cache.set(territoryVersion, shapes);
  return shapes;
}

/** Scales projected metres into the frame, north up, centred, same scale on both axes. */
function fit(shapes: MapShapes, frame: Frame): (p: Position) => [number, number] {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const shape of shapes.neighbourhoods.values()) {
    for (const [x, y] of shape.flat(2)) {
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  const scale = Math.min(frame.width / (maxX - minX || 1), frame.height / (maxY - minY || 1));
  const dx = frame.x + (frame.width - (maxX - minX) * scale) / 2;
  const dy = frame.y + (frame.height - (maxY - minY) * scale) / 2;
  return ([x, y]) => [dx + (x - minX) * scale, dy + (maxY - y) * scale];
}

function trace(doc: PDFKit.PDFDocument, shape: MultiPolygon, to: (p: Position) => [number, number]): void {
  for (const polygon of shape) {
    for (const ring of polygon) {
      ring.forEach((p, i) => {
        const [x, y] = to(p);
        if (i === 0) doc.moveTo(x, y);
        else doc.lineTo(x, y);
      });
      doc.closePath();
    }
  }
}

/** The neighbourhoods filled by `fillOf`, municipal boundaries over them, and `labels` at centroids. */
export function drawMap(doc: PDFKit.PDFDocument, shapes: MapShapes, frame: Frame, fillOf: (code: number) => string, labels: Map<number, string> = new Map()): void {
  const to = fit(shapes, frame);
  doc.save().lineWidth(0.25);
  for (const [code, shape] of shapes.neighbourhoods) {
    trace(doc, shape, to);
    doc.fillAndStroke(fillOf(code), "#ffffff", "even-odd");
  }
  doc.lineWidth(0.7);
  for (const shape of shapes.municipalities) {
    trace(doc, shape, to);
    doc.stroke("#4a4a4a");
  }
  doc.restore();
  doc.font("bold").fontSize(5.5).fillColor("black");
  for (const [code, label] of labels) {
    const shape = shapes.neighbourhoods.get(code);
    if (!shape) continue;
    const [x, y] = to(centroid(shape));
    doc.text(label, x - 10, y - 2.5, { width: 20, align: "center", lineBreak: false });
  }
  doc.font("regular").fontSize(10);
}

/** A legend: a title, then one coloured box and label per item. */
export function drawLegend(doc: PDFKit.PDFDocument, frame: Omit<Frame, "height">, title: string, items: LegendItem[]): void {
  doc.font("bold").fontSize(8).fillColor("black").text(title, frame.x, frame.y, { width: frame.width });
  let top = doc.y + 4;
  for (const item of items) {
    doc.save().rect(frame.x, top, 12, 9).lineWidth(0.4).fillAndStroke(item.colour, "#888888").restore();
    doc.font("regular").fontSize(7.5).fillColor("black").text(item.label, frame.x + 17, top, { width: frame.width - 17 });
    top = Math.max(doc.y, top + 11) + 2;
  }
  doc.font("regular").fontSize(10);
}
