/**
 * The rules of a progress update's life, in one place: who may do what in which state.
 * Services enforce them; presenters send them as `actions`. (When an update is late: lateness.ts.)
 *
 *   draft -> submitted -> returned -> submitted ... -> validated
 *
 * The lead organisation files (saves, submits, attaches evidence) while the update is a
 * draft or was sent back and the round is open; the agency sends back or validates a
 * submitted update (sending back only while the round is open, so it can be filed again).
 */
import type { Actor } from "../../server/auth/actor.js";
import { can } from "../../server/auth/policy.js";
import { AppError, forbidden } from "../../shared/errors.js";

export interface UpdateFacts {
  organisation_id: number;
  state: string;
  round_status: string;
}

export type UpdateAction = "file" | "submit" | "return" | "validate";

const editableStates = new Set(["draft", "returned"]);

/** A state conflict: names the update the request is about and explains with a `planRounds.conflict.*` key. */
export function stateConflict(reason: "notEditable" | "roundClosed" | "notSubmitted", state: string): AppError {
  return new AppError("conflict", { fields: [{ field: "param.id", key: `planRounds.conflict.${reason}`, params: { state } }] });
}

/** Why the actor may not file, submit or attach evidence now: 403 for the wrong organisation or role, 409 in the wrong state. */
function fileDenial(actor: Actor, update: UpdateFacts): AppError | null {
  if (!can(actor, "update", "file", { organisationId: update.organisation_id })) return forbidden();
  if (update.round_status !== "open") return stateConflict("roundClosed", update.state);
  if (!editableStates.has(update.state)) return stateConflict("notEditable", update.state);
  return null;
}

/** Why the actor may not send back or validate now: only the agency, only a submitted update (sending back needs the round open). */
function judgeDenial(actor: Actor, update: UpdateFacts, action: "return" | "validate"): AppError | null {
  if (!can(actor, "update", "validate", { organisationId: update.organisation_id })) return forbidden();
  if (update.state !== "submitted") return stateConflict("notSubmitted", update.state);
  if (action === "return" && update.round_status !== "open") return stateConflict("roundClosed", update.state);
  return null;
}

export function assertCanFile(actor: Actor, update: UpdateFacts): void {
  const denial = fileDenial(actor, update);
  if (denial) throw denial;
}

export function assertCanJudge(actor: Actor, update: UpdateFacts, action: "return" | "validate"): void {
  const denial = judgeDenial(actor, update, action);
  if (denial) throw denial;
}

export function assertCanRead(actor: Actor, update: { organisation_id: number }): void {
  if (!can(actor, "update", "read", { organisationId: update.organisation_id })) throw forbidden();
}

/** What the actor may do with this update now (the UI shows only these buttons). */
export function updateActions(actor: Actor, update: UpdateFacts): UpdateAction[] {
  const mayFile = fileDenial(actor, update) === null;
  const out: UpdateAction[] = mayFile ? ["file", "submit"] : [];
  if (judgeDenial(actor, update, "return") === null) out.push("return");
  if (judgeDenial(actor, update, "validate") === null) out.push("validate");
  return out;
}
