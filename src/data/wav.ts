// WAV (RIFF/WAVE) decoding to a mono Float32Array in -1..1, without the Web Audio API (it works in
// workers and in Node). Reads PCM 8-bit (unsigned), 16-, 24- and 32-bit (signed) integers and
// 32- and 64-bit IEEE floats, plain or WAVE_FORMAT_EXTENSIBLE; several channels are averaged.

export interface DecodedWav {
  readonly sampleRate: number;
  /** Channels in the file (the samples are their average). */
  readonly channels: number;
  /** Mono mixdown, nominally -1..1 (float files may exceed it). Length = frames. */
  readonly samples: Float32Array;
  readonly bitsPerSample: number;
  readonly encoding: 'pcm' | 'float';
}

/** A WAV file that could not be read; the message says why and what is supported. */
export class WavError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WavError';
  }
}

const SUPPORTED = 'PCM 8-, 16-, 24- or 32-bit integer, or 32-/64-bit float';

const FORMAT_NAMES: Readonly<Record<number, string>> = {
  2: 'Microsoft ADPCM',
  6: 'A-law',
  7: 'µ-law',
  17: 'IMA ADPCM',
  49: 'GSM 6.10',
  80: 'MPEG',
  85: 'MP3',
};

function fourCC(view: DataView, at: number): string {
  return String.fromCharCode(view.getUint8(at), view.getUint8(at + 1), view.getUint8(at + 2), view.getUint8(at + 3));
}

/**
 * Decodes a WAV file's bytes. Throws WavError for anything that is not a readable WAV: not RIFF,
 * no fmt or data chunk, an unsupported encoding, zero channels or sample rate.
 */
export function decodeWav(bytes: ArrayBuffer | Uint8Array): DecodedWav {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const view = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
  if (u8.byteLength < 12) throw new WavError(`Not a WAV file: it has only ${u8.byteLength} bytes (a WAV file starts with a 12-byte RIFF header).`);
  const riff = fourCC(view, 0);
  if (riff === 'RIFX') throw new WavError('Big-endian WAV files (RIFX) are not supported; save the file as a standard little-endian WAV.');
  if (riff !== 'RIFF' || fourCC(view, 8) !== 'WAVE') {
    throw new WavError('Not a WAV file: it does not start with "RIFF…WAVE". Convert the recording to WAV (' + SUPPORTED + ').');
  }

  let fmt: { format: number; channels: number; sampleRate: number; blockAlign: number; bits: number } | null = null;
  let dataStart = -1;
  let dataSize = 0;
  let at = 12;
  while (at + 8 <= u8.byteLength) {
    const id = fourCC(view, at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > u8.byteLength) throw new WavError(`The WAV file's fmt chunk is too short (${size} bytes; it needs at least 16).`);
      let format = view.getUint16(body, true);
      const channels = view.getUint16(body + 2, true);
      const sampleRate = view.getUint32(body + 4, true);
      const blockAlign = view.getUint16(body + 12, true);
      const bits = view.getUint16(body + 14, true);
      if (format === 0xfffe) {
        // WAVE_FORMAT_EXTENSIBLE: the real format is the first two bytes of the sub-format GUID.
        if (size < 40 || body + 26 > u8.byteLength) throw new WavError('The WAV file says it uses the extensible format but its fmt chunk is too short to say which encoding.');
        format = view.getUint16(body + 24, true);
      }
      fmt = { format, channels, sampleRate, blockAlign, bits };
    } else if (id === 'data') {
      dataStart = body;
      // Files written while streaming may carry a size that runs past the end: read what is there.
      dataSize = Math.min(size, u8.byteLength - body);
      break;
    }
    at = body + size + (size & 1);
  }
  if (fmt === null) throw new WavError('The WAV file has no fmt chunk before its audio data, so its encoding is unknown.');
  if (dataStart < 0) throw new WavError('The WAV file has no data chunk: it holds no audio samples.');

  const { format, channels, sampleRate, bits } = fmt;
  if (channels === 0) throw new WavError('The WAV file says it has 0 channels.');
  if (sampleRate === 0) throw new WavError('The WAV file says its sample rate is 0 Hz.');
  let encoding: 'pcm' | 'float';
  if (format === 1 && (bits === 8 || bits === 16 || bits === 24 || bits === 32)) encoding = 'pcm';
  else if (format === 3 && (bits === 32 || bits === 64)) encoding = 'float';
  else {
    const name = format === 1 ? `${bits}-bit PCM` : format === 3 ? `${bits}-bit float` : (FORMAT_NAMES[format] ?? `format code ${format}`);
    throw new WavError(`Unsupported WAV encoding: ${name}. Supported: ${SUPPORTED}. Re-export the recording in one of these.`);
  }

  const bytesPerSample = bits / 8;
  const frameBytes = Math.max(fmt.blockAlign, channels * bytesPerSample);
  const frames = Math.floor(dataSize / frameBytes);
  const out = new Float32Array(frames);
  const inv = 1 / channels;
  for (let f = 0; f < frames; f++) {
    const base = dataStart + f * frameBytes;
    let sum = 0;
    for (let c = 0; c < channels; c++) {
      const p = base + c * bytesPerSample;
      let v: number;
      if (encoding === 'float') v = bits === 32 ? view.getFloat32(p, true) : view.getFloat64(p, true);
      else if (bits === 16) v = view.getInt16(p, true) / 32768;
      else if (bits === 8) v = (view.getUint8(p) - 128) / 128;
      else if (bits === 24) {
        const x = view.getUint8(p) | (view.getUint8(p + 1) << 8) | (view.getInt8(p + 2) << 16);
        v = x / 8388608;
      } else v = view.getInt32(p, true) / 2147483648;
      sum += v;
    }
    out[f] = channels === 1 ? sum : sum * inv;
  }
  return { sampleRate, channels, samples: out, bitsPerSample: bits, encoding };
}

