/**
 * How the annual report writes numbers, changes, p-values and dates in French or Dutch
 * (Belgian conventions), shared by the PDF, its maps and the annex.
 */
import type { FileLang } from "../../plan/xlsx-export.js";
import { formatDate, formatNumber, localName } from "../../../shared/locale.js";
import type { ReportFigures } from "./report-data.js";

export interface Formats {
  integer(value: number): string;
  rate(value: number | null): string;
  percent(value: number | null): string;
  ratio(value: number | null): string;
  p(value: number): string;
  date(value: string): string;
}

export function formats(lang: FileLang): Formats {
  const number = (value: number, digits: number) => formatNumber(lang, value, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return {
    integer: (value) => formatNumber(lang, value, { maximumFractionDigits: 0 }),
    rate: (value) => (value === null ? "—" : number(value, 1)),
    percent: (value) => (value === null ? "—" : formatNumber(lang, value, { style: "percent", signDisplay: "exceptZero", minimumFractionDigits: 1, maximumFractionDigits: 1 })),
    ratio: (value) => (value === null ? "—" : number(value, 2)),
    p: (value) => (value < 0.001 ? `<\u00a0${number(0.001, 3)}` : number(value, 3)),
    date: (value) => formatDate(lang, value),
  };
}

/** A reported category's label in the reader's language (its code when unknown). */
export function categoryLabel(lang: FileLang, figures: ReportFigures, code: string): string {
  const category = figures.categories.find((c) => c.code === code);
  return category ? localName(lang, category.labels) : code;
}
