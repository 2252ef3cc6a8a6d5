/**
 * The region's boundaries as GeoJSON for the browser maps: built once per process and
 * database handle, then served from memory (the reference data only changes at seed time,
 * before the server starts).
 */
import { cachedDocument, type CachedDocument } from "./territory.cache.js";
import type { TerritoryLevel } from "./territory.data.js";
import type { Reader } from "./territory.service.js";

export const geometryDetails = ["simplified", "full"] as const;
export type GeometryDetail = (typeof geometryDetails)[number];

type Properties = Record<string, string | number | null>;

/** Feature properties per level: code and both names; kind and primary municipality for neighbourhoods. */
async function propertiesByCode(db: Reader, level: TerritoryLevel): Promise<Map<number, Properties>> {
  if (level === "neighbourhoods") {
    const rows = await db.selectFrom("neighbourhoods").select(["code", "name_fr", "name_nl", "kind", "primary_municipality_nis"]).execute();
    return new Map(
      rows.map((r) => [r.code, { code: r.code, name_fr: r.name_fr, name_nl: r.name_nl, kind: r.kind, primaryMunicipality: r.primary_municipality_nis }]),
    );
  }
  const rows =
    level === "municipalities"
      ? await db.selectFrom("municipalities").select(["nis_code as code", "name_fr", "name_nl"]).execute()
      : await db.selectFrom("police_zones").select(["id as code", "name_fr", "name_nl"]).execute();
  return new Map(rows.map((r) => [r.code, { code: r.code, name_fr: r.name_fr, name_nl: r.name_nl }]));
}

/**
 * A FeatureCollection text for one level, geometry as stored (already valid and rounded
 * to 6 decimals), so it is spliced in without parsing.
 */
export async function buildFeatureCollection(db: Reader, level: TerritoryLevel, detail: GeometryDetail, extra?: Map<number, Properties>): Promise<string> {
  const column = detail === "full" ? "geometry" : "simplified";
  const [rows, properties] = await Promise.all([
    db.selectFrom("territory_geometries").select(["code", column]).where("level", "=", level).orderBy("code").execute(),
    extra ? Promise.resolve(extra) : propertiesByCode(db, level),
  ]);
  const features = rows.map((r) => {
    const props = properties.get(r.code) ?? { code: r.code };
    const geometry = (r as Record<string, unknown>)[column] as string;
    return `{"type":"Feature","id":${r.code},"properties":${JSON.stringify(props)},"geometry":${geometry}}`;
  });
  return `{"type":"FeatureCollection","features":[\n${features.join(",\n")}\n]}\n`;
}

/** The cached GeoJSON document of a level with its ETag (not kept when asked before the seed ran). */
export function territoryGeoJson(db: Reader, level: TerritoryLevel, detail: GeometryDetail = "simplified"): Promise<CachedDocument> {
  return cachedDocument(db, `geojson/${level}/${detail}`, () => buildFeatureCollection(db, level, detail), (body) => body.includes('"Feature"'));
}
