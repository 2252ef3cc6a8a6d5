/** Reporting rounds over HTTP: the whole loop between a municipality and the agency, permissions, lateness and evidence files. */
import assert from "node:assert/strict";
import { before, it } from "node:test";
import type { App } from "../../src/server/app.js";
import { DEMO_PASSWORD } from "../../src/modules/access/access.seed.js";
import { EVIDENCE_MAX_BYTES } from "../../src/shared/plan.js";
import { forEachDatabase } from "../helpers/databases.js";
import { signIn, testApp, type Client } from "../helpers/http.js";
import { BUILT_PASSWORD, buildUser, organisationIdOf } from "../helpers/access.builders.js";
import { buildMeasure, buildPlan, type BuiltMeasure, type BuiltPlan } from "../helpers/plan.builders.js";
import { dayFromToday } from "../helpers/plan-rounds.builders.js";

/** The shared JSON client, plus a second session of the same person that sends multipart (or raw) bodies. */
async function session(app: App, email: string, password = DEMO_PASSWORD) {
  const client = await signIn(app, email, password);
  const res = await app.request("/api/session", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });
  const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const upload = (path: string, form: FormData | string, contentType?: string) =>
    app.request(path, { method: "POST", headers: { cookie, "x-csrf-token": csrfToken, ...(contentType ? { "content-type": contentType } : {}) }, body: form });
  return Object.assign(client, { upload });
}

const fieldsOf = (body: { error?: { fields?: { field: string; key: string }[] } }) => body.error?.fields?.map((f) => [f.field, f.key]);

function formWith(name: string, bytes: Uint8Array, type: string): FormData {
  const form = new FormData();
  form.append("file", new Blob([Buffer.from(bytes)], { type }), name);
  return form;
}

