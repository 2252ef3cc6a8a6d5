/**
 * The import's error report: the uploaded rows as they were, with one more column
 * ("Erreurs" / "Fouten") saying what is wrong with each row. Fixed and uploaded again,
 * the file imports (the extra column is ignored).
 */
import ExcelJS from "exceljs";
import { translator } from "../../shared/i18n/index.js";
import { locales } from "../../shared/locale.js";
import { boldHeader, type FileLang } from "./xlsx-export.js";
import { issueMessage, type ImportIssue } from "./xlsx-import.js";
import { headerKeyOf, type SheetContent } from "./xlsx-read.js";

const ERROR_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFDE2E1" } };

export async function importErrorReportXlsx(sheet: SheetContent, issues: ImportIssue[], lang: FileLang): Promise<Buffer> {
  const t = translator(lang);
  const errorsLabel = t("planFiles.sheet.errors");
  // An error column left from an earlier report (in any language) is replaced, not repeated.
  const errorLabels = locales.map((l) => translator(l)("planFiles.sheet.errors"));
  const headers = sheet.headers.filter((h) => h.key !== null || !errorLabels.some((label) => h.text.startsWith(label)));
  const byRow = new Map<number, string[]>();
  for (const issue of issues) byRow.set(issue.row, [...(byRow.get(issue.row) ?? []), issueMessage(t, issue)]);

  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Vigil";
  const out = workbook.addWorksheet(sheet.name || t("planFiles.sheet.measures"), { views: [{ state: "frozen", ySplit: 1 }] });
  const errorColumn = headers.length + 1;
  const header = out.getRow(1);
  headers.forEach((h, i) => {
    header.getCell(i + 1).value = h.text;
  });
  const fileIssues = byRow.get(1);
  header.getCell(errorColumn).value = fileIssues ? `${errorsLabel}: ${fileIssues.join("\n")}` : errorsLabel;
  boldHeader(header);

  // Rows keep their number, so that "row 12" in a message is row 12 of the report too.
  for (const row of sheet.rows) {
    const line = out.getRow(row.row);
    headers.forEach((h, i) => {
      line.getCell(i + 1).value = row.raw[h.column] ?? null;
    });
    const messages = byRow.get(row.row);
    if (messages) {
      const cell = line.getCell(errorColumn);
      cell.value = messages.join("\n");
      cell.alignment = { wrapText: true, vertical: "top" };
      line.eachCell((c) => {
        c.fill = ERROR_FILL;
      });
    }
  }
  headers.forEach((h, i) => {
    out.getColumn(i + 1).width = headerKeyOf(h.text)?.startsWith("title") ? 40 : 14;
  });
  out.getColumn(errorColumn).width = 80;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
