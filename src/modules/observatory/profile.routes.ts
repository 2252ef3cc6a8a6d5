/**
 * The neighbourhood profile over HTTP (profile.service.ts): the JSON answer and its table of
 * categories as a CSV or XLSX file (table-file.ts). `observatory.read`; callers without
 * `observatory.analyse` get the disclosure-controlled figures (profile.disclosure.ts).
 */
import { z, type OpenAPIHono } from "@hono/zod-openapi";
import { can } from "../../server/auth/policy.js";
import { actorOf, type AppContext, type AppEnv } from "../../server/http/context.js";
import { errors, json } from "../../server/http/openapi.js";
import { route } from "../../server/http/route.js";
import { AppError } from "../../shared/errors.js";
import { translator } from "../../shared/i18n/index.js";
import { localName, type Locale } from "../../shared/locale.js";
import { NeighbourhoodCodeParam } from "./observatory.schema.js";
import { NeighbourhoodCrimeProfile, ProfileExportQuery, ProfileQuery } from "./profile.schema.js";
import { neighbourhoodProfile, type CategoryProfile, type NeighbourhoodCrimeProfile as Profile } from "./profile.service.js";
import { contentTypes, writeTable, type TableColumn, type TableFile, type TableRow } from "./table-file.js";
import { download, fileResponse } from "../../server/http/download.js";

const tags = ["observatory"];
const path = "/api/observatory/neighbourhoods/{code}/profile";
const read = { resource: "observatory", action: "read" } as const;

const profileRoute = route({
  method: "get",
  path,
  tags,
  summary: "A neighbourhood's crime profile: every category's yearly counts and rates against its municipality and the region, trend, year-on-year test, rank and context",
  description: "Without `observatory.analyse`, counts below the threshold and their complements are null and flagged, with every figure derived from them; the pattern is the same for every neighbourhood and period.",
  access: read,
  request: { params: NeighbourhoodCodeParam, query: ProfileQuery },
  responses: { 200: json(NeighbourhoodCrimeProfile), ...errors },
});
const exportRoute = route({
  method: "get",
  path: `${path}/export`,
  tags,
  summary: "The profile's table of categories as CSV or XLSX (with an `about` sheet)",
  access: read,
  request: { params: NeighbourhoodCodeParam, query: ProfileExportQuery },
  responses: {
    200: fileResponse([contentTypes.csv, contentTypes.xlsx]),
    ...errors,
  },
});

async function load(c: AppContext, code: number, q: z.infer<typeof ProfileQuery>): Promise<Profile> {
  if (q.to < q.from) throw new AppError("validation_failed", { fields: [{ field: "query.to", key: "validation.too_small", params: { minimum: q.from } }] });
  const analyst = can(actorOf(c), "observatory", "analyse");
  return neighbourhoodProfile(c.get("db"), { neighbourhood: code, from: q.from, to: q.to, phenomena: q.phenomena === "true", analyst });
}

/** Names and labels in the caller's language next to all of them. */
function present(locale: Locale, profile: Profile) {
  const { neighbourhood: n } = profile;
  return {
    ...profile,
    neighbourhood: {
      ...n,
      name: localName(locale, n.names),
      municipality: { ...n.municipality, name: localName(locale, n.municipality.names) },
      policeZone: { ...n.policeZone, name: n.policeZone.names ? localName(locale, n.policeZone.names) : null },
    },
    categories: profile.categories.map((c) => ({ ...c, label: c.labels[locale] })),
  };
}

const columns: TableColumn[] = [
  { key: "code", width: 24 },
  { key: "label", width: 36 },
  { key: "level" },
  { key: "year" },
  { key: "count" },
  { key: "rate_per_1000", numFmt: "0.00" },
  { key: "municipality_count" },
  { key: "municipality_rate_per_1000", numFmt: "0.00" },
  { key: "region_count" },
  { key: "region_rate_per_1000", numFmt: "0.00" },
  { key: "suppressed" },
  { key: "period_total" },
  { key: "change_rate_percent", numFmt: "0.0" },
  { key: "trend_direction" },
  { key: "trend_s" },
  { key: "trend_p", numFmt: "0.0000" },
  { key: "trend_exact" },
  { key: "trend_significant" },
  { key: "yoy_rate_ratio", numFmt: "0.000" },
  { key: "yoy_p", numFmt: "0.0000" },
  { key: "yoy_significant" },
  { key: "rank" },
  { key: "rank_of" },
];

function rowOf(locale: Locale, c: CategoryProfile): TableRow {
  const own = c.neighbourhood.points.at(-1);
  const municipality = c.municipality.points.at(-1);
  const region = c.region.points.at(-1);
  return {
    code: c.code,
    label: c.labels[locale],
    level: c.level,
    year: own?.year ?? null,
    count: own?.count ?? null,
    rate_per_1000: own?.ratePer1000 ?? null,
    municipality_count: municipality?.count ?? null,
    municipality_rate_per_1000: municipality?.ratePer1000 ?? null,
    region_count: region?.count ?? null,
    region_rate_per_1000: region?.ratePer1000 ?? null,
    suppressed: own?.suppressed ?? false,
    period_total: c.neighbourhood.total,
    change_rate_percent: c.neighbourhood.change?.ratePercent ?? null,
    trend_direction: c.trend?.direction ?? null,
    trend_s: c.trend?.s ?? null,
    trend_p: c.trend?.pValue ?? null,
    trend_exact: c.trend?.exact ?? null,
    trend_significant: c.trend?.significant ?? null,
    yoy_rate_ratio: c.yearOnYear?.rateRatio ?? null,
    yoy_p: c.yearOnYear?.pValue ?? null,
    yoy_significant: c.yearOnYear?.significant ?? null,
    rank: c.rank?.position ?? null,
    rank_of: c.rank?.of ?? null,
  };
}

function profileFile(locale: Locale, profile: Profile): TableFile {
  const t = translator(locale);
  const n = profile.neighbourhood;
  const period = profile.period ? `${profile.period.from}-${profile.period.to}` : t("observatoryProfile.noData");
  return {
    name: `vigil-observatory-profile-${n.code}-${profile.period ? period : "none"}`,
    columns,
    rows: profile.categories.map((c) => rowOf(locale, c)),
    about: [
      [t("observatoryProfile.about.title"), t("observatoryProfile.about.titleValue", { name: localName(locale, n.names), code: n.code })],
      [t("observatoryProfile.about.municipality"), `${localName(locale, n.municipality.names)} (${n.municipality.nisCode})`],
      [t("observatoryProfile.about.period"), period],
      [t("observatoryProfile.about.disclosure"), profile.suppressed ? t("observatoryProfile.about.suppressed", { threshold: profile.threshold ?? 5 }) : t("observatoryProfile.about.unsuppressed")],
      [t("observatoryProfile.about.method"), t("observatoryProfile.about.methodValue")],
      [t("observatoryProfile.about.generated"), new Date().toISOString()],
    ],
  };
}

export function registerProfileRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(profileRoute, async (c) => {
    const profile = await load(c, c.req.valid("param").code, c.req.valid("query"));
    return c.json(present(c.get("locale"), profile), 200);
  });

  app.openapi(exportRoute, async (c) => {
    const { format, ...q } = c.req.valid("query");
    const profile = await load(c, c.req.valid("param").code, q);
    return download(c, await writeTable(c.get("db"), profileFile(c.get("locale"), profile), format));
  });
}
