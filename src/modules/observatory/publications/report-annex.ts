/**
 * The XLSX annex of an annual report: one sheet per table of the report, raw numbers (no
 * rounding, rates per 1,000, changes as fractions), headers in French or Dutch: regional
 * series, trends and changes, the neighbourhoods of the report year (suppressed counts
 * empty and flagged), hot spots, priority zones, and the manifest as key/value rows.
 */
import ExcelJS from "exceljs";
import { translator } from "../../../shared/i18n/index.js";
import { localName } from "../../../shared/locale.js";
import { boldHeader, type FileLang } from "../../plan/xlsx-export.js";
import type { SignedManifest } from "./manifest.js";
import { canonicalJson } from "./report-inputs.js";
import type { ReportFigures } from "./report-data.js";

/** Flattens a JSON value into `path = value` pairs (`batches.0.sha256`), in canonical key order. */
export function flatten(value: unknown, prefix = ""): [string, string | number | boolean][] {
  if (value === null || typeof value !== "object") return [[prefix, value as string | number | boolean]];
  return Object.entries(value).flatMap(([key, v]) => flatten(v, prefix ? `${prefix}.${key}` : key));
}

export async function annualReportAnnex(manifest: SignedManifest, figures: ReportFigures, lang: FileLang): Promise<Buffer> {
  const t = translator(lang);
  const a = (key: string, params?: Record<string, unknown>) => t(`observatoryReport.annex.${key}`, params);
  const yesNo = (value: boolean) => a(value ? "yes" : "no");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Vigil";
  workbook.created = new Date(manifest.createdAt);
  workbook.modified = new Date(manifest.createdAt);
  workbook.title = t("observatoryReport.title", { year: figures.year });
  const sheet = (name: string, columns: [key: string, header: string, width: number][]) => {
    const s = workbook.addWorksheet(name.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
    s.columns = columns.map(([key, header, width]) => ({ key, header, width }));
    boldHeader(s.getRow(1));
    return s;
  };
  const label = (labels: { fr: string; nl: string; en?: string }) => localName(lang, labels);
  const byCode = new Map(figures.neighbourhoods.map((n) => [n.code, n]));

  const series = sheet(a("series"), [["code", a("code"), 20], ["label", a("category"), 40], ["year", a("year"), 8], ["count", a("count"), 10], ["population", a("population"), 12], ["rate", a("rate"), 14]]);
  for (const c of figures.categories) for (const p of c.series) series.addRow({ code: c.code, label: label(c.labels), ...p });

  const trends = sheet(a("trends"), [
    ["code", a("code"), 20], ["label", a("category"), 40], ["change", a("change"), 16], ["fromYear", a("fromYear"), 7], ["toYear", a("toYear"), 7],
    ["countChange", a("countChange"), 14], ["rateRatio", a("rateRatio"), 12], ["p", a("pValue"), 12], ["significant", a("significant"), 11],
    ["n", a("n"), 5], ["s", a("s"), 6], ["z", a("z"), 10], ["mk", `${a("direction")} (${a("pValue")})`, 14], ["tau", a("tau"), 10], ["direction", a("direction"), 12],
  ]);
  for (const c of figures.categories) {
    for (const kind of ["overPeriod", "lastYear"] as const) {
      const test = c[kind];
      trends.addRow({
        code: c.code,
        label: label(c.labels),
        change: a(kind),
        ...(test ? { fromYear: test.fromYear, toYear: test.toYear, countChange: test.countChange, rateRatio: test.rateRatio, p: test.pValue, significant: yesNo(test.significant) } : {}),
        ...(c.trend ? { n: c.trend.n, s: c.trend.s, z: c.trend.z, mk: c.trend.pValue, tau: c.trend.tau, direction: t(`observatoryReport.trends.${c.trend.direction}`) } : {}),
      });
    }
  }

  const places = sheet(a("neighbourhoods", { year: figures.year }), [
    ["code", a("code"), 7], ["name", a("neighbourhood"), 32], ["municipality", a("municipality"), 22], ["kind", a("kind"), 12], ["population", a("population"), 11],
    ["category", a("category"), 20], ["count", a("count"), 9], ["rate", a("rate"), 14], ["smoothed", a("smoothed"), 18], ["suppressed", a("suppressed"), 10],
  ]);
  for (const n of figures.neighbourhoods) {
    n.cells.forEach((cell, i) =>
      places.addRow({
        code: n.code, name: label(n.names), municipality: label(n.municipality.names), kind: n.kind, population: n.population,
        category: figures.categories[i]!.code, count: cell.count, rate: cell.rate, smoothed: cell.smoothed, suppressed: yesNo(cell.suppressed),
      }),
    );
  }
  places.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 10 } };

  const spots = sheet(a("hotSpots", { year: figures.year }), [
    ["code", a("code"), 7], ["name", a("neighbourhood"), 32], ["rate", a("smoothed"), 18],
    ["zQueen", a("zQueen"), 10], ["pQueen", a("pQueen"), 10], ["qQueen", a("qQueen"), 12], ["sigQueen", a("significantQueen"), 12],
    ["zKnn", a("zKnn"), 10], ["pKnn", a("pKnn"), 10], ["qKnn", a("qKnn"), 12], ["sigKnn", a("significantKnn"), 12], ["bin", a("bin"), 10],
  ]);
  for (const h of figures.hotSpots) {
    spots.addRow({
      code: h.code, name: byCode.has(h.code) ? label(byCode.get(h.code)!.names) : "", rate: h.rate,
      ...(h.queen ? { zQueen: h.queen.z, pQueen: h.queen.p, qQueen: h.queen.q, sigQueen: yesNo(h.queen.significant) } : {}),
      ...(h.knn ? { zKnn: h.knn.z, pKnn: h.knn.p, qKnn: h.knn.q, sigKnn: yesNo(h.knn.significant) } : {}),
      bin: h.bin,
    });
  }

  const zones = sheet(a("zones"), [["code", a("code"), 7], ["name", a("neighbourhood"), 32], ["municipality", a("municipality"), 22], ["years", a("qualifyingYears"), 26], ["decision", a("decision"), 14], ["decidedAt", a("decidedAt"), 24]]);
  const zoneRows = [...figures.priorityZones.zones, ...figures.priorityZones.otherDecisions.map((d) => ({ code: d.code, qualifyingYears: [] as number[], decision: d }))];
  for (const z of zoneRows) {
    const place = byCode.get(z.code);
    zones.addRow({
      code: z.code, name: place ? label(place.names) : "", municipality: place ? label(place.municipality.names) : "", years: z.qualifyingYears.join(", "),
      decision: z.decision ? t(`observatoryReport.decision.${z.decision.status}`) : "", decidedAt: z.decision?.decidedAt ?? "",
    });
  }

  const facts = sheet(a("manifest"), [["key", a("key"), 40], ["value", a("value"), 80]]);
  for (const [key, value] of flatten(JSON.parse(canonicalJson(manifest)))) facts.addRow({ key, value });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
