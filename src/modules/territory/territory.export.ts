/**
 * Exports of the reference geography, shared by the API and `vigil export territory`:
 * CSV (comma-separated, UTF-8 with a byte-order mark so that Excel reads the accents;
 * multi-valued cells joined with `|`, never `;`) or GeoJSON with full geometries.
 */
import { stringify } from "csv-stringify/sync";
import { LAST_POPULATION_YEAR } from "../../shared/limits.js";
import type { TerritoryLevel } from "./territory.data.js";
import { buildFeatureCollection } from "./territory.geojson.js";
import { listMunicipalities, listNeighbourhoods, listPoliceZones, type Reader } from "./territory.service.js";

export const exportFormats = ["csv", "geojson"] as const;
export type ExportFormat = (typeof exportFormats)[number];

type Cell = string | number | null;
type ExportRow = Record<string, Cell>;

const BOM = "\uFEFF";

/** The columns of each export, in order: the header is written even when nothing is loaded yet. */
export const exportColumns: Record<TerritoryLevel, string[]> = {
  neighbourhoods: [
    "code", "kind", "name_fr", "name_nl", "area_km2", "centroid_lon", "centroid_lat",
    "primary_municipality_nis", "primary_municipality_fr", "primary_municipality_nl", "municipality_area_shares",
    "primary_police_zone", "police_zones", `population_${LAST_POPULATION_YEAR}`, `foreign_nationals_${LAST_POPULATION_YEAR}`,
    "unemployment_rate", "unemployment_year", "cpas_rate", "cpas_year", "bim_rate", "bim_year",
  ],
  municipalities: [
    "nis_code", "name_fr", "name_nl", "police_zone_id", "postal_codes", "area_km2", "population_2020",
    "centroid_lon", "centroid_lat", "primary_neighbourhoods",
  ],
  "police-zones": ["zone_id", "name_fr", "name_nl", "short_name", "municipalities", "area_km2", "population_2020"],
};
const joined = (values: readonly (string | number)[]) => values.join("|");

async function neighbourhoodRows(db: Reader): Promise<ExportRow[]> {
  return (await listNeighbourhoods(db)).map((n) => ({
    code: n.code,
    kind: n.kind,
    name_fr: n.names.fr,
    name_nl: n.names.nl,
    area_km2: n.areaKm2,
    centroid_lon: n.centroid[0],
    centroid_lat: n.centroid[1],
    primary_municipality_nis: n.primaryMunicipality.nisCode,
    primary_municipality_fr: n.primaryMunicipality.names.fr,
    primary_municipality_nl: n.primaryMunicipality.names.nl,
    municipality_area_shares: joined(n.municipalities.map((m) => `${m.nisCode}:${m.share}`)),
    primary_police_zone: n.primaryPoliceZone,
    police_zones: joined(n.policeZones),
    [`population_${LAST_POPULATION_YEAR}`]: n.population,
    [`foreign_nationals_${LAST_POPULATION_YEAR}`]: n.foreignNationals,
    unemployment_rate: n.indicators.unemploymentRate?.value ?? null,
    unemployment_year: n.indicators.unemploymentRate?.year ?? null,
    cpas_rate: n.indicators.cpasRate?.value ?? null,
    cpas_year: n.indicators.cpasRate?.year ?? null,
    bim_rate: n.indicators.bimRate?.value ?? null,
    bim_year: n.indicators.bimRate?.year ?? null,
  }));
}

async function municipalityRows(db: Reader): Promise<ExportRow[]> {
  return (await listMunicipalities(db)).map((m) => ({
    nis_code: m.nisCode,
    name_fr: m.names.fr,
    name_nl: m.names.nl,
    police_zone_id: m.policeZoneId,
    postal_codes: joined(m.postalCodes),
    area_km2: m.areaKm2,
    population_2020: m.population2020,
    centroid_lon: m.centroid[0],
    centroid_lat: m.centroid[1],
    primary_neighbourhoods: joined(m.neighbourhoods),
  }));
}

async function policeZoneRows(db: Reader): Promise<ExportRow[]> {
  return (await listPoliceZones(db)).map((z) => ({
    zone_id: z.id,
    name_fr: z.names.fr,
    name_nl: z.names.nl,
    short_name: z.shortName,
    municipalities: joined(z.municipalities),
    area_km2: z.areaKm2,
    population_2020: z.population2020,
  }));
}

export async function exportRows(db: Reader, level: TerritoryLevel): Promise<ExportRow[]> {
  if (level === "neighbourhoods") return neighbourhoodRows(db);
  if (level === "municipalities") return municipalityRows(db);
  return policeZoneRows(db);
}

/** The export file's text: CSV with a header row, or a GeoJSON FeatureCollection (full geometry, all columns as properties). */
export async function exportTerritory(db: Reader, level: TerritoryLevel, format: ExportFormat): Promise<string> {
  const rows = await exportRows(db, level);
  const columns = exportColumns[level];
  if (format === "geojson") return buildFeatureCollection(db, level, "full", new Map(rows.map((r) => [Number(r[columns[0]!]), r])));
  return BOM + stringify(rows, { header: true, columns, delimiter: ",", record_delimiter: "windows", cast: { number: (v) => String(v) } });
}

/** File name and media type for an export. */
export function exportFile(level: TerritoryLevel, format: ExportFormat): { filename: string; contentType: string } {
  return format === "csv"
    ? { filename: `vigil-territory-${level}.csv`, contentType: "text/csv; charset=utf-8" }
    : { filename: `vigil-territory-${level}.geojson`, contentType: "application/geo+json" };
}
