/** Pure rules of the plan pages (no React, no DOM): tested in plan.logic.test.ts. */
import { palette } from "../../components/map/palette.js";
import type { Overview, Plan } from "./plan.types.js";

/** A plan's title, with its years when the title does not already say them. */
export function planTitle(plan: Pick<Plan, "title" | "startYear" | "endYear">): string {
  return plan.title.includes(String(plan.startYear)) ? plan.title : `${plan.title} (${plan.startYear}-${plan.endYear})`;
}

/** The chosen plan if it still exists, else the first active one, else the first. */
export function pickPlan(plans: Plan[], chosen: number | null): Plan | null {
  return plans.find((p) => p.id === chosen) ?? plans.find((p) => p.status === "active") ?? plans[0] ?? null;
}

/** A typed number (decimal comma accepted); anything else is sent as typed, so the server names the field. */
export function toNumber(text: string): number | string {
  const value = Number(text.trim().replace(",", "."));
  return text.trim() !== "" && Number.isFinite(value) ? value : text;
}

/** Measures per municipality (NIS code): named directly, or through one of its neighbourhoods. */
export function measuresByMunicipality(territorial: Overview["territorial"], neighbourhoodMunicipality: Map<number, number>): Map<number, Set<number>> {
  const result = new Map<number, Set<number>>();
  const add = (nis: number, measureId: number) => {
    const set = result.get(nis) ?? new Set<number>();
    set.add(measureId);
    result.set(nis, set);
  };
  for (const m of territorial) {
    for (const place of m.territories) {
      if (place.level === "municipality") add(Number(place.code), m.measureId);
      if (place.level === "neighbourhood") {
        const nis = neighbourhoodMunicipality.get(Number(place.code));
        if (nis !== undefined) add(nis, m.measureId);
      }
    }
  }
  return result;
}

const EMPTY_FILL = "#eceef1";
const CLASSES = palette(4);

/** A class colour for a number of measures (0 is a plain light grey, then four darker steps). */
export function fillForCount(count: number): string {
  return count <= 0 ? EMPTY_FILL : CLASSES[Math.min(count, CLASSES.length) - 1]!;
}
