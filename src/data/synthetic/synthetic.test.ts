import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { logisticAccuracy, mlpAccuracy } from '../classifiers.testing.ts';
import type { DatasetArrays } from '../types.ts';
import { SYNTHETIC_DATASETS, describeSynthetic, generateSynthetic, mixed, redundancy, synergy, syntheticOptions, uniqueness } from './index.ts';
import { VOCABULARY } from './words.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const small = (extra: Record<string, number> = {}) => syntheticOptions({ samples: 400, ...extra });

function sameArrays(a: DatasetArrays, b: DatasetArrays): boolean {
  const eq = (x: ArrayLike<number>, y: ArrayLike<number>) => x.length === y.length && Array.prototype.every.call(x, (v: number, i: number) => Object.is(v, y[i]));
  return (
    eq(a.labels, b.labels) &&
    eq(a.split, b.split) &&
    Object.keys(a.inputs).every((k) => eq(a.inputs[k] as ArrayLike<number>, b.inputs[k] as ArrayLike<number>)) &&
    Object.keys(a.present).every((k) => eq(a.present[k] as ArrayLike<number>, b.present[k] as ArrayLike<number>))
  );
}

describe.each(SYNTHETIC_DATASETS.map((d) => [d.id, d] as const))('%s', (_id, d) => {
  it('is deterministic per seed: same seed, identical arrays; another seed, different ones', () => {
    const a = generateSynthetic(d, small({ seed: 7 }));
    const b = generateSynthetic(d, small({ seed: 7 }));
    const c = generateSynthetic(d, small({ seed: 8 }));
    expect(sameArrays(a, b)).toBe(true);
    expect(a.info).toEqual(b.info);
    expect(sameArrays(a, c)).toBe(false);
    for (const name of Object.keys(a.inputs)) expect(a.inputs[name]).not.toEqual(c.inputs[name]);
  });

  it('has two modalities with the catalogue shapes, balanced classes and a 70/15/15 stratified split', () => {
    const data = generateSynthetic(d, small());
    const desc = describeSynthetic(d);
    expect(data.info.modalities.map((m) => [m.name, m.kind, m.shape])).toEqual(desc.modalities.map((m) => [m.name, m.kind, m.shape]));
    for (const m of data.info.modalities) {
      const size = m.shape.reduce((a, b) => a * b, 1);
      expect(data.inputs[m.name]?.length).toBe(400 * size);
      expect(m.kind === 'text' ? data.inputs[m.name] instanceof Int32Array : data.inputs[m.name] instanceof Float32Array).toBe(true);
    }
    const K = d.classes.length;
    const per = data.info.classes.map((_, c) => data.info.classCounts.train[c]! + data.info.classCounts.validation[c]! + data.info.classCounts.test[c]!);
    expect(Math.max(...per) - Math.min(...per)).toBeLessThanOrEqual(1);
    expect(data.info.splits.train + data.info.splits.validation + data.info.splits.test).toBe(400);
    expect(data.info.splits.test).toBeGreaterThanOrEqual(Math.floor(400 * 0.15) - K);
    expect(data.info.splits.test).toBeLessThanOrEqual(Math.ceil(400 * 0.15) + K);
    expect(data.info.description).toMatch(/fusion/);
    expect(data.info.splitNote).toMatch(/seed 42/);
    expect(describeSynthetic(d).splits).toEqual(generateSynthetic(d, syntheticOptions({})).info.splits);
  });

  it('with a missing-modality rate, masks samples and zeroes their inputs (never both modalities)', () => {
    const data = generateSynthetic(d, small({ missingRate: 0.4 }));
    const [a, b] = data.info.modalities;
    const pa = data.present[a!.name]!;
    const pb = data.present[b!.name]!;
    let missing = 0;
    for (let i = 0; i < 400; i++) {
      expect(pa[i]! + pb[i]!).toBeGreaterThanOrEqual(1);
      for (const [m, p] of [[a!, pa], [b!, pb]] as const) {
        if (p[i] === 1) continue;
        missing++;
        const size = m.shape.reduce((x, y) => x * y, 1);
        expect(Array.from(data.inputs[m.name]!.subarray(i * size, (i + 1) * size)).every((v) => v === 0)).toBe(true);
      }
    }
    expect(missing / 400).toBeGreaterThan(0.25);
    expect(missing / 400).toBeLessThan(0.55);
    expect(data.info.modalities.every((m) => m.canBeMissing)).toBe(true);
    // The data itself does not change with the missing rate: only the mask does.
    const full = generateSynthetic(d, small());
    expect(full.present).toEqual({});
    expect(Array.from(full.labels)).toEqual(Array.from(data.labels));
  });
});

