/**
 * Sequential, colour-blind-safe classes (ColorBrewer YlGnBu, light to dark) and a hatched
 * grey for "no data", so a missing value never reads as a low one.
 */
const YLGNBU: Record<number, string[]> = {
  1: ["#41b6c4"],
  2: ["#a1dab4", "#225ea8"],
  3: ["#edf8b1", "#7fcdbb", "#2c7fb8"],
  4: ["#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"],
  5: ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"],
  6: ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494"],
  7: ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"],
};

export const DEFAULT_CLASSES = 5;
export const NO_DATA_PATTERN_ID = "vigil-no-data";
export const NO_DATA_FILL = "#e2e2e2";
export const NO_DATA_URL = `url(#${NO_DATA_PATTERN_ID})`;

export function palette(classes: number): string[] {
  const n = Math.min(7, Math.max(1, classes));
  return YLGNBU[n]!;
}

export interface Classes {
  /** Lower and upper bound of each class, in order. */
  ranges: Array<{ from: number | null; to: number | null; colour: string }>;
  classify: (value: number | null | undefined) => string;
}

/**
 * Turns the server's class breaks into classes. `n + 1` edges (min ... max) give n classes;
 * anything else is read as inner thresholds, with open-ended first and last classes.
 */
export function classesFromBreaks(breaks: number[]): Classes {
  const sorted = [...breaks].filter((b) => Number.isFinite(b)).sort((a, b) => a - b);
  let ranges: Classes["ranges"];
  let thresholds: number[];
  if (sorted.length >= 2 && sorted.length - 1 <= 7 && sorted.length !== DEFAULT_CLASSES - 1) {
    const colours = palette(sorted.length - 1);
    ranges = colours.map((colour, i) => ({ from: sorted[i]!, to: sorted[i + 1]!, colour }));
    thresholds = sorted.slice(1, -1);
  } else {
    thresholds = sorted.slice(0, 6);
    const colours = palette(thresholds.length + 1);
    ranges = colours.map((colour, i) => ({ from: i === 0 ? null : thresholds[i - 1]!, to: i < thresholds.length ? thresholds[i]! : null, colour }));
  }
  const classify = (value: number | null | undefined) => {
    if (value === null || value === undefined || !Number.isFinite(value)) return NO_DATA_URL;
    let index = 0;
    while (index < thresholds.length && value >= thresholds[index]!) index++;
    return ranges[Math.min(index, ranges.length - 1)]!.colour;
  };
  return { ranges, classify };
}
