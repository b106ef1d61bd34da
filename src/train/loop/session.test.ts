// The run's probe set (probeSetOf): the rows asked for, the default pick, or the user's pick
// (how many, shuffled) from train.start's probePick.
import { describe, expect, it } from 'vitest';
import { splitIndices } from './batches.ts';
import { probeSetOf } from './session.ts';
import { toyDataset } from './testing.ts';

const data = toyDataset({ n: 200 });
const splits = splitIndices(data, 0.2, 1);
const validation = new Set(splits.validation);
const classCounts = (rows: readonly number[]): number[] => [0, 1].map((c) => rows.filter((i) => data.labels[i] === c).length);

describe('probeSetOf', () => {
  it('keeps the rows asked for, dropping those outside the dataset', () => {
    expect(probeSetOf([5, 7, -1, 2.5, 200, 199], undefined, data, splits, 2)).toEqual([5, 7, 199]);
  });

  it('without a pick takes 8 validation samples, the classes taking turns', () => {
    const rows = probeSetOf(undefined, undefined, data, splits, 2);
    expect(rows).toHaveLength(8);
    expect(rows.every((i) => validation.has(i))).toBe(true);
    expect(classCounts(rows)).toEqual([4, 4]);
  });

  it('takes the count asked for (8 to 16), still from the validation split and balanced', () => {
    const rows = probeSetOf(undefined, { count: 12, shuffle: 0 }, data, splits, 2);
    expect(rows).toHaveLength(12);
    expect(new Set(rows).size).toBe(12);
    expect(rows.every((i) => validation.has(i))).toBe(true);
    expect(classCounts(rows)).toEqual([6, 6]);
    expect(probeSetOf(undefined, { count: 40, shuffle: 0 }, data, splits, 2)).toHaveLength(16);
    expect(probeSetOf(undefined, { count: 2, shuffle: 0 }, data, splits, 2)).toHaveLength(8);
    expect(probeSetOf(undefined, { count: Number.NaN, shuffle: 0 }, data, splits, 2)).toHaveLength(8);
  });

  it('a shuffle seed picks other validation samples, the same ones for the same seed', () => {
    const plain = probeSetOf(undefined, { count: 8, shuffle: 0 }, data, splits, 2);
    expect(plain).toEqual(probeSetOf(undefined, undefined, data, splits, 2));
    const a = probeSetOf(undefined, { count: 8, shuffle: 17 }, data, splits, 2);
    const b = probeSetOf(undefined, { count: 8, shuffle: 18 }, data, splits, 2);
    expect(a).not.toEqual(plain);
    expect(a).not.toEqual(b);
    expect(probeSetOf(undefined, { count: 8, shuffle: 17 }, data, splits, 2)).toEqual(a);
    expect(a.every((i) => validation.has(i))).toBe(true);
    expect(classCounts(a)).toEqual([4, 4]);
  });
});
