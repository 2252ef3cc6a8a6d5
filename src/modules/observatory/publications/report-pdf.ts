/**
 * The observatory's annual report as a PDF (A4, French or Dutch, DejaVu embedded), drawn
 * only from its figures (report-data.ts) and the polygons: title page (with the synthetic
 * banner and the manifest hash), context, trends by category (table and small charts),
 * maps (rates, hot spots, priority zones), the zones list and the methods with the
 * manifest. Every date comes from the manifest, so the same manifest gives the same bytes.
 */
import { createDocument, finish, heading, MARGIN, paragraph, table } from "../../plan/report-layout.js";
import type { FileLang } from "../../plan/xlsx-export.js";
import { translator, type Translate } from "../../../shared/i18n/index.js";
import { bcp47, localName } from "../../../shared/locale.js";
import type { SignedManifest } from "./manifest.js";
import { smallMultiples } from "./report-charts.js";
import { categoryLabel, formats, type Formats } from "./report-format.js";
import type { CategoryFigures, ChangeTest, ReportFigures, SeriesPoint } from "./report-data.js";
import { mapPages } from "./report-pdf-maps.js";
import type { MapShapes } from "./report-maps.js";
import type { PriorityZone, ZoneDecision } from "./report-spatial.js";

function titlePage(doc: PDFKit.PDFDocument, t: Translate, f: Formats, manifest: SignedManifest, figures: ReportFigures): void {
  doc.moveDown(5);
  paragraph(doc, t("observatoryReport.publisher"), { size: 11, color: "#555555" });
  doc.moveDown(2);
  paragraph(doc, t("observatoryReport.title", { year: figures.year }), { bold: true, size: 24, color: "#1d3557" });
  doc.moveDown(0.5);
  paragraph(doc, t("observatoryReport.period", { from: figures.period.from, to: figures.period.to }), { size: 13 });
  doc.moveDown(2);
  if (figures.synthetic) {
    const top = doc.y;
    const width = doc.page.width - 2 * MARGIN;
    const height = doc.font("bold").fontSize(12).heightOfString(t("observatoryReport.synthetic"), { width: width - 20 }) + 16;
    doc.save().rect(MARGIN, top, width, height).fill("#b00020").restore();
    doc.font("bold").fontSize(12).fillColor("white").text(t("observatoryReport.synthetic"), MARGIN + 10, top + 8, { width: width - 20 });
    doc.font("regular").fontSize(10).fillColor("black");
    doc.x = MARGIN;
    doc.y = top + height + 20;
  }
  paragraph(doc, t("observatoryReport.manifest"), { bold: true, size: 10 });
  paragraph(doc, manifest.sha256, { size: 9 });
  doc.moveDown(0.5);
  paragraph(doc, t("observatoryReport.createdOn", { date: f.date(manifest.createdAt), software: manifest.software.name, version: manifest.software.version }), { size: 10 });
  doc.moveDown(3);
  paragraph(doc, t("observatoryReport.reproducible"), { size: 9, color: "#555555" });
}

function context(doc: PDFKit.PDFDocument, t: Translate, f: Formats, lang: FileLang, figures: ReportFigures): void {
  heading(doc, t("observatoryReport.context.title"));
  const c = figures.context;
  paragraph(doc, t("observatoryReport.context.text", {
    year: figures.year,
    population: f.integer(c.population),
    first: f.integer(c.populationFirstYear),
    from: figures.period.from,
    neighbourhoods: c.neighbourhoods,
    residential: c.residential,
    municipalities: c.municipalities,
  }));
  doc.moveDown(0.5);
  paragraph(doc, t("observatoryReport.context.method"));
  doc.moveDown(0.5);
  paragraph(doc, t("observatoryReport.context.categories", { list: figures.categories.map((c) => localName(lang, c.labels)).join(", ") }));
}

