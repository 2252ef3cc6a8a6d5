/** Stored publications -> API shape, with the status changes the caller may make. */
import type { Actor } from "../../../server/auth/actor.js";
import { can } from "../../../server/auth/policy.js";
import { localName, type Locale } from "../../../shared/locale.js";
import type { ReportManifest } from "./manifest.js";
import type { PublicationRow } from "./publication.service.js";

export function presentPublication(actor: Actor, locale: Locale, row: PublicationRow) {
  const manifest = JSON.parse(row.manifest) as ReportManifest;
  const titles = { fr: row.title_fr, nl: row.title_nl, en: row.title_en };
  const status = row.status as "draft" | "published" | "withdrawn";
  const mayPublish = can(actor, "observatory", "publish");
  return {
    id: row.id,
    kind: row.kind,
    year: row.year,
    title: localName(locale, titles),
    titles,
    status,
    period: manifest.period,
    synthetic: manifest.batches.some((b) => b.synthetic),
    manifestSha256: row.manifest_sha256,
    createdAt: row.created_at,
    publishedAt: row.published_at,
    actions: mayPublish ? [status === "published" ? ("withdraw" as const) : ("publish" as const)] : [],
  };
}
