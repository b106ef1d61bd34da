// Seeded weight initialisation. tfjs initialisers without an explicit seed draw their seed from
// Math.random (tfjs-core rand_util: `seed ? seed : Math.random()`), so replacing Math.random with a
// seeded generator while the layers are built makes every initial weight reproducible — built-in
// and custom layers alike — without giving each initialiser its own seed.

import { mulberry32 } from '../graph/index.ts';

export { mulberry32 };

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
