/**
 * Small pieces every part of the plan module uses: finding a plan or a measure (404
 * otherwise) and reading trilingual titles. Each use case lives in its own file
 * (measures, bodies, rounds, files, snapshot); they share only this.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../server/db/schema.js";
import { notFound } from "../../shared/errors.js";

/** Services read through a database or a transaction alike. */
export type Reader = Kysely<Database>;

export interface Titles {
  fr: string;
  nl: string;
  en: string;
}

/** Titles of a row with `<prefix>_fr/_nl[/_en]` columns; English falls back to French. */
export function titlesOf(row: Record<string, unknown>, prefix = "title"): Titles {
  const fr = String(row[`${prefix}_fr`] ?? "");
  return { fr, nl: String(row[`${prefix}_nl`] ?? ""), en: String(row[`${prefix}_en`] ?? "") || fr };
}

export async function planOr404(db: Reader, planId: number) {
  const plan = await db.selectFrom("plans").selectAll().where("id", "=", planId).executeTakeFirst();
  if (!plan) throw notFound("plan", planId);
  return plan;
}

export async function measureOr404(db: Reader, measureId: number) {
  const measure = await db.selectFrom("plan_measures").selectAll().where("id", "=", measureId).executeTakeFirst();
  if (!measure) throw notFound("measure", measureId);
  return measure;
}

/** Today's date as `YYYY-MM-DD` in Brussels (deadlines and due dates are Brussels days). */
export function brusselsDay(at: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Brussels", year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

const codeCollator = new Intl.Collator("en", { numeric: true });

/** Measure codes in natural order (1.2 before 1.10). One shared collator: `localeCompare` with options builds one per call. */
export function compareCodes(a: string, b: string): number {
  return codeCollator.compare(a, b);
}
