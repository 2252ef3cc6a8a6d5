import { api, ApiError } from "../../api.js";
import type { FieldError } from "../../../shared/errors.js";

/**
 * The observatory's import jobs from the browser: the file sent with XMLHttpRequest (fetch
 * reports no upload progress) as the raw body, then the job read every 300 ms until it
 * has finished.
 */

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** As the server's OBSERVATORY_IMPORT_MAX_BYTES (src/modules/observatory/import.routes.ts). */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;
export const POLL_MS = 300;

export type JobPhase = "uploading" | "checking" | "storing" | "done" | "failed";

export interface JobRowError {
  row: number;
  column: string;
  value: string;
  key: string;
  params?: Record<string, string>;
  message: string;
}

export interface ImportJob {
  id: string;
  phase: JobPhase;
  dryRun: boolean;
  grain: string;
  source: string;
  filename: string;
  progress: { rows: number; bytesRead: number; totalBytes: number | null; percent: number | null };
  result: { dryRun: boolean; rows: number; batch: { id: number | null; key: string | null; periodStart: string | null; periodEnd: string | null; replaced: boolean } } | null;
  errors: { count: number; shown: JobRowError[]; report: string } | null;
  crashed: boolean;
}

export interface Batch {
  id: number;
  key: string;
  grain: string;
  source: string;
  periodStart: string;
  periodEnd: string;
  filename: string;
  rows: number;
  isSynthetic: boolean;
  importedAt: string;
}

export const finished = (job: ImportJob) => job.phase === "done" || job.phase === "failed";

/** The file's type from its name: XLSX or CSV (browsers disagree on a .csv file's own type). */
export const contentTypeOf = (file: File) => (/\.xlsx$/i.test(file.name) ? XLSX_TYPE : "text/csv");

function apiErrorOf(xhr: XMLHttpRequest): ApiError {
  let error: { code?: string; message?: string; requestId?: string; fields?: FieldError[] } | undefined;
  try {
    error = (JSON.parse(xhr.responseText) as { error?: typeof error }).error;
  } catch {
    // not JSON: a proxy's page; the status says enough
  }
  return new ApiError(xhr.status, error?.code ?? "internal", error?.message ?? "", error?.requestId ?? xhr.getResponseHeader("x-request-id"), error?.fields ?? []);
}

/** Sends the file; `onUpload(sent, total)` as it goes; resolves with the job (202) once the server has it all. */
export function startImportJob(
  options: { file: File; grain: string; source: string; dryRun: boolean; csrfToken: string | null },
  onUpload: (sent: number, total: number) => void,
): Promise<ImportJob> {
  const { file, grain, source, dryRun, csrfToken } = options;
  const query = new URLSearchParams({ grain, source, dryRun: String(dryRun), filename: file.name.slice(0, 200) });
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/observatory/imports/jobs?${query}`);
    xhr.setRequestHeader("Content-Type", contentTypeOf(file));
    xhr.setRequestHeader("Accept", "application/json");
    if (csrfToken) xhr.setRequestHeader("X-CSRF-Token", csrfToken);
    xhr.upload.onprogress = (e) => onUpload(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => (xhr.status === 202 ? resolve(JSON.parse(xhr.responseText) as ImportJob) : reject(apiErrorOf(xhr)));
    xhr.onerror = () => reject(new ApiError(0, "unavailable", "", null));
    xhr.send(file);
  });
}

/** Reads the job every POLL_MS until it has finished, reporting each state; stops when `signal` aborts. */
export async function followJob(id: string, onUpdate: (job: ImportJob) => void, signal: AbortSignal): Promise<void> {
  for (;;) {
    const job = await api.get<ImportJob>(`/api/observatory/imports/jobs/${encodeURIComponent(id)}`, {}, { signal });
    if (signal.aborted) return;
    onUpdate(job);
    if (finished(job)) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    if (signal.aborted) return;
  }
}
