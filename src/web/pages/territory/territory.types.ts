/** The territory API as the web app reads it (GET /api/territory/...). */

export const territoryVariables = ["population", "density", "foreign_share", "unemployment", "cpas", "bim"] as const;
export type TerritoryVariable = (typeof territoryVariables)[number];

/** Variables published for every year 1994-2025; the others have one reference year of their own. */
export const yearlyVariables: ReadonlySet<TerritoryVariable> = new Set(["population", "density", "foreign_share"]);

export interface ChoroplethData {
  variable: string;
  year: number | null;
  unit: string;
  values: Array<{ code: string | number; value: number | null }>;
  breaks: number[];
  source: string;
}

export interface IndicatorValue {
  value: number | null;
  year: number | null;
}

export interface NeighbourhoodProfileData {
  code: string | number;
  kind: string;
  name: string;
  names: { fr: string; nl: string };
  areaKm2: number | null;
  centroid: unknown;
  primaryMunicipality: { nisCode: number | string; name: string } | null;
  primaryPoliceZone: number | string | null;
  municipalities: Array<{ nisCode: number | string; name: string; share: number | null }>;
  policeZones: Array<number | string>;
  population: number | null;
  foreignNationals: number | null;
  indicators: { unemploymentRate: IndicatorValue | null; cpasRate: IndicatorValue | null; bimRate: IndicatorValue | null } | null;
  series: Array<{ year: number; population: number | null; foreignNationals: number | null; foreignShare: number | null }>;
}

/** One row of the neighbourhood table, merged from the list endpoint and the GeoJSON properties. */
export interface NeighbourhoodRow {
  code: string;
  kind: string;
  names: { fr: string; nl: string };
  municipality: string;
  population: number | null;
}
