/**
 * Seeded pseudo-random numbers for permutation inference, so every published pseudo-p
 * value reproduces from its seed. Generator: mulberry32 (Tommy Ettinger, public domain),
 * 32-bit state, period 2^32 — ample for 9,999 permutations of a few hundred units.
 * The seed is mixed with splitmix32 first so that nearby seeds give unrelated streams.
 */

export interface Rng {
  /** Uniform in [0, 1), 32 bits of resolution. */
  next(): number;
  /** Uniform integer in [0, bound), bound <= 2^32, without modulo bias. */
  int(bound: number): number;
}

function splitmix32(seed: number): number {
  let z = (seed + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export function createRng(seed: number): Rng {
  let state = splitmix32(seed >>> 0);
  const nextUint32 = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return {
    next: () => nextUint32() / 4294967296,
    int(bound: number): number {
      if (!(bound >= 1 && bound <= 4294967296)) throw new RangeError(`bound out of range: ${bound}`);
      // Rejection sampling: discard the top incomplete block of 2^32 values.
      const limit = 4294967296 - (4294967296 % bound);
      let u = nextUint32();
      while (u >= limit) u = nextUint32();
      return u % bound;
    },
  };
}

/**
 * Partial Fisher-Yates: moves k distinct elements, drawn uniformly without replacement
 * from pool[0..size), into pool[0..k). The pool is permuted in place and stays a
 * permutation of its contents, so it can be reused for the next draw without resetting.
 */
export function sampleInPlace(rng: Rng, pool: Int32Array | number[], size: number, k: number): void {
  if (k > size) throw new RangeError(`cannot draw ${k} of ${size}`);
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(size - i);
    const tmp = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = tmp;
  }
}

/** A full uniform shuffle (Fisher-Yates) of pool[0..size). */
export function shuffleInPlace(rng: Rng, pool: Int32Array | number[], size = pool.length): void {
  sampleInPlace(rng, pool, size, size);
}
