/**
 * Deterministic generator of synthetic registered crime (demo data, NOT real figures):
 * monthly counts per residential neighbourhood, 2009-01..2018-12, for a few categories and
 * phenomena of taxonomy `federal-police-v1`. Same seed, same rows, on every machine.
 *
 * count ~ Poisson(lambda), lambda = rate / 1000 / 12 * population(year) * weight * trend(year) * season(month)
 * - rate: synthetic regional rate per 1,000 residents per year in 2009 (DEMO_SERIES);
 * - weight = centrality * municipality factor * neighbourhood factor, normalised so that the
 *   2009 population-weighted mean is 1 (the regional rate is then `rate` in expectation);
 *   centrality = 1 + 2.5 exp(-d / 1.5 km), d the distance to the Grand Place; the two other
 *   factors are seeded log-normal noise (sd 0.2 and 0.25 on the log scale);
 * - trend: the regional expected count moves geometrically from its 2009 value to
 *   (1 + change) times it in 2018 (counts, as in the 2018 annual report, not rates);
 * - season = 1 + amplitude cos(2 pi (month - peak) / 12), mean 1 over a year.
 * A category's count is the sum of its generated phenomena and of an independent "rest"
 * series, so a phenomenon never exceeds its category. Zero counts are not emitted.
 */
import { DemoRandom, streamSeed } from "./random.js";

export const DEMO_FIRST_YEAR = 2009;
export const DEMO_LAST_YEAR = 2018;
export const DEMO_DEFAULT_SEED = 20180101;
/** The Grand Place (lon, lat): the centre of the centrality factor. */
export const GRAND_PLACE: [number, number] = [4.3525, 50.8467];

export interface DemoSeries {
  /** Code in taxonomy federal-police-v1 (data/observatory/crime_taxonomy.csv). */
  code: string;
  /** The category of a phenomenon; null for a category. */
  parent: string | null;
  /** Synthetic rate per 1,000 residents per year in 2009 (for a category: including its phenomena). */
  rate: number;
  /** Relative change of the regional count 2009 -> 2018 (for a category: including its phenomena). */
  change: number;
  /** Seasonal amplitude (0 = flat) and the month (1-12, fractional) of the peak. */
  amplitude: number;
  peak: number;
}

/** Synthetic parameters: the 2018 report's changes, plausible (invented) rates. Total 145 per 1,000 in 2009. */
export const DEMO_SERIES: readonly DemoSeries[] = [
  { code: "theft", parent: null, rate: 85, change: -0.26, amplitude: 0, peak: 1 },
  { code: "damage", parent: null, rate: 25, change: -0.2, amplitude: 0.05, peak: 7 },
  { code: "physical_integrity", parent: null, rate: 25, change: -0.08, amplitude: 0.1, peak: 7 },
  { code: "drugs", parent: null, rate: 10, change: 0.05, amplitude: 0, peak: 1 },
  { code: "theft.from_vehicle", parent: "theft", rate: 18, change: -0.61, amplitude: 0.1, peak: 0.5 },
  { code: "theft.car", parent: "theft", rate: 3, change: -0.55, amplitude: 0.05, peak: 0.5 },
  { code: "theft.armed_robbery", parent: "theft", rate: 1.5, change: -0.43, amplitude: 0.15, peak: 0.5 },
  { code: "theft.burglary_home", parent: "theft", rate: 7, change: -0.1, amplitude: 0.3, peak: 0.5 },
];

export interface DemoNeighbourhood {
  code: number;
  kind: string;
  centroidLon: number;
  centroidLat: number;
  municipalityNis: number;
}

export interface DemoPopulation {
  neighbourhoodCode: number;
  year: number;
  population: number | null;
}

export interface GeneratedCount {
  neighbourhood: number;
  /** Category or phenomenon code. */
  category: string;
  /** YYYY-MM */
  month: string;
  count: number;
}

export interface DemoInput {
  neighbourhoods: readonly DemoNeighbourhood[];
  population: readonly DemoPopulation[];
  /** Codes present in the taxonomy: only these are emitted. */
  categories: readonly string[];
}

/** Distance in km (equirectangular, fine at the scale of a city). */
export function distanceKm(lon: number, lat: number, to: [number, number] = GRAND_PLACE): number {
  const dx = (lon - to[0]) * 111.32 * Math.cos((to[1] * Math.PI) / 180);
  const dy = (lat - to[1]) * 110.574;
  return Math.hypot(dx, dy);
}

export const centralityFactor = (distance: number): number => 1 + 2.5 * Math.exp(-distance / 1.5);

export const seasonFactor = (month: number, amplitude: number, peak: number): number =>
  1 + amplitude * Math.cos((2 * Math.PI * (month - peak)) / 12);

/** A modelled Poisson part: a phenomenon, or the rest of a category once its phenomena are out. */
interface Part {
  key: string;
  category: string;
  phenomenon: string | null;
  rate: number;
  change: number;
  amplitude: number;
  peak: number;
}

