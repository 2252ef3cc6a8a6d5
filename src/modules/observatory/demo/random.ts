/**
 * Seeded randomness for the synthetic demo data (mulberry32, Box-Muller, Poisson), kept
 * here so that the demo never depends on the statistics' own generator: changing one must
 * not change the other's output.
 */

/** Mixes a seed with a text key (FNV-1a over the key, then a murmur3 finaliser). */
export function streamSeed(seed: number, key: string): number {
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class DemoRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1) (mulberry32). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    const u = 1 - this.next(); // (0, 1]
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /**
   * Poisson(mean), exact: Knuth's multiplication method on pieces of at most 20, since a
   * sum of independent Poisson variables is Poisson with the summed mean. Cost ~ mean.
   */
  poisson(mean: number): number {
    if (!(mean > 0)) return 0;
    let count = 0;
    for (let rest = mean; rest > 0; rest -= 20) {
      const limit = Math.exp(-Math.min(rest, 20));
      let product = this.next();
      while (product > limit) {
        count++;
        product *= this.next();
      }
    }
    return count;
  }
}
