/**
 * Frozen, versioned snapshots of a plan: taken (version = previous + 1 per plan, data
 * JSON with its sha256), listed, read, compared. A snapshot is never updated: there is
 * no code path that writes to an existing row.
 */
import { createHash } from "node:crypto";
import type { Transaction } from "kysely";
import { recordAudit } from "../audit/audit.service.js";
import { lockChain } from "../../server/db/dialect.js";
import type { Database } from "../../server/db/schema.js";
import type { WriteContext } from "../../server/http/context.js";
import { AppError, notFound } from "../../shared/errors.js";
import { localName, type Locale } from "../../shared/locale.js";
import { planOr404, type Reader } from "./plan.common.js";
import { collectSnapshotData, type SnapshotData, type SnapshotMeasure } from "./snapshot.data.js";

/** Serialises the numbering of snapshots on PostgreSQL (SQLite writers already queue). */
const SNAPSHOT_LOCK_KEY = 7_102;

export interface SnapshotSummary {
  id: number;
  planId: number;
  version: number;
  title: string;
  takenAt: string;
  takenBy: { id: number; name: string } | null;
  sha256: string;
}

export interface Snapshot extends SnapshotSummary {
  data: SnapshotData;
}

export const sha256Of = (text: string) => createHash("sha256").update(text).digest("hex");

/** Takes a snapshot of the plan as it stands now; returns its id. */
export async function takeSnapshot(trx: Transaction<Database>, ctx: WriteContext, planId: number, title: string, now = new Date()): Promise<number> {
  await planOr404(trx, planId);
  await lockChain(trx, SNAPSHOT_LOCK_KEY);
  const last = await trx.selectFrom("plan_snapshots").select("version").where("plan_id", "=", planId).orderBy("version", "desc").limit(1).executeTakeFirst();
  const version = Number(last?.version ?? 0) + 1;
  const takenAt = now.toISOString();
  const data = JSON.stringify(await collectSnapshotData(trx, planId, { version, title, takenAt }));
  const sha256 = sha256Of(data);
  const { id } = await trx
    .insertInto("plan_snapshots")
    .values({ plan_id: planId, version, title, taken_at: takenAt, taken_by: ctx.actor.userId, data, sha256 })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(trx, ctx, { action: "snapshot.taken", entityType: "snapshot", entityId: id, after: { plan_id: planId, version, title, sha256 } }, now);
  return id;
}

function summaryQuery(db: Reader) {
  return db
    .selectFrom("plan_snapshots as s")
    .leftJoin("users as u", "u.id", "s.taken_by")
    .select(["s.id", "s.plan_id", "s.version", "s.title", "s.taken_at", "s.taken_by", "s.sha256", "u.display_name"]);
}

function summaryOf(r: { id: number; plan_id: number; version: number; title: string; taken_at: string; taken_by: number | null; sha256: string; display_name: string | null }): SnapshotSummary {
  return {
    id: r.id,
    planId: r.plan_id,
    version: Number(r.version),
    title: r.title,
    takenAt: r.taken_at,
    takenBy: r.taken_by === null ? null : { id: r.taken_by, name: r.display_name ?? "" },
    sha256: r.sha256,
  };
}

/** The plan's snapshots, latest first (without their data). */
export async function listSnapshots(db: Reader, planId: number): Promise<SnapshotSummary[]> {
  await planOr404(db, planId);
  const rows = await summaryQuery(db).where("s.plan_id", "=", planId).orderBy("s.version", "desc").execute();
  return rows.map(summaryOf);
}

export async function getSnapshot(db: Reader, id: number): Promise<Snapshot> {
  const row = await summaryQuery(db).select("s.data").where("s.id", "=", id).executeTakeFirst();
  if (!row) throw notFound("snapshot", id);
  return { ...summaryOf(row), data: JSON.parse(row.data) as SnapshotData };
}

// ---- diff --------------------------------------------------------------------------

type Value = string | number | null;
export interface SnapshotDiff {
  from: { id: number; version: number; takenAt: string };
  to: { id: number; version: number; takenAt: string };
  plan: { progressBefore: number | null; progressAfter: number | null };
  themes: { number: number; title: string; progressBefore: number | null; progressAfter: number | null }[];
  measures: { code: string; title: string; changes: { field: string; before: Value; after: Value }[] }[];
  added: string[];
  removed: string[];
}

/** The fields of a measure compared between two snapshots. */
const compared: Record<string, (m: SnapshotMeasure) => Value> = {
  theme: (m) => m.themeNumber,
  titleFr: (m) => m.titles.fr,
  titleNl: (m) => m.titles.nl,
  pillar: (m) => m.pillar,
  approach: (m) => m.approach,
  lead: (m) => m.lead.code,
  partners: (m) => m.partners.join(", "),
  status: (m) => m.status,
  progress: (m) => m.progress,
  weight: (m) => m.weight,
  scope: (m) => m.scope,
  lateMilestones: (m) => m.milestones.filter((x) => x.late).length,
};

/** What changed from `from` to `to` (two snapshots of the same plan). */
export function diffSnapshots(from: Snapshot, to: Snapshot, locale: Locale): SnapshotDiff {
  if (from.planId !== to.planId) {
    throw new AppError("validation_failed", { fields: [{ field: "query.against", key: "planFiles.snapshot.otherPlan" }] });
  }
  const before = new Map(from.data.measures.map((m) => [m.code, m]));
  const after = new Map(to.data.measures.map((m) => [m.code, m]));
  const themeNumbers = [...new Set([...from.data.themes, ...to.data.themes].map((t) => t.number))].sort((a, b) => a - b);
  const ref = (s: Snapshot) => ({ id: s.id, version: s.version, takenAt: s.takenAt });
  return {
    from: ref(from),
    to: ref(to),
    plan: { progressBefore: from.data.progress, progressAfter: to.data.progress },
    themes: themeNumbers.map((number) => {
      const a = from.data.themes.find((t) => t.number === number);
      const b = to.data.themes.find((t) => t.number === number);
      return { number, title: localName(locale, (b ?? a)!.titles), progressBefore: a?.progress ?? null, progressAfter: b?.progress ?? null };
    }),
    measures: to.data.measures.flatMap((m) => {
      const old = before.get(m.code);
      if (!old) return [];
      const changes = Object.entries(compared)
        .map(([field, read]) => ({ field, before: read(old), after: read(m) }))
        .filter((c) => c.before !== c.after);
      return changes.length ? [{ code: m.code, title: localName(locale, m.titles), changes }] : [];
    }),
    added: to.data.measures.filter((m) => !before.has(m.code)).map((m) => m.code),
    removed: from.data.measures.filter((m) => !after.has(m.code)).map((m) => m.code),
  };
}
