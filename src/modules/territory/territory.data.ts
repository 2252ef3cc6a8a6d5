/**
 * Reads the reference files shipped in data/brussels (see data/brussels/SOURCES.md) into
 * table rows. Pure parsing: the seed writes what this returns.
 */
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import type { Insertable } from "kysely";
import type {
  MunicipalityTable,
  NeighbourhoodPopulationTable,
  NeighbourhoodShareTable,
  NeighbourhoodTable,
  PoliceZoneTable,
  TerritoryGeometryTable,
} from "./territory.table.js";
import { bboxOf, type MultiPolygon } from "./territory.geo.js";

const DATA = new URL("../../../data/brussels/", import.meta.url);

/** Bump when a file in data/brussels changes: the seed then reloads the territory. */
export const TERRITORY_DATA_VERSION = "brussels-mdq145-pop2025-v1";

export const neighbourhoodKinds = ["residential", "cemetery", "industrial", "park"] as const;
export type NeighbourhoodKind = (typeof neighbourhoodKinds)[number];

/** The levels of the reference geography, as named in URLs and in `territory_geometries.level`. */
export const territoryLevels = ["neighbourhoods", "municipalities", "police-zones"] as const;
export type TerritoryLevel = (typeof territoryLevels)[number];

const kindOf: Record<string, NeighbourhoodKind> = {
  residential: "residential",
  cemetery: "cemetery",
  industrial_infrastructure: "industrial",
  park_forest: "park",
};

/** Nationality groups of the MdQ series: file column -> our key. `french` is a part of `eu14`. */
export const nationalityColumns = {
  europa14_pct: "eu14",
  fransen_pct: "french",
  eu_nieuw_pct: "eu_new_members",
  rest_europa_pct: "rest_of_europe",
  turken_pct: "turkish",
  noord_afrika_pct: "north_africa",
  sub_sahara_pct: "sub_saharan_africa",
  latijns_amerika_pct: "latin_america",
  oeso_pct: "oecd_other",
  andere_landen_pct: "other_countries",
} as const;
export type NationalityGroup = (typeof nationalityColumns)[keyof typeof nationalityColumns];

type Row = Record<string, string>;

function readCsv(path: string): Row[] {
  return parse(readFileSync(new URL(path, DATA)), { columns: true, bom: true, skip_empty_lines: true, trim: true }) as Row[];
}

const int = (v: string | undefined): number | null => (v === undefined || v === "" ? null : Math.round(Number(v)));
const num = (v: string | undefined): number | null => (v === undefined || v === "" ? null : Number(v));
const required = (v: string | undefined, what: string): number => {
  const n = num(v);
  if (n === null || !Number.isFinite(n)) throw new Error(`territory data: missing ${what}`);
  return n;
};

export interface TerritoryData {
  policeZones: Insertable<PoliceZoneTable>[];
  municipalities: Insertable<MunicipalityTable>[];
  neighbourhoods: Insertable<NeighbourhoodTable>[];
  shares: Insertable<NeighbourhoodShareTable>[];
  population: Insertable<NeighbourhoodPopulationTable>[];
  geometries: Insertable<TerritoryGeometryTable>[];
}

function readGeometries(level: TerritoryLevel, file: string): Insertable<TerritoryGeometryTable>[] {
  type Fc = { features: { properties: { code: number }; geometry: { coordinates: MultiPolygon } }[] };
  const full = JSON.parse(readFileSync(new URL(`derived/${file}.geojson`, DATA), "utf8")) as Fc;
  const simplified = new Map(
    (JSON.parse(readFileSync(new URL(`derived/${file}.simplified.geojson`, DATA), "utf8")) as Fc).features.map((f) => [f.properties.code, f.geometry]),
  );
  return full.features.map((f) => {
    const small = simplified.get(f.properties.code);
    if (!small) throw new Error(`territory data: no simplified ${level} ${f.properties.code}`);
    const [minLon, minLat, maxLon, maxLat] = bboxOf(f.geometry.coordinates);
    return {
      level,
      code: f.properties.code,
      geometry: JSON.stringify({ type: "MultiPolygon", coordinates: f.geometry.coordinates }),
      simplified: JSON.stringify({ type: "MultiPolygon", coordinates: small.coordinates }),
      min_lon: minLon,
      min_lat: minLat,
      max_lon: maxLon,
      max_lat: maxLat,
    };
  });
}

