import type { Hook } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import type { z } from "zod";
import { AppError, type ErrorBody, type FieldError } from "../../shared/errors.js";
import { translator } from "../../shared/i18n/index.js";
import type { AppContext, AppEnv } from "./context.js";

/** Hono's names for the parts of a request, as the API (and the web app) call them. */
const requestPart: Record<string, string> = { json: "body", form: "body" };

const NO_INPUT = Symbol("no input");

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * Turns zod issues into field errors with translation keys, one per problem.
 * `input` is the validated value: zod does not report it in its issues, and it tells
 * a missing field (`validation.required`) from one of the wrong type.
 */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], target: string, input: unknown = NO_INPUT): FieldError[] {
  const out: FieldError[] = [];
  const part = requestPart[target] ?? target;
  for (const issue of issues) {
    const base = [part, ...issue.path.map(String)].join(".");
    const given = input === NO_INPUT ? issue.input : valueAt(input, issue.path);
    switch (issue.code) {
      case "unrecognized_keys":
        for (const key of issue.keys) out.push({ field: `${base}.${key}`, key: "validation.unknown_field" });
        break;
      case "invalid_type":
        out.push(
          given === undefined
            ? { field: base, key: "validation.required" }
            : { field: base, key: "validation.invalid_type", params: { expected: issue.expected } },
        );
        break;
      case "too_small":
        out.push({ field: base, key: "validation.too_small", params: { minimum: String(issue.minimum) } });
        break;
      case "too_big":
        out.push({ field: base, key: "validation.too_big", params: { maximum: String(issue.maximum) } });
        break;
      case "invalid_format":
        out.push({ field: base, key: "validation.invalid_format", params: { format: issue.format } });
        break;
      case "invalid_value":
        out.push({ field: base, key: "validation.invalid_value", params: { values: issue.values.map(String).join(", ") } });
        break;
      default:
        out.push({ field: base, key: "validation.invalid" });
    }
  }
  return out;
}

/** zod-openapi hook: a failed validation becomes our 400 naming each field. */
export const validationHook: Hook<any, AppEnv, any, any> = (result, _c) => {
  if (!result.success) {
    // @hono/zod-validator passes the validated value as `data` on failure too (not in zod-openapi's type).
    const input = "data" in result ? result.data : NO_INPUT;
    throw new AppError("validation_failed", { fields: fieldErrors(result.error.issues, result.target, input) });
  }
};

/** The one place where an error becomes a response. Never leaks a stack trace. */
export function errorResponse(c: AppContext, err: unknown): Response {
  const requestId = c.get("requestId") ?? "-";
  const appError = toAppError(err);
  if (appError.status >= 500) {
    c.get("log")?.error({ err, requestId }, "request failed");
  }
  const t = translator(c.get("locale") ?? "fr");
  const entity = appError.options.params?.entity;
  const params = { ...appError.options.params, requestId, ...(entity ? { entity: t(`entity.${entity}`) } : {}) };
  const body: ErrorBody = {
    error: {
      code: appError.code,
      message: t(`errors.${appError.code}`, params),
      requestId,
      ...(appError.options.fields
        ? { fields: appError.options.fields.map((f) => ({ ...f, message: t(f.key, f.params) })) }
        : {}),
    },
  };
  return c.json(body, appError.status as 400);
}

/** PostgreSQL's SQLSTATE class 22 (data exception): a value the column cannot hold, e.g. an id past the integer range or a NUL character. */
function isDataException(err: unknown): boolean {
  return typeof err === "object" && err !== null && typeof (err as { code?: unknown }).code === "string" && /^22[0-9A-Z]{3}$/.test((err as { code: string }).code);
}

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  // A safety net: schemas bound what they accept, but a value the database refuses is still the client's mistake.
  if (isDataException(err)) return new AppError("validation_failed", { cause: err });
  if (err instanceof HTTPException) {
    if (err.status === 400 && /json/i.test(err.message)) return new AppError("malformed_json");
    if (err.status === 413) return new AppError("payload_too_large");
    if (err.status === 401) return new AppError("unauthenticated");
    if (err.status === 404) return new AppError("not_found", { params: { entity: "route", id: "?" } });
    if (err.status === 415) return new AppError("unsupported_media_type");
    if (err.status < 500) return new AppError("validation_failed", { detail: err.message });
  }
  return new AppError("internal", { cause: err });
}