function partsOf(series: readonly DemoSeries[]): Part[] {
  const parts: Part[] = [];
  for (const cat of series.filter((s) => s.parent === null)) {
    const children = series.filter((s) => s.parent === cat.code);
    const rest = cat.rate - children.reduce((sum, c) => sum + c.rate, 0);
    const rest2018 = cat.rate * (1 + cat.change) - children.reduce((sum, c) => sum + c.rate * (1 + c.change), 0);
    if (!(rest > 0 && rest2018 > 0)) throw new Error(`demo series: the phenomena of ${cat.code} exceed it`);
    for (const c of children) parts.push({ key: c.code, category: cat.code, phenomenon: c.code, rate: c.rate, change: c.change, amplitude: c.amplitude, peak: c.peak });
    parts.push({ key: `${cat.code}|rest`, category: cat.code, phenomenon: null, rate: rest, change: rest2018 / rest - 1, amplitude: cat.amplitude, peak: cat.peak });
  }
  return parts;
}

const lognormal = (random: DemoRandom, sd: number) => Math.exp(sd * random.normal() - (sd * sd) / 2);

/** The synthetic counts, ordered by neighbourhood code, category (taxonomy order of DEMO_SERIES), month. */
export function generateDemoCounts(input: DemoInput, seed = DEMO_DEFAULT_SEED, series: readonly DemoSeries[] = DEMO_SERIES): GeneratedCount[] {
  const years = Array.from({ length: DEMO_LAST_YEAR - DEMO_FIRST_YEAR + 1 }, (_, i) => DEMO_FIRST_YEAR + i);
  const places = input.neighbourhoods.filter((n) => n.kind === "residential").sort((a, b) => a.code - b.code);
  const pop = new Map<string, number>();
  for (const p of input.population) pop.set(`${p.neighbourhoodCode}|${p.year}`, p.population ?? 0);
  const popOf = (code: number, year: number) => pop.get(`${code}|${year}`) ?? 0;
  const parts = partsOf(series);

  // Spatial weights per part, then the normalisation and the trend that make the regional
  // expectation exactly rate * population(2009) * (1 + change)^((year - 2009) / 9).
  const weights = parts.map((part) => {
    const muni = new Map<number, number>();
    const raw = places.map((n) => {
      if (!muni.has(n.municipalityNis)) muni.set(n.municipalityNis, lognormal(new DemoRandom(streamSeed(seed, `m|${n.municipalityNis}|${part.key}`)), 0.2));
      const own = lognormal(new DemoRandom(streamSeed(seed, `n|${n.code}|${part.key}`)), 0.25);
      return centralityFactor(distanceKm(n.centroidLon, n.centroidLat)) * muni.get(n.municipalityNis)! * own;
    });
    const weighted = (year: number) => places.reduce((sum, n, i) => sum + popOf(n.code, year) * raw[i]!, 0);
    const pop2009 = places.reduce((sum, n) => sum + popOf(n.code, DEMO_FIRST_YEAR), 0);
    const scale = new Map(
      years.map((y) => {
        const trend = Math.pow(1 + part.change, (y - DEMO_FIRST_YEAR) / (DEMO_LAST_YEAR - DEMO_FIRST_YEAR));
        const w = weighted(y);
        return [y, w > 0 ? (trend * pop2009) / w : 0];
      }),
    );
    return { raw, scale };
  });

  const wanted = new Set(input.categories);
  const categories = series.filter((s) => s.parent === null).map((s) => s.code);
  const out: GeneratedCount[] = [];
  places.forEach((n, i) => {
    const perPart = parts.map((part, p) => {
      const random = new DemoRandom(streamSeed(seed, `c|${n.code}|${part.key}`));
      const counts: number[] = [];
      for (const year of years) {
        const base = (part.rate / 1000 / 12) * popOf(n.code, year) * weights[p]!.raw[i]! * weights[p]!.scale.get(year)!;
        for (let m = 1; m <= 12; m++) counts.push(random.poisson(base * seasonFactor(m, part.amplitude, part.peak)));
      }
      return counts;
    });
    const emit = (code: string, counts: number[]) => {
      if (!wanted.has(code)) return;
      counts.forEach((count, k) => {
        if (count > 0) out.push({ neighbourhood: n.code, category: code, month: monthOf(k), count });
      });
    };
    for (const category of categories) {
      const own = parts.map((part, p) => (part.category === category ? p : -1)).filter((p) => p >= 0);
      emit(category, perPart[own[0]!]!.map((_, k) => own.reduce((sum, p) => sum + perPart[p]![k]!, 0)));
      for (const p of own) if (parts[p]!.phenomenon) emit(parts[p]!.phenomenon!, perPart[p]!);
    }
  });
  return out;
}

function monthOf(index: number): string {
  const year = DEMO_FIRST_YEAR + Math.floor(index / 12);
  return `${year}-${String((index % 12) + 1).padStart(2, "0")}`;
}
