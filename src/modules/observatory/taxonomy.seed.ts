/**
 * Loads the crime taxonomy shipped in data/observatory/crime_taxonomy.csv (see
 * data/observatory/SOURCES.md): categories, then phenomena pointing at their category.
 */
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import type { Transaction } from "kysely";
import type { Database } from "../../server/db/schema.js";

const FILE = new URL("../../../data/observatory/crime_taxonomy.csv", import.meta.url);

/** Bump when a code or a label in crime_taxonomy.csv changes: a new version is a new taxonomy. */
export const CRIME_TAXONOMY_VERSION = "federal-police-v1";

export interface TaxonomyRow {
  code: string;
  parent_code: string;
  level: "category" | "phenomenon";
  position: number;
  label_fr: string;
  label_nl: string;
  label_en: string;
  to_verify: number;
}

/** The rows of crime_taxonomy.csv, checked: unique codes, every phenomenon under a known category. */
export function readCrimeTaxonomy(): TaxonomyRow[] {
  const raw = parse(readFileSync(FILE), { columns: true, bom: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  const rows = raw.map((r): TaxonomyRow => {
    if (r.level !== "category" && r.level !== "phenomenon") throw new Error(`crime taxonomy: bad level for ${r.code}`);
    return {
      code: r.code!,
      parent_code: r.parent_code ?? "",
      level: r.level,
      position: Number(r.position),
      label_fr: r.label_fr!,
      label_nl: r.label_nl!,
      label_en: r.label_en!,
      to_verify: r.to_verify === "0" ? 0 : 1,
    };
  });
  const categories = new Set(rows.filter((r) => r.level === "category").map((r) => r.code));
  const seen = new Set<string>();
  for (const r of rows) {
    if (!/^[a-z_]+(\.[a-z_]+)?$/.test(r.code) || seen.has(r.code)) throw new Error(`crime taxonomy: bad or duplicate code '${r.code}'`);
    seen.add(r.code);
    const parentOk = r.level === "category" ? r.parent_code === "" : categories.has(r.parent_code);
    if (!parentOk) throw new Error(`crime taxonomy: bad parent for '${r.code}'`);
  }
  return rows;
}

/**
 * Creates taxonomy `federal-police-v1` (status active) with its categories and phenomena.
 * Idempotent: returns false and changes nothing when that version is already there.
 */
export async function seedCrimeTaxonomy(trx: Transaction<Database>): Promise<boolean> {
  const existing = await trx.selectFrom("crime_taxonomies").select("id").where("version", "=", CRIME_TAXONOMY_VERSION).executeTakeFirst();
  if (existing) return false;
  const rows = readCrimeTaxonomy();
  const { id: taxonomyId } = await trx
    .insertInto("crime_taxonomies")
    .values({
      version: CRIME_TAXONOMY_VERSION,
      title: "Federal police crime statistics (categories and phenomena, labels to verify)",
      status: "active",
      source: "data/observatory/crime_taxonomy.csv",
      created_at: new Date().toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const ids = new Map<string, number>();
  // Categories first: phenomena refer to them.
  for (const level of ["category", "phenomenon"] as const) {
    for (const r of rows.filter((x) => x.level === level)) {
      const { id } = await trx
        .insertInto("crime_categories")
        .values({
          taxonomy_id: taxonomyId,
          code: r.code,
          parent_id: r.parent_code ? ids.get(r.parent_code)! : null,
          level: r.level,
          position: r.position,
          label_fr: r.label_fr,
          label_nl: r.label_nl,
          label_en: r.label_en,
          to_verify: r.to_verify,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      ids.set(r.code, id);
    }
  }
  return true;
}
