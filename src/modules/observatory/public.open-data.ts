/**
 * Open data of the observatory: a DCAT-AP style catalogue (JSON-LD) of the published tables
 * and their files, written with table-file.ts. Datasets:
 * - `neighbourhoods-<year>`: one published year's table (public.service.ts), one row per
 *   neighbourhood (CSV and GeoJSON) plus the region row (CSV): per top-level category the count
 *   and the rate per 1,000 residents, and the total of all categories;
 * - `region-series`: per published year, the region's count of each category and the total (CSV).
 * The same suppression as the public API: a suppressed count is an empty cell (a zero is
 * written 0), and the rate derived from it is empty too.
 */
import type { Db } from "../../server/db/database.js";
import { AppError } from "../../shared/errors.js";
import { translator } from "../../shared/i18n/index.js";
import { locales } from "../../shared/locale.js";
import { publicRate, yearTables, type PublicScope, type YearTable } from "./public.service.js";
import { contentTypes, writeTable, type TableColumn, type TableFormat, type TableRow, type WrittenFile } from "./table-file.js";

export const openDataFormats = ["csv", "geojson"] as const satisfies readonly TableFormat[];
export type OpenDataFormat = (typeof openDataFormats)[number];

const SERIES = "region-series";
const NEIGHBOURHOODS = /^neighbourhoods-(\d{4})$/;
export const OPEN_DATA_PATH = "/api/public/observatory/open-data";

type Dataset = { kind: "neighbourhoods"; year: number } | { kind: "series" };

/** The dataset of an identifier among the published ones, or 404 naming `params.dataset`. */
export function findDataset(scope: PublicScope, id: string): Dataset {
  const year = Number(NEIGHBOURHOODS.exec(id)?.[1]);
  if (scope.years.includes(year)) return { kind: "neighbourhoods", year };
  if (id === SERIES && scope.years.length) return { kind: "series" };
  throw new AppError("not_found", {
    params: { entity: "open_dataset", id },
    fields: [{ field: "params.dataset", key: "observatoryPublic.errors.unknownDataset", params: { value: id } }],
    detail: `open dataset ${id} not found`,
  });
}

const round2 = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);

/** Columns of a year's table: per category its count and rate, then the total of all categories. */
function neighbourhoodColumns(scope: PublicScope): TableColumn[] {
  return [
    { key: "year" },
    { key: "neighbourhood" },
    { key: "name_fr", width: 32 },
    { key: "name_nl", width: 32 },
    { key: "population" },
    ...[...scope.categories.map((c) => c.code), "total"].flatMap((code) => [{ key: code }, { key: `${code}_per_1000`, numFmt: "0.00" }]),
  ];
}

/** One row per neighbourhood and, with `region`, the region's row (column totals). */
function neighbourhoodRows(scope: PublicScope, t: YearTable, region: boolean): TableRow[] {
  const figures = (counts: (number | null)[], total: number | null, population: number | null): TableRow => {
    const row: TableRow = {};
    scope.categories.forEach((c, k) => {
      row[c.code] = counts[k]!;
      row[`${c.code}_per_1000`] = round2(publicRate(counts[k]!, population));
    });
    row.total = total;
    row.total_per_1000 = round2(publicRate(total, population));
    return row;
  };
  const rows = t.neighbourhoods.map((n, i) => ({
    year: t.year,
    neighbourhood: n.code,
    name_fr: n.names.fr,
    name_nl: n.names.nl,
    population: t.populations[i]!,
    ...figures(t.table.cells[i]!, t.table.rowTotals[i]!, t.populations[i]!),
  }));
  if (!region) return rows;
  const name = (locale: "fr" | "nl") => translator(locale)("observatoryPublic.openData.region");
  return [
    ...rows,
    { year: t.year, neighbourhood: null, name_fr: name("fr"), name_nl: name("nl"), population: t.regionPopulation, ...figures(t.table.columnTotals, t.table.total, t.regionPopulation) },
  ];
}

/** One row per published year: the region's count of each category and of all. */
async function seriesFile(db: Db, scope: PublicScope): Promise<{ columns: TableColumn[]; rows: TableRow[] }> {
  const tables = await yearTables(db, scope, scope.years);
  const columns = [{ key: "year" }, ...scope.categories.map((c) => ({ key: c.code })), { key: "total" }];
  const rows = tables.map(({ year, table }) => ({ year, ...Object.fromEntries(scope.categories.map((c, k) => [c.code, table.columnTotals[k]!])), total: table.total }));
  return { columns, rows };
}

/** A dataset's file in CSV or GeoJSON (GeoJSON only for the neighbourhood tables: 400 on `query.format` otherwise). */
export async function openDataFile(db: Db, scope: PublicScope, id: string, format: OpenDataFormat): Promise<WrittenFile> {
  const dataset = findDataset(scope, id);
  const name = `vigil-${id}`;
  if (dataset.kind === "series") {
    if (format !== "csv") throw new AppError("validation_failed", { fields: [{ field: "query.format", key: "observatoryPublic.errors.noGeometry" }] });
    return writeTable(db, { name, ...(await seriesFile(db, scope)) }, "csv");
  }
  const [t] = await yearTables(db, scope, [dataset.year]);
  const columns = neighbourhoodColumns(scope);
  return writeTable(db, { name, columns, rows: neighbourhoodRows(scope, t!, format === "csv"), geometryKey: "neighbourhood" }, format);
}

