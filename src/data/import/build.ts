// The part of an import shared by CSV and folder datasets: read and decode the files, split,
// fit the preprocessing on the training split, and build DatasetArrays, the preview and the report.
import { roundStat } from '../../graph/index.ts';
import type { DatasetArrays, DatasetInfo, DatasetPreview, ModalitySpec, Preprocessing, SplitName } from '../types.ts';
import { throwIfAborted } from './csv.ts';
import type { FileSource } from './files.ts';
import { chooseImageSize, readImageHeader } from './imageHeader.ts';
import type { ImageHeader } from './imageHeader.ts';
import { buildVocabulary, chooseTextLength, numericStats, tokenize, vocabularyIndex } from './preprocess.ts';
import { stratifiedSplit } from './split.ts';
import type { FilledValues, ImportMapping, ImportProgress, ImportReport, Rejection } from './types.ts';
import { compareClassNames, formatCount, slugify, words } from './values.ts';

// ---------------------------------------------------------------- contracts

export interface SpectrogramSettings {
  readonly sampleRate: number;
  readonly clipSamples: number;
  readonly frameLength: number;
  readonly frameStep: number;
  readonly fftLength: number;
  readonly epsilon: number;
}

/** Platform pieces the import needs; the worker passes real ones, tests pass fakes. */
export interface Decoders {
  /** Decode an image and resize it: HWC values in 0..1 with `channels` channels. */
  image(bytes: Uint8Array, target: { readonly height: number; readonly width: number; readonly channels: 1 | 3 }): Promise<Float32Array>;
  /** Decode a WAV file to one channel. */
  audio(bytes: Uint8Array): { readonly sampleRate: number; readonly samples: Float32Array };
  /** Change the sample rate (with a low-pass when going down); linear interpolation when absent. */
  resample?(samples: Float32Array, from: number, to: number): Float32Array;
  /** log(|STFT| + epsilon) of clips of exactly clipSamples samples: B × frames × bins, row-major. */
  spectrograms(clips: readonly Float32Array[], settings: SpectrogramSettings): Promise<Float32Array>;
}

export interface ImportDeps {
  readonly decoders: Decoders;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: ImportProgress) => void;
}

export interface ImportResult {
  readonly arrays: DatasetArrays;
  readonly report: ImportReport;
  readonly preview: DatasetPreview;
}

/** A problem that stops the whole import (no label column, nothing left, too big). */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

/** Audio settings used for every imported clip (FFT length: the frame length, a power of two; ε as in spectrogram.ts). */
export const AUDIO_DEFAULTS = { frameLength: 256, frameStep: 128, fftLength: 256, epsilon: 1e-3, maxRate: 16000, maxSeconds: 4 } as const;
/** Clips per spectrogram call. */
export const SPECTROGRAM_BATCH = 128;
/** Model input held by the tab; more would risk the tab's memory. */
export const MAX_DATASET_BYTES = 1024 * 1024 * 1024;
/** Samples shown in the dataset panel's preview. */
export const PREVIEW_SAMPLES = 8;

// ---------------------------------------------------------------- raw samples

export interface FileColumn {
  readonly column: string;
  readonly modality: string;
  readonly kind: 'image' | 'audio';
}

export interface SampleLayout {
  /** Numeric columns of the table modality. */
  readonly numeric: readonly string[];
  /** Category columns, one-hot in the table modality. */
  readonly categories: readonly string[];
  readonly texts: readonly { readonly column: string; readonly modality: string }[];
  readonly files: readonly FileColumn[];
  /** Name of the table modality (when there are numeric or category columns). */
  readonly table: string;
}

/** One row (or file) that passed the first checks. */
export interface RawSample {
  readonly line: number | null;
  readonly file: string | null;
  readonly label: string;
  /** Per numeric column: the value, NaN when missing. */
  readonly numbers: readonly number[];
  /** Per category column: the value ('' when missing). */
  readonly categories: readonly string[];
  /** Per text column: the text, null when missing. */
  readonly texts: readonly (string | null)[];
  /** Per file column: the resolved path, null when the cell is empty. */
  readonly files: readonly (string | null)[];
}

/** What the format-specific first pass found, handed to build(). */
export interface FirstPass {
  readonly kind: 'csv' | 'folder';
  readonly source: string;
  readonly read: number;
  readonly samples: readonly RawSample[];
  readonly rejected: Rejection[];
  readonly blankLines: number;
  readonly notes: string[];
  readonly files: FileSource | null;
}

