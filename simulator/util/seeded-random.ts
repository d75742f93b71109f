/** Deterministic 32-bit hash of a list of integers (murmur3 finalizer per step). */
export function hashInts(...values: number[]): number {
  let h = 0x811c9dc5;
  for (const value of values) {
    h = Math.imul(h ^ (value | 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** A small deterministic PRNG (mulberry32); returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MASK_24 = 0xffffff;

/**
 * A bijection on 24-bit integers: distinct inputs give distinct outputs, so MAC suffixes derived from
 * distinct device indexes never collide while still looking random.
 */
export function permute24(value: number): number {
  let x = value & MASK_24;
  x ^= x >>> 12;
  x = Math.imul(x, 0x3a8f05) & MASK_24;
  x ^= x >>> 11;
  x = Math.imul(x, 0x2c1b3d) & MASK_24;
  x ^= x >>> 13;
  return x;
}
