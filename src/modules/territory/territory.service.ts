/**
 * Reading the reference geography: police zones, municipalities, neighbourhoods and the
 * neighbourhood profile. Neighbourhoods do not nest in municipalities: each keeps its
 * area shares, and is grouped by its primary municipality (the largest share).
 */
import type { Kysely } from "kysely";
import type { Database } from "../../server/db/schema.js";
import { notFound } from "../../shared/errors.js";
import { LAST_POPULATION_YEAR } from "../../shared/limits.js";
import type { NeighbourhoodKind } from "./territory.data.js";

/** Services read through a database or a transaction alike. */
export type Reader = Kysely<Database>;

export interface Names {
  fr: string;
  nl: string;
}

/**
 * A neighbourhood counts as lying in a police zone when at least this share of its area
 * does (the same threshold as `police_zones_touched` in the source CSV: smaller shares
 * are slivers along the boundary drawn at a different scale).
 */
export const ZONE_SHARE_THRESHOLD = 0.02;

export interface PoliceZoneRecord {
  id: number;
  names: Names;
  shortName: string | null;
  areaKm2: number;
  population2020: number;
  municipalities: number[];
}

export interface MunicipalityRecord {
  nisCode: number;
  names: Names;
  policeZoneId: number;
  postalCodes: string[];
  areaKm2: number;
  population2020: number;
  centroid: [number, number];
  /** Codes of the neighbourhoods whose largest part lies in this municipality. */
  neighbourhoods: number[];
}

export interface IndicatorValue {
  value: number;
  year: number;
}

export interface NeighbourhoodRecord {
  code: number;
  kind: NeighbourhoodKind;
  names: Names;
  areaKm2: number;
  centroid: [number, number];
  primaryMunicipality: { nisCode: number; names: Names };
  primaryPoliceZone: number;
  municipalities: { nisCode: number; names: Names; share: number }[];
  policeZones: number[];
  population: number | null;
  foreignNationals: number | null;
  indicators: { unemploymentRate: IndicatorValue | null; cpasRate: IndicatorValue | null; bimRate: IndicatorValue | null };
}

export interface PopulationPoint {
  year: number;
  population: number | null;
  foreignNationals: number | null;
  foreignShare: number | null;
  nationalities: Record<string, number>;
}

