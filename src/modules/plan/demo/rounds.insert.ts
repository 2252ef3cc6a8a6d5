/** Writes the two 2018 reporting rounds: updates with their milestone dates and indicator values, comments, revisions. */
import { createHash } from "node:crypto";
import { insertIds, insertRows, type Trx } from "./insert.js";
import { brusselsInstant } from "./random.js";
import { demoRounds } from "./reference.js";
import type { RevisionPlan, UpdateContent, UpdatePlan } from "./reporting.js";

export interface RoundRefs {
  planId: number;
  measureIds: Map<string, number>;
  milestoneIds: Map<string, number[]>;
  indicatorIds: Map<string, number[]>;
  orgIds: Map<string, number>;
  userIds: Map<string, number>;
}

/** Who files for an organisation that has a demo account. */
const FILERS: Record<string, string> = {
  bps: "editor@bps.demo",
  "mun-21001": "editor@anderlecht.demo",
  stib: "editor@stib.demo",
  "asbl-mediation": "editor@mediation.demo",
};

/** The activity report an organisation attaches: its milestones and indicator values as a small CSV, in its language. */
function evidenceFile(u: UpdatePlan): { filename: string; bytes: Buffer; sha256: string } {
  const m = u.measure;
  const state = u.content.state!;
  const fr = u.content.lang !== "nl";
  const rows = [
    fr ? "jalon;échéance;réalisé le" : "mijlpaal;deadline;bereikt op",
    ...m.milestones.map((x, k) => [fr ? x.titleFr : x.titleNl, x.due, state.milestoneDone[k] ?? ""].join(";")),
  ];
  if (m.indicators.length) {
    rows.push("", fr ? "indicateur;valeur de base;cible;valeur" : "indicator;basiswaarde;doel;waarde");
    m.indicators.forEach((x, k) => rows.push([fr ? x.fr : x.nl, x.baseline, x.target, state.indicatorValues[k] ?? ""].join(";")));
  }
  const period = demoRounds[u.round].key;
  const bytes = Buffer.from(`${rows.join("\r\n")}\r\n`, "utf8");
  return { filename: `${fr ? "rapport-activite" : "activiteitenverslag"}-${m.data.code}-${period}.csv`, bytes, sha256: createHash("sha256").update(bytes).digest("hex") };
}

