/**
 * Web imports of the observatory as jobs held in this process: a job receives the uploaded
 * file (streamed to a temp file, never held in memory), then checks it (dry run) or checks
 * and stores it (all or nothing) with `importObservatoryFile` in the background, recording
 * its progress, its result or its row errors and the error report file (`writeErrorReport`).
 *
 * - One registry per database handle (`importJobsOf(db)`); jobs are lost when the process
 *   stops (their temp directories under the OS temp dir are left behind then).
 * - A finished job and its files are kept for `ttlMs` (1 hour), then removed.
 * - One running job per owner (a second start is a 409); an owner keeps at most
 *   `keepPerOwner` jobs (the oldest finished ones are removed first).
 * - Only the owner (the user or API token that started it) or an agency admin reads a job.
 */
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Logger } from "pino";
import type { Actor } from "../../server/auth/actor.js";
import type { Db } from "../../server/db/database.js";
import { AppError } from "../../shared/errors.js";
import { writeErrorReport } from "./import/error-report.js";
import { importObservatoryFile } from "./import/import.service.js";
import type { FileFormat } from "./import/sources.js";
import type { Grain, RowError } from "./import/validate.js";

export const jobPhases = ["uploading", "checking", "storing", "done", "failed"] as const;
export type JobPhase = (typeof jobPhases)[number];

/** Row errors a job keeps (all are counted; the report lists these). */
export const JOB_ERRORS_KEPT = 1000;
export const JOB_TTL_MS = 60 * 60 * 1000;
export const JOBS_KEPT_PER_OWNER = 5;

export interface JobInput {
  grain: Grain;
  source: string;
  dryRun: boolean;
  format: FileFormat;
  /** Recorded with the batch. */
  filename: string;
  importedBy: number | null;
}

export interface JobResult {
  rows: number;
  batchId: number | null;
  batchKey: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  sha256: string;
  replaced: boolean;
}

export interface ImportJob {
  id: string;
  owner: string;
  input: JobInput;
  phase: JobPhase;
  /** Rows read so far; bytes received (uploading) or read by the import (checking, storing). */
  rows: number;
  bytesRead: number;
  /** The declared upload size while uploading (null when unknown), then the file's size. */
  totalBytes: number | null;
  startedAt: Date;
  finishedAt: Date | null;
  result: JobResult | null;
  /** The first JOB_ERRORS_KEPT row errors, in file order. */
  errors: RowError[];
  errorCount: number;
  /** Failed without row errors (an unexpected error, logged with the job id). */
  crashed: boolean;
  /** The error report CSV, when the job failed on row errors. */
  reportPath: string | null;
  /** Resolves when the job has finished (done or failed). */
  settled: Promise<void>;
}

/** Who owns a job: the user, or the API token acting without a user. */
export function ownerOf(actor: Actor): string {
  return actor.userId !== null ? `user:${actor.userId}` : `token:${actor.tokenId}`;
}

const isAdmin = (actor: Actor) => actor.organisationKind === "agency" && actor.role === "admin";
const running = (job: ImportJob) => job.phase !== "done" && job.phase !== "failed";

const tooLarge = (maxBytes: number) =>
  new AppError("payload_too_large", { fields: [{ field: "body.file", key: "observatoryImportWeb.tooLarge", params: { maximum: Math.round(maxBytes / (1024 * 1024)) } }] });

/** Counts the bytes passing and fails past `maxBytes`. */
function byteCounter(maxBytes: number, onBytes: (total: number) => void): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      total += chunk.length;
      if (total > maxBytes) return callback(tooLarge(maxBytes));
      onBytes(total);
      callback(null, chunk);
    },
  });
}

interface Internal {
  dir: string;
  timer: NodeJS.Timeout | null;
}

/** The uploaded file: the request body, its declared size (Content-Length) and the limit. */
export interface Upload {
  body: Readable | null;
  declaredBytes: number | null;
  maxBytes: number;
}

export interface RegistryOptions {
  ttlMs?: number;
  keepPerOwner?: number;
  now?: () => Date;
}