function trends(doc: PDFKit.PDFDocument, t: Translate, f: Formats, lang: FileLang, manifest: SignedManifest, figures: ReportFigures): void {
  heading(doc, t("observatoryReport.trends.title"));
  const { from, to } = figures.period;
  const first = (c: CategoryFigures) => c.series[0];
  const last = (c: CategoryFigures) => c.series.at(-1);
  const count = (p: SeriesPoint | undefined) => (p === undefined ? "—" : p.count === null ? `< ${manifest.disclosure.threshold}` : f.integer(p.count));
  const tested = (test: ChangeTest | null) => (test ? `${f.ratio(test.rateRatio)} (${f.p(test.pValue)})` : "—");
  table(doc, [
    { header: t("observatoryReport.trends.category"), width: 16, value: (c: CategoryFigures) => localName(lang, c.labels) },
    { header: t("observatoryReport.trends.count", { year: from }), width: 8, align: "right", value: (c) => count(first(c)) },
    { header: t("observatoryReport.trends.count", { year: to }), width: 8, align: "right", value: (c) => count(last(c)) },
    { header: t("observatoryReport.trends.change", { from, to }), width: 11, align: "right", value: (c) => f.percent(c.overPeriod?.countChange ?? null) },
    { header: t("observatoryReport.trends.rate", { year: to }), width: 7, align: "right", value: (c) => f.rate(last(c)?.rate ?? null) },
    { header: t("observatoryReport.trends.rateRatio", { from, to }), width: 13, align: "right", value: (c) => tested(c.overPeriod) },
    { header: t("observatoryReport.trends.change", { from: to - 1, to }), width: 11, align: "right", value: (c) => f.percent(c.lastYear?.countChange ?? null) },
    { header: t("observatoryReport.trends.rateRatio", { from: to - 1, to }), width: 13, align: "right", value: (c) => tested(c.lastYear) },
    { header: t("observatoryReport.trends.trend"), width: 14, value: (c) => (c.trend ? `${t(`observatoryReport.trends.${c.trend.direction}`)} (${f.p(c.trend.pValue)})` : "—") },
  ], figures.categories, { fontSize: 8 });
  paragraph(doc, t("observatoryReport.trends.note", { alpha: f.ratio(manifest.trends.alpha) }), { size: 8, color: "#555555" });
  heading(doc, t("observatoryReport.trends.chartsTitle", { from, to }), 12);
  smallMultiples(doc, figures.categories.map((c) => ({ title: localName(lang, c.labels), points: c.series.map((p) => ({ year: p.year, value: p.rate })) })), (v) => f.rate(v));
}

function decisionText(t: Translate, f: Formats, decision: ZoneDecision | null): string {
  return decision ? t(`observatoryReport.zones.${decision.status}`, { date: f.date(decision.decidedAt) }) : t("observatoryReport.zones.pending");
}

function zones(doc: PDFKit.PDFDocument, t: Translate, f: Formats, lang: FileLang, manifest: SignedManifest, figures: ReportFigures): void {
  heading(doc, t("observatoryReport.zones.title"));
  const z = manifest.priorityZones;
  const years = figures.priorityZones.years;
  paragraph(doc, t("observatoryReport.zones.intro", {
    count: figures.priorityZones.zones.length,
    category: categoryLabel(lang, figures, figures.mapCategory),
    assessed: figures.priorityZones.assessed,
    knn: z.knn,
    required: z.required,
    years: z.years,
    from: years[0] ?? figures.year,
    to: years.at(-1) ?? figures.year,
  }));
  doc.moveDown(0.5);
  const byCode = new Map(figures.neighbourhoods.map((n) => [n.code, n]));
  const name = (code: number) => (byCode.has(code) ? localName(lang, byCode.get(code)!.names) : "");
  const municipality = (code: number) => (byCode.has(code) ? localName(lang, byCode.get(code)!.municipality.names) : "");
  table(doc, [
    { header: t("observatoryReport.zones.code"), width: 7, align: "right", value: (r: PriorityZone) => String(r.code) },
    { header: t("observatoryReport.zones.neighbourhood"), width: 27, value: (r) => name(r.code) },
    { header: t("observatoryReport.zones.municipality"), width: 18, value: (r) => municipality(r.code) },
    { header: t("observatoryReport.zones.years"), width: 29, value: (r) => r.qualifyingYears.join(", ") },
    { header: t("observatoryReport.zones.decision"), width: 19, value: (r) => decisionText(t, f, r.decision) },
  ], figures.priorityZones.zones, { empty: t("observatoryReport.notAvailable") });
  if (!figures.priorityZones.otherDecisions.length) return;
  heading(doc, t("observatoryReport.zones.others"), 12);
  table(doc, [
    { header: t("observatoryReport.zones.code"), width: 7, align: "right", value: (d: ZoneDecision) => String(d.code) },
    { header: t("observatoryReport.zones.neighbourhood"), width: 40, value: (d) => name(d.code) },
    { header: t("observatoryReport.zones.municipality"), width: 26, value: (d) => municipality(d.code) },
    { header: t("observatoryReport.zones.decision"), width: 27, value: (d) => decisionText(t, f, d) },
  ], figures.priorityZones.otherDecisions);
}