forEachDatabase("HTTP reporting rounds", (ctx) => {
  let app: App;
  let coordinator: Client;
  let editor: Awaited<ReturnType<typeof session>>;
  let plan: BuiltPlan;
  let measure: BuiltMeasure;

  before(async () => {
    // The default 1 MiB body limit: the evidence route declares its own larger one.
    app = testApp(ctx.db);
    coordinator = await signIn(app, "coordinator@bps.demo");
    editor = await session(app, "editor@anderlecht.demo");
    plan = await buildPlan(ctx.db);
    measure = await buildMeasure(ctx.db, plan, {
      leadOrganisationCode: "mun-21001",
      status: "planned",
      progress: 5,
      milestones: [{ due: "2018-06-30" }, { due: "2020-12-31" }],
      indicators: [{ baseline: 3, target: 12, current: 4 }],
    });
    await buildMeasure(ctx.db, plan, { leadOrganisationCode: "stib" });
  });

  const newRound = (over: Record<string, unknown> = {}) => ({
    nameFr: "Cycle 2018-S2",
    nameNl: "Ronde 2018-S2",
    nameEn: "Round 2018-S2",
    periodLabel: "2018-S2",
    opensOn: dayFromToday(-10),
    deadline: dayFromToday(20),
    ...over,
  });

  async function openedUpdate(): Promise<{ roundId: number; updateId: number }> {
    const created = await coordinator.json("POST", `/api/plan/plans/${plan.id}/rounds`, newRound());
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const rows = await coordinator.json("GET", `/api/plan/rounds/${created.body.id}/updates`);
    return { roundId: created.body.id, updateId: rows.body.find((r: { measure: { id: number } }) => r.measure.id === measure.id).id };
  }

  it("goes round the loop: filed in Dutch, sent back on one field, answered and refiled, validated into the measure", async () => {
    const created = await coordinator.json("POST", `/api/plan/plans/${plan.id}/rounds`, newRound());
    assert.equal(created.status, 201);
    assert.deepEqual(created.body.counts, { draft: 2, submitted: 0, returned: 0, validated: 0, late: 0 });
    assert.deepEqual(created.body.actions, ["read", "manage"]);
    const roundId = created.body.id as number;

    const inbox = await editor.json("GET", "/api/plan/inbox");
    const item = inbox.body.find((r: { round: { id: number } }) => r.round.id === roundId);
    assert.deepEqual([item.measure.id, item.state, item.late, item.openComments, item.actions], [measure.id, "draft", false, 0, ["file", "submit"]]);
    const updateId = item.id as number;

    const filing = {
      status: "in_progress",
      progress: 45,
      narrative: "De eerste buurtbemiddelaars zijn aangeworven.",
      narrativeLang: "nl",
      milestones: [{ milestoneId: measure.milestones[0], doneDate: dayFromToday(-2) }],
      indicators: [{ indicatorId: measure.indicators[0], value: 7 }],
    };
    const filed = await editor.json("PUT", `/api/plan/updates/${updateId}`, filing);
    assert.equal(filed.status, 200, JSON.stringify(filed.body));
    assert.deepEqual([filed.body.state, filed.body.narrativeLang, filed.body.progress], ["draft", "nl", 45]);
    assert.deepEqual(filed.body.milestones.map((m: { proposedDoneDate: string | null }) => m.proposedDoneDate), [dayFromToday(-2), null]);
    assert.equal(filed.body.indicators[0].proposedValue, 7);

    const submitted = await editor.json("POST", `/api/plan/updates/${updateId}/submit`, {});
    assert.deepEqual([submitted.status, submitted.body.state, submitted.body.version, submitted.body.actions], [200, "submitted", 1, []]);

    const municipalityAdmin = await signIn(app, "admin@anderlecht.demo");
    assert.equal((await municipalityAdmin.json("POST", `/api/plan/updates/${updateId}/validate`)).status, 403);
    assert.equal((await municipalityAdmin.json("POST", `/api/plan/updates/${updateId}/return`, { comments: [{ field: "general", body: "x" }] })).status, 403);

    const listed = await coordinator.json("GET", `/api/plan/rounds/${roundId}/updates?state=submitted`);
    assert.deepEqual(listed.body.map((r: { id: number; actions: string[] }) => [r.id, r.actions]), [[updateId, ["return", "validate"]]]);
    const badField = await coordinator.json("POST", `/api/plan/updates/${updateId}/return`, { comments: [{ field: "budget", body: "?" }] });
    assert.deepEqual([badField.status, fieldsOf(badField.body)?.[0]?.[0]], [400, "body.comments.0.field"]);
    assert.deepEqual(fieldsOf((await coordinator.json("POST", `/api/plan/updates/${updateId}/return`, { comments: [] })).body)?.[0]?.[0], "body.comments");

    const returned = await coordinator.json("POST", `/api/plan/updates/${updateId}/return`, { comments: [{ field: "progress", body: "45 % ? Le rapport parle de 30 %." }] });
    assert.deepEqual([returned.status, returned.body.state], [200, "returned"]);
    const comment = returned.body.comments[0];
    assert.deepEqual([comment.field, comment.kind, comment.resolved, comment.author.organisation.code], ["progress", "return", false, "bps"]);

    const back = (await editor.json("GET", "/api/plan/inbox")).body.find((r: { id: number }) => r.id === updateId);
    assert.deepEqual([back.state, back.openComments, back.actions], ["returned", 1, ["file", "submit"]]);
    const unanswered = await editor.json("POST", `/api/plan/updates/${updateId}/submit`, {});
    assert.deepEqual([unanswered.status, fieldsOf(unanswered.body)], [400, [["body.answers", "planRounds.validation.answerMissing"]]]);
    assert.equal((await editor.json("PUT", `/api/plan/updates/${updateId}`, { ...filing, progress: 30 })).status, 200);
    const resubmitted = await editor.json("POST", `/api/plan/updates/${updateId}/submit`, { answers: [{ commentId: comment.id, body: "Klopt, bijgesteld naar 30 %." }] });
    assert.deepEqual([resubmitted.status, resubmitted.body.version, resubmitted.body.comments.length], [200, 2, 2]);

    const validated = await coordinator.json("POST", `/api/plan/updates/${updateId}/validate`);
    assert.equal(validated.status, 200, JSON.stringify(validated.body));
    assert.deepEqual([validated.body.state, validated.body.measure.status, validated.body.measure.progress], ["validated", "in_progress", 30]);
    assert.deepEqual(validated.body.milestones.map((m: { doneDate: string | null }) => m.doneDate), [dayFromToday(-2), null]);
    assert.equal(validated.body.indicators[0].current.value, 7);
    assert.deepEqual(validated.body.revisions.map((r: { version: number; action: string }) => `${r.version}:${r.action}`), ["1:submitted", "1:returned", "2:submitted", "2:validated"]);
    const row = await ctx.db.selectFrom("plan_measures").select(["status", "progress"]).where("id", "=", measure.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: "in_progress", progress: 30 });

    const locked = await editor.json("PUT", `/api/plan/updates/${updateId}`, filing);
    assert.deepEqual([locked.status, fieldsOf(locked.body)], [409, [["param.id", "planRounds.conflict.notEditable"]]]);
  });

  it("checks what is filed and who files it: 400 naming the field, 403 for others, 404 for unknown ids", async () => {
    const { updateId } = await openedUpdate();
    const other = await buildMeasure(ctx.db, plan, { leadOrganisationCode: "mun-21001", milestones: [{ due: "2019-01-01" }] });
    const wrong = await editor.json("PUT", `/api/plan/updates/${updateId}`, { status: "done", progress: 150, milestones: [{ milestoneId: measure.milestones[0], doneDate: "31/12/2018" }] });
    assert.deepEqual([wrong.status, fieldsOf(wrong.body)?.map((f) => f[0])], [400, ["body.progress", "body.milestones.0.doneDate"]]);
    const foreign = await editor.json("PUT", `/api/plan/updates/${updateId}`, { status: "done", progress: 100, milestones: [{ milestoneId: other.milestones[0], doneDate: null }] });
    assert.deepEqual(fieldsOf(foreign.body), [["body.milestones.0.milestoneId", "planRounds.validation.notOfMeasure"]]);
    const noLang = await editor.json("PUT", `/api/plan/updates/${updateId}`, { status: "done", progress: 100, narrative: "Texte" });
    assert.deepEqual(fieldsOf(noLang.body), [["body.narrativeLang", "planRounds.validation.narrativeLangRequired"]]);

    const neighbour = await buildUser(ctx.db, { organisationId: await organisationIdOf(ctx.db, "mun-21004"), role: "editor" });
    const neighbourClient = await signIn(app, neighbour.email, BUILT_PASSWORD);
    assert.equal((await neighbourClient.json("PUT", `/api/plan/updates/${updateId}`, { status: "done", progress: 100 })).status, 403);
    assert.equal((await neighbourClient.json("GET", `/api/plan/updates/${updateId}`)).status, 403);
    const viewer = await signIn(app, "viewer@bps.demo");
    assert.equal((await viewer.json("PUT", `/api/plan/updates/${updateId}`, { status: "done", progress: 100 })).status, 403);
    assert.equal((await viewer.json("GET", `/api/plan/updates/${updateId}`)).status, 200, "the agency reads every update");

    assert.equal((await editor.json("PUT", "/api/plan/updates/999999", { status: "done", progress: 100 })).status, 404);
    assert.equal((await coordinator.json("GET", "/api/plan/rounds/999999/updates")).status, 404);
    assert.equal((await coordinator.json("POST", "/api/plan/plans/999999/rounds", newRound())).status, 404);
    assert.equal((await editor.json("POST", `/api/plan/plans/${plan.id}/rounds`, newRound())).status, 403);
    const early = await coordinator.json("POST", `/api/plan/plans/${plan.id}/rounds`, newRound({ deadline: dayFromToday(-20) }));
    assert.deepEqual(fieldsOf(early.body), [["body.deadline", "planRounds.validation.deadlineBeforeOpening"]]);
    const missing = await coordinator.json("POST", `/api/plan/plans/${plan.id}/rounds`, newRound({ nameFr: undefined, opensOn: "2018-13-01" }));
    assert.deepEqual(fieldsOf(missing.body)?.map((f) => f[0]), ["body.nameFr", "body.opensOn"]);
  });

  it("shows an update as late once the deadline has passed, in the lists and the round counts", async () => {
    const created = await coordinator.json("POST", `/api/plan/plans/${plan.id}/rounds`, newRound({ opensOn: dayFromToday(-30), deadline: dayFromToday(-1) }));
    const rows = await editor.json("GET", `/api/plan/rounds/${created.body.id}/updates`);
    assert.ok(rows.body.length >= 1 && rows.body.every((r: { late: boolean; organisation: { code: string } }) => r.late && r.organisation.code === "mun-21001"));
    const rounds = await coordinator.json("GET", `/api/plan/plans/${plan.id}/rounds`);
    const listed = rounds.body.find((r: { id: number }) => r.id === created.body.id);
    assert.equal(listed.counts.late, listed.counts.draft);
    const closed = await coordinator.json("PATCH", `/api/plan/rounds/${created.body.id}`, { status: "closed" });
    assert.deepEqual([closed.status, closed.body.status], [200, "closed"]);
    assert.ok(!(await editor.json("GET", "/api/plan/inbox")).body.some((r: { round: { id: number } }) => r.round.id === created.body.id), "closed rounds leave the inbox");
  });

  it("takes evidence as multipart, gives back the same bytes as an attachment, and refuses bad files with 400", async () => {
    const { updateId } = await openedUpdate();
    const bytes = new Uint8Array(Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.from(Uint8Array.from({ length: 512 }, (_, i) => (i * 7) % 256))]));
    const res = await editor.upload(`/api/plan/updates/${updateId}/evidence`, formWith("Rapport d'activité.pdf", bytes, "application/pdf"));
    assert.equal(res.status, 201, await res.clone().text());
    const created = (await res.json()) as { id: number; filename: string; contentType: string; size: number };
    assert.deepEqual({ ...created, id: 0 }, { id: 0, filename: "Rapport d'activité.pdf", contentType: "application/pdf", size: bytes.byteLength });

    const download = await coordinator.request("GET", `/api/plan/evidence/${created.id}`);
    assert.equal(download.status, 200);
    assert.equal(download.headers.get("content-type"), "application/pdf");
    assert.match(download.headers.get("content-disposition") ?? "", /^attachment; filename="Rapport d'activit_\.pdf"; filename\*=UTF-8''Rapport%20d'activit%C3%A9\.pdf$/);
    assert.ok(Buffer.from(await download.arrayBuffer()).equals(Buffer.from(bytes)));
    const detail = await editor.json("GET", `/api/plan/updates/${updateId}`);
    assert.deepEqual(detail.body.evidence.map((e: { id: number }) => e.id), [created.id]);
    assert.equal((await (await signIn(app, "editor@stib.demo")).request("GET", `/api/plan/evidence/${created.id}`)).status, 403);

    const refusals: [FormData | string, string | undefined, string][] = [
      [formWith("virus.exe", bytes, "application/x-msdownload"), undefined, "planRounds.validation.fileType"],
      [formWith("photo.png", bytes, "image/png"), undefined, "planRounds.validation.fileContent"],
      [new FormData(), undefined, "planRounds.validation.fileMissing"],
      ["--x\r\nbroken", "multipart/form-data; boundary=x", "planRounds.validation.fileMissing"],
      ['{"file":"x"}', "application/json", "planRounds.validation.fileMissing"],
    ];
    for (const [body, type, key] of refusals) {
      const refused = await editor.upload(`/api/plan/updates/${updateId}/evidence`, body, type);
      assert.deepEqual([refused.status, fieldsOf((await refused.json()) as never)], [400, [["body.file", key]]], key);
    }
    const big = new Uint8Array(EVIDENCE_MAX_BYTES + 1);
    big.set(bytes);
    const tooBig = await editor.upload(`/api/plan/updates/${updateId}/evidence`, formWith("gros.pdf", big, "application/pdf"));
    assert.deepEqual([tooBig.status, fieldsOf((await tooBig.json()) as never)], [400, [["body.file", "planRounds.validation.fileTooLarge"]]]);

    assert.equal((await editor.request("DELETE", `/api/plan/evidence/${created.id}`)).status, 204);
    assert.equal((await coordinator.request("GET", `/api/plan/evidence/${created.id}`)).status, 404);
  });
});
