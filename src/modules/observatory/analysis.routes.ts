/**
 * The explorer's analysis maps over HTTP: Gi* hot spots and local Moran clusters of one
 * category and year, and each as a file (CSV, XLSX, GeoJSON) holding exactly the rows of
 * the map, through table-file.ts. `observatory.analyse`: these are analyses, not published
 * figures. Statistics and defaults: analysis.service.ts, docs/statistics.md.
 */
import { z, type OpenAPIHono } from "@hono/zod-openapi";
import type { Db } from "../../server/db/database.js";
import type { AppContext, AppEnv } from "../../server/http/context.js";
import { errors, json } from "../../server/http/openapi.js";
import { route } from "../../server/http/route.js";
import { translator, type Translate } from "../../shared/i18n/index.js";
import { clusters, hotSpots, type AnalysisAnswer, type ClusterUnit, type HotSpotUnit } from "./analysis.service.js";
import { AnalysisExportQuery, AnalysisQuery, ClustersAnswer, HotSpotsAnswer } from "./analysis.schema.js";
import { contentTypes, writeTable, type TableColumn, type TableFile, type TableFormat, type TableRow } from "./table-file.js";
import { download, fileResponse } from "../../server/http/download.js";
import { SOFTWARE } from "../../shared/version.js";

const tags = ["observatory analysis"];
const base = "/api/observatory";
const analyse = { resource: "observatory", action: "analyse" } as const;



const hotSpotsRoute = route({
  method: "get",
  path: `${base}/hotspots`,
  tags,
  summary: "Getis-Ord Gi* hot and cold spots of one category's rates in one year, with permutation pseudo-p, FDR and confidence bins",
  description: "Every neighbourhood is listed; those outside the analysis set (not residential, or without residents that year) with `analysed: false`. The global Moran's I of the same values comes with it.",
  access: analyse,
  request: { query: AnalysisQuery },
  responses: { 200: json(HotSpotsAnswer), ...errors },
});
const clustersRoute = route({
  method: "get",
  path: `${base}/clusters`,
  tags,
  summary: "Local Moran clusters (HH, LH, LL, HL where significant) of one category's rates in one year",
  description: "Every neighbourhood is listed; those outside the analysis set with `analysed: false`. The global Moran's I of the same values comes with it.",
  access: analyse,
  request: { query: AnalysisQuery },
  responses: { 200: json(ClustersAnswer), ...errors },
});
const hotSpotsExportRoute = route({
  method: "get",
  path: `${base}/hotspots/export`,
  tags,
  summary: "The hot-spot map's rows as CSV, XLSX (with an `about` sheet of the settings) or GeoJSON",
  access: analyse,
  request: { query: AnalysisExportQuery },
  responses: { 200: fileResponse(Object.values(contentTypes)), ...errors },
});
const clustersExportRoute = route({
  method: "get",
  path: `${base}/clusters/export`,
  tags,
  summary: "The cluster map's rows as CSV, XLSX (with an `about` sheet of the settings) or GeoJSON",
  access: analyse,
  request: { query: AnalysisExportQuery },
  responses: { 200: fileResponse(Object.values(contentTypes)), ...errors },
});

type Kind = "hotspots" | "clusters";

const common: TableColumn[] = [
  { key: "code", width: 8 },
  { key: "name_fr", width: 30 },
  { key: "name_nl", width: 30 },
  { key: "kind", width: 12 },
  { key: "analysed", width: 9 },
  { key: "island", width: 8 },
  { key: "count", width: 9 },
  { key: "population", width: 11 },
];
const pColumns: TableColumn[] = [
  { key: "pseudo_p", numFmt: "0.0000" },
  { key: "adjusted_p", numFmt: "0.0000" },
  { key: "significant", width: 11 },
];

function columnsOf(kind: Kind, valueKey: string): TableColumn[] {
  const value = { key: valueKey, width: 18, numFmt: "0.00" };
  if (kind === "hotspots") return [...common, value, { key: "z", numFmt: "0.000" }, ...pColumns, { key: "bin", width: 6 }];
  return [...common, value, { key: "local_i", numFmt: "0.000" }, ...pColumns, { key: "quadrant", width: 9 }];
}

