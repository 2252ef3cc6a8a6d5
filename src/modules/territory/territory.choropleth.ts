/**
 * One value per neighbourhood for a thematic map, with its class breaks.
 */
import { LAST_POPULATION_YEAR } from "../../shared/limits.js";
import { jenksBreaks, quantileBreaks } from "./territory.geo.js";
import { foreignShare, type Reader } from "./territory.service.js";

export const choroplethVariables = ["population", "density", "foreign_share", "unemployment", "cpas", "bim"] as const;
export type ChoroplethVariable = (typeof choroplethVariables)[number];
export const breakMethods = ["quantile", "jenks"] as const;
export type BreakMethod = (typeof breakMethods)[number];

export const CHOROPLETH_CLASSES = 5;

const POPULATION_SOURCE = "IBSA / perspective.brussels, Monitoring des Quartiers (Statbel, National Register, 1 January)";
const INDICATOR_SOURCE = "IBSA / perspective.brussels, Monitoring des Quartiers";

/** Unit tokens, translated by the client (`territory.unit.<token>`). */
export const choroplethUnits = ["inhabitants", "inhabitants_per_km2", "percent"] as const;
export type ChoroplethUnit = (typeof choroplethUnits)[number];

const meta: Record<ChoroplethVariable, { unit: ChoroplethUnit; source: string }> = {
  population: { unit: "inhabitants", source: POPULATION_SOURCE },
  density: { unit: "inhabitants_per_km2", source: POPULATION_SOURCE },
  foreign_share: { unit: "percent", source: POPULATION_SOURCE },
  unemployment: { unit: "percent", source: `${INDICATOR_SOURCE} (unemployment rate)` },
  cpas: { unit: "percent", source: `${INDICATOR_SOURCE} (CPAS/OCMW social integration income)` },
  bim: { unit: "percent", source: `${INDICATOR_SOURCE} (increased health-insurance reimbursement, BIM/VT)` },
};

export interface Choropleth {
  variable: ChoroplethVariable;
  /** The population year asked for; for the indicators, the year they were measured. */
  year: number;
  unit: ChoroplethUnit;
  values: { code: number; value: number | null }[];
  /** `classes + 1` limits, from the minimum to the maximum of the non-null values. */
  breaks: number[];
  source: string;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The year most of the values were measured in (the indicators carry their own year). */
function mostCommon(years: (number | null)[]): number | null {
  const counts = new Map<number, number>();
  for (const y of years) if (y !== null) counts.set(y, (counts.get(y) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? null;
}

export async function choropleth(
  db: Reader,
  variable: ChoroplethVariable,
  year: number = LAST_POPULATION_YEAR,
  method: BreakMethod = "quantile",
): Promise<Choropleth> {
  const neighbourhoods = await db
    .selectFrom("neighbourhoods")
    .select(["code", "area_m2", "unemployment_rate", "unemployment_year", "cpas_rate", "cpas_year", "bim_rate", "bim_year"])
    .orderBy("code")
    .execute();
  let values: { code: number; value: number | null }[];
  let shownYear = year;
  if (variable === "population" || variable === "density" || variable === "foreign_share") {
    const rows = await db
      .selectFrom("neighbourhood_population")
      .select(["neighbourhood_code", "population", "foreign_nationals"])
      .where("year", "=", year)
      .execute();
    const byCode = new Map(rows.map((r) => [r.neighbourhood_code, r]));
    values = neighbourhoods.map((n) => {
      const row = byCode.get(n.code);
      const population = row?.population ?? null;
      if (variable === "population") return { code: n.code, value: population };
      if (variable === "density") return { code: n.code, value: population === null ? null : round(population / (n.area_m2 / 1e6), 1) };
      return { code: n.code, value: foreignShare(population, row?.foreign_nationals ?? null) };
    });
  } else {
    const [rate, measured] = (
      { unemployment: ["unemployment_rate", "unemployment_year"], cpas: ["cpas_rate", "cpas_year"], bim: ["bim_rate", "bim_year"] } as const
    )[variable];
    values = neighbourhoods.map((n) => ({ code: n.code, value: n[rate] }));
    shownYear = mostCommon(neighbourhoods.map((n) => n[measured])) ?? year;
  }
  const present = values.map((v) => v.value).filter((v): v is number => v !== null);
  const breaks = method === "jenks" ? jenksBreaks(present, CHOROPLETH_CLASSES) : quantileBreaks(present, CHOROPLETH_CLASSES);
  return { variable, year: shownYear, unit: meta[variable].unit, values, breaks: breaks.map((b) => round(b, 4)), source: meta[variable].source };
}
