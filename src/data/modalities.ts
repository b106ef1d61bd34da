// Building ModalitySpecs (shape + preprocessing) and applying standardisation, for every loader.
import { roundStat } from '../graph/dataset.ts';
import type { ModalitySpec, Preprocessing } from './types.ts';
import { SPLIT_CODE } from './types.ts';
import { fftLengthFor, spectrogramShape, DEFAULT_EPSILON } from './spectrogram.ts';
import type { SpectrogramSettings } from './spectrogram.ts';

export const PAD_ID = 0;
export const UNKNOWN_ID = 1;

export function imageModality(name: string, height: number, width: number, channels: number, canBeMissing: boolean): ModalitySpec {
  return { name, kind: 'image', shape: [height, width, channels], preprocessing: { kind: 'image', height, width, channels, scale: 'unit' }, canBeMissing };
}

export function audioModality(name: string, s: SpectrogramSettings, stats: { mean: number; std: number }, canBeMissing: boolean, epsilon = DEFAULT_EPSILON): ModalitySpec {
  return {
    name,
    kind: 'audio',
    shape: spectrogramShape(s),
    preprocessing: {
      kind: 'audio',
      sampleRate: s.sampleRate,
      clipSamples: s.clipSamples,
      frameLength: s.frameLength,
      frameStep: s.frameStep,
      fftLength: fftLengthFor(s.frameLength),
      epsilon,
      mean: stats.mean,
      std: stats.std,
    },
    canBeMissing,
  };
}

export function textModality(name: string, vocabulary: readonly string[], maxLength: number, canBeMissing: boolean): ModalitySpec {
  return { name, kind: 'text', shape: [maxLength], preprocessing: { kind: 'text', maxLength, vocabulary: [...vocabulary], lowercase: true, padId: 0, unknownId: 1 }, canBeMissing };
}

export function tabularModality(name: string, columns: readonly string[], stats: { mean: readonly number[]; std: readonly number[] }, canBeMissing: boolean): ModalitySpec {
  return {
    name,
    kind: 'tabular',
    shape: [columns.length],
    preprocessing: { kind: 'tabular', columns: [...columns], mean: [...stats.mean], std: [...stats.std], fill: [...stats.mean] },
    canBeMissing,
  };
}

/** Rows that count towards statistics: training split, modality present. */
function statRows(split: Uint8Array, present: Uint8Array | undefined): number[] {
  const rows: number[] = [];
  for (let i = 0; i < split.length; i++) if (split[i] === SPLIT_CODE.train && (present === undefined || present[i] === 1)) rows.push(i);
  return rows;
}

/**
 * Standardises all values in place with one mean and std taken over the training rows (modality
 * present), rounded with roundStat; returns them. Used for spectrograms.
 */
export function standardiseScalar(values: Float32Array, rowSize: number, split: Uint8Array, present?: Uint8Array): { mean: number; std: number } {
  const rows = statRows(split, present);
  let sum = 0;
  let sumSq = 0;
  for (const r of rows) {
    for (let j = r * rowSize, end = j + rowSize; j < end; j++) {
      const v = values[j] as number;
      sum += v;
      sumSq += v * v;
    }
  }
  const n = Math.max(1, rows.length * rowSize);
  const mean = roundStat(sum / n);
  const std = roundStat(Math.sqrt(Math.max(1e-12, sumSq / n - (sum / n) ** 2)));
  const inv = 1 / std;
  for (let j = 0; j < values.length; j++) values[j] = ((values[j] as number) - mean) * inv;
  return { mean, std };
}

/** Standardises each column (rowSize columns) in place with training-row statistics; returns them. */
export function standardiseColumns(values: Float32Array, rowSize: number, split: Uint8Array, present?: Uint8Array): { mean: number[]; std: number[] } {
  const rows = statRows(split, present);
  const mean: number[] = [];
  const std: number[] = [];
  for (let c = 0; c < rowSize; c++) {
    let sum = 0;
    let sumSq = 0;
    for (const r of rows) {
      const v = values[r * rowSize + c] as number;
      sum += v;
      sumSq += v * v;
    }
    const n = Math.max(1, rows.length);
    const m = sum / n;
    mean.push(roundStat(m));
    std.push(roundStat(Math.sqrt(Math.max(1e-12, sumSq / n - m * m))));
  }
  for (let i = 0; i < values.length; i++) {
    const c = i % rowSize;
    values[i] = ((values[i] as number) - (mean[c] as number)) / (std[c] as number);
  }
  return { mean, std };
}

/** Zeroes the rows of missing samples (present[i] = 0). */
export function zeroMissing(values: Float32Array | Int32Array, rowSize: number, present: Uint8Array): void {
  for (let i = 0; i < present.length; i++) if (present[i] === 0) values.fill(0, i * rowSize, (i + 1) * rowSize);
}

/** Product of a shape. */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

export type { Preprocessing };
