// Seeded weight initialisation. tfjs initialisers without an explicit seed draw their seed from
// Math.random (tfjs-core rand_util: `seed ? seed : Math.random()`), so replacing Math.random with a
// seeded generator while the layers are built makes every initial weight reproducible — built-in
// and custom layers alike — without giving each initialiser its own seed.

/** mulberry32: a small, fast deterministic generator of numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Runs `fn` (synchronous) with Math.random replaced by a generator seeded with `seed`, and restores
 * it afterwards, also when `fn` throws. With seed undefined, just runs `fn`.
 */
export function withSeed<T>(seed: number | undefined, fn: () => T): T {
  if (seed === undefined) return fn();
  const original = Math.random;
  const next = mulberry32(seed);
  // A zero would make tfjs fall back to Math.random again (it tests `seed ? seed : …`).
  Math.random = () => next() || 1e-9;
  try {
    return fn();
  } finally {
    Math.random = original;
  }
}
