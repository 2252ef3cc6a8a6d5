/**
 * Spatial questions on the reference geography: which units hold a point, and how a
 * figure known per neighbourhood spreads over municipalities.
 */
import { notFound } from "../../shared/errors.js";
import type { TerritoryLevel } from "./territory.data.js";
import { containsPoint, prepareShape, type MultiPolygon, type PreparedShape } from "./territory.geo.js";
import { namesByCode, type Names, type Reader } from "./territory.service.js";

interface LevelIndex {
  shapes: { code: number; shape: PreparedShape }[];
  names: Map<number, Names>;
}

/** Parsed full geometries, per database handle: the reference data is static once seeded. */
const indexes = new WeakMap<object, Promise<Record<TerritoryLevel, LevelIndex>>>();

async function buildIndex(db: Reader): Promise<Record<TerritoryLevel, LevelIndex>> {
  const rows = await db.selectFrom("territory_geometries").select(["level", "code", "geometry"]).orderBy("level").orderBy("code").execute();
  const level = async (name: TerritoryLevel): Promise<LevelIndex> => ({
    shapes: rows
      .filter((r) => r.level === name)
      .map((r) => ({ code: r.code, shape: prepareShape((JSON.parse(r.geometry) as { coordinates: MultiPolygon }).coordinates) })),
    names: await namesByCode(db, name),
  });
  return { neighbourhoods: await level("neighbourhoods"), municipalities: await level("municipalities"), "police-zones": await level("police-zones") };
}

function spatialIndex(db: Reader): Promise<Record<TerritoryLevel, LevelIndex>> {
  let index = indexes.get(db);
  if (!index) {
    index = buildIndex(db);
    indexes.set(db, index);
    // Not kept when it failed or found nothing (asked before the seed ran).
    index.then((i) => i.neighbourhoods.shapes.length || indexes.delete(db), () => indexes.delete(db));
  }
  return index;
}

export interface Location {
  neighbourhood: { code: number; names: Names } | null;
  municipality: { nisCode: number; names: Names } | null;
  policeZone: { id: number; names: Names } | null;
}

/** The neighbourhood, municipality and police zone holding a point (null outside the region). */
export async function locate(db: Reader, lon: number, lat: number): Promise<Location> {
  const index = await spatialIndex(db);
  const find = (level: TerritoryLevel) => {
    const hit = index[level].shapes.find((s) => containsPoint(s.shape, lon, lat));
    return hit ? { code: hit.code, names: index[level].names.get(hit.code)! } : null;
  };
  const neighbourhood = find("neighbourhoods");
  const municipality = find("municipalities");
  const zone = find("police-zones");
  return {
    neighbourhood,
    municipality: municipality && { nisCode: municipality.code, names: municipality.names },
    policeZone: zone && { id: zone.code, names: zone.names },
  };
}

export interface AreaShare {
  municipality: number;
  share: number;
}

/**
 * Splits figures known per neighbourhood over municipalities in proportion to the area
 * each municipality holds of the neighbourhood. This assumes the figure is spread evenly
 * over the neighbourhood's area, which is only an approximation (people and events
 * cluster). Shares are normalised to sum to 1 per neighbourhood, so the total is kept.
 * Several values for one neighbourhood add up. Throws not_found for an unknown code.
 */
export function apportionByArea(
  values: readonly { neighbourhood: number; value: number }[],
  shares: ReadonlyMap<number, readonly AreaShare[]>,
): Map<number, number> {
  const out = new Map<number, number>();
  for (const { neighbourhood, value } of values) {
    const parts = shares.get(neighbourhood);
    if (!parts?.length) throw notFound("neighbourhood", neighbourhood);
    const total = parts.reduce((s, p) => s + p.share, 0);
    for (const p of parts) out.set(p.municipality, (out.get(p.municipality) ?? 0) + (value * p.share) / total);
  }
  return out;
}

/** Every municipality (by NIS code) with its part of the given neighbourhood values; 0 where none falls. */
export async function apportionToMunicipalities(
  db: Reader,
  values: readonly { neighbourhood: number; value: number }[],
): Promise<{ nisCode: number; names: Names; value: number }[]> {
  const rows = await db.selectFrom("neighbourhood_municipality_shares").selectAll().execute();
  const shares = new Map<number, AreaShare[]>();
  for (const r of rows) {
    const list = shares.get(r.neighbourhood_code) ?? [];
    list.push({ municipality: r.municipality_nis, share: r.area_share });
    shares.set(r.neighbourhood_code, list);
  }
  const result = apportionByArea(values, shares);
  const names = await namesByCode(db, "municipalities");
  return [...names]
    .sort((a, b) => a[0] - b[0])
    .map(([nisCode, n]) => ({ nisCode, names: n, value: result.get(nisCode) ?? 0 }));
}
