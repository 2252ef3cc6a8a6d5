import type { Hook } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import type { z } from "zod";
import { AppError, type ErrorBody, type FieldError } from "../../shared/errors.js";
import { translator } from "../../shared/i18n/index.js";
import type { AppContext, AppEnv } from "./context.js";

/** Turns zod issues into field errors with translation keys, one per problem. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], target: string): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of issues) {
    const base = [target, ...issue.path.map(String)].join(".");
    switch (issue.code) {
      case "unrecognized_keys":
        for (const key of issue.keys) out.push({ field: `${base}.${key}`, key: "validation.unknown_field" });
        break;
      case "invalid_type":
        out.push(
          issue.input === undefined
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
    throw new AppError("validation_failed", { fields: fieldErrors(result.error.issues, result.target) });
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

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof HTTPException) {
    if (err.status === 400 && /json/i.test(err.message)) return new AppError("malformed_json");
    if (err.status === 413) return new AppError("payload_too_large");
    if (err.status === 401) return new AppError("unauthenticated");
    if (err.status === 404) return new AppError("not_found", { params: { entity: "route", id: "" } });
    if (err.status === 415) return new AppError("unsupported_media_type");
    if (err.status < 500) return new AppError("validation_failed", { detail: err.message });
  }
  return new AppError("internal", { cause: err });
}
