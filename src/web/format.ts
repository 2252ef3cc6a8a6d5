import { formatDate, type Locale } from "../shared/locale.js";

/** Date and time in Belgian conventions (dd/mm/yyyy, 24 h, Brussels time) of the reader's language. */
export function formatDateTime(locale: Locale, value: string | Date, withSeconds = false): string {
  return formatDate(locale, value, {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    ...(withSeconds ? { second: "2-digit" } : {}),
  });
}