/** `[{ "@language": "fr", "@value": ... }, ...]` of one message in the three languages. */
const texts = (key: string, params: Record<string, unknown> = {}) => locales.map((l) => ({ "@language": l, "@value": translator(l)(key, params) }));

const fileTypes: Record<OpenDataFormat, string> = { csv: "CSV", geojson: "GEOJSON" };
const CC0 = "http://creativecommons.org/publicdomain/zero/1.0/";

/**
 * The catalogue, DCAT-AP style (JSON-LD): one dataset per published table with title and
 * description in fr/nl/en, publisher, issued/modified, temporal and spatial coverage, licence
 * and rights, and one distribution per file. `origin` makes the addresses absolute.
 */
export async function openDataCatalogue(db: Db, scope: PublicScope, origin: string) {
  const agency = await db.selectFrom("organisations").select(["name_fr", "name_nl", "name_en"]).where("kind", "=", "agency").orderBy("id").executeTakeFirst();
  const publisher = {
    "@type": "foaf:Agent",
    "foaf:name": agency ? locales.map((l) => ({ "@language": l, "@value": agency[`name_${l}`] })) : texts("app.name"),
  };
  const spatial = { "@id": "http://data.europa.eu/nuts/code/BE1", "@type": "dct:Location", "skos:prefLabel": texts("observatoryPublic.openData.region") };
  // Synthetic figures are ours to give away (CC0, like the boundaries); real ones carry the source's terms, not stated yet.
  const licence = scope.synthetic ? { "dct:license": { "@id": CC0, "@type": "dct:LicenseDocument", "rdfs:label": "CC0 1.0" } } : {};
  const rights = { "dct:rights": { "@type": "dct:RightsStatement", "rdfs:label": texts(`observatoryPublic.openData.rights.${scope.synthetic ? "synthetic" : "official"}`) } };
  const modified = [scope.publishedAt, scope.dataChangedAt].filter((v): v is string => !!v).sort().at(-1) ?? null;
  const period = (from: number, to: number) => ({
    "@type": "dct:PeriodOfTime",
    "dcat:startDate": { "@value": `${from}-01-01`, "@type": "xsd:date" },
    "dcat:endDate": { "@value": `${to}-12-31`, "@type": "xsd:date" },
  });
  const distribution = (id: string, format: OpenDataFormat) => {
    const url = `${origin}${OPEN_DATA_PATH}/${id}?format=${format}`;
    return {
      "@id": url,
      "@type": "dcat:Distribution",
      "dct:title": `vigil-${id}.${format}`,
      "dcat:accessURL": { "@id": url },
      "dcat:downloadURL": { "@id": url },
      "dcat:mediaType": { "@id": `http://www.iana.org/assignments/media-types/${contentTypes[format].split(";")[0]}` },
      "dct:format": { "@id": `http://publications.europa.eu/resource/authority/file-type/${fileTypes[format]}` },
      ...licence,
    };
  };
  const dataset = (id: string, key: string, params: Record<string, unknown>, from: number, to: number, formats: readonly OpenDataFormat[]) => ({
    "@id": `${origin}${OPEN_DATA_PATH}#${id}`,
    "@type": "dcat:Dataset",
    "dct:identifier": id,
    "dct:title": texts(`observatoryPublic.openData.${key}.title`, params),
    "dct:description": texts(`observatoryPublic.openData.${key}.description`, params),
    "dct:publisher": publisher,
    "dct:issued": scope.issued.get(to) ?? null,
    "dct:modified": modified,
    "dct:temporal": period(from, to),
    "dct:spatial": spatial,
    "dcat:landingPage": { "@id": `${origin}/public` },
    ...licence,
    ...rights,
    "dcat:distribution": formats.map((f) => distribution(id, f)),
  });
  const first = scope.years[0];
  const last = scope.years.at(-1);
  const datasets =
    first === undefined || last === undefined
      ? []
      : [
          ...[...scope.years].reverse().map((year) => dataset(`neighbourhoods-${year}`, "neighbourhoods", { year }, year, year, openDataFormats)),
          dataset(SERIES, "series", { from: first, to: last }, first, last, ["csv"]),
        ];
  return {
    "@context": {
      dcat: "http://www.w3.org/ns/dcat#",
      dct: "http://purl.org/dc/terms/",
      foaf: "http://xmlns.com/foaf/0.1/",
      rdfs: "http://www.w3.org/2000/01/rdf-schema#",
      skos: "http://www.w3.org/2004/02/skos/core#",
      xsd: "http://www.w3.org/2001/XMLSchema#",
    },
    "@id": `${origin}${OPEN_DATA_PATH}`,
    "@type": "dcat:Catalog",
    "dct:title": texts("observatoryPublic.openData.catalogue.title"),
    "dct:description": texts("observatoryPublic.openData.catalogue.description"),
    "dct:publisher": publisher,
    "dct:modified": modified,
    "dct:spatial": spatial,
    "dcat:dataset": datasets,
  };
}
