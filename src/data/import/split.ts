// Seeded, stratified train / validation / test split: each class is shuffled with the seed and cut
// in the same proportions, so every split has the class balance of the whole.

import { mulberry32 } from '../../graph/index.ts';

export { mulberry32 };

export const SPLIT_SHARES = { validation: 0.15, test: 0.15 } as const;

/**
 * 0 train, 1 validation, 2 test for each sample. Per class of n samples: round(n × 0.15) go to
 * validation and to test, but the training split always keeps at least one sample of the class.
 */
export function stratifiedSplit(labels: Int32Array, classCount: number, seed: number): Uint8Array {
  const rand = mulberry32(seed);
  const byClass: number[][] = Array.from({ length: classCount }, () => []);
  labels.forEach((c, i) => byClass[c]?.push(i));
  const split = new Uint8Array(labels.length);
  for (const members of byClass) {
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const t = members[i] as number;
      members[i] = members[j] as number;
      members[j] = t;
    }
    const n = members.length;
    let nVal = Math.round(n * SPLIT_SHARES.validation);
    let nTest = Math.round(n * SPLIT_SHARES.test);
    while (n - nVal - nTest < 1 && (nVal > 0 || nTest > 0)) {
      if (nTest >= nVal && nTest > 0) nTest--;
      else nVal--;
    }
    members.forEach((idx, k) => {
      split[idx] = k < n - nVal - nTest ? 0 : k < n - nTest ? 1 : 2;
    });
  }
  return split;
}
