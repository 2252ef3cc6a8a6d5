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
  /** More values the message names besides row, column and value (the overlap: batchKey, from, to). */
  params?: Record<string, string>;
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

/** Position of `column` in the header, -1 when absent. */
function at(index: Map<string, number>, column: string): number {
  return index.get(column) ?? -1;
}

function cell(cells: string[], i: number): string {
  if (i < 0) return "";
  const text = cells[i];
  return text === undefined ? "" : text.trim();
}

const DIGITS = /^\d+$/;

/** Neighbourhood code of `text` (NaN when not a whole number). */
function codeOf(text: string): number {
  return DIGITS.test(text) ? Number(text) : NaN;
}

/** Pushes the category and neighbourhood errors of a row. */
function checkCommon(row: number, category: string, categoryId: number | undefined, neighbourhood: string, code: number, lookups: Lookups, errors: RowError[]): void {
  if (categoryId === undefined) errors.push({ row, column: "category", value: category, key: category ? KEY.unknownCategory : KEY.required });
  if (!lookups.neighbourhoods.has(code)) errors.push({ row, column: "neighbourhood", value: neighbourhood, key: neighbourhood ? KEY.unknownNeighbourhood : KEY.required });
}

const KEY = {
  required: key("required"),
  unknownCategory: key("unknownCategory"),
  unknownNeighbourhood: key("unknownNeighbourhood"),
  badMonth: key("badMonth"),
  badCount: key("badCount"),
  badDate: key("badDate"),
  badCoordinate: key("badCoordinate"),
  coordinatePair: key("coordinatePair"),
  badAttempt: key("badAttempt"),
  badVictimType: key("badVictimType"),
};

/**
 * A checker of count rows for one header and one set of lookups: column positions are
 * resolved once, and a row costs no allocation beyond its value (or its errors, appended
 * to `errors`). Returns the value, or undefined when the row has errors.
 */
export function countRowChecker(index: Map<string, number>, lookups: Lookups): (row: number, cells: string[], errors: RowError[]) => CountRow | undefined {
  const iCategory = at(index, "category"), iNeighbourhood = at(index, "neighbourhood"), iMonth = at(index, "month"), iCount = at(index, "count");
  const { categories } = lookups;
  return (row, cells, errors) => {
    const before = errors.length;
    const category = cell(cells, iCategory);
    const categoryId = categories.get(category);
    const neighbourhood = cell(cells, iNeighbourhood);
    const code = codeOf(neighbourhood);
    checkCommon(row, category, categoryId, neighbourhood, code, lookups, errors);
    const month = cell(cells, iMonth);
    if (!MONTH.test(month)) errors.push({ row, column: "month", value: month, key: KEY.badMonth });
    const count = cell(cells, iCount);
    const n = Number(count);
    if (!DIGITS.test(count) || !Number.isSafeInteger(n)) errors.push({ row, column: "count", value: count, key: KEY.badCount });
    if (errors.length !== before) return undefined;
    return { category_id: categoryId!, neighbourhood_code: code, month, count: n };
  };
}

export function validateCountRow(row: number, index: Map<string, number>, cells: string[], lookups: Lookups): { value?: CountRow; errors: RowError[] } {
  const errors: RowError[] = [];
  const value = countRowChecker(index, lookups)(row, cells, errors);
  return value ? { value, errors } : { errors };
}

function coordinate(row: number, column: "lon" | "lat", text: string, errors: RowError[]): number | null {
  if (text === "") return null;
  const n = Number(text.replace(",", "."));
  const limit = column === "lon" ? 180 : 90;
  if (!Number.isFinite(n) || Math.abs(n) > limit) {
    errors.push({ row, column, value: text, key: KEY.badCoordinate });
    return null;
  }
  return n;
}

const victimTypeSet: ReadonlySet<string> = new Set(victimTypes);

const attempts: Record<string, number> = { "": 0, "0": 0, "1": 1, false: 0, true: 1, no: 0, yes: 1, non: 0, oui: 1, nee: 0, ja: 1 };

/** Like countRowChecker, for individual facts. */
export function factRowChecker(index: Map<string, number>, lookups: Lookups): (row: number, cells: string[], errors: RowError[]) => FactRow | undefined {
  const iCategory = at(index, "category"), iNeighbourhood = at(index, "neighbourhood"), iWhen = at(index, "occurred_at");
  const iLon = at(index, "lon"), iLat = at(index, "lat"), iAttempt = at(index, "attempt"), iVictim = at(index, "victim_type");
  const { categories } = lookups;
  return (row, cells, errors) => {
    const before = errors.length;
    const category = cell(cells, iCategory);
    const categoryId = categories.get(category);
    const neighbourhood = cell(cells, iNeighbourhood);
    const code = codeOf(neighbourhood);
    checkCommon(row, category, categoryId, neighbourhood, code, lookups, errors);
    const when = cell(cells, iWhen);
    const occurred_at = normaliseDateTime(when);
    if (!occurred_at) errors.push({ row, column: "occurred_at", value: when, key: KEY.badDate });
    const coordinateErrors = errors.length;
    const lon = coordinate(row, "lon", cell(cells, iLon), errors);
    const lat = coordinate(row, "lat", cell(cells, iLat), errors);
    if ((lon === null) !== (lat === null) && errors.length === coordinateErrors) {
      errors.push({ row, column: lon === null ? "lon" : "lat", value: "", key: KEY.coordinatePair });
    }
    const attemptText = cell(cells, iAttempt);
    const attempt = attempts[attemptText.toLowerCase()];
    if (attempt === undefined) errors.push({ row, column: "attempt", value: attemptText, key: KEY.badAttempt });
    const victimText = cell(cells, iVictim);
    const victim = victimText.toLowerCase();
    if (!victimTypeSet.has(victim)) errors.push({ row, column: "victim_type", value: victimText, key: KEY.badVictimType });
    if (errors.length !== before) return undefined;
    return { category_id: categoryId!, neighbourhood_code: code, occurred_at: occurred_at!, lon, lat, attempt: attempt!, victim_type: victim };
  };
}

export function validateFactRow(row: number, index: Map<string, number>, cells: string[], lookups: Lookups): { value?: FactRow; errors: RowError[] } {
  const errors: RowError[] = [];
  const value = factRowChecker(index, lookups)(row, cells, errors);
  return value ? { value, errors } : { errors };
}
