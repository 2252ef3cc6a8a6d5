/**
 * The XLSX annex of a report pack, from the same frozen snapshot: the themes, the
 * measures table, the late milestones and the decisions of recent meetings, one sheet
 * each, with raw numbers (progress as a number, dates as dates) for the reader's own sums.
 */
import ExcelJS from "exceljs";
import { translator } from "../../shared/i18n/index.js";
import { localName } from "../../shared/locale.js";
import { measureStatuses } from "../../shared/plan.js";
import { lateMilestones } from "./report-pdf.js";
import type { SnapshotData } from "./snapshot.data.js";
import { brusselsDay } from "./plan.common.js";
import { boldHeader, type FileLang } from "./xlsx-export.js";

/** A day `YYYY-MM-DD` (or an instant, taken as its Brussels day) as a spreadsheet date without time. */
const asDate = (value: string) => new Date(`${value.length > 10 ? brusselsDay(new Date(value)) : value}T00:00:00Z`);

function sheetWith(workbook: ExcelJS.Workbook, name: string, columns: Partial<ExcelJS.Column>[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns;
  boldHeader(sheet.getRow(1));
  return sheet;
}

export async function reportAnnexXlsx(data: SnapshotData, lang: FileLang): Promise<Buffer> {
  const t = translator(lang);
  const r = (key: string) => t(`planFiles.report.${key}`);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Vigil";
  workbook.created = new Date(data.snapshot.takenAt);
  workbook.modified = new Date(data.snapshot.takenAt);
  workbook.title = `${localName(lang, data.plan.titles)} — ${data.snapshot.title} (v${data.snapshot.version})`;

  const themes = sheetWith(workbook, r("summary").slice(0, 31), [
    { header: r("number"), key: "number", width: 6 },
    { header: r("theme"), key: "title", width: 50 },
    { header: r("measures"), key: "measures", width: 10 },
    { header: r("progressPercent"), key: "progress", width: 14, style: { numFmt: "0.0" } },
    ...measureStatuses.map((s) => ({ header: t(`plan.status.${s}`), key: s, width: 12 })),
  ]);
  for (const theme of data.themes) {
    themes.addRow({ number: theme.number, title: localName(lang, theme.titles), measures: theme.measureCount, progress: theme.progress, ...theme.byStatus });
  }
  themes.addRow({ title: r("planTotal"), measures: data.measures.length, progress: data.progress }).font = { bold: true };

  const measures = sheetWith(workbook, t("planFiles.sheet.measures"), [
    { header: r("code"), key: "code", width: 9 },
    { header: r("number"), key: "theme", width: 6 },
    { header: r("measure"), key: "title", width: 60 },
    { header: r("pillar"), key: "pillar", width: 20 },
    { header: r("lead"), key: "lead", width: 30 },
    { header: r("status"), key: "status", width: 14 },
    { header: r("progressPercent"), key: "progress", width: 14 },
    { header: r("weight"), key: "weight", width: 8 },
    { header: r("lateMilestones"), key: "late", width: 14 },
  ]);
  for (const m of data.measures) {
    measures.addRow({
      code: m.code,
      theme: m.themeNumber,
      title: localName(lang, m.titles),
      pillar: t(`plan.pillar.${m.pillar}`),
      lead: localName(lang, m.lead.names),
      status: t(`plan.status.${m.status}`),
      progress: m.progress,
      weight: m.weight,
      late: m.milestones.filter((x) => x.late).length,
    });
  }
  measures.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 9 } };

  const late = sheetWith(workbook, r("lateMilestones").slice(0, 31), [
    { header: r("code"), key: "code", width: 9 },
    { header: r("measure"), key: "measure", width: 50 },
    { header: r("milestone"), key: "milestone", width: 50 },
    { header: r("dueDate"), key: "due", width: 12, style: { numFmt: "dd/mm/yyyy" } },
    { header: r("daysLate"), key: "days", width: 12 },
  ]);
  for (const m of lateMilestones(data, lang)) {
    late.addRow({ code: m.measure.code, measure: localName(lang, m.measure.titles), milestone: m.title, due: asDate(m.dueDate), days: m.daysLate });
  }

  const decisions = sheetWith(workbook, r("decisionsSheet").slice(0, 31), [
    { header: r("date"), key: "date", width: 12, style: { numFmt: "dd/mm/yyyy" } },
    { header: r("body"), key: "body", width: 36 },
    { header: r("code"), key: "code", width: 9 },
    { header: r("decision"), key: "text", width: 90 },
  ]);
  for (const d of data.decisions) {
    decisions.addRow({ date: asDate(d.startsAt), body: localName(lang, d.body.names), code: d.measureCode ?? "", text: localName(lang, d.texts) }).alignment = {
      wrapText: true,
      vertical: "top",
    };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
