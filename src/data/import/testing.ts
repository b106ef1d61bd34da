// Test helpers: fake decoders (Node has no createImageBitmap) and tiny files with real headers.
import type { Decoders } from './build.ts';
import { readImageHeader } from './imageHeader.ts';

/** The first bytes of a PNG of the given size: enough for readImageHeader. colourType 0 = grey, 2 = RGB. */
export function pngHeader(width: number, height: number, colourType = 2): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(33);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const dv = new DataView(b.buffer);
  dv.setUint32(16, width);
  dv.setUint32(20, height);
  b[24] = 8;
  b[25] = colourType;
  return b;
}

/** A little-endian PCM16 mono WAV of `samples` (values in -1..1). */
export function wavBytes(samples: readonly number[], sampleRate = 8000): Uint8Array<ArrayBuffer> {
  const data = samples.length * 2;
  const b = new Uint8Array(44 + data);
  const dv = new DataView(b.buffer);
  const put = (i: number, s: string) => [...s].forEach((c, k) => (b[i + k] = c.charCodeAt(0)));
  put(0, 'RIFF');
  dv.setUint32(4, 36 + data, true);
  put(8, 'WAVE');
  put(12, 'fmt ');
  dv.setUint32(16, 16, true);
  dv.setUint16(20, 1, true);
  dv.setUint16(22, 1, true);
  dv.setUint32(24, sampleRate, true);
  dv.setUint32(28, sampleRate * 2, true);
  dv.setUint16(32, 2, true);
  dv.setUint16(34, 16, true);
  put(36, 'data');
  dv.setUint32(40, data, true);
  samples.forEach((s, i) => dv.setInt16(44 + i * 2, Math.round(Math.max(-1, Math.min(1, s)) * 32767), true));
  return b;
}

/** Minimal PCM16 mono reader for the fake decoders. */
function readWav(bytes: Uint8Array): { sampleRate: number; samples: Float32Array } {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 44 || String.fromCharCode(...bytes.subarray(0, 4)) !== 'RIFF') throw new Error('not a RIFF file');
  const sampleRate = dv.getUint32(24, true);
  const n = dv.getUint32(40, true) / 2;
  const samples = new Float32Array(n);
  for (let i = 0; i < n; i++) samples[i] = dv.getInt16(44 + i * 2, true) / 32768;
  return { sampleRate, samples };
}

/**
 * Decoders for Node: an "image" decodes to a constant equal to its width / 100 (so tests can tell
 * which file landed where); the spectrogram is a fake of the right shape.
 */
export function fakeDecoders(): Decoders & { imageCalls: number } {
  const d = {
    imageCalls: 0,
    image(bytes: Uint8Array, target: { height: number; width: number; channels: 1 | 3 }) {
      d.imageCalls++;
      const h = readImageHeader(bytes);
      if (h === null) return Promise.reject(new Error('not an image'));
      return Promise.resolve(new Float32Array(target.height * target.width * target.channels).fill(h.width / 100));
    },
    audio: readWav,
    spectrograms(clips: readonly Float32Array[], s: { frameLength: number; frameStep: number; fftLength: number }) {
      const out: number[] = [];
      for (const clip of clips) {
        const frames = 1 + Math.floor((clip.length - s.frameLength) / s.frameStep);
        const bins = s.fftLength / 2 + 1;
        for (let f = 0; f < frames; f++) {
          let energy = 0;
          for (let k = 0; k < s.frameLength; k++) energy += Math.abs(clip[f * s.frameStep + k] ?? 0);
          for (let b = 0; b < bins; b++) out.push(Math.log(energy + 1e-3) + b * 0.01);
        }
      }
      return Promise.resolve(Float32Array.from(out));
    },
  };
  return d;
}

/** A Blob of bytes (fflate's output is typed over ArrayBufferLike). */
export function blobOf(bytes: Uint8Array): Blob {
  return new Blob([bytes as Uint8Array<ArrayBuffer>]);
}