export async function insertRounds(trx: Trx, refs: RoundRefs, updates: UpdatePlan[]): Promise<void> {
  const user = (email: string | undefined) => (email ? (refs.userIds.get(email) ?? null) : null);
  const coordinator = user("coordinator@bps.demo");
  const admin = user("admin@bps.demo");
  const bps = refs.orgIds.get("bps")!;
  const filerOf = (u: UpdatePlan) => user(FILERS[u.measure.data.lead]);

  const roundIds = await insertIds(
    trx,
    "plan_rounds",
    demoRounds.map((r) => ({
      plan_id: refs.planId, name_fr: r.name_fr, name_nl: r.name_nl, name_en: r.name_en, period_label: r.key,
      opens_on: r.opens_on, deadline: r.deadline, status: r.status, created_by: coordinator, created_at: brusselsInstant(r.opens_on, "09:00"),
    })),
  );

  const updateIds = await insertIds(
    trx,
    "plan_updates",
    updates.map((u) => ({
      round_id: roundIds[u.round]!,
      measure_id: refs.measureIds.get(u.measure.data.code)!,
      organisation_id: refs.orgIds.get(u.measure.data.lead)!,
      state: u.state,
      version: u.version,
      status: u.content.status,
      progress: u.content.progress,
      narrative: u.content.narrative,
      narrative_lang: u.content.narrative ? u.content.lang : null,
      first_submitted_at: u.firstSubmittedAt,
      submitted_at: u.submittedAt,
      submitted_by: u.submittedAt ? filerOf(u) : null,
      validated_at: u.validatedAt,
      validated_by: u.validatedAt ? (u.validatedByAdmin ? admin : coordinator) : null,
      updated_at: u.updatedAt,
    })),
  );

  const milestonesOf = (u: UpdatePlan, content: UpdateContent) =>
    content.state ? refs.milestoneIds.get(u.measure.data.code)!.map((id, k) => ({ milestoneId: id, doneDate: content.state!.milestoneDone[k] ?? null })) : [];
  const indicatorsOf = (u: UpdatePlan, content: UpdateContent) =>
    content.state
      ? refs.indicatorIds.get(u.measure.data.code)!.flatMap((id, k) => {
          const value = content.state!.indicatorValues[k];
          return value === null || value === undefined ? [] : [{ indicatorId: id, value }];
        })
      : [];

  await insertRows(
    trx,
    "plan_update_milestones",
    updates.flatMap((u, i) => milestonesOf(u, u.content).map((m) => ({ update_id: updateIds[i]!, milestone_id: m.milestoneId, done_date: m.doneDate }))),
  );
  await insertRows(
    trx,
    "plan_update_indicator_values",
    updates.flatMap((u, i) => indicatorsOf(u, u.content).map((v) => ({ update_id: updateIds[i]!, indicator_id: v.indicatorId, value: v.value }))),
  );

  const attached = updates.flatMap((u, i) => (u.evidenceAt ? [{ u, i, file: evidenceFile(u) }] : []));
  const evidenceIds = await insertIds(
    trx,
    "plan_evidence",
    attached.map(({ u, i, file }) => ({
      update_id: updateIds[i]!, filename: file.filename, content_type: "text/csv", size: file.bytes.length,
      sha256: file.sha256, content: file.bytes, uploaded_by: filerOf(u), uploaded_at: u.evidenceAt!,
    })),
  );
  const evidenceOf = new Map(attached.map(({ i, file }, k) => [i, { id: evidenceIds[k]!, filename: file.filename, sha256: file.sha256 }]));

  const comments = updates.flatMap((u, i) => u.comments.map((c) => ({ u, i, c })));
  const commentIds = await insertIds(
    trx,
    "plan_update_comments",
    comments.map(({ u, i, c }) => ({
      update_id: updateIds[i]!,
      field: c.field,
      kind: c.kind,
      body: c.body,
      author_user_id: c.by === "agency" ? coordinator : filerOf(u),
      author_organisation_id: c.by === "agency" ? bps : refs.orgIds.get(u.measure.data.lead)!,
      version: 1,
      resolved: c.resolved ? 1 : 0,
      created_at: c.at,
    })),
  );
  const returnCommentId = new Map(comments.flatMap(({ i, c }, k) => (c.kind === "return" ? [[i, commentIds[k]!] as const] : [])));

  /** The update as `documentOf` shows it at that step, with the comments or answers of the step. */
  const payload = (u: UpdatePlan, i: number, rev: RevisionPlan) => ({
    state: rev.state,
    version: rev.version,
    status: rev.content.status,
    progress: rev.content.progress,
    narrative: rev.content.narrative,
    narrativeLang: rev.content.narrative ? rev.content.lang : null,
    milestones: milestonesOf(u, rev.content),
    indicators: indicatorsOf(u, rev.content),
    evidence: u.evidenceAt && rev.at >= u.evidenceAt ? [evidenceOf.get(i)!] : [],
    ...(rev.comments ? { comments: rev.comments } : {}),
    ...(rev.answers ? { answers: rev.answers.map((a) => ({ commentId: returnCommentId.get(i)!, body: a.body })) } : {}),
  });
  await insertRows(
    trx,
    "plan_update_revisions",
    updates.flatMap((u, i) =>
      u.revisions.map((rev) => ({
        update_id: updateIds[i]!,
        version: rev.version,
        action: rev.action,
        payload: JSON.stringify(payload(u, i, rev)),
        actor_user_id: rev.by === "agency" ? (rev.action === "validated" && u.validatedByAdmin ? admin : coordinator) : filerOf(u),
        at: rev.at,
      })),
    ),
  );
}