export interface NeighbourhoodProfile extends NeighbourhoodRecord {
  series: PopulationPoint[];
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Share of foreign nationals in % (two decimals), or null when it cannot be computed. */
export function foreignShare(population: number | null, foreignNationals: number | null): number | null {
  if (population === null || foreignNationals === null || population <= 0) return null;
  return round((foreignNationals / population) * 100, 2);
}

export async function listPoliceZones(db: Reader): Promise<PoliceZoneRecord[]> {
  const [zones, members] = await Promise.all([
    db.selectFrom("police_zones").selectAll().orderBy("id").execute(),
    db.selectFrom("municipalities").select(["nis_code", "police_zone_id"]).orderBy("nis_code").execute(),
  ]);
  return zones.map((z) => ({
    id: z.id,
    names: { fr: z.name_fr, nl: z.name_nl },
    shortName: z.short_name,
    areaKm2: z.area_km2,
    population2020: z.population_2020,
    municipalities: members.filter((m) => m.police_zone_id === z.id).map((m) => m.nis_code),
  }));
}

export async function getPoliceZone(db: Reader, id: number): Promise<PoliceZoneRecord> {
  const zone = (await listPoliceZones(db)).find((z) => z.id === id);
  if (!zone) throw notFound("police_zone", id);
  return zone;
}

export async function listMunicipalities(db: Reader): Promise<MunicipalityRecord[]> {
  const [rows, primaries] = await Promise.all([
    db.selectFrom("municipalities").selectAll().orderBy("nis_code").execute(),
    db.selectFrom("neighbourhoods").select(["code", "primary_municipality_nis"]).orderBy("code").execute(),
  ]);
  return rows.map((m) => ({
    nisCode: m.nis_code,
    names: { fr: m.name_fr, nl: m.name_nl },
    policeZoneId: m.police_zone_id,
    postalCodes: m.postal_codes.split(",").filter(Boolean),
    areaKm2: m.area_km2,
    population2020: m.population_2020,
    centroid: [m.centroid_lon, m.centroid_lat],
    neighbourhoods: primaries.filter((n) => n.primary_municipality_nis === m.nis_code).map((n) => n.code),
  }));
}

export async function getMunicipality(db: Reader, nisCode: number): Promise<MunicipalityRecord> {
  const municipality = (await listMunicipalities(db)).find((m) => m.nisCode === nisCode);
  if (!municipality) throw notFound("municipality", nisCode);
  return municipality;
}

export interface NeighbourhoodFilter {
  kind?: NeighbourhoodKind | undefined;
  /** NIS code: neighbourhoods with any part in this municipality. */
  municipality?: number | undefined;
}

/** The neighbourhoods, each with its shares, zones, latest population and indicators. */
export async function listNeighbourhoods(db: Reader, filter: NeighbourhoodFilter = {}, codes?: number[]): Promise<NeighbourhoodRecord[]> {
  if (filter.municipality !== undefined) {
    const exists = await db.selectFrom("municipalities").select("nis_code").where("nis_code", "=", filter.municipality).executeTakeFirst();
    if (!exists) throw notFound("municipality", filter.municipality);
  }
  let query = db.selectFrom("neighbourhoods").selectAll().orderBy("code");
  if (filter.kind) query = query.where("kind", "=", filter.kind);
  if (codes) query = query.where("code", "in", codes.length ? codes : [-1]);
  const [rows, shares, municipalities, latest] = await Promise.all([
    query.execute(),
    db.selectFrom("neighbourhood_municipality_shares").selectAll().execute(),
    db.selectFrom("municipalities").select(["nis_code", "name_fr", "name_nl", "police_zone_id"]).execute(),
    db
      .selectFrom("neighbourhood_population")
      .select(["neighbourhood_code", "population", "foreign_nationals"])
      .where("year", "=", LAST_POPULATION_YEAR)
      .execute(),
  ]);
  const municipalityByNis = new Map(municipalities.map((m) => [m.nis_code, m]));
  const latestByCode = new Map(latest.map((p) => [p.neighbourhood_code, p]));
  const indicator = (value: number | null, year: number | null): IndicatorValue | null =>
    value === null || year === null ? null : { value, year };

  return rows
    .map((n): NeighbourhoodRecord => {
      const parts = shares
        .filter((s) => s.neighbourhood_code === n.code)
        .sort((a, b) => b.area_share - a.area_share || a.municipality_nis - b.municipality_nis)
        .map((s) => {
          const m = municipalityByNis.get(s.municipality_nis)!;
          return { nisCode: s.municipality_nis, names: { fr: m.name_fr, nl: m.name_nl }, share: s.area_share, zone: m.police_zone_id };
        });
      const primary = municipalityByNis.get(n.primary_municipality_nis)!;
      const zones = new Set([n.primary_police_zone, ...parts.filter((p) => p.share >= ZONE_SHARE_THRESHOLD).map((p) => p.zone)]);
      const pop = latestByCode.get(n.code);
      return {
        code: n.code,
        kind: n.kind as NeighbourhoodKind,
        names: { fr: n.name_fr, nl: n.name_nl },
        areaKm2: round(n.area_m2 / 1e6, 6),
        centroid: [n.centroid_lon, n.centroid_lat],
        primaryMunicipality: { nisCode: primary.nis_code, names: { fr: primary.name_fr, nl: primary.name_nl } },
        primaryPoliceZone: n.primary_police_zone,
        municipalities: parts.map(({ zone: _zone, ...part }) => part),
        policeZones: [...zones].sort((a, b) => a - b),
        population: pop?.population ?? null,
        foreignNationals: pop?.foreign_nationals ?? null,
        indicators: {
          unemploymentRate: indicator(n.unemployment_rate, n.unemployment_year),
          cpasRate: indicator(n.cpas_rate, n.cpas_year),
          bimRate: indicator(n.bim_rate, n.bim_year),
        },
      };
    })
    .filter((n) => filter.municipality === undefined || n.municipalities.some((m) => m.nisCode === filter.municipality));
}

/** The neighbourhood profile: everything in the list, plus the population series 1994-2025. */
export async function getNeighbourhood(db: Reader, code: number): Promise<NeighbourhoodProfile> {
  const [record] = await listNeighbourhoods(db, {}, [code]);
  if (!record) throw notFound("neighbourhood", code);
  const rows = await db.selectFrom("neighbourhood_population").selectAll().where("neighbourhood_code", "=", code).orderBy("year").execute();
  const series = rows.map((r) => ({
    year: r.year,
    population: r.population,
    foreignNationals: r.foreign_nationals,
    foreignShare: foreignShare(r.population, r.foreign_nationals),
    nationalities: JSON.parse(r.nationality_shares) as Record<string, number>,
  }));
  return { ...record, series };
}

/** Names of every unit of a level, by code: for maps, exports and lookups. */
export async function namesByCode(db: Reader, level: "neighbourhoods" | "municipalities" | "police-zones"): Promise<Map<number, Names>> {
  const rows =
    level === "neighbourhoods"
      ? await db.selectFrom("neighbourhoods").select(["code", "name_fr", "name_nl"]).execute()
      : level === "municipalities"
        ? await db.selectFrom("municipalities").select(["nis_code as code", "name_fr", "name_nl"]).execute()
        : await db.selectFrom("police_zones").select(["id as code", "name_fr", "name_nl"]).execute();
  return new Map(rows.map((r) => [r.code, { fr: r.name_fr, nl: r.name_nl }]));
}

// The export lives in its own file; re-exported here because the CLI (`vigil export territory`) takes it from the service.
export { exportTerritory } from "./territory.export.js";
