// What every synthetic dataset shares: options, balanced seeded labels, the split, the
// missing-modality masks, per-modality generation into typed arrays, standardisation and the
// DatasetInfo. Each dataset file supplies its story: classes, modalities, and how a label becomes
// an image, a sound, a caption or a table row.
import type { ParamSpec, ParamValue } from '../../graph/index.ts';
import type { DatasetDescriptor } from '../../graph/dataset.ts';
import { audioModality, imageModality, sizeOf, standardiseColumns, standardiseScalar, tabularModality, textModality, zeroMissing } from '../modalities.ts';
import { createRng } from '../random.ts';
import type { Rng } from '../random.ts';
import { logSpectrogramBatch, spectrogramShape } from '../spectrogram.ts';
import { DEFAULT_FRACTIONS, classCounts, splitSizes, stratifiedSplit } from '../splits.ts';
import type { DatasetArrays, DatasetInfo, LoadContext, ModalitySpec } from '../types.ts';
import { LoadCancelled } from '../types.ts';
import { SYNTH_AUDIO } from './sound.ts';
import { TEXT_LENGTH, VOCABULARY } from './words.ts';

export const IMAGE_SIZE = 24;
const SPECTROGRAM_CHUNK = 500;

export interface SyntheticOptions {
  /** 0..1: observation noise (pixels, tokens, waveform, columns) and, where a dataset says so, erased evidence. */
  readonly noise: number;
  /** 0..0.5: share of samples with one modality absent (zero input, present = 0). */
  readonly missingRate: number;
  readonly seed: number;
  readonly samples: number;
}

export const SYNTHETIC_OPTION_SPECS: readonly ParamSpec[] = [
  { name: 'noise', label: 'Noise', kind: 'number', default: 0.2, min: 0, max: 1, step: 0.05, help: 'How much each modality is corrupted (0 clean, 1 very noisy).' },
  { name: 'missingRate', label: 'Missing-modality rate', kind: 'number', default: 0, min: 0, max: 0.5, step: 0.05, help: 'Share of samples with one modality absent (its input is zeros and its mask 0).' },
  { name: 'seed', label: 'Seed', kind: 'int', default: 42, min: 0, max: 2147483647, help: 'Same seed, same data and splits.' },
  { name: 'samples', label: 'Samples', kind: 'int', default: 4000, min: 200, max: 20000, step: 100, help: 'Number of samples generated.' },
];

/** Options from a choice's raw values (missing or invalid values fall back to defaults, numbers are clamped). */
export function syntheticOptions(raw: Readonly<Record<string, ParamValue>> | undefined): SyntheticOptions {
  const num = (spec: ParamSpec): number => {
    if (spec.kind !== 'int' && spec.kind !== 'number') return 0;
    const v = raw?.[spec.name];
    const x = typeof v === 'number' && Number.isFinite(v) ? v : spec.default;
    const clamped = Math.min(spec.max, Math.max(spec.min, x));
    return spec.kind === 'int' ? Math.round(clamped) : clamped;
  };
  const [noise, missingRate, seed, samples] = SYNTHETIC_OPTION_SPECS.map(num) as [number, number, number, number];
  return { noise, missingRate, seed, samples };
}

export type SyntheticModalityKind = 'image' | 'audio' | 'text' | 'tabular';

/** One modality of a synthetic dataset: how to write sample i (with label and latent bits) into its array. */
export type SyntheticModality =
  | { readonly name: string; readonly kind: 'image'; readonly write: (out: Float32Array, offset: number, s: SampleContext) => void }
  | { readonly name: string; readonly kind: 'audio'; readonly write: (out: Float32Array, offset: number, s: SampleContext) => void }
  | { readonly name: string; readonly kind: 'text'; readonly write: (out: Int32Array, offset: number, s: SampleContext) => void }
  | { readonly name: string; readonly kind: 'tabular'; readonly columns: readonly string[]; readonly write: (out: Float32Array, offset: number, s: SampleContext) => void };

export interface SampleContext {
  readonly index: number;
  readonly label: number;
  /** Per-sample latent values drawn by the dataset's `latent` (e.g. the XOR bits). */
  readonly latent: readonly number[];
  /** This modality's own random stream (independent of the other modality and of missingRate). */
  readonly rng: Rng;
  readonly noise: number;
}

export interface SyntheticDataset {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly description: string;
  readonly classes: readonly string[];
  readonly modalities: readonly [SyntheticModality, SyntheticModality];
  /** Draws the latent values of a sample from its label (default: none). */
  readonly latent?: (label: number, rng: Rng) => number[];
}

export function shapeOf(m: SyntheticModality): number[] {
  switch (m.kind) {
    case 'image':
      return [IMAGE_SIZE, IMAGE_SIZE, 3];
    case 'audio':
      return spectrogramShape(SYNTH_AUDIO);
    case 'text':
      return [TEXT_LENGTH];
    case 'tabular':
      return [m.columns.length];
  }
}

/** The params of the input node that reads a synthetic modality. */
export function inputParamsOf(m: SyntheticModality): Record<string, number> {
  switch (m.kind) {
    case 'image':
      return { height: IMAGE_SIZE, width: IMAGE_SIZE, channels: 3 };
    case 'audio':
      return { sampleRate: SYNTH_AUDIO.sampleRate, clipSamples: SYNTH_AUDIO.clipSamples, frameLength: SYNTH_AUDIO.frameLength, frameStep: SYNTH_AUDIO.frameStep };
    case 'text':
      return { maxLength: TEXT_LENGTH, vocabSize: VOCABULARY.length };
    case 'tabular':
      return { features: m.columns.length };
  }
}

