import type { Generated } from "kysely";

export interface CrimeTaxonomyTable {
  id: Generated<number>;
  /** e.g. `federal-police-2018` */
  version: string;
  title: string;
  /** draft | active | retired */
  status: string;
  source: string;
  created_at: string;
}

export interface CrimeCategoryTable {
  id: Generated<number>;
  taxonomy_id: number;
  /** Stable code within the taxonomy, used in import files, e.g. `theft` or `theft.car`. */
  code: string;
  /** The category a phenomenon belongs to; null for a category. */
  parent_id: number | null;
  /** category | phenomenon */
  level: string;
  position: number;
  label_fr: string;
  label_nl: string;
  label_en: string;
  /** 1 when the label was not checked against the official source (SOURCES.md "UNVERIFIED"). */
  to_verify: number;
}

export interface ObservatoryBatchTable {
  id: Generated<number>;
  /** source|grain|period_start|period_end: importing the same batch again replaces it. */
  batch_key: string;
  /** aggregated | individual */
  grain: string;
  source: string;
  /** YYYY-MM-DD */
  period_start: string;
  period_end: string;
  taxonomy_id: number;
  filename: string;
  sha256: string;
  rows: number;
  is_synthetic: number;
  imported_by: number | null;
  imported_at: string;
}

export interface CrimeCountTable {
  batch_id: number;
  neighbourhood_code: number;
  category_id: number;
  /** YYYY-MM */
  month: string;
  count: number;
}

export interface CrimeFactTable {
  id: Generated<number>;
  batch_id: number;
  /** Local date-time in Brussels, YYYY-MM-DDTHH:MM */
  occurred_at: string;
  category_id: number;
  neighbourhood_code: number;
  lon: number | null;
  lat: number | null;
  attempt: number;
  /** person | business */
  victim_type: string;
}

export interface PriorityZoneProposalTable {
  id: Generated<number>;
  run_key: string;
  category_group: string;
  neighbourhood_code: number;
  /** JSON: why the zone qualifies (per weights, rate kind and year). */
  evidence: string;
  /** proposed | accepted | rejected */
  status: string;
  reason: string | null;
  decided_by: number | null;
  decided_at: string | null;
  created_at: string;
}

export interface PublicationTable {
  id: Generated<number>;
  /** annual_report */
  kind: string;
  /** The last year the publication covers; published years are what the public sees. */
  year: number;
  title_fr: string;
  title_nl: string;
  title_en: string;
  /** draft | published | withdrawn */
  status: string;
  /** JSON manifest (see publications/manifest.ts): everything needed to regenerate identical figures. */
  manifest: string;
  manifest_sha256: string;
  created_by: number | null;
  created_at: string;
  published_by: number | null;
  published_at: string | null;
}
