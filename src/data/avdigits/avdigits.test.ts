// The packed AV-Digits assets in public/datasets/avdigits, read from disk (not fetched).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AssetSource } from '../assets.ts';
import { nodeFs, nodeZlib } from '../nodeFiles.testing.ts';
import { sha256Hex, verifyAsset } from '../assets.ts';
import { DatasetError, SPLIT_CODE } from '../types.ts';
import { decodeWav } from '../wav.ts';
import { AVDIGITS_SPEAKERS } from './constants.ts';
import type { AvDigitsManifest } from './constants.ts';
import { buildAvDigits, checkConsistency, readAvDigits, wavBytes } from './load.ts';
import type { AvDigitsRaw } from './load.ts';

const DIR = new URL('../../../public/datasets/avdigits/', import.meta.url);
const { readFileSync, existsSync } = await nodeFs();
const { gunzipSync } = await nodeZlib();
const file = (name: string) => new Uint8Array(readFileSync(new URL(name, DIR)));

/** The packed files from disk; `damage` flips one byte of a file. */
function diskAssets(damage?: { name: string; at: number }): AssetSource {
  return {
    where: DIR.pathname,
    async read(name) {
      const bytes = file(name);
      if (damage?.name === name) bytes[damage.at] = (bytes[damage.at] ?? 0) ^ 0xff;
      return bytes;
    },
  };
}

let raw: AvDigitsRaw;
beforeAll(async () => {
  await tf.setBackend('cpu');
  raw = await readAvDigits(diskAssets());
});

/** A few samples of every speaker and digit, as their own packed dataset. */
function subset(r: AvDigitsRaw, takes: readonly number[]): AvDigitsRaw {
  const ids = r.samples.take.flatMap((t, i) => (takes.includes(t) ? [i] : []));
  const wavs = ids.map((i) => wavBytes(r, i));
  const audio = new Uint8Array(wavs.reduce((a, w) => a + w.byteLength, 0));
  const offsets = [0];
  wavs.forEach((w) => {
    audio.set(w, offsets.at(-1));
    offsets.push((offsets.at(-1) ?? 0) + w.byteLength);
  });
  const images = new Uint8Array(ids.length * 784);
  ids.forEach((i, k) => images.set(r.images.subarray(i * 784, (i + 1) * 784), k * 784));
  const pick = (a: number[]) => ids.map((i) => a[i] as number);
  return {
    manifest: r.manifest,
    images,
    audio,
    samples: { ...r.samples, count: ids.length, digit: pick(r.samples.digit), speaker: pick(r.samples.speaker), take: pick(r.samples.take), mnistIndex: pick(r.samples.mnistIndex), audioOffset: offsets },
  };
}