/** Split sizes for n balanced samples of k classes (what the stratified split gives). */
export function balancedSplitSizes(n: number, k: number): { train: number; validation: number; test: number } {
  let validation = 0;
  let test = 0;
  for (let c = 0; c < k; c++) {
    const m = Math.floor(n / k) + (c < n % k ? 1 : 0);
    test += Math.round(m * DEFAULT_FRACTIONS.test);
    validation += Math.round(m * DEFAULT_FRACTIONS.validation);
  }
  return { train: n - validation - test, validation, test };
}

export function describeSynthetic(d: SyntheticDataset): DatasetDescriptor {
  const samples = 4000;
  return {
    id: d.id,
    title: d.title,
    source: 'synthetic',
    summary: d.summary,
    description: d.description,
    credits: [],
    classes: d.classes,
    modalities: d.modalities.map((m) => ({ name: m.name, kind: m.kind, shape: shapeOf(m), inputParams: inputParamsOf(m) })),
    size: samples,
    splits: balancedSplitSizes(samples, d.classes.length),
    options: SYNTHETIC_OPTION_SPECS,
  };
}

const check = (signal: AbortSignal | undefined): void => {
  if (signal?.aborted === true) throw new LoadCancelled();
};

/** Generates the dataset: deterministic for the same options. */
export function generateSynthetic(d: SyntheticDataset, options: SyntheticOptions, ctx: LoadContext = {}): DatasetArrays {
  const { samples: n, seed, noise, missingRate } = options;
  const K = d.classes.length;
  const labelRng = createRng(seed, 1);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) labels[i] = i % K;
  labelRng.shuffle(labels as unknown as number[]);
  const latentRng = createRng(seed, 2);
  const latents = Array.from(labels, (y) => d.latent?.(y, latentRng) ?? []);
  const split = stratifiedSplit(labels, K, DEFAULT_FRACTIONS, seed);

  // Missing modalities: each sample loses one of its two modalities with probability missingRate.
  const maskRng = createRng(seed, 3);
  const present: Record<string, Uint8Array> = {};
  if (missingRate > 0) {
    for (const m of d.modalities) present[m.name] = new Uint8Array(n).fill(1);
    for (let i = 0; i < n; i++) {
      const drop = maskRng.chance(missingRate);
      const which = maskRng.int(2);
      if (drop) (present[d.modalities[which]?.name ?? ''] as Uint8Array)[i] = 0;
    }
  }

  const inputs: Record<string, Float32Array | Int32Array> = {};
  const specs: ModalitySpec[] = [];
  d.modalities.forEach((m, mi) => {
    check(ctx.signal);
    ctx.onProgress?.({ done: mi, total: d.modalities.length, label: `Generating ${m.kind}` });
    const rng = createRng(seed, 10 + mi);
    const shape = shapeOf(m);
    const row = sizeOf(shape);
    const mask = present[m.name];
    const canBeMissing = mask !== undefined;
    const sample = (i: number): SampleContext => ({ index: i, label: labels[i] as number, latent: latents[i] as number[], rng, noise });
    switch (m.kind) {
      case 'image': {
        const out = new Float32Array(n * row);
        for (let i = 0; i < n; i++) m.write(out, i * row, sample(i));
        if (mask) zeroMissing(out, row, mask);
        inputs[m.name] = out;
        specs.push(imageModality(m.name, IMAGE_SIZE, IMAGE_SIZE, 3, canBeMissing));
        break;
      }
      case 'text': {
        const out = new Int32Array(n * row);
        for (let i = 0; i < n; i++) m.write(out, i * row, sample(i));
        if (mask) zeroMissing(out, row, mask);
        inputs[m.name] = out;
        specs.push(textModality(m.name, VOCABULARY, TEXT_LENGTH, canBeMissing));
        break;
      }
      case 'tabular': {
        const out = new Float32Array(n * row);
        for (let i = 0; i < n; i++) m.write(out, i * row, sample(i));
        const stats = standardiseColumns(out, row, split, mask);
        if (mask) zeroMissing(out, row, mask);
        inputs[m.name] = out;
        specs.push(tabularModality(m.name, m.columns, stats, canBeMissing));
        break;
      }
      case 'audio': {
        const clip = SYNTH_AUDIO.clipSamples;
        const wave = new Float32Array(n * clip);
        for (let i = 0; i < n; i++) m.write(wave, i * clip, sample(i));
        // Spectrograms in chunks: the same numbers as one batch, with smaller temporary arrays.
        const out = new Float32Array(n * row);
        for (let b = 0; b < n; b += SPECTROGRAM_CHUNK) {
          const clips = Array.from({ length: Math.min(SPECTROGRAM_CHUNK, n - b) }, (_, k) => wave.subarray((b + k) * clip, (b + k + 1) * clip));
          out.set(logSpectrogramBatch(clips, SYNTH_AUDIO), b * row);
        }
        const stats = standardiseScalar(out, row, split, mask);
        if (mask) zeroMissing(out, row, mask);
        inputs[m.name] = out;
        specs.push(audioModality(m.name, SYNTH_AUDIO, stats, canBeMissing));
        break;
      }
    }
  });
  check(ctx.signal);
  ctx.onProgress?.({ done: d.modalities.length, total: d.modalities.length, label: 'Generated' });

  const info: DatasetInfo = {
    id: d.id,
    title: d.title,
    description: d.description,
    credits: [],
    task: 'classification',
    classes: d.classes,
    modalities: specs,
    size: n,
    splits: splitSizes(split),
    classCounts: classCounts(labels, split, K),
    splitNote: `Stratified random split (70% train, 15% validation, 15% test), seed ${seed}.`,
  };
  return { info, inputs, labels, present, split };
}
