/**
 * One error model for the whole platform: a stable code, one HTTP status per code,
 * and a translation key (`errors.<code>`) for the message people read.
 */
export const errorStatus = {
  validation_failed: 400,
  malformed_json: 400,
  invalid_credentials: 401,
  unauthenticated: 401,
  forbidden: 403,
  csrf_failed: 403,
  password_change_required: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  account_locked: 423,
  too_many_requests: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface FieldError {
  /** Dotted path of the field in the request, e.g. `body.email` or `query.year`. */
  field: string;
  /** Translation key of the problem, e.g. `validation.too_small`. */
  key: string;
  params?: Record<string, string | number>;
  /** The problem in the request's language (filled in when the error is presented). */
  message?: string;
}

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    requestId: string;
    fields?: FieldError[];
  };
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly options: { fields?: FieldError[]; params?: Record<string, string | number>; cause?: unknown; detail?: string } = {},
  ) {
    super(options.detail ?? code, { cause: options.cause });
    this.name = "AppError";
    this.status = errorStatus[code];
  }
}

export const notFound = (entity: string, id: string | number) =>
  new AppError("not_found", { params: { entity, id: String(id) }, detail: `${entity} ${id} not found` });

export const forbidden = () => new AppError("forbidden");

/** A unique value already taken: names the request field (`body.<key>`) and explains with `conflict.<key>`. */
export const conflict = (key: string, params: Record<string, string | number> = {}) =>
  new AppError("conflict", { fields: [{ field: `body.${key}`, key: `conflict.${key}`, params }] });
