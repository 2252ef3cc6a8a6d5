import { z } from "@hono/zod-openapi";
import { idSchema, pathIdSchema } from "../../server/http/openapi.js";
import { EMAIL_MAX_LENGTH, NAME_MAX_LENGTH, PASSWORD_MAX_LENGTH, TOKEN_NAME_MAX_LENGTH } from "../../shared/limits.js";
import { locales } from "../../shared/locale.js";
import { organisationKinds, roles } from "../../shared/roles.js";

export const Locale = z.enum(locales).openapi({ description: "fr, nl or en" });
export const Role = z.enum(roles);
export const OrganisationKind = z.enum(organisationKinds);
export const IdParam = z.object({ id: pathIdSchema("id") });

export const LoginBody = z
  .strictObject({
    email: z.string().min(1).max(EMAIL_MAX_LENGTH),
    password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  })
  .openapi("LoginBody");

export const Permissions = z.record(z.string(), z.array(z.string())).openapi("Permissions", {
  description: "For each resource, the actions the caller may take; the web app shows only these.",
});

export const Organisation = z
  .object({
    id: z.number().int(),
    kind: OrganisationKind,
    code: z.string(),
    name: z.string().openapi({ description: "In the caller's language" }),
    names: z.object({ fr: z.string(), nl: z.string(), en: z.string() }),
    territoryLevel: z.enum(["municipality", "police_zone"]).nullable(),
    territoryCode: z.string().nullable(),
    active: z.boolean(),
    actions: z.array(z.string()),
  })
  .openapi("Organisation");

export const Account = z
  .object({
    id: z.number().int(),
    email: z.string(),
    displayName: z.string(),
    role: Role,
    locale: Locale,
    mustChangePassword: z.boolean(),
    organisation: z.object({ id: z.number().int(), code: z.string(), kind: OrganisationKind, name: z.string() }),
  })
  .openapi("Account");

export const SessionInfo = z
  .object({
    kind: z.enum(["user", "token"]),
    account: Account.nullable(),
    csrfToken: z.string().nullable(),
    locale: Locale,
    permissions: Permissions,
  })
  .openapi("Session");

export const User = Account.extend({
  active: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  actions: z.array(z.string()),
}).openapi("User");

export const NewUserBody = z
  .strictObject({
    email: z.email().max(EMAIL_MAX_LENGTH),
    displayName: z.string().trim().min(1).max(NAME_MAX_LENGTH),
    organisationId: idSchema(),
    role: Role,
    locale: Locale.optional(),
    password: z.string().max(PASSWORD_MAX_LENGTH).optional().openapi({ description: "Omit to generate a one-time password" }),
  })
  .openapi("NewUser");

export const UserChangesBody = z
  .strictObject({
    displayName: z.string().trim().min(1).max(NAME_MAX_LENGTH).optional(),
    organisationId: idSchema().optional(),
    role: Role.optional(),
    locale: Locale.optional(),
    active: z.boolean().optional(),
  })
  .openapi("UserChanges");

export const ResetPasswordBody = z
  .strictObject({ password: z.string().max(PASSWORD_MAX_LENGTH).optional() })
  .openapi("ResetPassword");

export const OneTimePassword = z.object({ id: z.number().int(), oneTimePassword: z.string().nullable() }).openapi("OneTimePassword");

export const NewOrganisationBody = z
  .strictObject({
    kind: OrganisationKind,
    code: z.string().trim().min(1).max(64).regex(/^[a-z0-9][a-z0-9_-]*$/),
    nameFr: z.string().trim().min(1).max(NAME_MAX_LENGTH),
    nameNl: z.string().trim().min(1).max(NAME_MAX_LENGTH),
    nameEn: z.string().trim().min(1).max(NAME_MAX_LENGTH),
    territoryLevel: z.enum(["municipality", "police_zone"]).nullable().optional(),
    territoryCode: z.string().max(16).nullable().optional(),
  })
  .openapi("NewOrganisation");

export const OrganisationChangesBody = NewOrganisationBody.partial().extend({ active: z.boolean().optional() }).strict().openapi("OrganisationChanges");

export const AccountChangesBody = z.strictObject({ locale: Locale }).openapi("AccountChanges");
export const PasswordChangeBody = z
  .strictObject({ currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH), newPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH) })
  .openapi("PasswordChange");

export const ApiToken = z
  .object({
    id: z.number().int(),
    name: z.string(),
    prefix: z.string(),
    organisationId: z.number().int(),
    organisationCode: z.string(),
    role: Role,
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    actions: z.array(z.string()),
  })
  .openapi("ApiToken");

export const NewTokenBody = z
  .strictObject({
    name: z.string().trim().min(1).max(TOKEN_NAME_MAX_LENGTH),
    organisationId: idSchema(),
    role: Role,
    expiresAt: z.iso.datetime().nullable().optional(),
  })
  .openapi("NewApiToken");

export const CreatedToken = z
  .object({ id: z.number().int(), token: z.string().openapi({ description: "Shown once; send as `Authorization: Bearer <token>`" }) })
  .openapi("CreatedApiToken");
