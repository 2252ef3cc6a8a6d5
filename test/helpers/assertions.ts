/** Assertions the service tests share: a promise that must fail with one of our errors. */
import assert from "node:assert/strict";
import { AppError, type ErrorCode } from "../../src/shared/errors.js";

async function caughtFrom(promise: Promise<unknown>, code: ErrorCode): Promise<AppError> {
  let caught: unknown;
  await promise.then(
    () => undefined,
    (err: unknown) => (caught = err),
  );
  assert.ok(caught instanceof AppError, `expected AppError ${code}, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  return caught;
}

/**
 * Awaits a promise that must fail with this error code and, when given, exactly these
 * fields (one field or the list, in order). Returns the error for further checks.
 */
export async function rejectsWith(promise: Promise<unknown>, code: ErrorCode, fields?: string | string[]): Promise<AppError> {
  const caught = await caughtFrom(promise, code);
  if (fields !== undefined) assert.deepEqual(caught.options.fields?.map((f) => f.field), typeof fields === "string" ? [fields] : fields);
  return caught;
}

/** Like `rejectsWith`, for an error naming exactly one field and explaining it with this translation key. */
export async function rejectsWithKey(promise: Promise<unknown>, code: ErrorCode, field: string, key: string): Promise<AppError> {
  const caught = await caughtFrom(promise, code);
  assert.deepEqual(caught.options.fields?.map((f) => [f.field, f.key]), [[field, key]]);
  return caught;
}

/** Awaits a promise that must fail with this error code and, when given, explain its first field with this translation key. */
export async function rejectsExplained(promise: Promise<unknown>, code: ErrorCode, key?: string): Promise<AppError> {
  const caught = await caughtFrom(promise, code);
  if (key !== undefined) assert.equal(caught.options.fields?.[0]?.key, key);
  return caught;
}