// ---------------------------------------------------------------- progress and cancelling

export class Pacer {
  private last = 0;
  private lastYield = Date.now();

  constructor(private readonly deps: ImportDeps) {}

  progress(p: ImportProgress, force = false): void {
    const now = Date.now();
    if (!force && now - this.last < 60 && p.done < p.total) return;
    this.last = now;
    this.deps.onProgress?.(p);
  }

  /** Let the worker take messages (a cancel) now and then during long synchronous stretches. */
  async breathe(): Promise<void> {
    throwIfAborted(this.deps.signal);
    if (Date.now() - this.lastYield < 40) return;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    this.lastYield = Date.now();
    throwIfAborted(this.deps.signal);
  }
}

// ---------------------------------------------------------------- build

function fileWhere(s: RawSample): Pick<Rejection, 'line' | 'file'> {
  return { line: s.line, file: s.file };
}

function mostCommon(values: readonly number[]): number {
  const counts = new Map<number, number>();
  let best = values[0] ?? 0;
  let bestCount = 0;
  for (const v of values) {
    const c = (counts.get(v) ?? 0) + 1;
    counts.set(v, c);
    if (c > bestCount) {
      best = v;
      bestCount = c;
    }
  }
  return best;
}

/** Linear-interpolation resampling to `rate`, then padded with zeros or cut to `length`. */
export function fitClip(samples: Float32Array, fromRate: number, rate: number, length: number): Float32Array {
  const out = new Float32Array(length);
  if (fromRate === rate) {
    out.set(samples.subarray(0, length));
    return out;
  }
  const step = fromRate / rate;
  for (let i = 0; i < length; i++) {
    const x = i * step;
    const j = Math.floor(x);
    if (j >= samples.length) break;
    const a = samples[j] as number;
    const b = samples[j + 1] ?? a;
    out[i] = a + (b - a) * (x - j);
  }
  return out;
}

interface DecodedImages {
  readonly kind: 'image';
  readonly height: number;
  readonly width: number;
  readonly channels: 1 | 3;
  readonly rows: (Float32Array | null)[];
}
interface DecodedAudio {
  readonly kind: 'audio';
  readonly settings: SpectrogramSettings;
  readonly frames: number;
  readonly bins: number;
  readonly rows: (Float32Array | null)[];
}

