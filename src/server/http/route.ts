import { createRoute, type RouteConfig } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { AppError } from "../../shared/errors.js";
import { can, type ActionOf, type Resource } from "../auth/policy.js";
import type { AppEnv } from "./context.js";

/**
 * Who may call a route: anybody (`public`), any signed-in actor (`signedIn`),
 * or whoever the central policy lets take `action` on `resource`.
 */
export type Access =
  | "public"
  | "signedIn"
  | { [R in Resource]: { resource: R; action: ActionOf<R> } }[Resource];

export interface RegisteredRoute {
  method: string;
  /** OpenAPI form, e.g. `/api/territory/neighbourhoods/{code}`. */
  path: string;
  access: Access;
}

/** Every route declared through `route()`; the authorisation matrix test walks it. */
export const routeRegistry: RegisteredRoute[] = [];

/** Routes that accept a larger body than BODY_LIMIT_BYTES (file uploads), by method and path pattern. */
const largeBodies: { method: string; pattern: RegExp; maxBytes: number }[] = [];

/** The body limit of a request: the route's own when it declared one, the default otherwise. */
export function bodyLimitFor(method: string, path: string, defaultBytes: number): number {
  const route = largeBodies.find((r) => r.method === method.toLowerCase() && r.pattern.test(path));
  return route ? Math.max(route.maxBytes, defaultBytes) : defaultBytes;
}

function authorize(access: Access): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (access === "public") return next();
    const actor = c.get("actor");
    if (!actor) throw new AppError("unauthenticated");
    if (access === "signedIn") return next();
    if (actor.mustChangePassword && access.resource !== "account") throw new AppError("password_change_required");
    if (!can(actor, access.resource, access.action as never)) throw new AppError("forbidden");
    return next();
  };
}

function describe(access: Access): string {
  if (access === "public") return "Public.";
  if (access === "signedIn") return "Any signed-in user or API token.";
  return `Requires permission \`${access.resource}.${access.action}\`.`;
}

/**
 * Declares a route: its zod schemas (validation, types and OpenAPI in one) and who may call it.
 * Authorisation runs before validation, so an anonymous caller learns nothing about the schema.
 */
export function route<const R extends Omit<RouteConfig, "middleware">>(config: R & { access: Access; maxBodyBytes?: number }) {
  const { access, maxBodyBytes, ...rest } = config;
  if (maxBodyBytes) {
    const pattern = new RegExp(`^${rest.path.replace(/\{\w+\}/g, "[^/]+")}$`);
    largeBodies.push({ method: rest.method, pattern, maxBytes: maxBodyBytes });
  }
  if (routeRegistry.some((r) => r.method === rest.method && r.path === rest.path)) {
    throw new Error(`route declared twice: ${rest.method.toUpperCase()} ${rest.path}`);
  }
  routeRegistry.push({ method: rest.method, path: rest.path, access });
  const security: Record<string, string[]>[] = access === "public" ? [] : [{ session: [] }, { bearer: [] }];
  return createRoute({
    ...rest,
    description: [rest.description, describe(access)].filter(Boolean).join("\n\n"),
    security,
    middleware: [authorize(access)] as const,
  });
}
