/**
 * Row checks of an observatory import: pure, one row at a time. Each problem is a
 * translation key under `observatoryImport.error` with the column it concerns.
 */

export const grains = ["aggregated", "individual"] as const;
export type Grain = (typeof grains)[number];

export const columnsOf: Record<Grain, { required: string[]; optional: string[] }> = {
  aggregated: { required: ["neighbourhood", "category", "month", "count"], optional: [] },
  individual: { required: ["occurred_at", "category", "neighbourhood", "victim_type"], optional: ["lon", "lat", "attempt"] },
};

export const victimTypes = ["person", "business"] as const;

export interface RowError {
  /** The row as a spreadsheet numbers it (header = 1); 0 for the file as a whole. */
  row: number;
  column: string;
  value: string;
  /** e.g. `observatoryImport.error.unknownCategory` */
  key: string;
}

export interface Lookups {
  /** category code -> crime_categories.id in the active taxonomy */
  categories: Map<string, number>;
  neighbourhoods: Set<number>;
}

export interface CountRow {
  neighbourhood_code: number;
  category_id: number;
  month: string;
  count: number;
}

export interface FactRow {
  occurred_at: string;
  category_id: number;
  neighbourhood_code: number;
  lon: number | null;
  lat: number | null;
  attempt: number;
  victim_type: string;
}

const key = (name: string) => `observatoryImport.error.${name}`;

/** The header's column names (trimmed, lower case), and an error per missing required column. */
export function checkHeader(grain: Grain, header: string[]): { index: Map<string, number>; errors: RowError[] } {
  const index = new Map(header.map((h, i) => [h.trim().toLowerCase(), i] as const));
  const errors = columnsOf[grain].required.filter((c) => !index.has(c)).map((column) => ({ row: 1, column, value: "", key: key("missingColumn") }));
  return { index, errors };
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?$/;

/** YYYY-MM-DDTHH:MM for a valid local date or date-time (time 00:00 when absent), else null. */
export function normaliseDateTime(text: string): string | null {
  const m = DATE_TIME.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = "00", mi = "00"] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi)));
  if (date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59) return null;
  return `${y}-${mo}-${d}T${h}:${mi}`;
}

const boundsCache = new Map<string, readonly [string, string]>();

/** First day of the month of `YYYY-MM`, last day of the month, as YYYY-MM-DD (memoised: imports ask per row). */
export function monthBounds(month: string): [string, string] {
  let bounds = boundsCache.get(month);
  if (!bounds) {
    const [y, m] = month.split("-").map(Number) as [number, number];
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    bounds = [`${month}-01`, `${month}-${String(last).padStart(2, "0")}`];
    if (boundsCache.size < 10_000) boundsCache.set(month, bounds);
  }
  return [bounds[0], bounds[1]];
}

type Cells = (column: string) => string;

function cellsOf(index: Map<string, number>, cells: string[]): Cells {
  return (column) => {
    const i = index.get(column);
    return i === undefined ? "" : (cells[i] ?? "").trim();
  };
}

function common(row: number, get: Cells, lookups: Lookups, errors: RowError[]): { category_id: number; neighbourhood_code: number } {
  const category = get("category");
  const category_id = lookups.categories.get(category);
  if (category_id === undefined) errors.push({ row, column: "category", value: category, key: key(category ? "unknownCategory" : "required") });
  const text = get("neighbourhood");
  const code = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!lookups.neighbourhoods.has(code)) errors.push({ row, column: "neighbourhood", value: text, key: key(text ? "unknownNeighbourhood" : "required") });
  return { category_id: category_id ?? 0, neighbourhood_code: code };
}

export function validateCountRow(row: number, index: Map<string, number>, cells: string[], lookups: Lookups): { value?: CountRow; errors: RowError[] } {
  const get = cellsOf(index, cells);
  const errors: RowError[] = [];
  const ids = common(row, get, lookups, errors);
  const month = get("month");
  if (!MONTH.test(month)) errors.push({ row, column: "month", value: month, key: key("badMonth") });
  const count = get("count");
  if (!/^\d+$/.test(count) || !Number.isSafeInteger(Number(count))) errors.push({ row, column: "count", value: count, key: key("badCount") });
  return errors.length ? { errors } : { value: { ...ids, month, count: Number(count) }, errors };
}

function coordinate(row: number, column: "lon" | "lat", text: string, errors: RowError[]): number | null {
  if (text === "") return null;
  const n = Number(text.replace(",", "."));
  const limit = column === "lon" ? 180 : 90;
  if (!Number.isFinite(n) || Math.abs(n) > limit) {
    errors.push({ row, column, value: text, key: key("badCoordinate") });
    return null;
  }
  return n;
}

const attempts: Record<string, number> = { "": 0, "0": 0, "1": 1, false: 0, true: 1, no: 0, yes: 1, non: 0, oui: 1, nee: 0, ja: 1 };

export function validateFactRow(row: number, index: Map<string, number>, cells: string[], lookups: Lookups): { value?: FactRow; errors: RowError[] } {
  const get = cellsOf(index, cells);
  const errors: RowError[] = [];
  const ids = common(row, get, lookups, errors);
  const when = get("occurred_at");
  const occurred_at = normaliseDateTime(when);
  if (!occurred_at) errors.push({ row, column: "occurred_at", value: when, key: key("badDate") });
  const lon = coordinate(row, "lon", get("lon"), errors);
  const lat = coordinate(row, "lat", get("lat"), errors);
  if ((lon === null) !== (lat === null) && !errors.some((e) => e.column === "lon" || e.column === "lat")) {
    errors.push({ row, column: lon === null ? "lon" : "lat", value: "", key: key("coordinatePair") });
  }
  const attemptText = get("attempt");
  const attempt = attempts[attemptText.toLowerCase()];
  if (attempt === undefined) errors.push({ row, column: "attempt", value: attemptText, key: key("badAttempt") });
  const victim = get("victim_type").toLowerCase();
  if (!(victimTypes as readonly string[]).includes(victim)) errors.push({ row, column: "victim_type", value: get("victim_type"), key: key("badVictimType") });
  if (errors.length) return { errors };
  return { value: { ...ids, occurred_at: occurred_at!, lon, lat, attempt: attempt!, victim_type: victim }, errors };
}