/** Parses every reference file; throws on a missing value rather than loading half a region. */
export function readTerritoryData(): TerritoryData {
  const policeZones = readCsv("police_zones/police_zones.csv").map((r) => ({
    id: required(r.zone_id, "zone_id"),
    name_fr: r.name_fr!,
    name_nl: r.name_nl!,
    short_name: r.common_short_name || null,
    area_km2: required(r.area_km2, "zone area"),
    population_2020: required(r.population_2020_01_01_statbel, "zone population"),
  }));

  const municipalities = readCsv("municipalities/communes_19.csv").map((r) => ({
    nis_code: required(r.nis_code, "nis_code"),
    name_fr: r.name_fr!,
    name_nl: r.name_nl!,
    police_zone_id: required(r.police_zone_id, "police_zone_id"),
    postal_codes: (r.postal_codes ?? "").split("|").filter(Boolean).join(","),
    area_km2: required(r.area_km2, "municipality area"),
    population_2020: required(r.population_2020_01_01_statbel, "municipality population"),
    centroid_lon: required(r.centroid_lon, "centroid_lon"),
    centroid_lat: required(r.centroid_lat, "centroid_lat"),
  }));

  const indicators = new Map(readCsv("neighbourhoods/monitoring_vulnerability_indicators_2023_2024.csv").map((r) => [Number(r.territory_code), r]));
  const quartiers = readCsv("neighbourhoods/monitoring_quartiers_145.csv");
  const neighbourhoods = quartiers.map((r) => {
    const code = required(r.mdzone, "mdzone");
    const kind = kindOf[r.kind ?? ""];
    if (!kind) throw new Error(`territory data: unknown kind ${r.kind} for ${code}`);
    const ind = indicators.get(code) ?? {};
    const rate = (value: string | undefined, year: string | undefined) => ({ value: num(value), year: num(value) === null ? null : int(year) });
    const unemployment = rate(ind.unemployment_rate, ind.unemployment_year);
    const cpas = rate(ind.cpas_rate, ind.cpas_year);
    const bim = rate(ind.bim_rate, ind.bim_year);
    return {
      code,
      kind,
      name_fr: r.name_fr!,
      name_nl: r.name_nl!,
      area_m2: required(r.area_m2, "area_m2"),
      centroid_lon: required(r.centroid_lon, "centroid_lon"),
      centroid_lat: required(r.centroid_lat, "centroid_lat"),
      primary_municipality_nis: required(r.primary_municipality_nis, "primary municipality"),
      primary_police_zone: required(r.primary_police_zone, "primary police zone"),
      unemployment_rate: unemployment.value,
      unemployment_year: unemployment.year,
      cpas_rate: cpas.value,
      cpas_year: cpas.year,
      bim_rate: bim.value,
      bim_year: bim.year,
    };
  });

  // The overlay shares of the CSV, never the portal's municipality field (which is wrong).
  const shares = quartiers.flatMap((r) =>
    (r.municipality_area_shares ?? "").split(";").filter(Boolean).map((pair) => {
      const [nis, share] = pair.split(":");
      return { neighbourhood_code: required(r.mdzone, "mdzone"), municipality_nis: required(nis, "share nis"), area_share: required(share, "share") };
    }),
  );

  const population = readCsv("neighbourhoods/monitoring_population_nationality_1994_2025.csv").map((r) => {
    const groups: Record<string, number> = {};
    for (const [column, key] of Object.entries(nationalityColumns)) {
      const value = num(r[column]);
      if (value !== null) groups[key] = value;
    }
    return {
      neighbourhood_code: required(r.mdzone, "mdzone"),
      year: required(r.year, "year"),
      population: int(r.totale_bevolking),
      foreign_nationals: int(r.totaal_vreemdelingen),
      nationality_shares: JSON.stringify(groups),
    };
  });

  const geometries = [
    ...readGeometries("police-zones", "police_zones"),
    ...readGeometries("municipalities", "municipalities"),
    ...readGeometries("neighbourhoods", "neighbourhoods"),
  ];
  return { policeZones, municipalities, neighbourhoods, shares, population, geometries };
}
