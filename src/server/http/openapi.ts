import { z } from "@hono/zod-openapi";
import { ErrorSchema } from "../../modules/access/access.schema.js";

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
