/**
 * Schema pieces the plan's request and answer schemas share (bodies, rounds, files): path
 * parameters, days, text PostgreSQL can store, and the small references answers carry.
 * Each endpoint's own schema stays in its `*.schema.ts`.
 */
import { z } from "@hono/zod-openapi";
import { pathIdSchema } from "../../server/http/openapi.js";

export const PlanIdParam = z.object({ planId: pathIdSchema("planId") });
export const IdParam = z.object({ id: pathIdSchema("id") });

/** Text without NUL characters (PostgreSQL refuses them in text columns). */
export const nulFreeText = () => z.string().refine((s) => !s.includes("\u0000"));

/** A Brussels day, `YYYY-MM-DD`. */
export const day = (example = "2018-11-20") => z.iso.date().openapi({ example, description: "YYYY-MM-DD (Brussels day)" });

/** A name or title in the three languages (English falls back to French). */
export const Titles = z.object({ fr: z.string(), nl: z.string(), en: z.string() });
export const OrganisationRef = z.object({ id: z.number().int(), code: z.string(), name: z.string() });
export const MeasureRef = z.object({ id: z.number().int(), code: z.string(), title: z.string() });
export const ThemeRef = z.object({ id: z.number().int(), number: z.number().int(), title: z.string() });

/** What the caller may do with an entity (the UI shows only these). */
export const Actions = z.array(z.string()).openapi({ description: "What the caller may do with it" });
