import { z, type OpenAPIHono } from "@hono/zod-openapi";
import { actorOf, inTransaction, type AppEnv } from "../../server/http/context.js";
import { errors, json, jsonBody, noContent } from "../../server/http/openapi.js";
import { route } from "../../server/http/route.js";
import { notFound } from "../../shared/errors.js";
import {
  ApiToken,
  CreatedToken,
  IdParam,
  NewOrganisationBody,
  NewTokenBody,
  NewUserBody,
  OneTimePassword,
  Organisation,
  OrganisationChangesBody,
  OrganisationKind,
  ResetPasswordBody,
  Role,
  User,
  UserChangesBody,
} from "./access.schema.js";
import { presentOrganisation, presentToken, presentUser } from "./access.presenter.js";
import { createOrganisation, getOrganisation, listOrganisations, updateOrganisation } from "./organisation.service.js";
import { createToken, listTokens, revokeToken } from "./token.service.js";
import { createUser, getUser, listUsers, resetPassword, updateUser } from "./user.service.js";

// ---- organisations ----------------------------------------------------------------
const listOrgs = route({
  method: "get",
  path: "/api/organisations",
  tags: ["organisations"],
  summary: "Organisations: the agency, municipalities, police zones, institutions, associations...",
  access: { resource: "organisation", action: "read" },
  request: { query: z.object({ kind: OrganisationKind.optional(), active: z.enum(["true", "false"]).optional() }) },
  responses: { 200: json(z.array(Organisation)), ...errors },
});
const getOrg = route({
  method: "get",
  path: "/api/organisations/{id}",
  tags: ["organisations"],
  summary: "One organisation",
  access: { resource: "organisation", action: "read" },
  request: { params: IdParam },
  responses: { 200: json(Organisation), ...errors },
});
const createOrg = route({
  method: "post",
  path: "/api/organisations",
  tags: ["organisations"],
  summary: "Add an organisation",
  access: { resource: "organisation", action: "create" },
  request: jsonBody(NewOrganisationBody),
  responses: { 201: json(Organisation, "Created"), ...errors, 409: errors[400] },
});
const updateOrg = route({
  method: "patch",
  path: "/api/organisations/{id}",
  tags: ["organisations"],
  summary: "Change an organisation, or deactivate it",
  access: { resource: "organisation", action: "update" },
  request: { params: IdParam, ...jsonBody(OrganisationChangesBody) },
  responses: { 200: json(Organisation), ...errors, 409: errors[400] },
});

// ---- users ------------------------------------------------------------------------
const listUsersRoute = route({
  method: "get",
  path: "/api/users",
  tags: ["users"],
  summary: "People with an account (an organisation's admin sees its own people)",
  access: { resource: "user", action: "read" },
  request: { query: z.object({ organisationId: z.coerce.number().int().positive().optional(), role: Role.optional() }) },
  responses: { 200: json(z.array(User)), ...errors },
});
const getUserRoute = route({
  method: "get",
  path: "/api/users/{id}",
  tags: ["users"],
  summary: "One account",
  access: { resource: "user", action: "read" },
  request: { params: IdParam },
  responses: { 200: json(User), ...errors },
});
const createUserRoute = route({
  method: "post",
  path: "/api/users",
  tags: ["users"],
  summary: "Create an account; without a password, a one-time password is returned once",
  access: { resource: "user", action: "create" },
  request: jsonBody(NewUserBody),
  responses: { 201: json(OneTimePassword, "Created"), ...errors, 409: errors[400] },
});
const updateUserRoute = route({
  method: "patch",
  path: "/api/users/{id}",
  tags: ["users"],
  summary: "Change an account's name, organisation, role or language, or disable it",
  access: { resource: "user", action: "update" },
  request: { params: IdParam, ...jsonBody(UserChangesBody) },
  responses: { 200: json(User), ...errors },
});
const resetPasswordRoute = route({
  method: "post",
  path: "/api/users/{id}/reset-password",
  tags: ["users"],
  summary: "Set a one-time password (returned once); the person must change it at next sign-in",
  access: { resource: "user", action: "resetPassword" },
  request: { params: IdParam, ...jsonBody(ResetPasswordBody) },
  responses: { 200: json(OneTimePassword), ...errors },
});

