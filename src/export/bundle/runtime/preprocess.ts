/**
 * Raw modality data → model input, exactly as training preprocessed it (part of fusion-model.mjs).
 * The numbers come from the bundle's preprocessing records (statistics, vocabulary, spectrogram
 * settings); the code is the training code's own where it can be (WAV decoding, resampling, the FFT,
 * word splitting are imported from src/data and bundled), so that predict() sees what training saw.
 *
 * Raw forms, per modality kind:
 * - image: Uint8Array / Uint8ClampedArray / number[] of H·W·C pixel values 0..255 (HWC order), a
 *   Float32Array already in 0..1, or an ImageData-like { data (RGBA), width, height }. No resizing:
 *   the size must be the trained one.
 * - audio: a Float32Array waveform at the trained sample rate, { samples, sampleRate } (resampled), or
 *   the bytes of a WAV file (Uint8Array / ArrayBuffer starting with "RIFF").
 * - text: a string (lowercase words of letters and digits, as in training), or token ids.
 * - tabular: numbers in column order (NaN / null = missing: the training fill value), or an object by
 *   column name; a one-hot category "colour=red" can be given as { colour: 'red' }.
 * - sequence: [T][F] numbers or a flat T·F array.
 * A missing modality (null or undefined) is fed as zeros, as training fed missing modalities.
 */
import type { AudioPreprocessing, ImagePreprocessing, Preprocessing, SequencePreprocessing, TabularPreprocessing, TextPreprocessing } from '../../../graph/dataset.ts';
import { fftRealRows } from '../../../data/cpuKernels.ts';
import { words } from '../../../data/import/values.ts';
import { decodeWav, resample } from '../../../data/wav.ts';
import type { BundleInput } from '../format.ts';

export type RawValue = unknown;

/** A wrong raw input: says which modality and what was expected. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

function isNumberArray(x: unknown): x is ArrayLike<number> {
  return (
    (Array.isArray(x) && x.every((v) => typeof v === 'number' || v === null)) ||
    x instanceof Float32Array ||
    x instanceof Float64Array ||
    x instanceof Int32Array ||
    x instanceof Uint8Array ||
    x instanceof Uint8ClampedArray ||
    x instanceof Int16Array ||
    x instanceof Uint16Array
  );
}

function flatten(x: unknown): unknown {
  return Array.isArray(x) && x.length > 0 && x.every(Array.isArray) ? (x as unknown[][]).flat(Infinity as 1) : x;
}

// ---------------------------------------------------------------- image

function image(input: BundleInput, p: ImagePreprocessing, raw: unknown): Float32Array {
  const { height: H, width: W, channels: C } = p;
  const n = H * W * C;
  let out: Float32Array;
  const rgba = raw as { data?: unknown; width?: unknown; height?: unknown } | null;
  if (rgba !== null && typeof rgba === 'object' && !isNumberArray(raw) && rgba.data !== undefined && typeof rgba.width === 'number') {
    if (rgba.width !== W || rgba.height !== H) {
      throw new InputError(`'${input.modality}': the image is ${String(rgba.width)}×${String(rgba.height)}, the model reads ${W}×${H}. Resize it first.`);
    }
    const data = rgba.data as ArrayLike<number>;
    if (data.length !== H * W * 4) throw new InputError(`'${input.modality}': ImageData-like input needs ${H * W * 4} RGBA values, got ${data.length}.`);
    out = new Float32Array(n);
    // As the importer decodes pictures: transparent pixels count as black; greyscale by luma.
    for (let px = 0, q = 0; px < data.length; px += 4) {
      const a = (data[px + 3] as number) / 255;
      const r = ((data[px] as number) / 255) * a;
      const g = ((data[px + 1] as number) / 255) * a;
      const b = ((data[px + 2] as number) / 255) * a;
      if (C === 1) out[q++] = 0.299 * r + 0.587 * g + 0.114 * b;
      else if (C === 3) {
        out[q++] = r;
        out[q++] = g;
        out[q++] = b;
      } else {
        out[q++] = r;
        out[q++] = g;
        out[q++] = b;
        out[q++] = a;
      }
    }
  } else {
    const flat = flatten(raw);
    if (!isNumberArray(flat)) throw new InputError(`'${input.modality}': expected ${H}×${W}×${C} pixel values (0..255), a Float32Array in 0..1, or ImageData.`);
    if (flat.length !== n) throw new InputError(`'${input.modality}': expected ${n} values (${H}×${W}×${C}, HWC order), got ${flat.length}.`);
    // A Float32Array is taken as already scaled to 0..1; anything else as pixel values 0..255.
    out = flat instanceof Float32Array ? Float32Array.from(flat) : Float32Array.from(flat, (v) => (v ?? 0) / 255);
  }
  if (p.scale === 'standardise') {
    const mean = p.mean ?? [];
    const std = p.std ?? [];
    for (let i = 0; i < n; i++) {
      const c = i % C;
      out[i] = ((out[i] as number) - (mean[c] ?? 0)) / (std[c] ?? 1);
    }
  }
  return out;
}

// ---------------------------------------------------------------- audio

const windows = new Map<number, Float32Array>();

/** tf.signal.hannWindow(length) (tfjs computes it on the host like this: a − b·cos(2πi/(L + even − 1))). */
export function hannWindow(length: number): Float32Array {
  let w = windows.get(length);
  if (w === undefined) {
    const even = 1 - (length % 2);
    w = new Float32Array(length);
    for (let i = 0; i < length; i++) w[i] = 0.5 - 0.5 * Math.cos((2.0 * Math.PI * i) / (length + even - 1));
    windows.set(length, w);
  }
  return w;
}

