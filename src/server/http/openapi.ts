import { z } from "@hono/zod-openapi";

/** The one error shape of the API (src/shared/errors.ts). */
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      requestId: z.string(),
      fields: z.array(z.object({ field: z.string(), key: z.string(), message: z.string().optional() })).optional(),
    }),
  })
  .openapi("Error");

/** Largest id a column of type integer holds on both databases. */
export const MAX_ID = 2_147_483_647;

/** A database id in a body or query. */
export const idSchema = () => z.number().int().positive().max(MAX_ID);

/** A database id in the query string. */
export const queryIdSchema = () => z.coerce.number().int().positive().max(MAX_ID);

/** A database id in the path, named `name`. */
export const pathIdSchema = (name: string, example = 1) =>
  z.coerce.number().int().positive().max(MAX_ID).openapi({ param: { name, in: "path" }, example });

/** `{ content: application/json }` for a response or request schema. */
export function json<T extends z.ZodType>(schema: T, description = "OK") {
  return { description, content: { "application/json": { schema } } } as const;
}

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { body: { content: { "application/json": { schema } }, required: true } } as const;
}

const error = (description: string) => json(ErrorSchema, description);

/** The error answers every protected route may give. */
export const errors = {
  400: error("Invalid request: each bad field is named"),
  401: error("Not signed in"),
  403: error("Signed in without the right to do this"),
  404: error("Not found"),
} as const;

export const noContent = { 204: { description: "Done" } } as const;