// ---- API tokens -------------------------------------------------------------------
const listTokensRoute = route({
  method: "get",
  path: "/api/tokens",
  tags: ["tokens"],
  summary: "API tokens of machine clients (never the secret)",
  access: { resource: "apiToken", action: "read" },
  responses: { 200: json(z.array(ApiToken)), ...errors },
});
const createTokenRoute = route({
  method: "post",
  path: "/api/tokens",
  tags: ["tokens"],
  summary: "Create an API token for an organisation and role; the secret is returned once",
  access: { resource: "apiToken", action: "create" },
  request: jsonBody(NewTokenBody),
  responses: { 201: json(CreatedToken, "Created"), ...errors },
});
const revokeTokenRoute = route({
  method: "delete",
  path: "/api/tokens/{id}",
  tags: ["tokens"],
  summary: "Revoke an API token (it stops working at once; the record stays)",
  access: { resource: "apiToken", action: "revoke" },
  request: { params: IdParam },
  responses: { ...noContent, ...errors },
});

export function registerAdminRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(listOrgs, async (c) => {
    const { kind, active } = c.req.valid("query");
    const rows = await listOrganisations(c.get("db"), { kind, active: active === undefined ? undefined : active === "true" });
    return c.json(rows.map((r) => presentOrganisation(actorOf(c), c.get("locale"), r)), 200);
  });
  app.openapi(getOrg, async (c) => {
    const row = await getOrganisation(c.get("db"), c.req.valid("param").id);
    return c.json(presentOrganisation(actorOf(c), c.get("locale"), row), 200);
  });
  app.openapi(createOrg, async (c) => {
    const id = await inTransaction(c, (trx, ctx) => createOrganisation(trx, ctx, c.req.valid("json")));
    return c.json(presentOrganisation(actorOf(c), c.get("locale"), await getOrganisation(c.get("db"), id)), 201);
  });
  app.openapi(updateOrg, async (c) => {
    const { id } = c.req.valid("param");
    await inTransaction(c, (trx, ctx) => updateOrganisation(trx, ctx, id, c.req.valid("json")));
    return c.json(presentOrganisation(actorOf(c), c.get("locale"), await getOrganisation(c.get("db"), id)), 200);
  });

  app.openapi(listUsersRoute, async (c) => {
    const rows = await listUsers(c.get("db"), actorOf(c), c.req.valid("query"));
    return c.json(rows.map((r) => presentUser(actorOf(c), c.get("locale"), r)), 200);
  });
  app.openapi(getUserRoute, async (c) => {
    const { id } = c.req.valid("param");
    const row = await getUser(c.get("db"), id);
    const actor = actorOf(c);
    if (actor.organisationKind !== "agency" && row.organisation_id !== actor.organisationId) throw notFound("user", id);
    return c.json(presentUser(actor, c.get("locale"), row), 200);
  });
  app.openapi(createUserRoute, async (c) => {
    const result = await inTransaction(c, (trx, ctx) => createUser(trx, ctx, c.req.valid("json")));
    return c.json(result, 201);
  });
  app.openapi(updateUserRoute, async (c) => {
    const { id } = c.req.valid("param");
    await inTransaction(c, (trx, ctx) => updateUser(trx, ctx, id, c.req.valid("json")));
    return c.json(presentUser(actorOf(c), c.get("locale"), await getUser(c.get("db"), id)), 200);
  });
  app.openapi(resetPasswordRoute, async (c) => {
    const { id } = c.req.valid("param");
    const oneTimePassword = await inTransaction(c, (trx, ctx) => resetPassword(trx, ctx, id, c.req.valid("json").password));
    return c.json({ id, oneTimePassword }, 200);
  });

  app.openapi(listTokensRoute, async (c) => {
    const rows = await listTokens(c.get("db"), actorOf(c));
    return c.json(rows.map((r) => presentToken(actorOf(c), r)), 200);
  });
  app.openapi(createTokenRoute, async (c) => {
    const created = await inTransaction(c, (trx, ctx) => createToken(trx, ctx, c.req.valid("json")));
    return c.json(created, 201);
  });
  app.openapi(revokeTokenRoute, async (c) => {
    const { id } = c.req.valid("param");
    await inTransaction(c, (trx, ctx) => revokeToken(trx, ctx, id));
    return c.body(null, 204);
  });
}