/** [T, F] of the spectrogram (input.audio's inference). */
export function spectrogramFrames(p: AudioPreprocessing): [number, number] {
  return [Math.floor((p.clipSamples - p.frameLength) / p.frameStep) + 1, p.fftLength / 2 + 1];
}

/**
 * log(|STFT| + ε) of one clip (padded with zeros or cut to clipSamples), Hann window, as
 * src/data/spectrogram.ts's logSpectrogramBatch computes it (same window, same FFT).
 */
export function logSpectrogram(clip: Float32Array, p: AudioPreprocessing): Float32Array {
  const [T, F] = spectrogramFrames(p);
  const L = p.frameLength;
  const N = p.fftLength;
  const w = hannWindow(L);
  const avail = Math.min(clip.length, p.clipSamples);
  const frames = new Float32Array(T * N);
  for (let t = 0; t < T; t++) {
    const start = t * p.frameStep;
    const end = Math.min(start + L, avail);
    for (let i = 0; start + i < end; i++) frames[t * N + i] = (clip[start + i] as number) * (w[i] as number);
  }
  const re = new Float32Array(T * N);
  const im = new Float32Array(T * N);
  fftRealRows(frames, re, im, N, T);
  const out = new Float32Array(T * F);
  for (let t = 0; t < T; t++) {
    for (let f = 0; f < F; f++) {
      const a = re[t * N + f] as number;
      const c = im[t * N + f] as number;
      out[t * F + f] = Math.log(Math.sqrt(a * a + c * c) + p.epsilon);
    }
  }
  return out;
}

function isWav(x: unknown): x is Uint8Array | ArrayBuffer {
  const bytes = x instanceof ArrayBuffer ? new Uint8Array(x, 0, Math.min(4, x.byteLength)) : x instanceof Uint8Array ? x : null;
  return bytes !== null && bytes.length >= 4 && bytes[0] === 0x52 && bytes[1] === 0x49 && bytes[2] === 0x46 && bytes[3] === 0x46;
}

/** The waveform at the trained sample rate. */
function waveform(input: BundleInput, p: AudioPreprocessing, raw: unknown): Float32Array {
  if (isWav(raw)) {
    const wav = decodeWav(raw);
    return wav.sampleRate === p.sampleRate ? wav.samples : resample(wav.samples, wav.sampleRate, p.sampleRate);
  }
  const obj = raw as { samples?: unknown; sampleRate?: unknown } | null;
  if (obj !== null && typeof obj === 'object' && !isNumberArray(raw) && obj.samples !== undefined) {
    if (!isNumberArray(obj.samples) || typeof obj.sampleRate !== 'number') throw new InputError(`'${input.modality}': { samples, sampleRate } needs an array of samples and a number.`);
    const samples = Float32Array.from(obj.samples, (v) => v ?? 0);
    return obj.sampleRate === p.sampleRate ? samples : resample(samples, obj.sampleRate, p.sampleRate);
  }
  if (!isNumberArray(raw)) throw new InputError(`'${input.modality}': expected a waveform (Float32Array at ${p.sampleRate} Hz), { samples, sampleRate }, or the bytes of a WAV file.`);
  return raw instanceof Float32Array ? raw : Float32Array.from(raw, (v) => v ?? 0);
}

function audio(input: BundleInput, p: AudioPreprocessing, raw: unknown): Float32Array {
  const wave = waveform(input, p, raw);
  const clip = wave.length === p.clipSamples ? wave : wave.length > p.clipSamples ? wave.slice(0, p.clipSamples) : (() => {
    const c = new Float32Array(p.clipSamples);
    c.set(wave);
    return c;
  })();
  const s = logSpectrogram(clip, p);
  for (let i = 0; i < s.length; i++) s[i] = ((s[i] as number) - p.mean) / p.std;
  return s;
}

// ---------------------------------------------------------------- text