export async function build(first: FirstPass, layout: SampleLayout, mapping: ImportMapping, deps: ImportDeps, startedAt: number): Promise<ImportResult> {
  const pacer = new Pacer(deps);
  const rejected = first.rejected;
  const notes = [...first.notes];
  const samples = first.samples;
  const alive = new Uint8Array(samples.length).fill(1);
  const reject = (i: number, reason: string): void => {
    if (alive[i] === 0) return;
    alive[i] = 0;
    rejected.push({ ...fileWhere(samples[i] as RawSample), reason });
  };

  // 1. Read the files (bytes for images, decoded waveforms for audio).
  const fileCount = samples.reduce((n, s) => n + s.files.filter((f) => f !== null).length, 0);
  const headers: (ImageHeader | null)[][] = layout.files.map(() => new Array<ImageHeader | null>(samples.length).fill(null));
  const bytes: (Uint8Array | null)[][] = layout.files.map(() => new Array<Uint8Array | null>(samples.length).fill(null));
  const waves: ({ sampleRate: number; samples: Float32Array } | null)[][] = layout.files.map(() => new Array(samples.length).fill(null));
  let done = 0;
  if (fileCount > 0) {
    const source = first.files;
    if (source === null) throw new ImportError('Some columns name files, but no zip or folder was given. Add the zip (or folder) with the files, or set those columns to Ignore.');
    // Read in the source's order (zip offset order) so the zip is walked front to back.
    const order = new Map(source.paths.map((p, i) => [p, i]));
    const jobs: { f: number; i: number; path: string }[] = [];
    layout.files.forEach((_, f) =>
      samples.forEach((s, i) => {
        const path = s.files[f];
        if (path !== null && path !== undefined) jobs.push({ f, i, path });
      }),
    );
    jobs.sort((a, b) => (order.get(a.path) ?? 0) - (order.get(b.path) ?? 0));
    for (const { f, i, path } of jobs) {
      await pacer.breathe();
      pacer.progress({ stage: 'reading', label: `Reading files from ${source.name}`, done, total: fileCount, unit: 'files' });
      done++;
      if (alive[i] === 0) continue;
      const col = layout.files[f] as FileColumn;
      const cell = samples[i]?.files[f] ?? path;
      let data: Uint8Array;
      try {
        data = await source.read(path);
      } catch (e) {
        reject(i, `${col.kind} '${cell}' could not be read from ${source.kind === 'zip' ? 'the zip' : 'the folder'} (${e instanceof Error ? e.message : String(e)})`);
        continue;
      }
      if (col.kind === 'image') {
        const header = readImageHeader(data);
        if (header === null) {
          reject(i, `image '${path}' is not a PNG, JPEG, GIF, BMP or WebP image`);
          continue;
        }
        if (header.width === 0 || header.height === 0) {
          reject(i, `image '${path}' has no pixels (${header.width}×${header.height})`);
          continue;
        }
        (headers[f] as (ImageHeader | null)[])[i] = header;
        (bytes[f] as (Uint8Array | null)[])[i] = data;
      } else {
        try {
          const wave = deps.decoders.audio(data);
          if (wave.samples.length === 0) throw new Error('it holds no samples');
          (waves[f] as unknown[])[i] = wave;
        } catch (e) {
          reject(i, `audio '${path}' could not be decoded as WAV (${e instanceof Error ? e.message : String(e)})`);
        }
      }
    }
    pacer.progress({ stage: 'reading', label: `Reading files from ${source.name}`, done: fileCount, total: fileCount, unit: 'files' }, true);
  }

  // 2. Choose sizes, check memory, decode.
  const decoded: (DecodedImages | DecodedAudio)[] = [];
  const plans = layout.files.map((col, f) => {
    if (col.kind === 'image') {
      const hs = (headers[f] as (ImageHeader | null)[]).filter((h, i): h is ImageHeader => h !== null && alive[i] === 1);
      const auto = chooseImageSize(hs);
      const size = mapping.imageSize === 'auto' ? auto : mapping.imageSize;
      const channels: 1 | 3 = mapping.imageChannels === 'auto' ? (hs.length > 0 && hs.every((h) => h.grey) ? 1 : 3) : mapping.imageChannels;
      const how =
        mapping.imageSize === 'auto'
          ? `the most common size is ${auto.common.width}×${auto.common.height} (${Math.round(auto.share * 100)}% of images)${auto.common.width !== size.width || auto.common.height !== size.height ? ', scaled down for training in the browser' : ''}`
          : 'the size chosen in the mapping dialog';
      notes.push(`Images '${col.modality}': resized to ${size.height}×${size.width}×${channels} (${how}); ${channels === 1 ? 'greyscale' : 'colour'}, values scaled to 0..1.`);
      return { kind: 'image' as const, height: size.height, width: size.width, channels, perSample: size.height * size.width * channels };
    }
    const ws = (waves[f] as ({ sampleRate: number; samples: Float32Array } | null)[]).filter((w, i): w is { sampleRate: number; samples: Float32Array } => w !== null && alive[i] === 1);
    const common = mostCommon(ws.map((w) => w.sampleRate));
    const rate = Math.min(common, AUDIO_DEFAULTS.maxRate);
    const seconds = ws.map((w) => w.samples.length / w.sampleRate).sort((a, b) => a - b);
    const p95 = seconds[Math.max(0, Math.ceil(0.95 * seconds.length) - 1)] ?? 1;
    const clipSamples = Math.max(AUDIO_DEFAULTS.frameLength, Math.round(Math.min(p95, AUDIO_DEFAULTS.maxSeconds) * rate));
    const frames = 1 + Math.floor((clipSamples - AUDIO_DEFAULTS.frameLength) / AUDIO_DEFAULTS.frameStep);
    const bins = AUDIO_DEFAULTS.fftLength / 2 + 1;
    const settings: SpectrogramSettings = { sampleRate: rate, clipSamples, frameLength: AUDIO_DEFAULTS.frameLength, frameStep: AUDIO_DEFAULTS.frameStep, fftLength: AUDIO_DEFAULTS.fftLength, epsilon: AUDIO_DEFAULTS.epsilon };
    const resampled = ws.filter((w) => w.sampleRate !== rate).length;
    notes.push(
      `Audio '${col.modality}': ${rate} Hz${resampled > 0 ? ` (${resampled} files resampled)` : ''}, clips padded or cut to ${(clipSamples / rate).toFixed(2)} s (covers 95% of the files), ` +
        `log spectrogram (frame ${settings.frameLength}, step ${settings.frameStep}, FFT ${settings.fftLength}) of ${frames}×${bins}, standardised with the training split's mean and deviation.`,
    );
    return { kind: 'audio' as const, settings, frames, bins, perSample: frames * bins };
  });
  const aliveCount = alive.reduce((n, a) => n + a, 0);
  let floatsPerSample = layout.numeric.length + layout.categories.length * 8 + layout.texts.length * 64;
  for (const p of plans) floatsPerSample += p.perSample;
  const estimate = floatsPerSample * 4 * aliveCount;
  if (estimate > MAX_DATASET_BYTES) {
    throw new ImportError(
      `The imported dataset would need about ${Math.round(estimate / (1024 * 1024))} MB of memory as model input (${formatCount(aliveCount)} samples); the limit in the browser is ${MAX_DATASET_BYTES / (1024 * 1024)} MB. ` +
        'Choose a smaller image size in the mapping dialog, use a smaller sample, or the fusion-designer command for larger data.',
    );
  }
  const decodeTotal = plans.reduce((n, _, f) => n + samples.filter((s, i) => alive[i] === 1 && s.files[f] != null).length, 0);
  done = 0;
  for (let f = 0; f < layout.files.length; f++) {
    const plan = plans[f];
    const col = layout.files[f] as FileColumn;
    if (plan === undefined) continue;
    const rows: (Float32Array | null)[] = new Array(samples.length).fill(null);
    const label = plan.kind === 'image' ? 'Decoding and resizing images' : 'Making spectrograms';
    // Audio goes to the spectrogram in batches (one tensor op per batch, not per clip).
    let batch: { i: number; clip: Float32Array }[] = [];
    const flush = async (): Promise<void> => {
      if (plan.kind !== 'audio' || batch.length === 0) return;
      const per = plan.frames * plan.bins;
      const specs = await deps.decoders.spectrograms(
        batch.map((b) => b.clip),
        plan.settings,
      );
      batch.forEach((b, k) => {
        rows[b.i] = specs.slice(k * per, (k + 1) * per);
      });
      batch = [];
    };
    for (let i = 0; i < samples.length; i++) {
      if (alive[i] === 0 || samples[i]?.files[f] == null) continue;
      await pacer.breathe();
      pacer.progress({ stage: 'decoding', label, done, total: decodeTotal, unit: 'files' });
      done++;
      const path = samples[i]?.files[f] as string;
      try {
        if (plan.kind === 'image') {
          const data = (bytes[f] as (Uint8Array | null)[])[i] as Uint8Array;
          (bytes[f] as (Uint8Array | null)[])[i] = null;
          rows[i] = await deps.decoders.image(data, { height: plan.height, width: plan.width, channels: plan.channels });
        } else {
          const wave = (waves[f] as ({ sampleRate: number; samples: Float32Array } | null)[])[i] as { sampleRate: number; samples: Float32Array };
          (waves[f] as unknown[])[i] = null;
          const rate = plan.settings.sampleRate;
          const resampled = wave.sampleRate !== rate && deps.decoders.resample !== undefined ? deps.decoders.resample(wave.samples, wave.sampleRate, rate) : wave.samples;
          batch.push({ i, clip: fitClip(resampled, resampled === wave.samples ? wave.sampleRate : rate, rate, plan.settings.clipSamples) });
          if (batch.length >= SPECTROGRAM_BATCH) await flush();
        }
      } catch (e) {
        reject(i, `${col.kind} '${path}' could not be decoded (${e instanceof Error ? e.message : String(e)})`);
      }
    }
    await flush();
    pacer.progress({ stage: 'decoding', label, done, total: decodeTotal, unit: 'files' }, true);
    decoded.push(plan.kind === 'image' ? { kind: 'image', height: plan.height, width: plan.width, channels: plan.channels, rows } : { kind: 'audio', settings: plan.settings, frames: plan.frames, bins: plan.bins, rows });
  }

  // 3. The samples that made it, their classes and the split.
  const keep: number[] = [];
  alive.forEach((a, i) => {
    if (a === 1) keep.push(i);
  });
  if (keep.length === 0) {
    const first3 = rejected.slice(0, 3).map((r) => (r.line !== null ? `line ${r.line}: ${r.reason}` : `${r.file ?? ''}: ${r.reason}`));
    throw new ImportError(`No row could be imported: all ${formatCount(first.read)} were rejected (${first3.join('; ')}${rejected.length > 3 ? '; …' : ''}).`);
  }
  const kept = keep.map((i) => samples[i] as RawSample);
  const classes = [...new Set(kept.map((s) => s.label))].sort(compareClassNames);
  if (classes.length < 2) {
    throw new ImportError(`Only one class ('${classes[0] ?? ''}') is left among the ${formatCount(kept.length)} rows kept; a classifier needs at least two. Check the label column.`);
  }
  const classIndex = new Map(classes.map((c, k) => [c, k]));
  const labels = Int32Array.from(kept, (s) => classIndex.get(s.label) ?? 0);
  const split = stratifiedSplit(labels, classes.length, mapping.seed);
  const isTrain = (r: number): boolean => split[r] === 0;
  const n = kept.length;
  pacer.progress({ stage: 'building', label: 'Fitting the preprocessing on the training split', done: 0, total: n, unit: 'rows' }, true);

  const modalities: ModalitySpec[] = [];
  const inputs: Record<string, Float32Array | Int32Array> = {};
  const present: Record<string, Uint8Array> = {};
  const filled: FilledValues[] = [];
  const missingModality: { modality: string; count: number }[] = [];

  // 4a. The table: numbers standardised with training statistics, missing filled with the training mean.
  if (layout.numeric.length > 0 || layout.categories.length > 0) {
    const columns: string[] = [];
    const mean: number[] = [];
    const std: number[] = [];
    const fill: number[] = [];
    const numericValues = layout.numeric.map((_, c) => Float64Array.from(kept, (s) => s.numbers[c] ?? Number.NaN));
    layout.numeric.forEach((name, c) => {
      const values = numericValues[c] as Float64Array;
      const st = numericStats(values, isTrain);
      columns.push(name);
      // Stored with 7 significant digits and applied as stored, so training and export agree exactly.
      mean.push(roundStat(st.mean));
      std.push(roundStat(st.std));
      fill.push(roundStat(st.mean));
      const lines: number[] = [];
      values.forEach((v, r) => {
        if (Number.isNaN(v)) lines.push((kept[r] as RawSample).line ?? 0);
      });
      if (lines.length > 0) filled.push({ column: name, count: lines.length, value: roundStat(st.mean), lines });
    });
    const levels = layout.categories.map((_, c) => [...new Set(kept.filter((_s, r) => isTrain(r)).map((s) => s.categories[c] ?? ''))].sort(compareClassNames));
    layout.categories.forEach((name, c) => {
      for (const level of levels[c] as string[]) {
        columns.push(`${name}=${level === '' ? '(missing)' : level}`);
        mean.push(0);
        std.push(1);
        fill.push(0);
      }
      const missing = kept.filter((s) => (s.categories[c] ?? '') === '').length;
      if (missing > 0) notes.push(`Category '${name}': ${missing} missing values kept as their own value "(missing)".`);
    });
    const width = columns.length;
    const table = new Float32Array(n * width);
    for (let r = 0; r < n; r++) {
      const s = kept[r] as RawSample;
      let k = 0;
      for (let c = 0; c < layout.numeric.length; c++, k++) {
        const v = s.numbers[c] ?? Number.NaN;
        const x = Number.isNaN(v) ? (fill[k] as number) : v;
        table[r * width + k] = (x - (mean[k] as number)) / (std[k] as number);
      }
      for (let c = 0; c < layout.categories.length; c++) {
        const lv = levels[c] as string[];
        const at = lv.indexOf(s.categories[c] ?? '');
        if (at !== -1) table[r * width + k + at] = 1;
        k += lv.length;
      }
    }
    inputs[layout.table] = table;
    modalities.push({ name: layout.table, kind: 'tabular', shape: [width], preprocessing: { kind: 'tabular', columns, mean, std, fill }, canBeMissing: false });
    const parts: string[] = [];
    if (layout.numeric.length > 0) parts.push(`${layout.numeric.length} numeric column${layout.numeric.length === 1 ? '' : 's'} standardised with the training split's mean and standard deviation`);
    if (layout.categories.length > 0) parts.push(`${layout.categories.length} category column${layout.categories.length === 1 ? '' : 's'} one-hot encoded (values seen in the training split)`);
    notes.push(`Table '${layout.table}': ${width} features; ${parts.join('; ')}.`);
  }

  // 4b. Text: the vocabulary and length from the training split.
  for (let t = 0; t < layout.texts.length; t++) {
    const { column, modality } = layout.texts[t] as { column: string; modality: string };
    const trainTexts = kept.filter((s, r) => isTrain(r) && s.texts[t] != null).map((s) => s.texts[t] as string);
    const vocabulary = buildVocabulary(trainTexts);
    const maxLength = chooseTextLength(trainTexts.map((x) => words(x).length));
    const index = vocabularyIndex(vocabulary);
    const ids = new Int32Array(n * maxLength);
    const mask = new Uint8Array(n);
    let missing = 0;
    kept.forEach((s, r) => {
      const text = s.texts[t];
      if (text == null) {
        missing++;
        return;
      }
      mask[r] = 1;
      tokenize(text, index, maxLength, ids, r * maxLength);
    });
    inputs[modality] = ids;
    if (missing > 0) {
      present[modality] = mask;
      missingModality.push({ modality, count: missing });
    }
    modalities.push({
      name: modality,
      kind: 'text',
      shape: [maxLength],
      preprocessing: { kind: 'text', maxLength, vocabulary, lowercase: true, padId: 0, unknownId: 1 },
      canBeMissing: missing > 0,
    });
    notes.push(
      `Text '${column}': lowercase word tokens; vocabulary of ${formatCount(vocabulary.length)} (from the training split; 0 = padding, 1 = unknown word), padded or cut to ${maxLength} tokens (95% of training texts fit).`,
    );
  }

  // 4c. Images and spectrograms.
  for (let f = 0; f < layout.files.length; f++) {
    const col = layout.files[f] as FileColumn;
    const d = decoded[f];
    if (d === undefined) continue;
    const per = d.kind === 'image' ? d.height * d.width * d.channels : d.frames * d.bins;
    const data = new Float32Array(n * per);
    const mask = new Uint8Array(n);
    let missing = 0;
    keep.forEach((i, r) => {
      const row = d.rows[i];
      if (row == null) {
        missing++;
        return;
      }
      mask[r] = 1;
      data.set(row.subarray(0, per), r * per);
    });
    let preprocessing: Preprocessing;
    if (d.kind === 'image') {
      preprocessing = { kind: 'image', height: d.height, width: d.width, channels: d.channels, scale: 'unit' };
    } else {
      // Spectrogram statistics over the training split's present clips, then standardise.
      let sum = 0;
      let count = 0;
      for (let r = 0; r < n; r++) {
        if (!isTrain(r) || mask[r] === 0) continue;
        for (let k = r * per; k < (r + 1) * per; k++) sum += data[k] as number;
        count += per;
      }
      const mean = roundStat(count === 0 ? 0 : sum / count);
      let sq = 0;
      for (let r = 0; r < n; r++) {
        if (!isTrain(r) || mask[r] === 0) continue;
        for (let k = r * per; k < (r + 1) * per; k++) sq += ((data[k] as number) - mean) ** 2;
      }
      const std = roundStat(count === 0 ? 1 : Math.sqrt(sq / count) || 1);
      for (let r = 0; r < n; r++) {
        if (mask[r] === 0) continue;
        for (let k = r * per; k < (r + 1) * per; k++) data[k] = ((data[k] as number) - mean) / std;
      }
      const s = d.settings;
      preprocessing = { kind: 'audio', sampleRate: s.sampleRate, clipSamples: s.clipSamples, frameLength: s.frameLength, frameStep: s.frameStep, fftLength: s.fftLength, epsilon: s.epsilon, mean, std };
    }
    inputs[col.modality] = data;
    if (missing > 0) {
      present[col.modality] = mask;
      missingModality.push({ modality: col.modality, count: missing });
    }
    modalities.push({
      name: col.modality,
      kind: d.kind === 'image' ? 'image' : 'audio',
      shape: d.kind === 'image' ? [d.height, d.width, d.channels] : [d.frames, d.bins],
      preprocessing,
      canBeMissing: missing > 0,
    });
  }
  await pacer.breathe();

  // 5. Info, preview, report.
  const splitNames: SplitName[] = ['train', 'validation', 'test'];
  const splits = { train: 0, validation: 0, test: 0 };
  const classCounts: Record<SplitName, number[]> = { train: classes.map(() => 0), validation: classes.map(() => 0), test: classes.map(() => 0) };
  split.forEach((sp, r) => {
    const name = splitNames[sp] as SplitName;
    splits[name]++;
    const counts = classCounts[name];
    counts[labels[r] as number] = (counts[labels[r] as number] ?? 0) + 1;
  });
  const title = mapping.title.trim() === '' ? first.source : mapping.title.trim();
  const id = `user.${slugify(title)}`;
  const kinds = modalities.map((m) => (m.kind === 'tabular' ? 'table' : m.kind)).join(', ');
  const info: DatasetInfo = {
    id,
    title,
    description:
      `Your data, imported from ${first.source}: ${formatCount(n)} samples (${rejected.length === 0 ? 'no row rejected' : `${formatCount(rejected.length)} rejected, see the import report`}), ` +
      `${classes.length} classes, modalities: ${kinds}. Which fusion wins depends on how the modalities share the information; compare a late fusion with an early or attention-based one.`,
    credits: [],
    task: 'classification',
    classes,
    modalities,
    size: n,
    splits,
    classCounts,
    splitNote: `stratified by class, random, seed ${mapping.seed} (70% train, 15% validation, 15% test)`,
  };
  notes.unshift(`Split: ${formatCount(splits.train)} train / ${formatCount(splits.validation)} validation / ${formatCount(splits.test)} test, stratified by class, seed ${mapping.seed}.`);
  if (first.blankLines > 0) notes.push(`${first.blankLines} blank line${first.blankLines === 1 ? '' : 's'} skipped (no data on them).`);
  const arrays: DatasetArrays = { info, inputs, labels, present, split };
  rejected.sort((a, b) => (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER) || (a.file ?? '').localeCompare(b.file ?? ''));
  const report: ImportReport = {
    kind: first.kind,
    datasetId: id,
    title,
    source: first.source,
    read: first.read,
    kept: n,
    rejected,
    filled,
    missingModality,
    blankLines: first.blankLines,
    notes,
    milliseconds: Math.round(Date.now() - startedAt),
  };
  pacer.progress({ stage: 'building', label: 'Done', done: n, total: n, unit: 'rows' }, true);
  return { arrays, report, preview: makePreview(arrays) };
}

