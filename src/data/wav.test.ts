import { describe, expect, it } from 'vitest';
import { WavError, decodeWav, encodeWav16, resample } from './wav.ts';

interface WavSpec {
  format?: number;
  channels?: number;
  sampleRate?: number;
  bits: number;
  /** Raw sample bytes (interleaved). */
  data: Uint8Array;
  extensible?: boolean;
  /** Extra chunk before data (e.g. LIST), odd size to test padding. */
  extra?: Uint8Array;
}

/** Writes a WAV file by hand, byte by byte. */
function wav({ format = 1, channels = 1, sampleRate = 8000, bits, data, extensible = false, extra }: WavSpec): Uint8Array {
  const fmtSize = extensible ? 40 : 16;
  const extraSize = extra === undefined ? 0 : 8 + extra.byteLength + (extra.byteLength & 1);
  const size = 12 + 8 + fmtSize + extraSize + 8 + data.byteLength;
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  const put = (at: number, s: string) => [...s].forEach((ch, i) => v.setUint8(at + i, ch.charCodeAt(0)));
  put(0, 'RIFF');
  v.setUint32(4, size - 8, true);
  put(8, 'WAVE');
  put(12, 'fmt ');
  v.setUint32(16, fmtSize, true);
  v.setUint16(20, extensible ? 0xfffe : format, true);
  v.setUint16(22, channels, true);
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, (sampleRate * channels * bits) / 8, true);
  v.setUint16(32, (channels * bits) / 8, true);
  v.setUint16(34, bits, true);
  let at = 36;
  if (extensible) {
    v.setUint16(36, 22, true);
    v.setUint16(38, bits, true);
    v.setUint32(40, 0, true);
    v.setUint16(44, format, true); // first two bytes of the sub-format GUID
    at = 36 + 24;
  }
  if (extra !== undefined) {
    put(at, 'LIST');
    v.setUint32(at + 4, extra.byteLength, true);
    out.set(extra, at + 8);
    at += extraSize;
  }
  put(at, 'data');
  v.setUint32(at + 4, data.byteLength, true);
  out.set(data, at + 8);
  return out;
}

function bytesOf(values: readonly number[], bits: number, float = false): Uint8Array {
  const b = bits / 8;
  const out = new Uint8Array(values.length * b);
  const v = new DataView(out.buffer);
  values.forEach((x, i) => {
    const at = i * b;
    if (float && bits === 32) v.setFloat32(at, x, true);
    else if (float) v.setFloat64(at, x, true);
    else if (bits === 8) v.setUint8(at, x);
    else if (bits === 16) v.setInt16(at, x, true);
    else if (bits === 24) {
      v.setUint8(at, x & 0xff);
      v.setUint8(at + 1, (x >> 8) & 0xff);
      v.setInt8(at + 2, x >> 16);
    } else v.setInt32(at, x, true);
  });
  return out;
}

const close = (a: Float32Array, b: readonly number[]) => {
  expect(a.length).toBe(b.length);
  b.forEach((x, i) => expect(a[i]).toBeCloseTo(x, 6));
};