function text(input: BundleInput, p: TextPreprocessing, raw: unknown): Int32Array {
  const out = new Int32Array(p.maxLength);
  if (typeof raw === 'string') {
    const index = vocabularyIndex(p.vocabulary);
    const ws = words(raw);
    for (let k = 0; k < p.maxLength; k++) {
      const w = ws[k];
      out[k] = w === undefined ? p.padId : (index.get(w) ?? p.unknownId);
    }
    return out;
  }
  if (!isNumberArray(raw)) throw new InputError(`'${input.modality}': expected a text (string) or token ids.`);
  for (let k = 0; k < p.maxLength; k++) {
    const id = raw[k] ?? p.padId;
    if (!Number.isInteger(id) || id < 0 || id >= p.vocabulary.length) throw new InputError(`'${input.modality}': token id ${id} at position ${k} is outside the vocabulary (0…${p.vocabulary.length - 1}).`);
    out[k] = id;
  }
  return out;
}

const indexes = new WeakMap<readonly string[], Map<string, number>>();
function vocabularyIndex(vocabulary: readonly string[]): Map<string, number> {
  let m = indexes.get(vocabulary);
  if (m === undefined) {
    m = new Map(vocabulary.map((w, i) => [w, i]));
    indexes.set(vocabulary, m);
  }
  return m;
}

// ---------------------------------------------------------------- tabular and sequence

function tabular(input: BundleInput, p: TabularPreprocessing, raw: unknown): Float32Array {
  const F = p.columns.length;
  const values = new Float64Array(F).fill(Number.NaN);
  if (isNumberArray(raw)) {
    if (raw.length !== F) throw new InputError(`'${input.modality}': expected ${F} values (${p.columns.join(', ')}), got ${raw.length}.`);
    for (let c = 0; c < F; c++) values[c] = raw[c] ?? Number.NaN;
  } else if (raw !== null && typeof raw === 'object') {
    const record = raw as Record<string, unknown>;
    const known = new Set<string>();
    p.columns.forEach((col, c) => {
      const eq = col.indexOf('=');
      const v = record[col];
      if (typeof v === 'number') {
        values[c] = v;
        known.add(col);
      } else if (eq > 0 && typeof record[col.slice(0, eq)] === 'string') {
        values[c] = record[col.slice(0, eq)] === col.slice(eq + 1) ? 1 : 0;
        known.add(col.slice(0, eq));
      } else if (eq > 0) {
        // A category left out counts as missing: its "(missing)" level when training saw one.
        const missing = record[col.slice(0, eq)] === null || record[col.slice(0, eq)] === undefined;
        values[c] = missing && col.slice(eq + 1) === '(missing)' ? 1 : 0;
      }
    });
    const unknown = Object.keys(record).filter((k) => !known.has(k) && record[k] !== null && record[k] !== undefined && !p.columns.includes(k));
    if (unknown.length > 0) throw new InputError(`'${input.modality}': unknown column(s) ${unknown.join(', ')}; the columns are ${p.columns.join(', ')}.`);
  } else {
    throw new InputError(`'${input.modality}': expected ${F} numbers or an object by column name.`);
  }
  const out = new Float32Array(F);
  for (let c = 0; c < F; c++) {
    const v = values[c] as number;
    const x = Number.isNaN(v) ? (p.fill[c] ?? 0) : v;
    out[c] = (x - (p.mean[c] ?? 0)) / (p.std[c] ?? 1);
  }
  return out;
}

function sequence(input: BundleInput, p: SequencePreprocessing, raw: unknown): Float32Array {
  const flat = flatten(raw);
  const n = p.steps * p.features;
  if (!isNumberArray(flat) || flat.length !== n) throw new InputError(`'${input.modality}': expected ${p.steps}×${p.features} numbers.`);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const f = i % p.features;
    out[i] = ((flat[i] ?? 0) - (p.mean[f] ?? 0)) / (p.std[f] ?? 1);
  }
  return out;
}

/** One raw value of a modality → that input's values (row-major, shape input.shape). */
export function preprocessValue(input: BundleInput, raw: unknown): Float32Array | Int32Array {
  const n = size(input.shape);
  if (raw === null || raw === undefined) return input.dtype === 'int32' ? new Int32Array(n) : new Float32Array(n);
  const p: Preprocessing = input.preprocessing;
  let out: Float32Array | Int32Array;
  switch (p.kind) {
    case 'image':
      out = image(input, p, raw);
      break;
    case 'audio':
      out = audio(input, p, raw);
      break;
    case 'text':
      out = text(input, p, raw);
      break;
    case 'tabular':
      out = tabular(input, p, raw);
      break;
    case 'sequence':
      out = sequence(input, p, raw);
      break;
  }
  if (out.length !== n) throw new InputError(`'${input.modality}': preprocessing made ${out.length} values but the model reads [${input.shape.join(', ')}]; the bundle's preprocessing record does not fit its model.`);
  return out;
}