/** A few samples, classes taken in turn, for the dataset panel. */
export function makePreview(arrays: DatasetArrays, count = PREVIEW_SAMPLES): DatasetPreview {
  const { info } = arrays;
  const splitNames: SplitName[] = ['train', 'validation', 'test'];
  const byClass: number[][] = info.classes.map(() => []);
  for (let i = 0; i < arrays.labels.length; i++) {
    const list = byClass[arrays.labels[i] as number];
    if (list !== undefined && list.length < count) list.push(i);
  }
  const chosen: number[] = [];
  for (let round = 0; chosen.length < Math.min(count, arrays.labels.length); round++) {
    let any = false;
    for (const list of byClass) {
      const i = list[round];
      if (i === undefined) continue;
      any = true;
      if (chosen.length < count) chosen.push(i);
    }
    if (!any) break;
  }
  chosen.sort((a, b) => a - b);
  return {
    info,
    samples: chosen.map((index) => {
      const values: Record<string, Float32Array | Int32Array> = {};
      const wordsOf: Record<string, string[]> = {};
      for (const m of info.modalities) {
        const mask = arrays.present[m.name];
        if (mask !== undefined && mask[index] === 0) continue;
        const per = m.shape.reduce((a, b) => a * b, 1);
        const all = arrays.inputs[m.name];
        if (all === undefined) continue;
        const row = all.slice(index * per, (index + 1) * per);
        values[m.name] = row;
        if (m.preprocessing.kind === 'text') {
          const vocab = m.preprocessing.vocabulary;
          wordsOf[m.name] = [...row].filter((id) => id !== 0).map((id) => vocab[id] ?? '<unk>');
        }
      }
      const sample = { index, label: arrays.labels[index] as number, split: splitNames[arrays.split[index] as number] as SplitName, values };
      return Object.keys(wordsOf).length > 0 ? { ...sample, words: wordsOf } : sample;
    }),
  };
}
