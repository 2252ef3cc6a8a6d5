/**
 * The three maps of the annual report: the report year's rate of the map category
 * (quintile classes, residential neighbourhoods with a published rate), its Gi* hot and
 * cold spots (confidence bins where FDR-significant) and the proposed priority zones
 * (coloured by the decision taken, labelled with their code).
 */
import { heading, MARGIN } from "../../plan/report-layout.js";
import type { FileLang } from "../../plan/xlsx-export.js";
import type { Translate } from "../../../shared/i18n/index.js";
import { quantileBreaks } from "../../territory/territory.geo.js";
import type { ConfidenceBin } from "../stats/autocorrelation.js";
import type { SignedManifest } from "./manifest.js";
import type { ReportFigures } from "./report-data.js";
import { drawLegend, drawMap, type LegendItem, type MapShapes } from "./report-maps.js";
import { categoryLabel, type Formats } from "./report-format.js";

const MAP_WIDTH = 330;
const MAP_HEIGHT = 290;
const FOOTER_ROOM = 30;
const NO_DATA = "#d9d9d9";
/** ColorBrewer YlGnBu, 5 classes (as the web maps). */
const CLASSES = ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"];
/** Gi* bins -3..3: the ArcGIS hot-spot colours. */
const BIN_COLOURS: Record<ConfidenceBin, string> = { [-3]: "#4575b5", [-2]: "#849eba", [-1]: "#c0ccbe", 0: "#ffffbf", 1: "#fab984", 2: "#ed7551", 3: "#d62f27" };
const BIN_KEYS: Record<ConfidenceBin, string> = { 3: "hot99", 2: "hot95", 1: "hot90", 0: "notSignificant", [-1]: "cold90", [-2]: "cold95", [-3]: "cold99" };
const ZONE_COLOURS = { proposed: "#d62f27", accepted: "#7f0000", rejected: "#f4a582", assessed: "#f7f4ea" } as const;

/** Starts a map block (title, map, legend beside it), on a new page when it does not fit. */
function mapBlock(doc: PDFKit.PDFDocument, title: string, draw: (frame: { x: number; y: number; width: number; height: number }) => void, legend: (x: number, y: number, width: number) => void): void {
  if (doc.y + MAP_HEIGHT + 50 > doc.page.height - doc.page.margins.bottom - FOOTER_ROOM) doc.addPage();
  heading(doc, title, 11);
  const top = doc.y;
  draw({ x: MARGIN, y: top, width: MAP_WIDTH, height: MAP_HEIGHT });
  legend(MARGIN + MAP_WIDTH + 15, top, doc.page.width - 2 * MARGIN - MAP_WIDTH - 15);
  doc.x = MARGIN;
  doc.y = top + MAP_HEIGHT + 12;
}

function rateMap(doc: PDFKit.PDFDocument, t: Translate, f: Formats, lang: FileLang, figures: ReportFigures, shapes: MapShapes): void {
  const column = figures.categories.findIndex((c) => c.code === figures.mapCategory);
  const rates = new Map(figures.neighbourhoods.filter((n) => n.kind === "residential").flatMap((n) => (n.cells[column]?.rate == null ? [] : [[n.code, n.cells[column]!.rate!] as const])));
  const edges = quantileBreaks([...rates.values()], CLASSES.length);
  const classOf = (v: number) => Math.max(0, edges.slice(1).findIndex((edge) => v <= edge));
  const items: LegendItem[] = edges.length
    ? CLASSES.map((colour, i) => ({ colour, label: `${f.rate(edges[i]!)} – ${f.rate(edges[i + 1]!)}` }))
    : [];
  mapBlock(
    doc,
    t("observatoryReport.maps.rateTitle", { category: categoryLabel(lang, figures, figures.mapCategory), year: figures.year }),
    (frame) => drawMap(doc, shapes, frame, (code) => (rates.has(code) ? CLASSES[classOf(rates.get(code)!)]! : NO_DATA)),
    (x, y, width) => drawLegend(doc, { x, y, width }, t("observatoryReport.maps.rateLegend"), [...items, { colour: NO_DATA, label: t("observatoryReport.maps.noData") }]),
  );
}

function hotSpotMap(doc: PDFKit.PDFDocument, t: Translate, f: Formats, lang: FileLang, manifest: SignedManifest, figures: ReportFigures, shapes: MapShapes): void {
  const bins = new Map(figures.hotSpots.filter((h) => h.queen !== null).map((h) => [h.code, h.bin]));
  const order: ConfidenceBin[] = [3, 2, 1, 0, -1, -2, -3];
  mapBlock(
    doc,
    t("observatoryReport.maps.hotTitle", { category: categoryLabel(lang, figures, figures.mapCategory), year: figures.year }),
    (frame) => drawMap(doc, shapes, frame, (code) => (bins.has(code) ? BIN_COLOURS[bins.get(code)!] : NO_DATA)),
    (x, y, width) =>
      drawLegend(doc, { x, y, width }, t("observatoryReport.maps.hotLegend", { alpha: f.ratio(manifest.hotSpots.alpha) }), [
        ...order.map((bin) => ({ colour: BIN_COLOURS[bin], label: t(`observatoryReport.maps.${BIN_KEYS[bin]}`) })),
        { colour: NO_DATA, label: t("observatoryReport.maps.notTested") },
      ]),
  );
}

function zoneMap(doc: PDFKit.PDFDocument, t: Translate, lang: FileLang, figures: ReportFigures, shapes: MapShapes): void {
  const zones = new Map(figures.priorityZones.zones.map((z) => [z.code, z.decision?.status ?? "proposed"] as const));
  const residential = new Set(figures.neighbourhoods.filter((n) => n.kind === "residential").map((n) => n.code));
  const years = figures.priorityZones.years;
  mapBlock(
    doc,
    t("observatoryReport.maps.zonesTitle", { category: categoryLabel(lang, figures, figures.mapCategory), from: years[0] ?? figures.year, to: years.at(-1) ?? figures.year }),
    (frame) =>
      drawMap(
        doc,
        shapes,
        frame,
        (code) => (zones.has(code) ? ZONE_COLOURS[zones.get(code)!] : residential.has(code) ? ZONE_COLOURS.assessed : NO_DATA),
        new Map([...zones.keys()].map((code) => [code, String(code)])),
      ),
    (x, y, width) =>
      drawLegend(doc, { x, y, width }, t("observatoryReport.maps.zonesLegend"), [
        ...(["proposed", "accepted", "rejected", "assessed"] as const).map((key) => ({ colour: ZONE_COLOURS[key], label: t(`observatoryReport.maps.${key}`) })),
        { colour: NO_DATA, label: t("observatoryReport.maps.notAssessed") },
      ]),
  );
}

/** The maps section: rates and hot spots on one page, the zones map on the next (before the zones list). */
export function mapPages(doc: PDFKit.PDFDocument, t: Translate, f: Formats, lang: FileLang, manifest: SignedManifest, figures: ReportFigures, shapes: MapShapes): void {
  doc.addPage();
  heading(doc, t("observatoryReport.maps.title", { year: figures.year }));
  rateMap(doc, t, f, lang, figures, shapes);
  hotSpotMap(doc, t, f, lang, manifest, figures, shapes);
  doc.addPage();
  zoneMap(doc, t, lang, figures, shapes);
}
