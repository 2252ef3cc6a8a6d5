/**
 * The plan's measures as an XLSX workbook that can be edited and imported back:
 * sheet 1 one row per measure (headers in French or Dutch, header row frozen, drop-downs
 * for the fixed vocabularies), sheet 2 what each column means and which values it takes.
 */
import ExcelJS from "exceljs";
import { translator, type Translate } from "../../shared/i18n/index.js";
import { territoryLevels } from "../../shared/plan.js";
import { planOr404, type Reader } from "./plan.common.js";
import { allowedValues, columnKeys, measureRows, requiredColumns, type ColumnKey } from "./xlsx-columns.js";

export type FileLang = "fr" | "nl";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Rows below the data that still offer the drop-downs, for measures added in the file. */
const EXTRA_ROWS = 200;

const widths: Partial<Record<ColumnKey, number>> = {
  code: 10, theme: 8, titleFr: 48, titleNl: 48, descriptionFr: 40, descriptionNl: 40, lead: 16, partners: 24, territories: 30,
};

/** The header of a column in a language. */
export function columnHeader(t: Translate, key: ColumnKey): string {
  return t(`planFiles.column.${key}`);
}

/** What a column accepts, in words, for the documentation sheet. */
function allowedText(t: Translate, key: ColumnKey, themeNumbers: number[]): string {
  const list = allowedValues[key];
  if (list) return list.join(", ");
  if (key === "theme") return t("planFiles.allowed.theme", { numbers: themeNumbers.join(", ") });
  if (key === "territories") return t("planFiles.allowed.territories", { levels: territoryLevels.join(", ") });
  return t(`planFiles.allowed.${key}`);
}

export function boldHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF4" } };
}

/** Sheet 1 and its documentation sheet 2, in `lang`. */
export async function exportMeasuresXlsx(db: Reader, planId: number, lang: FileLang): Promise<{ filename: string; content: Buffer }> {
  const plan = await planOr404(db, planId);
  const t = translator(lang);
  const rows = await measureRows(db, planId);
  const themeNumbers = (await db.selectFrom("plan_themes").select("number").where("plan_id", "=", planId).orderBy("number").execute()).map((r) =>
    Number(r.number),
  );

  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Vigil";
  const sheet = workbook.addWorksheet(t("planFiles.sheet.measures"), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columnKeys.map((key) => ({ header: columnHeader(t, key), key, width: widths[key] ?? 14 }));
  boldHeader(sheet.getRow(1));
  for (const { row } of rows) sheet.addRow(row);

  // Drop-downs for the fixed vocabularies, and a whole-number check on progress.
  const lastRow = rows.length + 1 + EXTRA_ROWS;
  for (const [index, key] of columnKeys.entries()) {
    const list = allowedValues[key];
    for (let r = 2; r <= lastRow; r++) {
      const cell = sheet.getCell(r, index + 1);
      if (list) {
        cell.dataValidation = { type: "list", allowBlank: false, formulae: [`"${list.join(",")}"`], showErrorMessage: true };
      } else if (key === "progress") {
        cell.dataValidation = { type: "whole", operator: "between", allowBlank: false, formulae: [0, 100], showErrorMessage: true };
      }
    }
  }

  const doc = workbook.addWorksheet(t("planFiles.sheet.columns"), { views: [{ state: "frozen", ySplit: 1 }] });
  doc.columns = [
    { header: t("planFiles.doc.header"), key: "header", width: 22 },
    { header: t("planFiles.doc.meaning"), key: "meaning", width: 70 },
    { header: t("planFiles.doc.allowed"), key: "allowed", width: 50 },
    { header: t("planFiles.doc.required"), key: "required", width: 12 },
  ];
  boldHeader(doc.getRow(1));
  for (const key of columnKeys) {
    const added = doc.addRow({
      header: columnHeader(t, key),
      meaning: t(`planFiles.help.${key}`),
      allowed: allowedText(t, key, themeNumbers),
      required: t(requiredColumns.includes(key) ? "planFiles.doc.yes" : "planFiles.doc.no"),
    });
    added.alignment = { wrapText: true, vertical: "top" };
  }
  const note = doc.addRow({ header: "", meaning: t("planFiles.doc.note") });
  note.alignment = { wrapText: true, vertical: "top" };

  const content = Buffer.from(await workbook.xlsx.writeBuffer());
  return { filename: `${plan.code}-${t("planFiles.file.measures")}.xlsx`, content };
}
