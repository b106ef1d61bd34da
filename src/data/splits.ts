// Seeded train/validation/test splits and the class balance of each split.
import { SPLIT_CODE, SPLIT_NAMES } from './types.ts';
import type { SplitName } from './types.ts';
import { createRng } from './random.ts';

export interface SplitFractions {
  readonly validation: number;
  readonly test: number;
}

export const DEFAULT_FRACTIONS: SplitFractions = { validation: 0.15, test: 0.15 };

/**
 * Stratified split: within each class, a seeded shuffle puts round(n·test) samples in test,
 * round(n·validation) in validation and the rest in train. Only samples with `eligible[i]` (all
 * by default) are assigned; the others keep the code already in `into` (for held-out groups).
 */
export function stratifiedSplit(
  labels: Int32Array,
  classes: number,
  fractions: SplitFractions,
  seed: number,
  into: Uint8Array = new Uint8Array(labels.length),
  eligible?: (i: number) => boolean,
): Uint8Array {
  const rng = createRng(seed, 0x5b117);
  const byClass: number[][] = Array.from({ length: classes }, () => []);
  for (let i = 0; i < labels.length; i++) if (eligible === undefined || eligible(i)) byClass[labels[i] as number]?.push(i);
  for (const ids of byClass) {
    rng.shuffle(ids);
    const nTest = Math.round(ids.length * fractions.test);
    const nVal = Math.round(ids.length * fractions.validation);
    ids.forEach((id, k) => {
      into[id] = k < nTest ? SPLIT_CODE.test : k < nTest + nVal ? SPLIT_CODE.validation : SPLIT_CODE.train;
    });
  }
  return into;
}

/** Per split, the count of each class. */
export function classCounts(labels: Int32Array, split: Uint8Array, classes: number): Record<SplitName, number[]> {
  const out = { train: new Array<number>(classes).fill(0), validation: new Array<number>(classes).fill(0), test: new Array<number>(classes).fill(0) };
  for (let i = 0; i < labels.length; i++) {
    const name = SPLIT_NAMES[split[i] as number] as SplitName;
    const row = out[name];
    row[labels[i] as number] = (row[labels[i] as number] ?? 0) + 1;
  }
  return out;
}

export function splitSizes(split: Uint8Array): Record<SplitName, number> {
  const out = { train: 0, validation: 0, test: 0 };
  for (const s of split) out[SPLIT_NAMES[s] as SplitName] += 1;
  return out;
}
