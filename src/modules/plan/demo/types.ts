import type { Approach, IndicatorDirection, MeasureStatus, Pillar, TerritoryLevel } from "../../../shared/plan.js";

export const P: Pillar = "prevention";
export const R: Pillar = "reaction";
export const A: Pillar = "analysis_evaluation";
export const TRANSVERSAL: Approach = "transversal";
export const THEMATIC: Approach = "thematic";
export const TERRITORIAL: Approach = "territorial";

export interface DemoIndicator {
  fr: string;
  nl: string;
  /** count | percent | eur | days ... */
  unit: string;
  direction: IndicatorDirection;
  /** Value in 2016. */
  baseline: number;
  /** Value aimed at for 2020. */
  target: number;
}

/** One measure of the demo plan as written by hand; the rest (dates, progress, reporting) is derived. */
export interface DemoMeasure {
  code: string;
  pillar: Pillar;
  approach: Approach;
  /** Organisation code of the lead. */
  lead: string;
  partners?: string[];
  /** Transversal goal numbers (1-5). */
  goals: number[];
  /** BBPP priority numbers (1-5), for the municipal prevention measures. */
  priorities?: number[];
  /** When the measure targets part of the region only. */
  territories?: [TerritoryLevel, number][];
  /** Status at the end of 2018 when the story of the measure fixes it (otherwise drawn). */
  status?: MeasureStatus;
  weight?: number;
  /** [title, description] */
  fr: [string, string];
  nl: [string, string];
  /**
   * Milestone titles [fr, nl], in order, when the measure has its own; with a third
   * element, the due day the story fixes (then all have one, and the status is fixed).
   */
  milestones?: [string, string, string?][];
  indicators?: DemoIndicator[];
}

export function indicator(fr: string, nl: string, unit: string, direction: IndicatorDirection, baseline: number, target: number): DemoIndicator {
  return { fr, nl, unit, direction, baseline, target };
}

/** The six police zones of the region. */
export const ZONES = ["pz-5339", "pz-5340", "pz-5341", "pz-5342", "pz-5343", "pz-5344"];
/** The Pentagon (city centre) neighbourhoods. */
export const PENTAGON: [TerritoryLevel, number][] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((code) => ["neighbourhood", code]);
