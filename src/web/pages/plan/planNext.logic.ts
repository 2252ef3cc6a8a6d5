/** Pure rules of the "next plan" page (no React, no DOM): tested in planNext.logic.test.ts. */
import type { MeasureStatus } from "../../../shared/plan.js";

/** The next plan's years: the year after the current plan ends, for four years. */
export function nextYears(current: { endYear: number }): { startYear: number; endYear: number } {
  return { startYear: current.endYear + 1, endYear: current.endYear + 4 };
}

/**
 * A code or a title of the current plan with its years moved to the next plan's
 * ("gvpp-2017-2020" -> "gvpp-2021-2024"); empty when it does not name the years, so
 * nothing is proposed that would only repeat the current plan's.
 */
export function shiftYears(text: string, from: { startYear: number; endYear: number }, to: { startYear: number; endYear: number }): string {
  const map = new Map([
    [String(from.startYear), String(to.startYear)],
    [String(from.endYear), String(to.endYear)],
  ]);
  const pattern = new RegExp(`(?<!\\d)(${[...map.keys()].join("|")})(?!\\d)`, "g");
  const shifted = text.replace(pattern, (year) => map.get(year) ?? year);
  return shifted === text ? "" : shifted;
}

/** Measures carried over by default: those still to do (neither done nor stopped). */
export function keptByDefault(status: MeasureStatus): boolean {
  return status !== "done" && status !== "stopped";
}

/** The codes to send, in the order of the current plan's list. */
export function keptCodes(measures: Array<{ code: string }>, kept: ReadonlySet<string>): string[] {
  return measures.filter((m) => kept.has(m.code)).map((m) => m.code);
}

/** `kept` with every code of `shown` added (all) or removed (none). */
export function setAll(kept: ReadonlySet<string>, shown: Array<{ code: string }>, keep: boolean): Set<string> {
  const next = new Set(kept);
  for (const m of shown) {
    if (keep) next.add(m.code);
    else next.delete(m.code);
  }
  return next;
}