describe('decodeWav', () => {
  it('reads 8-bit unsigned PCM', () => {
    const r = decodeWav(wav({ bits: 8, data: bytesOf([128, 255, 0, 192], 8) }));
    expect(r).toMatchObject({ sampleRate: 8000, channels: 1, bitsPerSample: 8, encoding: 'pcm' });
    close(r.samples, [0, 127 / 128, -1, 0.5]);
  });

  it('reads 16-bit PCM (and accepts an ArrayBuffer)', () => {
    const file = wav({ bits: 16, sampleRate: 16000, data: bytesOf([0, 16384, -32768, 32767], 16) });
    const r = decodeWav(file.buffer as ArrayBuffer);
    expect(r.sampleRate).toBe(16000);
    close(r.samples, [0, 0.5, -1, 32767 / 32768]);
  });

  it('reads 24- and 32-bit integer PCM', () => {
    close(decodeWav(wav({ bits: 24, data: bytesOf([0, 4194304, -8388608], 24) })).samples, [0, 0.5, -1]);
    close(decodeWav(wav({ bits: 32, data: bytesOf([0, 1073741824, -2147483648], 32) })).samples, [0, 0.5, -1]);
  });

  it('reads 32- and 64-bit float', () => {
    const r = decodeWav(wav({ format: 3, bits: 32, data: bytesOf([0.25, -0.75, 1], 32, true) }));
    expect(r.encoding).toBe('float');
    close(r.samples, [0.25, -0.75, 1]);
    close(decodeWav(wav({ format: 3, bits: 64, data: bytesOf([0.125, -0.5], 64, true) })).samples, [0.125, -0.5]);
  });

  it('mixes stereo down to mono by averaging the channels', () => {
    const r = decodeWav(wav({ channels: 2, bits: 16, data: bytesOf([16384, -16384, 32767, 32767, 0, 16384], 16) }));
    expect(r.channels).toBe(2);
    close(r.samples, [0, 32767 / 32768, 0.25]);
  });

  it('reads WAVE_FORMAT_EXTENSIBLE and skips other chunks (with odd-size padding)', () => {
    const r = decodeWav(wav({ format: 1, bits: 16, extensible: true, extra: new Uint8Array([1, 2, 3]), data: bytesOf([16384, -16384], 16) }));
    close(r.samples, [0.5, -0.5]);
  });

  it('reads what is there when the data chunk claims more bytes than the file has', () => {
    const file = wav({ bits: 16, data: bytesOf([16384, 16384, 16384], 16) });
    const cut = file.slice(0, file.byteLength - 3); // one and a half samples missing
    expect(decodeWav(cut).samples.length).toBe(1);
  });

  it('round-trips encodeWav16', () => {
    const x = Float32Array.from([0, 0.5, -0.5, 0.25]);
    close(decodeWav(encodeWav16(x, 8000)).samples, [0, 0.5, -0.5, 0.25]);
  });

  it.each([
    ['not RIFF', new TextEncoder().encode('ID3\u0004 this is an mp3, honest'), /Not a WAV file: it does not start with "RIFF…WAVE"/],
    ['too short', new Uint8Array([82, 73, 70, 70]), /only 4 bytes/],
    ['RIFX', (() => { const f = wav({ bits: 16, data: bytesOf([1], 16) }); f.set([82, 73, 70, 88], 0); return f; })(), /Big-endian/],
    ['no data chunk', wav({ bits: 16, data: new Uint8Array(0) }).slice(0, 36), /no data chunk/],
    ['ADPCM', wav({ format: 2, bits: 4, data: new Uint8Array(8) }), /Unsupported WAV encoding: Microsoft ADPCM/],
    ['µ-law', wav({ format: 7, bits: 8, data: new Uint8Array(8) }), /µ-law/],
    ['12-bit PCM', wav({ bits: 12, data: new Uint8Array(6) }), /Unsupported WAV encoding: 12-bit PCM.*Supported: PCM 8-, 16-, 24- or 32-bit/],
    ['16-bit float', wav({ format: 3, bits: 16, data: new Uint8Array(6) }), /16-bit float/],
    ['0 channels', wav({ channels: 0, bits: 16, data: new Uint8Array(4) }), /0 channels/],
  ])('refuses %s with a clear message', (_name, bytes, message) => {
    expect(() => decodeWav(bytes)).toThrow(WavError);
    expect(() => decodeWav(bytes)).toThrow(message);
  });
});

describe('resample', () => {
  it('keeps the length ratio and a slow sine', () => {
    const x = Float32Array.from({ length: 4410 }, (_, i) => Math.sin((2 * Math.PI * 100 * i) / 44100));
    const y = resample(x, 44100, 8000);
    expect(y.length).toBe(800);
    expect(y[200]).toBeCloseTo(Math.sin((2 * Math.PI * 100 * 200) / 8000), 1);
    expect(resample(x, 8000, 8000)).toBe(x);
  });
});
