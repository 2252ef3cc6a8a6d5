import { formatDate, formatNumber, type Locale } from "../../../shared/locale.js";

/** A Brussels day `YYYY-MM-DD` as dd/mm/yyyy in the reader's conventions; "–" when absent. */
export function formatDay(locale: Locale, day: string | null | undefined): string {
  if (!day) return "–";
  const date = /^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T12:00:00Z` : day;
  return formatDate(locale, date);
}

/** A progress figure rounded to one decimal for display ("42,5 %"); "–" when unknown. */
export function formatPercent(locale: Locale, value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  return formatNumber(locale, value / 100, { style: "percent", minimumFractionDigits: 0, maximumFractionDigits: digits });
}

export function formatNum(locale: Locale, value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  return formatNumber(locale, value, { maximumFractionDigits: digits });
}

/** A file size in kB or MB. */
export function formatSize(locale: Locale, bytes: number): string {
  if (bytes >= 1024 * 1024) return `${formatNumber(locale, bytes / (1024 * 1024), { maximumFractionDigits: 1 })} MB`;
  return `${formatNumber(locale, Math.max(1, Math.round(bytes / 1024)))} kB`;
}

/** A name sent either as a plain string or as an object with a `name` (person, organisation). */
export function nameOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && "name" in value) {
    const name = (value as { name: unknown }).name;
    return typeof name === "string" ? name : "";
  }
  return "";
}

/** Any value of a diff or an import change as short text. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "–";
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** The id at the end of a path like /plan/measures/12; null when it is not a positive integer. */
export function idFromPath(path: string, prefix: string): number | null {
  if (!path.startsWith(prefix)) return null;
  const rest = path.slice(prefix.length);
  return /^[1-9]\d{0,9}$/.test(rest) ? Number(rest) : null;
}
