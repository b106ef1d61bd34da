import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { getKind } from '../graph/index.ts';
import { fftRealRows, fftRows, installFastCpuKernels } from './cpuKernels.ts';
import { DEFAULT_EPSILON, fftLengthFor, fitToClip, logSpectrogram, logSpectrogramBatch, spectrogramShape } from './spectrogram.ts';
import type { SpectrogramSettings } from './spectrogram.ts';
import { SYNTH_AUDIO } from './synthetic/sound.ts';
import { AVDIGITS_AUDIO } from './avdigits/load.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const inferAudio = (s: SpectrogramSettings): readonly number[] | string => {
  const kind = getKind('input.audio');
  if (kind === undefined) throw new Error('input.audio is not registered');
  const r = kind.infer({ ...s }, {});
  return r.ok ? (r.outputs['out']?.shape ?? []) : r.message;
};

const tone = (n: number, freq: number, rate: number) => Float32Array.from({ length: n }, (_, i) => 0.5 * Math.sin((2 * Math.PI * freq * i) / rate));

describe('spectrogram shapes', () => {
  const cases: SpectrogramSettings[] = [
    AVDIGITS_AUDIO,
    SYNTH_AUDIO,
    { sampleRate: 1000, clipSamples: 64, frameLength: 16, frameStep: 16 },
    { sampleRate: 16000, clipSamples: 16000, frameLength: 400, frameStep: 160 }, // fftLength 512
    { sampleRate: 8000, clipSamples: 300, frameLength: 300, frameStep: 7 }, // exactly one frame
    { sampleRate: 8000, clipSamples: 1000, frameLength: 100, frameStep: 33 },
  ];
  it.each(cases)('equal input.audio inference for %o', (s) => {
    expect(spectrogramShape(s)).toEqual(inferAudio(s));
    const clips = [tone(s.clipSamples + 50, 440, s.sampleRate), tone(Math.max(1, s.clipSamples - 50), 220, s.sampleRate)];
    const [T, F] = spectrogramShape(s);
    expect(logSpectrogramBatch(clips, s).length).toBe(2 * T * F);
    expect(logSpectrogram(clips[0] as Float32Array, s).length).toBe(T * F);
  });

  it('the example audio input (8 kHz, 8000 samples, frames 256/128) gives 61 × 129 with fftLength 256', () => {
    expect(spectrogramShape(AVDIGITS_AUDIO)).toEqual([61, 129]);
    expect(fftLengthFor(256)).toBe(256);
    expect(fftLengthFor(400)).toBe(512);
  });

  it('refuses a clip shorter than a frame, like input.audio', () => {
    const s = { sampleRate: 8000, clipSamples: 100, frameLength: 256, frameStep: 128 };
    expect(() => spectrogramShape(s)).toThrow(/shorter than one frame/);
    expect(inferAudio(s)).toMatch(/shorter than one frame/);
  });
});