describe('packed AV-Digits assets', () => {
  it('verify against the manifest checksums, with sources and share-alike licences', async () => {
    const manifest = JSON.parse(new TextDecoder().decode(file('manifest.json'))) as AvDigitsManifest;
    expect(manifest.files.map((f) => f.name).sort()).toEqual(['audio.bin', 'images.bin', 'samples.json']);
    for (const f of manifest.files) await expect(verifyAsset('avdigits', f.name, file(f.name), f)).resolves.toBeUndefined();
    expect(manifest.sources.map((s) => s.licence)).toEqual(['CC BY-SA 3.0', 'CC BY-SA 4.0']);
    expect(manifest.licence).toMatch(/CC BY-SA 4\.0/);
    const readme = new TextDecoder().decode(file('README.md'));
    expect(readme).toMatch(/Y\. LeCun, C\. Cortes, C\. J\. C\. Burges/);
    expect(readme).toMatch(/Z\. Jackson et al\./);
    expect(readme).toMatch(/Share-alike/);
    const total = manifest.files.reduce((a, f) => a + f.bytes, 0);
    expect(total).toBeLessThan(25e6);
  });

  it.each([
    ['images.bin', 1000],
    ['audio.bin', 123_456],
    ['samples.json', 10],
  ])('a corrupted byte in %s is reported, naming the file', async (name, at) => {
    const err = await readAvDigits(diskAssets({ name, at })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect((err as DatasetError).where).toBe(`avdigits/${name}`);
    expect((err as DatasetError).message).toMatch(new RegExp(`^avdigits/${name.replace('.', '\\.')} does not match its checksum`));
  });

  it('has 3,000 samples: 6 speakers × 10 digits × 50 takes, each paired with a distinct image of its digit', () => {
    const s = raw.samples;
    expect(s.count).toBe(3000);
    expect(s.speakers).toEqual([...AVDIGITS_SPEAKERS]);
    const perCell = new Map<string, number>();
    s.digit.forEach((d, i) => perCell.set(`${s.speaker[i]}/${d}`, (perCell.get(`${s.speaker[i]}/${d}`) ?? 0) + 1));
    expect(perCell.size).toBe(60);
    expect([...perCell.values()].every((n) => n === 50)).toBe(true);
    expect(new Set(s.mnistIndex).size).toBe(3000);
    const mnist = '../shared/data/mnist/t10k-labels-idx1-ubyte.gz';
    if (existsSync(mnist)) {
      const labels = gunzipSync(readFileSync(mnist)).subarray(8);
      s.mnistIndex.forEach((m, i) => expect(labels[m]).toBe(s.digit[i]));
    }
    expect(() => checkConsistency(raw)).not.toThrow();
  });

  it('holds real WAV recordings (8 kHz mono) and real digits', () => {
    for (const i of [0, 1234, 2999]) {
      const w = decodeWav(wavBytes(raw, i));
      expect(w.sampleRate).toBe(8000);
      expect(w.channels).toBe(1);
      expect(w.samples.length).toBeGreaterThan(1000);
      const img = raw.images.subarray(i * 784, (i + 1) * 784);
      expect(Math.max(...img)).toBe(255);
    }
  });

  it('inconsistent files are reported with the file they are in', () => {
    const broken = { ...raw, samples: { ...raw.samples, digit: raw.samples.digit.slice(1) } };
    expect(() => checkConsistency(broken)).toThrow(/avdigits\/samples\.json: "digit" has 2999 entries/);
    const short = { ...raw, images: raw.images.subarray(10) };
    expect(() => checkConsistency(short)).toThrow(/avdigits\/images\.bin/);
  });

  it('sha256Hex agrees with a known digest', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('building AV-Digits (a few takes of every speaker and digit)', () => {
  it('decodes, makes 61 × 129 spectrograms, holds out one speaker for test and standardises on train', async () => {
    const few = subset(raw, [0, 1, 2, 3, 4, 5]);
    const progress: string[] = [];
    const before = tf.memory().numTensors;
    const data = await buildAvDigits(few, { hard: false, seed: 42, heldOut: 'theo' }, { onProgress: (p) => progress.push(p.label) });
    expect(tf.memory().numTensors).toBe(before);
    expect(progress).toContain('Decoding WAV recordings');
    expect(progress).toContain('Computing spectrograms (STFT)');
    const n = few.samples.count;
    expect(n).toBe(360);
    expect(data.info.modalities.map((m) => [m.name, m.shape])).toEqual([
      ['image', [28, 28, 1]],
      ['audio', [61, 129]],
    ]);
    expect(data.inputs['audio']?.length).toBe(n * 61 * 129);
    const theo = few.samples.speakers.indexOf('theo');
    for (let i = 0; i < n; i++) expect(data.split[i] === SPLIT_CODE.test).toBe(few.samples.speaker[i] === theo);
    expect(data.info.splits.test).toBe(60);
    expect(data.info.classCounts.test).toEqual(new Array(10).fill(6));
    expect(data.info.splits.validation).toBe(30);
    expect(data.info.splitNote).toMatch(/held-out speaker theo/);
    expect(Array.from(data.labels)).toEqual(few.samples.digit);
    const audio = data.inputs['audio'] as Float32Array;
    let sum = 0;
    let sq = 0;
    let count = 0;
    for (let i = 0; i < n; i++) {
      if (data.split[i] !== SPLIT_CODE.train) continue;
      for (let j = i * 7869; j < (i + 1) * 7869; j++) {
        sum += audio[j] ?? 0;
        sq += (audio[j] ?? 0) ** 2;
        count++;
      }
    }
    expect(Math.abs(sum / count)).toBeLessThan(1e-3);
    expect(Math.sqrt(sq / count)).toBeCloseTo(1, 2);
    const pre = data.info.modalities[1]?.preprocessing;
    expect(pre).toMatchObject({ kind: 'audio', sampleRate: 8000, clipSamples: 8000, frameLength: 256, frameStep: 128, fftLength: 256 });
    expect(data.info.credits.join(' ')).toMatch(/LeCun.*CC BY-SA 3\.0.*Jackson.*CC BY-SA 4\.0/);
  });

  it('another held-out speaker moves the test split; the hard variant degrades both modalities', async () => {
    const few = subset(raw, [0, 1]);
    const normal = await buildAvDigits(few, { hard: false, seed: 1, heldOut: 'george' }, {});
    const hard = await buildAvDigits(few, { hard: true, seed: 1, heldOut: 'george' }, {});
    const george = few.samples.speakers.indexOf('george');
    for (let i = 0; i < few.samples.count; i++) expect(hard.split[i] === SPLIT_CODE.test).toBe(few.samples.speaker[i] === george);
    expect(hard.info.id).toBe('avdigits.hard');
    const diff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
      let s = 0;
      for (let i = 0; i < a.length; i++) s += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
      return s / a.length;
    };
    expect(diff(normal.inputs['image'] as Float32Array, hard.inputs['image'] as Float32Array)).toBeGreaterThan(0.1);
    expect(diff(normal.inputs['audio'] as Float32Array, hard.inputs['audio'] as Float32Array)).toBeGreaterThan(0.1);
    await expect(buildAvDigits(few, { hard: false, seed: 1, heldOut: 'nobody' }, {})).rejects.toThrow(/no speaker "nobody"/);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(buildAvDigits(subset(raw, [0]), { hard: false, seed: 1, heldOut: 'theo' }, { signal: controller.signal })).rejects.toThrow(/cancelled/);
  });
});
