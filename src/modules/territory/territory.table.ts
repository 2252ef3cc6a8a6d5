export interface PoliceZoneTable {
  id: number;
  name_fr: string;
  name_nl: string;
  short_name: string | null;
  area_km2: number;
  population_2020: number;
}

export interface MunicipalityTable {
  nis_code: number;
  name_fr: string;
  name_nl: string;
  police_zone_id: number;
  postal_codes: string;
  area_km2: number;
  population_2020: number;
  centroid_lon: number;
  centroid_lat: number;
}

export interface NeighbourhoodTable {
  code: number;
  kind: string;
  name_fr: string;
  name_nl: string;
  area_m2: number;
  centroid_lon: number;
  centroid_lat: number;
  primary_municipality_nis: number;
  primary_police_zone: number;
  unemployment_rate: number | null;
  unemployment_year: number | null;
  cpas_rate: number | null;
  cpas_year: number | null;
  bim_rate: number | null;
  bim_year: number | null;
}

export interface NeighbourhoodShareTable {
  neighbourhood_code: number;
  municipality_nis: number;
  area_share: number;
}

export interface NeighbourhoodPopulationTable {
  neighbourhood_code: number;
  year: number;
  population: number | null;
  foreign_nationals: number | null;
  /** JSON object of nationality-group shares (% of the population), null where not published. */
  nationality_shares: string;
}

export interface TerritoryGeometryTable {
  level: string;
  code: number;
  /** GeoJSON geometry, full resolution. */
  geometry: string;
  /** GeoJSON geometry simplified for the browser. */
  simplified: string;
  min_lon: number;
  min_lat: number;
  max_lon: number;
  max_lat: number;
}