describe('log spectrogram values', () => {
  it('the batch path equals tf.signal.stft clip by clip', () => {
    const s = AVDIGITS_AUDIO;
    const clips = [tone(6000, 440, 8000), tone(9000, 1000, 8000), Float32Array.from({ length: 8000 }, (_, i) => Math.sin(i * i * 1e-5))];
    const batch = logSpectrogramBatch(clips, s);
    const [T, F] = spectrogramShape(s);
    clips.forEach((c, b) => {
      const one = logSpectrogram(c, s);
      let err = 0;
      for (let i = 0; i < one.length; i++) err = Math.max(err, Math.abs((one[i] as number) - (batch[b * T * F + i] as number)));
      expect(err).toBeLessThan(1e-4);
    });
  });

  it('puts a tone in the right frequency bin, and silence at log(ε)', () => {
    const s = { sampleRate: 8000, clipSamples: 8000, frameLength: 256, frameStep: 128 };
    const [T, F] = spectrogramShape(s);
    const spec = logSpectrogram(tone(4000, 1000, 8000), s); // half a second of 1 kHz, then zeros
    const row = spec.subarray(5 * F, 6 * F);
    expect(Array.from(row).indexOf(Math.max(...row))).toBe(Math.round((1000 / 8000) * 256)); // bin 32
    const last = spec.subarray((T - 1) * F, T * F);
    expect(Math.max(...last)).toBeCloseTo(Math.log(DEFAULT_EPSILON), 5);
  });

  it('pads and cuts to the clip length', () => {
    expect(fitToClip(Float32Array.from([1, 2]), 4)).toEqual(Float32Array.from([1, 2, 0, 0]));
    expect(fitToClip(Float32Array.from([1, 2, 3, 4, 5]), 3)).toEqual(Float32Array.from([1, 2, 3]));
  });

  it('leaves no tensors behind', () => {
    const before = tf.memory().numTensors;
    logSpectrogramBatch([tone(8000, 300, 8000)], AVDIGITS_AUDIO);
    logSpectrogram(tone(8000, 300, 8000), AVDIGITS_AUDIO);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('fast cpu kernels', () => {
  const dft = (re: ArrayLike<number>, im: ArrayLike<number>, n: number) => {
    const outRe: number[] = [];
    const outIm: number[] = [];
    for (let k = 0; k < n; k++) {
      let a = 0;
      let b = 0;
      for (let t = 0; t < n; t++) {
        const c = Math.cos((2 * Math.PI * k * t) / n);
        const s = -Math.sin((2 * Math.PI * k * t) / n);
        a += (re[t] as number) * c - (im[t] as number) * s;
        b += (re[t] as number) * s + (im[t] as number) * c;
      }
      outRe.push(a);
      outIm.push(b);
    }
    return [outRe, outIm] as const;
  };

  it.each([2, 4, 8, 64, 256])('fftRows and fftRealRows match a direct DFT (n = %i)', (n) => {
    const rows = 3;
    const re = Float32Array.from({ length: n * rows }, (_, i) => Math.sin(i * 1.7) + ((i * 7) % 5) / 5);
    const im = Float32Array.from({ length: n * rows }, (_, i) => Math.cos(i * 0.3));
    const zeros = new Float32Array(n * rows);
    const [cr, ci, rr, ri] = [new Float32Array(n * rows), new Float32Array(n * rows), new Float32Array(n * rows), new Float32Array(n * rows)];
    fftRows(re, im, cr, ci, n, rows);
    fftRealRows(re, rr, ri, n, rows);
    for (let r = 0; r < rows; r++) {
      const [er, ei] = dft(re.subarray(r * n, (r + 1) * n), im.subarray(r * n, (r + 1) * n), n);
      const [fr, fi] = dft(re.subarray(r * n, (r + 1) * n), zeros, n);
      for (let k = 0; k < n; k++) {
        expect(cr[r * n + k]).toBeCloseTo(er[k] as number, 3);
        expect(ci[r * n + k]).toBeCloseTo(ei[k] as number, 3);
        expect(rr[r * n + k]).toBeCloseTo(fr[k] as number, 3);
        expect(ri[r * n + k]).toBeCloseTo(fi[k] as number, 3);
      }
    }
  });

  it('tf.spectral.fft, rfft and tf.split keep their results with the fast kernels installed', () => {
    installFastCpuKernels();
    const x = tf.tensor2d([1, 2, 3, 4, 0, -1, 0, 1], [2, 4]);
    const f = tf.spectral.rfft(x);
    expect(Array.from(tf.real(f).dataSync(), (v) => v + 0)).toEqual([10, -2, -2, 0, 0, 0]);
    expect(Array.from(tf.imag(f).dataSync(), (v) => v + 0)).toEqual([0, 2, 0, 0, 2, 0]);
    const c = tf.spectral.fft(tf.complex(tf.tensor1d([1, 0, 0, 0, 0, 0]), tf.tensor1d([0, 1, 0, 0, 0, 0]))); // n = 6: original kernel
    expect(Array.from(tf.real(c).dataSync()).map((v) => Math.round(v * 1000) / 1000)).toEqual([1, 1.866, 1.866, 1, 0.134, 0.134]);
    const parts = tf.split(tf.tensor3d(Array.from({ length: 24 }, (_, i) => i), [2, 3, 4]), [1, 2], 1);
    expect(parts.map((p) => Array.from(p.dataSync()))).toEqual([
      [0, 1, 2, 3, 12, 13, 14, 15],
      [4, 5, 6, 7, 8, 9, 10, 11, 16, 17, 18, 19, 20, 21, 22, 23],
    ]);
    const ints = tf.split(tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3], 'int32'), 3, 1);
    expect(ints.map((p) => Array.from(p.dataSync()))).toEqual([[1, 4], [2, 5], [3, 6]]);
    tf.dispose([x, f, c, ...parts, ...ints]);
  });
});
