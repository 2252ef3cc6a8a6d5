/**
 * Deterministic randomness and day arithmetic for the demo content: every choice comes
 * from a seeded generator (mulberry32) keyed by a stable text (a measure code, a body
 * name), so the demo is the same on every run and every database.
 */

/** FNV-1a hash of a text: the seed of its own generator. */
export function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export class Random {
  private state: number;

  constructor(seed: number | string) {
    this.state = typeof seed === "string" ? seedOf(seed) : seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** A new array in random order (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  /** A day in [from, to] (`YYYY-MM-DD`). */
  day(from: string, to: string): string {
    return addDays(from, this.int(0, Math.max(0, daysBetween(from, to))));
  }

  /** `count` days in [from, to], ascending. */
  days(count: number, from: string, to: string): string[] {
    return Array.from({ length: count }, () => this.day(from, to)).sort();
  }
}

const DAY_MS = 86_400_000;

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function minDay(...days: string[]): string {
  return days.reduce((a, b) => (a < b ? a : b));
}

export function maxDay(...days: string[]): string {
  return days.reduce((a, b) => (a > b ? a : b));
}

const brusselsClock = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Brussels", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** The UTC instant (ISO-8601) of a Brussels wall-clock time, e.g. ("2018-04-17", "09:30"). */
export function brusselsInstant(day: string, time: string): string {
  for (const offset of [1, 2]) {
    const [h, m] = time.split(":").map(Number) as [number, number];
    const at = new Date(Date.parse(`${day}T00:00:00Z`) + ((h - offset) * 60 + m) * 60_000);
    if (brusselsClock.format(at) === time) return at.toISOString();
  }
  throw new Error(`no Brussels instant for ${day} ${time}`);
}

/** `DD/MM/YYYY`, as dates are written in French and Dutch text. */
export function writtenDay(day: string): string {
  const [y, m, d] = day.split("-");
  return `${d}/${m}/${y}`;
}