describe('what each modality carries', () => {
  it('synergy (XOR): either modality alone stays near chance, both together learn', async () => {
    const data = generateSynthetic(synergy, syntheticOptions({ samples: 2000 }));
    const image = await mlpAccuracy(data, ['image'], 15);
    const audio = await mlpAccuracy(data, ['audio'], 15);
    const both = await mlpAccuracy(data, ['image', 'audio'], 30);
    expect(image).toBeLessThanOrEqual(0.6);
    expect(audio).toBeLessThanOrEqual(0.6);
    expect(logisticAccuracy(data, ['image', 'audio'])).toBeLessThanOrEqual(0.6); // additive (linear) fusion cannot do XOR either
    expect(both).toBeGreaterThanOrEqual(0.9);
  }, 120_000);

  it('uniqueness: the audio predicts the pitch, the sensor row alone stays near chance', () => {
    const data = generateSynthetic(uniqueness, syntheticOptions({ samples: 1500 }));
    expect(logisticAccuracy(data, ['sensors'])).toBeLessThanOrEqual(1 / 3 + 0.1);
    expect(logisticAccuracy(data, ['audio'])).toBeGreaterThanOrEqual(0.9);
  }, 60_000);

  it('redundancy: the caption alone predicts the shape; with noise, some samples lose it', () => {
    const clean = generateSynthetic(redundancy, syntheticOptions({ samples: 1500, noise: 0 }));
    expect(logisticAccuracy(clean, ['text'])).toBeGreaterThanOrEqual(0.97);
    const noisy = generateSynthetic(redundancy, syntheticOptions({ samples: 1500, noise: 0.6 }));
    const acc = logisticAccuracy(noisy, ['text']);
    expect(acc).toBeLessThan(0.9); // 30% of captions say "thing"
    expect(acc).toBeGreaterThan(0.6);
  }, 60_000);

  it('mixed: each modality alone gets the redundant half (about 50% of 4 classes), both get the rest', async () => {
    const data = generateSynthetic(mixed, syntheticOptions({ samples: 1500 }));
    for (const m of ['readings', 'note']) {
      const acc = logisticAccuracy(data, [m]);
      expect(acc).toBeGreaterThan(0.4);
      expect(acc).toBeLessThan(0.62);
    }
    expect(await mlpAccuracy(data, ['readings', 'note'], 30)).toBeGreaterThanOrEqual(0.9);
  }, 120_000);
});

describe('options and vocabulary', () => {
  it('clamps and defaults options', () => {
    expect(syntheticOptions(undefined)).toEqual({ noise: 0.2, missingRate: 0, seed: 42, samples: 4000 });
    expect(syntheticOptions({ noise: 3, missingRate: -1, seed: 1.6, samples: 10, extra: 'x' })).toEqual({ noise: 1, missingRate: 0, seed: 2, samples: 200 });
    expect(syntheticOptions({ noise: 'loud' })).toMatchObject({ noise: 0.2 });
  });

  it('text uses the shared vocabulary: 0 pads, 1 is unknown, every id is in range', () => {
    expect(VOCABULARY[0]).toBe('<pad>');
    expect(VOCABULARY[1]).toBe('<unk>');
    const data = generateSynthetic(redundancy, small());
    const text = data.inputs['text'] as Int32Array;
    expect(Math.max(...text)).toBeLessThan(VOCABULARY.length);
    expect(Math.min(...text)).toBeGreaterThanOrEqual(0);
    const m = data.info.modalities.find((x) => x.name === 'text');
    expect(m?.preprocessing).toMatchObject({ kind: 'text', maxLength: 10, padId: 0, unknownId: 1 });
  });

  it('standardises audio and tabular with training statistics recorded in the preprocessing', () => {
    const data = generateSynthetic(uniqueness, small());
    const audio = data.info.modalities.find((m) => m.kind === 'audio');
    const tab = data.info.modalities.find((m) => m.kind === 'tabular');
    expect(audio?.preprocessing).toMatchObject({ kind: 'audio', sampleRate: 4000, clipSamples: 1024, frameLength: 64, frameStep: 48, fftLength: 64 });
    expect(tab?.preprocessing.kind === 'tabular' && tab.preprocessing.columns.length).toBe(6);
    const x = data.inputs['sensors'] as Float32Array;
    let mean = 0;
    let n = 0;
    for (let i = 0; i < 400; i++) {
      if (data.split[i] !== 0) continue;
      mean += x[i * 6] ?? 0;
      n++;
    }
    expect(Math.abs(mean / n)).toBeLessThan(1e-3);
  });

  it('leaves no tensors behind', () => {
    const before = tf.memory().numTensors;
    generateSynthetic(synergy, small());
    expect(tf.memory().numTensors).toBe(before);
  });
});