/**
 * Resamples by linear interpolation (after a moving-average low-pass when downsampling, so tones
 * above the new Nyquist frequency are damped rather than folded back). Returns the input when the
 * rates are equal.
 */
export function resample(samples: Float32Array, from: number, to: number): Float32Array {
  if (from === to || samples.length === 0) return samples;
  let src = samples;
  if (to < from) {
    const width = Math.max(1, Math.round(from / to));
    if (width > 1) {
      // Centred moving average of `width` samples (prefix sums keep it linear in the length).
      const prefix = new Float64Array(samples.length + 1);
      for (let i = 0; i < samples.length; i++) prefix[i + 1] = (prefix[i] ?? 0) + (samples[i] ?? 0);
      src = new Float32Array(samples.length);
      const half = Math.floor(width / 2);
      for (let i = 0; i < samples.length; i++) {
        const lo = Math.max(0, i - half);
        const hi = Math.min(samples.length, i - half + width);
        src[i] = ((prefix[hi] ?? 0) - (prefix[lo] ?? 0)) / (hi - lo);
      }
    }
  }
  const n = Math.max(1, Math.round((src.length * to) / from));
  const out = new Float32Array(n);
  const ratio = from / to;
  for (let i = 0; i < n; i++) {
    const x = i * ratio;
    const j = Math.floor(x);
    const t = x - j;
    const a = src[j] ?? 0;
    const b = src[j + 1] ?? a;
    out[i] = a + (b - a) * t;
  }
  return out;
}

/** Writes a 16-bit PCM mono WAV (tests, and the packer's self-check). */
export function encodeWav16(samples: Float32Array, sampleRate: number): Uint8Array {
  const buf = new ArrayBuffer(44 + samples.length * 2);
  const v = new DataView(buf);
  const put = (at: number, s: string) => {
    for (let i = 0; i < 4; i++) v.setUint8(at + i, s.charCodeAt(i));
  };
  put(0, 'RIFF');
  v.setUint32(4, 36 + samples.length * 2, true);
  put(8, 'WAVE');
  put(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true);
  v.setUint16(22, 1, true);
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * 2, true);
  v.setUint16(32, 2, true);
  v.setUint16(34, 16, true);
  put(36, 'data');
  v.setUint32(40, samples.length * 2, true);
  for (let i = 0; i < samples.length; i++) v.setInt16(44 + i * 2, Math.max(-32768, Math.min(32767, Math.round((samples[i] ?? 0) * 32768))), true);
  return new Uint8Array(buf);
}
