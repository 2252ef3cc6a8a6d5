import { formatNumber, type Locale } from "../../../shared/locale.js";
import type { Translate } from "../../../shared/i18n/index.js";
import type { TerritoryVariable } from "./territory.types.js";

export type UnitKind = "count" | "perKm2" | "percent" | "fraction" | "other";

const defaultUnit: Record<TerritoryVariable, UnitKind> = {
  population: "count",
  density: "perKm2",
  foreign_share: "percent",
  unemployment: "percent",
  cpas: "percent",
  bim: "percent",
};

/** Reads the unit the server states; when it says nothing we recognise, the variable decides. */
export function unitKind(variable: TerritoryVariable, unit: string | undefined): UnitKind {
  const u = (unit ?? "").trim().toLowerCase();
  if (["share", "ratio", "fraction", "proportion", "0-1"].includes(u)) return "fraction";
  if (["%", "percent", "pct", "percentage"].includes(u)) return "percent";
  if (/km/.test(u)) return "perKm2";
  if (["inhabitants", "people", "persons", "residents", "count", "population", "number"].includes(u)) return "count";
  return defaultUnit[variable] ?? "other";
}

/** A value with Belgian number conventions of the reader's language (fr-BE, nl-BE, en-BE). */
export function formatValue(locale: Locale, t: Translate, kind: UnitKind, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return t("common.notAvailable");
  switch (kind) {
    case "count":
      return formatNumber(locale, value, { maximumFractionDigits: 0 });
    case "perKm2":
      return `${formatNumber(locale, value, { maximumFractionDigits: 0 })} ${t("territoryPage.unit.perKm2")}`;
    case "percent":
      return formatNumber(locale, value, { style: "unit", unit: "percent", maximumFractionDigits: 1 });
    case "fraction":
      return formatNumber(locale, value, { style: "percent", maximumFractionDigits: 1 });
    default:
      return formatNumber(locale, value, { maximumFractionDigits: 2 });
  }
}

/** An area share (0-1, or 0-100 if the server sends percentages) as a percentage. */
export function formatShare(locale: Locale, share: number | null | undefined, t: Translate): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return t("common.notAvailable");
  const fraction = share > 1 ? share / 100 : share;
  return formatNumber(locale, fraction, { style: "percent", maximumFractionDigits: 1 });
}

export function kindLabel(t: Translate, kind: string): string {
  const key = `territoryPage.kind.${kind}`;
  const label = t(key);
  return label === key ? kind : label;
}
