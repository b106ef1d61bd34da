// Log-magnitude spectrograms with tf.signal.stft (Hann window), for real and synthetic audio alike.
//
// A clip is padded with zeros or cut to `clipSamples`, cut into frames of `frameLength` samples
// every `frameStep` samples, and each frame's FFT (length: the next power of two) gives
// F = fftLength / 2 + 1 magnitudes: S[t, f] = log(|STFT(x)[t, f]| + ε). The shape [T, F] is exactly
// input.audio's inference: T = ⌊(clipSamples − frameLength) / frameStep⌋ + 1.
//
// One clip goes through tf.signal.stft itself (logSpectrogram). A batch goes through the same
// steps, batched (logSpectrogramBatch): tf.signal.stft takes a single 1-D signal and frames it
// with one slice op per frame (about 17 µs each on the cpu backend: 180,000 frames for 3,000
// clips), so the batch path frames every clip with typed-array copies, applies stft's own window
// (tf.signal.hannWindow) and runs one tf.spectral.fft over all frames. A test checks that both
// give the same numbers. On the cpu backend, fast FFT and SplitV kernels are installed first
// (cpuKernels.ts). Preprocessing only: the STFT has no gradient in tfjs.
import * as tf from '@tensorflow/tfjs';
import { fftRealRows, installFastCpuKernels } from './cpuKernels.ts';

export interface SpectrogramSettings {
  readonly sampleRate: number;
  readonly clipSamples: number;
  readonly frameLength: number;
  readonly frameStep: number;
}

/** ε in log(|STFT| + ε): about the magnitude of 16-bit quantisation noise over a frame. */
export const DEFAULT_EPSILON = 1e-3;

export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** FFT length used for a frame length (the next power of two). */
export function fftLengthFor(frameLength: number): number {
  return nextPowerOfTwo(frameLength);
}

/** [T, F] of the spectrogram, as input.audio infers it; throws when the clip is shorter than a frame. */
export function spectrogramShape(s: SpectrogramSettings): [frames: number, bins: number] {
  checkSettings(s);
  return [Math.floor((s.clipSamples - s.frameLength) / s.frameStep) + 1, fftLengthFor(s.frameLength) / 2 + 1];
}

function checkSettings(s: SpectrogramSettings): void {
  for (const k of ['clipSamples', 'frameLength', 'frameStep'] as const) {
    if (!Number.isInteger(s[k]) || s[k] < 1) throw new RangeError(`Spectrogram ${k} must be a whole number ≥ 1; got ${s[k]}.`);
  }
  if (s.clipSamples < s.frameLength) {
    throw new RangeError(`A clip of ${s.clipSamples} samples is shorter than one frame (${s.frameLength} samples), so the spectrogram would be empty.`);
  }
}

/** The waveform padded with zeros at the end, or cut, to exactly `clipSamples` samples. */
export function fitToClip(samples: Float32Array, clipSamples: number): Float32Array {
  if (samples.length === clipSamples) return samples;
  if (samples.length > clipSamples) return samples.slice(0, clipSamples);
  const out = new Float32Array(clipSamples);
  out.set(samples);
  return out;
}

function prepareBackend(): void {
  if (tf.getBackend() === 'cpu') installFastCpuKernels();
}

const windows = new Map<number, Float32Array>();
/** tf.signal.hannWindow(length) as numbers (the window tf.signal.stft applies). */
function hann(length: number): Float32Array {
  let w = windows.get(length);
  if (w === undefined) {
    const t = tf.signal.hannWindow(length);
    w = t.dataSync() as Float32Array;
    t.dispose();
    windows.set(length, w);
  }
  return w;
}

/**
 * Log-magnitude spectrograms of a batch of clips (each padded with zeros or cut to clipSamples):
 * B × T × F values, row-major. The steps of tf.signal.stft, batched: frames cut with typed-array
 * copies and multiplied by tf.signal.hannWindow, zero-padded to fftLength, one tf.spectral.fft
 * over all B·T frames, then log(|X| + ε) of the first F bins. Synchronous: keep batches to a few
 * hundred clips (the AV-Digits loader uses 100).
 */
export function logSpectrogramBatch(clips: readonly Float32Array[], s: SpectrogramSettings, epsilon = DEFAULT_EPSILON): Float32Array {
  const [T, F] = spectrogramShape(s);
  const B = clips.length;
  const out = new Float32Array(B * T * F);
  if (B === 0) return out;
  prepareBackend();
  const L = s.frameLength;
  const N = fftLengthFor(L);
  const w = hann(L);
  const frames = new Float32Array(B * T * N);
  for (let b = 0; b < B; b++) {
    const clip = clips[b] as Float32Array;
    const avail = Math.min(clip.length, s.clipSamples);
    for (let t = 0; t < T; t++) {
      const start = t * s.frameStep;
      const end = Math.min(start + L, avail);
      const row = (b * T + t) * N;
      for (let i = 0; start + i < end; i++) frames[row + i] = (clip[start + i] as number) * (w[i] as number);
    }
  }
  // A backend without an FFT kernel (tfjs 4.22's wasm) gets the same transform in plain JS.
  const jsOnly = tf.getKernel('FFT', tf.getBackend()) === undefined;
  const [re, im] = jsOnly
    ? [null, null]
    : tf.tidy(() => {
        const x = tf.tensor2d(frames, [B * T, N]);
        const spec = tf.spectral.fft(tf.complex(x, tf.zerosLike(x)));
        return [tf.real(spec), tf.imag(spec)];
      });
  try {
    let reV: Float32Array;
    let imV: Float32Array;
    if (re === null || im === null) {
      reV = new Float32Array(frames.length);
      imV = new Float32Array(frames.length);
      fftRealRows(frames, reV, imV, N, B * T);
    } else {
      reV = re.dataSync() as Float32Array;
      imV = im.dataSync() as Float32Array;
    }
    for (let r = 0; r < B * T; r++) {
      const from = r * N;
      const to = r * F;
      for (let f = 0; f < F; f++) {
        const a = reV[from + f] as number;
        const c = imV[from + f] as number;
        out[to + f] = Math.log(Math.sqrt(a * a + c * c) + epsilon);
      }
    }
  } finally {
    re?.dispose();
    im?.dispose();
  }
  return out;
}

/** One clip's log-magnitude spectrogram (T × F values) with tf.signal.stft itself. */
export function logSpectrogram(samples: Float32Array, s: SpectrogramSettings, epsilon = DEFAULT_EPSILON): Float32Array {
  const [T, F] = spectrogramShape(s);
  prepareBackend();
  const clip = fitToClip(samples, s.clipSamples);
  const logMag = tf.tidy(() => {
    const spec = tf.signal.stft(tf.tensor1d(clip), s.frameLength, s.frameStep, fftLengthFor(s.frameLength), tf.signal.hannWindow);
    return tf.log(tf.add(tf.abs(spec), epsilon));
  });
  try {
    const out = logMag.dataSync() as Float32Array;
    if (out.length !== T * F) throw new Error(`spectrogram size ${out.length} ≠ ${T}×${F}`);
    return out;
  } finally {
    logMag.dispose();
  }
}
