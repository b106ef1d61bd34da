// The bundle runtime's preprocessing (raw data → model input) gives what training gave: real
// AV-Digits images and WAV recordings against the AV-Digits loader, and a CSV's text, numbers and
// categories against the importer.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { wavBytes, type AvDigitsRaw } from '../../../data/avdigits/load.ts';
import type { DatasetArrays, ModalitySpec } from '../../../data/types.ts';
import { decodeWav, encodeWav16 } from '../../../data/wav.ts';
import { nodeApis } from '../../pytorch/testing.ts';
import type { BundleInput } from '../format.ts';
import { avDigitsSubset, shopDataset, shopRecords } from '../testing.ts';
import { InputError, preprocessValue } from './preprocess.ts';

/** The input of a bundle that reads `spec` (as the bundle writer makes it). */
function inputFor(spec: ModalitySpec, index = 0): BundleInput {
  return {
    nodeId: `in_${spec.name}`,
    label: null,
    inputIndex: index,
    name: `in_${spec.name}`,
    modality: spec.name,
    kind: spec.kind,
    shape: spec.shape,
    dtype: spec.kind === 'text' ? 'int32' : 'float32',
    preprocessing: spec.preprocessing,
    canBeMissing: spec.canBeMissing,
  };
}

function row(data: DatasetArrays, modality: string, i: number): Float32Array | Int32Array {
  const spec = data.info.modalities.find((m) => m.name === modality);
  const values = data.inputs[modality];
  if (!spec || !values) throw new Error(`no modality ${modality}`);
  const n = spec.shape.reduce((a, b) => a * b, 1);
  return values.subarray(i * n, (i + 1) * n);
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs((a[i] as number) - (b[i] as number)));
  return d;
}

describe('AV-Digits: raw MNIST pixels and FSDD WAV files', () => {
  let raw: AvDigitsRaw;
  let data: DatasetArrays;
  // Every fourth take of every speaker and digit (the statistics differ from the full set's, but the
  // preprocessing record is this dataset's own, as a bundle's would be).
  const rows = [0, 7, 61, 150, 299];

  beforeAll(async () => {
    await tf.setBackend('cpu');
    ({ raw, data } = await avDigitsSubset(await nodeApis(), 4));
  }, 60_000);

  it('images: pixel / 255, exactly as the loader', () => {
    const spec = data.info.modalities.find((m) => m.kind === 'image') as ModalitySpec;
    for (const i of rows) {
      const pixels = raw.images.subarray(i * 784, (i + 1) * 784);
      expect(maxDiff(preprocessValue(inputFor(spec), pixels), row(data, spec.name, i))).toBe(0);
    }
  });

  it('audio: WAV bytes → resampled, padded or cut, log spectrogram, standardised: within 1e-5 of the loader', () => {
    const spec = data.info.modalities.find((m) => m.kind === 'audio') as ModalitySpec;
    let worst = 0;
    for (const i of rows) {
      const got = preprocessValue(inputFor(spec), wavBytes(raw, i));
      worst = Math.max(worst, maxDiff(got, row(data, spec.name, i)));
    }
    console.info(`audio preprocessing: max |runtime − loader| = ${worst.toExponential(2)}`);
    expect(worst).toBeLessThanOrEqual(1e-5);
  });

  it('audio given as a waveform, or as { samples, sampleRate } at another rate, gives the same spectrogram as the WAV file', () => {
    const spec = data.info.modalities.find((m) => m.kind === 'audio') as ModalitySpec;
    const i = rows[1] as number;
    const wav = decodeWav(wavBytes(raw, i));
    const fromWav = preprocessValue(inputFor(spec), wavBytes(raw, i));
    expect(maxDiff(preprocessValue(inputFor(spec), wav.samples), fromWav)).toBe(0);
    expect(maxDiff(preprocessValue(inputFor(spec), { samples: Array.from(wav.samples), sampleRate: wav.sampleRate }), fromWav)).toBe(0);
    // A 16 kHz file of the same sound is resampled to 8 kHz: close, not equal.
    const up = new Float32Array(wav.samples.length * 2);
    wav.samples.forEach((v, k) => {
      up[2 * k] = v;
      up[2 * k + 1] = v;
    });
    const resampled = preprocessValue(inputFor(spec), encodeWav16(up, 16000));
    expect(resampled.length).toBe(fromWav.length);
    expect(maxDiff(resampled, fromWav)).toBeGreaterThan(0);
  });

  it('a missing modality is zeros; a wrong size is refused with the sizes in the message', () => {
    const spec = data.info.modalities.find((m) => m.kind === 'image') as ModalitySpec;
    expect(Array.from(preprocessValue(inputFor(spec), null)).every((v) => v === 0)).toBe(true);
    expect(() => preprocessValue(inputFor(spec), new Uint8Array(100))).toThrow(InputError);
    expect(() => preprocessValue(inputFor(spec), new Uint8Array(100))).toThrow(/expected 784 values \(28×28×1, HWC order\), got 100/);
    expect(() => preprocessValue(inputFor(spec), { data: new Uint8ClampedArray(32 * 32 * 4), width: 32, height: 32 })).toThrow(/32×32, the model reads 28×28/);
  });
});

describe('a CSV import: text, numbers with missing values, and a category', () => {
  const records = shopRecords();

  it('tokens and standardised, filled and one-hot columns equal the importer’s, row by row', async () => {
    const arrays = await shopDataset();
    const table = arrays.info.modalities.find((m) => m.kind === 'tabular') as ModalitySpec;
    const text = arrays.info.modalities.find((m) => m.kind === 'text') as ModalitySpec;
    expect(table.preprocessing.kind === 'tabular' && table.preprocessing.columns).toEqual(['age', 'height', 'colour=blue', 'colour=green', 'colour=red']);
    records.forEach((r, i) => {
      expect(Array.from(preprocessValue(inputFor(text, 1), r.review)), `row ${i}: ${r.review}`).toEqual(Array.from(row(arrays, text.name, i)));
      const byName = preprocessValue(inputFor(table), { age: r.age, height: r.height, colour: r.colour });
      expect(maxDiff(byName, row(arrays, table.name, i)), `row ${i}`).toBeLessThanOrEqual(1e-6);
      const oneHot = ['blue', 'green', 'red'].map((c) => (c === r.colour ? 1 : 0));
      const byPosition = preprocessValue(inputFor(table), [r.age ?? Number.NaN, r.height ?? Number.NaN, ...oneHot]);
      expect(maxDiff(byPosition, row(arrays, table.name, i)), `row ${i}`).toBeLessThanOrEqual(1e-6);
    });
    expect(() => preprocessValue(inputFor(table), { age: 3, weight: 70 })).toThrow(/unknown column\(s\) weight/);
  });
});
