/**
 * Progress roll-up, measure -> theme -> plan, as pure functions that also say how each
 * figure was computed (the dashboard opens this explanation when a % is clicked).
 *
 * theme progress = sum(w_m * p_m) / sum(w_m) over its measures that count;
 * plan progress  = sum(W_t * P_t) / sum(W_t) over themes that have counted measures.
 * Stopped measures and zero weights do not count; a theme without counted measures does
 * not count in the plan.
 */

export interface RollUpMeasure {
  id: number;
  label: string;
  themeId: number;
  weight: number;
  /** 0-100 */
  progress: number;
  status: string;
}

export interface RollUpTheme {
  id: number;
  label: string;
  weight: number;
}

export interface ExplanationPart {
  kind: "theme" | "measure";
  id: number;
  label: string;
  weight: number;
  value: number | null;
  /** weight * value / (sum of counted weights); 0 when not counted. */
  contribution: number;
  counted: boolean;
  reason?: "stopped" | "no_measures" | "zero_weight";
}

export interface Explanation {
  /** null when nothing counts (no measure, or all stopped). */
  value: number | null;
  method: "weighted_mean";
  parts: ExplanationPart[];
}

function weightedMean(parts: Omit<ExplanationPart, "contribution">[]): Explanation {
  const counted = parts.filter((p) => p.counted);
  const total = counted.reduce((sum, p) => sum + p.weight, 0);
  const withContribution = parts.map((p) => ({
    ...p,
    contribution: p.counted && total > 0 ? (p.weight * (p.value ?? 0)) / total : 0,
  }));
  const value = total > 0 ? withContribution.reduce((sum, p) => sum + p.contribution, 0) : null;
  return { value, method: "weighted_mean", parts: withContribution };
}

/** One theme's progress from its measures. */
export function themeProgress(measures: RollUpMeasure[]): Explanation {
  return weightedMean(
    measures.map((m) => {
      const reason = m.status === "stopped" ? "stopped" : m.weight <= 0 ? "zero_weight" : undefined;
      return { kind: "measure", id: m.id, label: m.label, weight: m.weight, value: m.progress, counted: !reason, ...(reason ? { reason } : {}) };
    }),
  );
}

/** The plan's progress from its themes, each rolled up from its measures. */
export function planProgress(themes: RollUpTheme[], measures: RollUpMeasure[]): Explanation & { themes: Map<number, Explanation> } {
  const byTheme = new Map(themes.map((t) => [t.id, themeProgress(measures.filter((m) => m.themeId === t.id))]));
  const explanation = weightedMean(
    themes.map((t) => {
      const value = byTheme.get(t.id)!.value;
      const reason = value === null ? "no_measures" : t.weight <= 0 ? "zero_weight" : undefined;
      return { kind: "theme", id: t.id, label: t.label, weight: t.weight, value, counted: !reason, ...(reason ? { reason } : {}) };
    }),
  );
  return { ...explanation, themes: byTheme };
}