/** The manifest as "item: value" rows, in the reader's language. */
export function manifestRows(t: Translate, f: Formats, lang: FileLang, manifest: SignedManifest, figures: ReportFigures): [string, string][] {
  const m = (key: string, params?: Record<string, unknown>) => t(`observatoryReport.methods.${key}`, params);
  const h = manifest.hotSpots;
  const z = manifest.priorityZones;
  return [
    [m("sha256"), manifest.sha256],
    [m("createdAt"), f.date(manifest.createdAt)],
    [m("software"), `${manifest.software.name} ${manifest.software.version}`],
    [m("taxonomy"), manifest.taxonomy.version],
    [m("period"), `${manifest.period.from}–${manifest.period.to}`],
    [m("categories"), manifest.categories.map((c) => categoryLabel(lang, figures, c)).join(", ")],
    [m("mapCategory"), categoryLabel(lang, figures, manifest.mapCategory)],
    ...manifest.batches.map((b): [string, string] => [m("batch", { batch: b.batchKey }), m(b.synthetic ? "syntheticBatch" : "batchValue", { rows: f.integer(b.rows), sha256: b.sha256 })]),
    [m("population"), m("populationValue", { territory: manifest.population.territoryVersion })],
    [m("threshold"), String(manifest.disclosure.threshold)],
    [m("hotSpotsItem"), m("hotSpotsValue", { knn: h.knn, permutations: h.permutations, seed: h.seed, alpha: f.ratio(h.alpha) })],
    [m("zonesItem"), m("zonesValue", { required: z.required, years: z.years, permutations: z.permutations, seed: z.seed, alpha: f.ratio(z.alpha), knn: z.knn })],
    [m("inputs"), manifest.inputsSha256],
  ];
}

function methods(doc: PDFKit.PDFDocument, t: Translate, f: Formats, lang: FileLang, manifest: SignedManifest, figures: ReportFigures): void {
  doc.addPage();
  heading(doc, t("observatoryReport.methods.title"));
  const h = manifest.hotSpots;
  const z = manifest.priorityZones;
  for (const text of [
    t("observatoryReport.methods.rates"),
    t("observatoryReport.methods.change"),
    t("observatoryReport.methods.hotSpots", { permutations: h.permutations, seed: h.seed, alpha: f.ratio(h.alpha) }),
    t("observatoryReport.methods.zones", { knn: z.knn, required: z.required, years: z.years }),
    t("observatoryReport.methods.disclosure", { max: manifest.disclosure.threshold - 1 }),
    t("observatoryReport.methods.references"),
  ]) {
    paragraph(doc, text);
    doc.moveDown(0.4);
  }
  heading(doc, t("observatoryReport.methods.manifestTitle"), 12);
  table(doc, [
    { header: t("observatoryReport.methods.item"), width: 30, value: (r: [string, string]) => r[0] },
    { header: t("observatoryReport.methods.value"), width: 70, value: (r) => r[1] },
  ], manifestRows(t, f, lang, manifest, figures), { fontSize: 8 });
}

/** The annual report of a manifest, in French or Dutch. */
export async function annualReportPdf(manifest: SignedManifest, figures: ReportFigures, shapes: MapShapes, lang: FileLang): Promise<Buffer> {
  const t = translator(lang);
  const f = formats(lang);
  const title = t("observatoryReport.title", { year: figures.year });
  const doc = createDocument({ title, subject: t("observatoryReport.period", { from: figures.period.from, to: figures.period.to }), at: new Date(manifest.createdAt), lang: bcp47[lang] });
  doc.x = MARGIN;
  titlePage(doc, t, f, manifest, figures);
  doc.addPage();
  context(doc, t, f, lang, figures);
  trends(doc, t, f, lang, manifest, figures);
  mapPages(doc, t, f, lang, manifest, figures, shapes);
  zones(doc, t, f, lang, manifest, figures);
  methods(doc, t, f, lang, manifest, figures);
  const left = `${title} — ${manifest.sha256.slice(0, 12)} — ${f.date(manifest.createdAt)}`;
  return finish(doc, (page, pages) => t("observatoryReport.page", { page, pages }), left);
}
