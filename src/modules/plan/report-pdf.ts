/**
 * The council report pack (PDF, A4, in French or Dutch), drawn only from a frozen
 * snapshot: title page, summary per theme, status of every measure, late milestones,
 * decisions of recent meetings. The same snapshot always gives the same bytes.
 */
import { compareCodes } from "./plan.common.js";
import { translator, type Translate } from "../../shared/i18n/index.js";
import { bcp47, formatDate, formatNumber, localName } from "../../shared/locale.js";
import { measureStatuses } from "../../shared/plan.js";
import { createDocument, finish, heading, MARGIN, paragraph, table, type Column } from "./report-layout.js";
import type { SnapshotData, SnapshotDecision, SnapshotMeasure, SnapshotRound, SnapshotTheme } from "./snapshot.data.js";
import type { FileLang } from "./xlsx-export.js";

export function percent(lang: FileLang, value: number | null): string {
  return value === null ? "—" : `${formatNumber(lang, value, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;
}

/** `dd/mm/yyyy` for a day (`YYYY-MM-DD`) or an instant, in Brussels time. */
export function belgianDate(lang: FileLang, value: string): string {
  return formatDate(lang, /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value);
}

export interface LateMilestone {
  measure: SnapshotMeasure;
  title: string;
  dueDate: string;
  daysLate: number;
}

/** Late milestones of the snapshot, the longest overdue first. */
export function lateMilestones(data: SnapshotData, lang: FileLang): LateMilestone[] {
  return data.measures
    .flatMap((measure) => measure.milestones.filter((m) => m.late).map((m) => ({ measure, title: localName(lang, m.titles), dueDate: m.dueDate, daysLate: m.daysLate })))
    .sort((a, b) => b.daysLate - a.daysLate || compareCodes(a.measure.code, b.measure.code));
}

function titlePage(doc: PDFKit.PDFDocument, t: Translate, data: SnapshotData, lang: FileLang): void {
  doc.moveDown(6);
  paragraph(doc, t("planFiles.report.publisher"), { size: 11, color: "#555555" });
  doc.moveDown(2);
  paragraph(doc, localName(lang, data.plan.titles), { bold: true, size: 24, color: "#1d3557" });
  doc.moveDown(0.5);
  paragraph(doc, t("planFiles.report.period", { start: data.plan.startYear, end: data.plan.endYear }), { size: 12 });
  doc.moveDown(2);
  paragraph(doc, t("planFiles.report.packTitle"), { bold: true, size: 14 });
  paragraph(doc, data.snapshot.title, { size: 14 });
  doc.moveDown(1);
  paragraph(doc, t("planFiles.report.version", { version: data.snapshot.version }), { size: 11 });
  paragraph(doc, t("planFiles.report.takenOn", { date: belgianDate(lang, data.snapshot.takenAt) }), { size: 11 });
  doc.moveDown(2);
  paragraph(doc, t("planFiles.report.planProgress", { value: percent(lang, data.progress) }), { bold: true, size: 13 });
  paragraph(doc, t("planFiles.report.measureCount", { count: data.measures.length }), { size: 11 });
  doc.moveDown(4);
  paragraph(doc, t("planFiles.report.frozen"), { size: 9, color: "#555555" });
}

function themeSummary(doc: PDFKit.PDFDocument, t: Translate, data: SnapshotData, lang: FileLang): void {
  heading(doc, t("planFiles.report.summary"));
  const columns: Column<SnapshotTheme>[] = [
    { header: t("planFiles.report.number"), width: 4, align: "right", value: (r) => String(r.number) },
    { header: t("planFiles.report.theme"), width: 22, value: (r) => localName(lang, r.titles) },
    { header: t("planFiles.report.measures"), width: 11, align: "right", value: (r) => String(r.measureCount) },
    { header: t("planFiles.report.progress"), width: 14, align: "right", value: (r) => percent(lang, r.progress) },
    ...measureStatuses.map(
      (status): Column<SnapshotTheme> => ({ header: t(`plan.status.${status}`), width: 10, align: "right", value: (r) => String(r.byStatus[status] ?? 0) }),
    ),
  ];
  table(doc, columns, data.themes);
  paragraph(doc, t("planFiles.report.progressMethod"), { size: 8, color: "#555555" });
}

function rounds(doc: PDFKit.PDFDocument, t: Translate, data: SnapshotData, lang: FileLang): void {
  if (data.rounds.length === 0) return;
  heading(doc, t("planFiles.report.rounds"), 12);
  const count = (key: keyof SnapshotRound["counts"]) => (r: SnapshotRound) => String(r.counts[key]);
  table(doc, [
    { header: t("planFiles.report.round"), width: 24, value: (r) => `${localName(lang, r.names)} (${r.periodLabel})` },
    { header: t("planFiles.report.deadline"), width: 11, value: (r) => belgianDate(lang, r.deadline) },
    { header: t("plan.updateState.draft"), width: 9, align: "right", value: count("draft") },
    { header: t("plan.updateState.submitted"), width: 9, align: "right", value: count("submitted") },
    { header: t("plan.updateState.returned"), width: 9, align: "right", value: count("returned") },
    { header: t("plan.updateState.validated"), width: 9, align: "right", value: count("validated") },
    { header: t("planFiles.report.late"), width: 8, align: "right", value: count("late") },
  ], data.rounds);
}

function statusTable(doc: PDFKit.PDFDocument, t: Translate, data: SnapshotData, lang: FileLang): void {
  doc.addPage();
  heading(doc, t("planFiles.report.statusTable"));
  table(doc, [
    { header: t("planFiles.report.code"), width: 8, value: (m) => m.code },
    { header: t("planFiles.report.measure"), width: 41, value: (m) => localName(lang, m.titles) },
    { header: t("planFiles.report.lead"), width: 22, value: (m) => localName(lang, m.lead.names) },
    { header: t("planFiles.report.status"), width: 12, value: (m) => t(`plan.status.${m.status}`) },
    { header: t("planFiles.report.progress"), width: 13, align: "right", value: (m) => `${m.progress} %` },
  ], data.measures, { empty: t("planFiles.report.none") });
}

function lateTable(doc: PDFKit.PDFDocument, t: Translate, data: SnapshotData, lang: FileLang): void {
  heading(doc, t("planFiles.report.lateMilestones"));
  table(doc, [
    { header: t("planFiles.report.code"), width: 7, value: (r: LateMilestone) => r.measure.code },
    { header: t("planFiles.report.measure"), width: 33, value: (r) => localName(lang, r.measure.titles) },
    { header: t("planFiles.report.milestone"), width: 30, value: (r) => r.title },
    { header: t("planFiles.report.dueDate"), width: 12, value: (r) => belgianDate(lang, r.dueDate) },
    { header: t("planFiles.report.daysLate"), width: 10, align: "right", value: (r) => String(r.daysLate) },
  ], lateMilestones(data, lang), { empty: t("planFiles.report.none") });
}

function decisions(doc: PDFKit.PDFDocument, t: Translate, data: SnapshotData, lang: FileLang): void {
  heading(doc, t("planFiles.report.decisions"));
  paragraph(doc, t("planFiles.report.decisionsWindow"), { size: 8, color: "#555555" });
  doc.moveDown(0.3);
  table(doc, [
    { header: t("planFiles.report.date"), width: 11, value: (d: SnapshotDecision) => belgianDate(lang, d.startsAt) },
    { header: t("planFiles.report.body"), width: 24, value: (d) => localName(lang, d.body.names) },
    { header: t("planFiles.report.code"), width: 8, value: (d) => d.measureCode ?? "" },
    { header: t("planFiles.report.decision"), width: 57, value: (d) => localName(lang, d.texts) },
  ], data.decisions, { empty: t("planFiles.report.none") });
}

/** The report pack of a snapshot, in French or Dutch. */
export async function reportPdf(data: SnapshotData, lang: FileLang): Promise<Buffer> {
  const t = translator(lang);
  const planTitle = localName(lang, data.plan.titles);
  const doc = createDocument({
    title: `${planTitle} — ${data.snapshot.title}`,
    subject: t("planFiles.report.packTitle"),
    at: new Date(data.snapshot.takenAt),
    lang: bcp47[lang],
  });
  doc.x = MARGIN;
  titlePage(doc, t, data, lang);
  doc.addPage();
  themeSummary(doc, t, data, lang);
  rounds(doc, t, data, lang);
  statusTable(doc, t, data, lang);
  lateTable(doc, t, data, lang);
  decisions(doc, t, data, lang);
  const left = `${planTitle} — ${t("planFiles.report.version", { version: data.snapshot.version })} — ${belgianDate(lang, data.snapshot.takenAt)}`;
  return finish(doc, (page, pages) => t("planFiles.report.page", { page, pages }), left);
}
