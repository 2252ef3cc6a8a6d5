import type { Actor } from "./actor.js";

/** A rule answers whether an actor may take an action, optionally on one subject. */
export type Rule<S = any> = (actor: Actor, subject?: S) => boolean;
export type ResourcePolicy = Record<string, Rule>;

/** Rule builders shared by the module policies. */
export const anyone: Rule = () => true;
export const roleIn =
  (...allowed: Actor["role"][]): Rule =>
  (actor) => allowed.includes(actor.role);
export const agencyRoleIn =
  (...allowed: Actor["role"][]): Rule =>
  (actor) => actor.organisationKind === "agency" && allowed.includes(actor.role);
