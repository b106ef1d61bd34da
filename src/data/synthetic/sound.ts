// Synthesised sounds for the synthetic audio modality: tones (with a harmonic) and linear chirps,
// shaped by a short attack and release, at a random onset inside the clip, plus white noise.
import type { Rng } from '../random.ts';
import type { SpectrogramSettings } from '../spectrogram.ts';

/** 0.256 s at 4 kHz, frames of 16 ms every 12 ms: spectrograms of 21 × 33. */
export const SYNTH_AUDIO: SpectrogramSettings = { sampleRate: 4000, clipSamples: 1024, frameLength: 64, frameStep: 48 };

export interface SoundSpec {
  /** Start and end frequency (Hz); equal for a steady tone. */
  readonly f0: number;
  readonly f1: number;
  /** Seconds. */
  readonly duration: number;
  readonly amplitude: number;
  /** Relative amplitude of the second harmonic (0 for none). */
  readonly harmonic: number;
}

/** Writes one clip into out[offset … offset + clipSamples): the sound at a random onset, then noise of std `sigma`. */
export function renderSound(out: Float32Array, offset: number, s: SpectrogramSettings, spec: SoundSpec, rng: Rng, sigma: number): void {
  const sr = s.sampleRate;
  const n = Math.min(s.clipSamples, Math.round(spec.duration * sr));
  const onset = rng.int(Math.max(1, s.clipSamples - n));
  const attack = Math.max(1, Math.round(0.01 * sr));
  const release = Math.max(1, Math.round(0.03 * sr));
  const phase0 = rng.range(0, 2 * Math.PI);
  const nyquist = sr / 2;
  const k = (spec.f1 - spec.f0) / (2 * spec.duration);
  for (let i = 0; i < n; i++) {
    const t = i / sr;
    const phase = 2 * Math.PI * (spec.f0 * t + k * t * t) + phase0;
    const freq = spec.f0 + 2 * k * t;
    let v = Math.sin(phase);
    if (spec.harmonic > 0 && 2 * freq < nyquist * 0.95) v += spec.harmonic * Math.sin(2 * phase);
    const env = i < attack ? 0.5 - 0.5 * Math.cos((Math.PI * i) / attack) : i > n - release ? 0.5 - 0.5 * Math.cos((Math.PI * (n - i)) / release) : 1;
    out[offset + onset + i] = spec.amplitude * env * v;
  }
  // A faint noise floor keeps silence from being exactly zero; `sigma` adds the dataset's noise.
  const floor = 0.002 + sigma;
  for (let i = 0; i < s.clipSamples; i++) out[offset + i] = (out[offset + i] as number) + floor * rng.noise();
}