function rowOf(unit: HotSpotUnit | ClusterUnit, names: Map<number, { name_fr: string; name_nl: string }>, valueKey: string): TableRow {
  const name = names.get(unit.code);
  const row: TableRow = {
    code: unit.code,
    name_fr: name?.name_fr ?? null,
    name_nl: name?.name_nl ?? null,
    kind: unit.kind,
    analysed: unit.analysed,
    island: unit.island,
    count: unit.count,
    population: unit.population,
    [valueKey]: unit.value,
    pseudo_p: unit.pseudoP,
    adjusted_p: unit.adjustedP,
    significant: unit.significant,
  };
  if ("bin" in unit) return { ...row, z: unit.z, bin: unit.bin };
  return { ...row, local_i: unit.localI, quadrant: unit.quadrant };
}

/** The settings and global figures of an analysis, as the `about` sheet's lines. */
function aboutOf(kind: Kind, answer: AnalysisAnswer<HotSpotUnit | ClusterUnit>, t: Translate): [string, string][] {
  const about = (key: string) => t(`observatorySpatial.about.${key}`);
  const figure = (v: number | null) => (v === null ? t("common.notAvailable") : String(v));
  return [
    [about("title"), t(`observatorySpatial.about.title_${kind}`)],
    [about("category"), answer.categoryCode],
    [about("year"), String(answer.year)],
    [about("measure"), t(`observatorySpatial.measures.${answer.measure}`)],
    [about("weights"), t(`observatorySpatial.weights.${answer.weights}`)],
    [about("permutations"), String(answer.permutations)],
    [about("seed"), String(answer.seed)],
    [about("alpha"), String(answer.alpha)],
    [about("correction"), t(`observatorySpatial.corrections.${answer.correction}`)],
    [about("counts"), t("observatorySpatial.about.countsValue", { analysed: answer.analysed, tested: answer.tested, significant: answer.significant })],
    [about("moran"), t("observatorySpatial.about.moranValue", { I: figure(answer.moran.I), z: figure(answer.moran.z), p: figure(answer.moran.pseudoP) })],
    [about("data"), answer.synthetic ? t("observatoryWeb.synthetic") : t("observatorySpatial.about.registered")],
    [about("method"), t("observatorySpatial.about.methodValue")],
    [about("software"), `Vigil ${SOFTWARE.version}`],
    [about("generated"), new Date().toISOString()],
  ];
}

async function analysisFile(db: Db, kind: Kind, answer: AnalysisAnswer<HotSpotUnit | ClusterUnit>, t: Translate): Promise<TableFile> {
  const names = new Map((await db.selectFrom("neighbourhoods").select(["code", "name_fr", "name_nl"]).execute()).map((n) => [n.code, n]));
  const valueKey = answer.measure === "rate" ? "rate_per_1000" : "smoothed_per_1000";
  return {
    name: `vigil-observatory-${kind}-${answer.categoryCode}-${answer.year}-${answer.measure}-${answer.weights}`,
    columns: columnsOf(kind, valueKey),
    rows: answer.neighbourhoods.map((u) => rowOf(u, names, valueKey)),
    about: aboutOf(kind, answer, t),
    geometryKey: "code",
  };
}

async function sendFile(c: AppContext, kind: Kind, answer: AnalysisAnswer<HotSpotUnit | ClusterUnit>, format: TableFormat) {
  const db = c.get("db");
  return download(c, await writeTable(db, await analysisFile(db, kind, answer, translator(c.get("locale"))), format));
}

const inputOf = ({ category, ...q }: z.infer<typeof AnalysisQuery>) => ({ ...q, categoryCode: category });

export function registerAnalysisRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(hotSpotsRoute, async (c) => c.json(await hotSpots(c.get("db"), inputOf(c.req.valid("query"))), 200));
  app.openapi(clustersRoute, async (c) => c.json(await clusters(c.get("db"), inputOf(c.req.valid("query"))), 200));
  app.openapi(hotSpotsExportRoute, async (c) => {
    const { format, ...q } = c.req.valid("query");
    return sendFile(c, "hotspots", await hotSpots(c.get("db"), inputOf(q)), format);
  });
  app.openapi(clustersExportRoute, async (c) => {
    const { format, ...q } = c.req.valid("query");
    return sendFile(c, "clusters", await clusters(c.get("db"), inputOf(q)), format);
  });
}
