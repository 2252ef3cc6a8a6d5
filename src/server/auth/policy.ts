/**
 * The central policy: every route names a resource and an action, and this table decides.
 * Each module contributes its resources in `<module>.policy.ts`; they are assembled here,
 * in one place, so that what a role may do is read in one file per module and enforced in one.
 */
import { accessPolicy } from "../../modules/access/access.policy.js";
import { auditPolicy } from "../../modules/audit/audit.policy.js";
import { observatoryPolicy } from "../../modules/observatory/observatory.policy.js";
import { planPolicy } from "../../modules/plan/plan.policy.js";
import { territoryPolicy } from "../../modules/territory/territory.policy.js";
import type { Actor } from "./actor.js";
import type { ResourcePolicy } from "./rules.js";


export const policies = {
  ...territoryPolicy,
  ...accessPolicy,
  ...auditPolicy,
  ...planPolicy,
  ...observatoryPolicy,
} satisfies Record<string, ResourcePolicy>;

export type Resource = keyof typeof policies;
export type ActionOf<R extends Resource> = keyof (typeof policies)[R] & string;

export function can<R extends Resource>(actor: Actor | null, resource: R, action: ActionOf<R>, subject?: unknown): boolean {
  if (!actor) return false;
  const rule = (policies[resource] as ResourcePolicy)[action];
  return rule ? rule(actor, subject as never) : false;
}

/** The actions an actor may take on a resource (or one subject of it), sent with the data for the UI. */
export function allowedActions<R extends Resource>(actor: Actor | null, resource: R, subject?: unknown): ActionOf<R>[] {
  return (Object.keys(policies[resource]) as ActionOf<R>[]).filter((action) => can(actor, resource, action, subject));
}