export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob & Internal>();
  private readonly ttlMs: number;
  private readonly keepPerOwner: number;
  private readonly now: () => Date;

  constructor(
    private readonly db: Db,
    options: RegistryOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? JOB_TTL_MS;
    this.keepPerOwner = options.keepPerOwner ?? JOBS_KEPT_PER_OWNER;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Starts a job for `actor`: receives the upload into a temp file (awaited: a refused or
   * broken upload throws and leaves no job), then runs the import in the background.
   */
  async submit(actor: Actor, input: JobInput, upload: Upload, log?: Logger): Promise<ImportJob> {
    const owner = ownerOf(actor);
    const mine = [...this.jobs.values()].filter((j) => j.owner === owner);
    if (mine.some(running)) throw new AppError("conflict", { fields: [{ field: "body.file", key: "observatoryImportWeb.busy" }] });
    // Registered before any await, so that two simultaneous starts cannot both pass the check above.
    const { job, settle } = this.register(owner, input, upload.declaredBytes);
    let file: string;
    try {
      const oldest = mine.sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
      for (const old of oldest.slice(0, Math.max(0, oldest.length - this.keepPerOwner + 1))) await this.expire(old.id);
      job.dir = await mkdtemp(join(tmpdir(), "vigil-import-job-"));
      file = join(job.dir, `upload.${input.format}`);
      await this.receive(job, file, upload);
    } catch (err) {
      await this.expire(job.id);
      settle();
      throw err;
    }
    void this.process(job, file, log).finally(settle);
    return job;
  }

  private register(owner: string, input: JobInput, declaredBytes: number | null): { job: ImportJob & Internal; settle: () => void } {
    let settle!: () => void;
    const job: ImportJob & Internal = {
      id: randomUUID(),
      owner,
      input,
      phase: "uploading",
      rows: 0,
      bytesRead: 0,
      totalBytes: declaredBytes,
      startedAt: this.now(),
      finishedAt: null,
      result: null,
      errors: [],
      errorCount: 0,
      crashed: false,
      reportPath: null,
      settled: new Promise<void>((resolve) => (settle = resolve)),
      dir: "",
      timer: null,
    };
    this.jobs.set(job.id, job);
    return { job, settle };
  }

  /** The job, for its owner or an agency admin; undefined otherwise (unknown, expired or someone else's). */
  find(id: string, actor: Actor): ImportJob | undefined {
    const job = this.jobs.get(id);
    if (!job) return undefined;
    if (job.finishedAt && this.now().getTime() - job.finishedAt.getTime() >= this.ttlMs) {
      void this.expire(id);
      return undefined;
    }
    return job.owner === ownerOf(actor) || isAdmin(actor) ? job : undefined;
  }

  /** When the job stops being kept (null while it runs). */
  expiresAt(job: ImportJob): Date | null {
    return job.finishedAt ? new Date(job.finishedAt.getTime() + this.ttlMs) : null;
  }

  private async receive(job: ImportJob, file: string, upload: Upload): Promise<void> {
    if (upload.body) {
      await pipeline(upload.body, byteCounter(upload.maxBytes, (n) => (job.bytesRead = n)), createWriteStream(file));
    }
    if (job.bytesRead === 0) throw new AppError("validation_failed", { fields: [{ field: "body.file", key: "validation.required" }] });
    job.totalBytes = job.bytesRead;
  }

  private async process(job: ImportJob & Internal, file: string, log?: Logger): Promise<void> {
    const { input } = job;
    job.phase = input.dryRun ? "checking" : "storing";
    job.bytesRead = 0;
    try {
      const result = await importObservatoryFile(this.db, {
        file,
        format: input.format,
        grain: input.grain,
        source: input.source,
        filename: input.filename,
        importedBy: input.importedBy,
        dryRun: input.dryRun,
        maxErrors: JOB_ERRORS_KEPT,
        onProgress: (p) => {
          job.rows = p.rows;
          job.bytesRead = p.bytesRead;
          job.totalBytes = p.totalBytes;
        },
      });
      job.rows = result.rows;
      if (result.ok) {
        const { rows, batchId, batchKey, periodStart, periodEnd, sha256, replaced } = result;
        job.result = { rows, batchId, batchKey, periodStart, periodEnd, sha256, replaced };
        job.phase = "done";
      } else {
        job.errors = result.errors;
        job.errorCount = result.errorCount;
        job.reportPath = join(job.dir, "errors.csv");
        writeErrorReport(job.reportPath, result.errors, result.errorCount);
        job.phase = "failed";
      }
    } catch (err) {
      log?.error({ err, importJob: job.id }, "observatory import job failed");
      job.crashed = true;
      job.phase = "failed";
    } finally {
      await rm(file, { force: true });
      job.finishedAt = this.now();
      job.timer = setTimeout(() => void this.expire(job.id), this.ttlMs);
      job.timer.unref();
    }
  }

  private async expire(id: string): Promise<void> {
    const job = this.jobs.get(id);
    if (!job) return;
    this.jobs.delete(id);
    if (job.timer) clearTimeout(job.timer);
    if (job.dir) await rm(job.dir, { recursive: true, force: true });
  }
}

const registries = new WeakMap<Db, ImportJobs>();

/** The job registry of a database handle (created on first use). */
export function importJobsOf(db: Db): ImportJobs {
  let registry = registries.get(db);
  if (!registry) {
    registry = new ImportJobs(db);
    registries.set(db, registry);
  }
  return registry;
}
