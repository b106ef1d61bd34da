// Packs the AV-Digits dataset (MNIST test digits + Free Spoken Digit Dataset recordings, paired
// by class as in AV-MNIST) into compact assets under public/datasets/avdigits/.
//
//   npx tsx scripts/pack-avdigits.ts [--data ../shared/data] [--out public/datasets/avdigits]
//
// Reads mnist/t10k-{images-idx3,labels-idx1}-ubyte.gz and fsdd/recordings/*.wav, checks them
// (IDX magic numbers and sizes, the label counts stated in the data README, 6 speakers × 10 digits
// × 50 takes, every WAV decodable as 8 kHz mono), and writes:
//   images.bin    uint8, 3,000 × 28 × 28: the MNIST image paired with each recording, in sample order
//   audio.bin     the 3,000 WAV files' bytes, concatenated in sample order (the app decodes them)
//   samples.json  per sample: digit, speaker, take, MNIST test index, byte offset into audio.bin
//   manifest.json file sizes and SHA-256 checksums, sources, licences, pairing
//   README.md     credits and the share-alike terms
// The output is deterministic: the same inputs give byte-identical files.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeWav } from '../src/data/wav.ts';
import { createRng } from '../src/data/random.ts';
import { AVDIGITS_CREDITS, AVDIGITS_PAIRING_SEED, AVDIGITS_SPEAKERS } from '../src/data/avdigits/constants.ts';
import type { AvDigitsManifest, AvDigitsSamples } from '../src/data/avdigits/constants.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}

const dataDir = resolve(arg('--data', '../shared/data'));
const outDir = resolve(arg('--out', 'public/datasets/avdigits'));

function fail(message: string): never {
  console.error(`✖ pack-avdigits: ${message}`);
  process.exit(1);
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

// ---------------------------------------------------------------- MNIST

function readIdx(file: string, magic: number, dims: number): { bytes: Uint8Array; shape: number[] } {
  const raw = readFileSync(join(dataDir, 'mnist', file));
  const buf = gunzipSync(raw);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const m = view.getUint32(0);
  if (m !== magic) fail(`${file}: magic number ${m}, expected ${magic} (is it an IDX file?)`);
  const shape = Array.from({ length: dims }, (_, i) => view.getUint32(4 + 4 * i));
  const header = 4 + 4 * dims;
  const size = shape.reduce((a, b) => a * b, 1);
  if (buf.byteLength !== header + size) fail(`${file}: ${buf.byteLength} bytes, expected ${header + size} for shape ${shape.join('×')}`);
  return { bytes: new Uint8Array(buf.buffer, buf.byteOffset + header, size), shape };
}

const images = readIdx('t10k-images-idx3-ubyte.gz', 2051, 3);
const labels = readIdx('t10k-labels-idx1-ubyte.gz', 2049, 1);
if (images.shape.join() !== '10000,28,28') fail(`images shape ${images.shape.join('×')}, expected 10000×28×28`);
if (labels.shape.join() !== '10000') fail(`labels shape ${labels.shape.join('×')}, expected 10000`);
const README_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]; // ../shared/data/README.md
const counts = new Array<number>(10).fill(0);
for (const y of labels.bytes) counts[y] = (counts[y] ?? 0) + 1;
if (counts.join() !== README_COUNTS.join()) fail(`MNIST label counts ${counts.join(',')} differ from the data README's ${README_COUNTS.join(',')}`);

// ---------------------------------------------------------------- FSDD

interface Recording {
  readonly file: string;
  readonly digit: number;
  readonly speaker: string;
  readonly take: number;
}

const recDir = join(dataDir, 'fsdd', 'recordings');
const recordings: Recording[] = [];
for (const file of readdirSync(recDir)) {
  const m = /^(\d)_([a-z]+)_(\d+)\.wav$/.exec(file);
  if (m === null) fail(`unexpected file in fsdd/recordings: ${file}`);
  recordings.push({ file, digit: Number(m[1]), speaker: m[2] as string, take: Number(m[3]) });
}
const speakers: string[] = [...AVDIGITS_SPEAKERS];
for (const s of new Set(recordings.map((r) => r.speaker))) if (!speakers.includes(s)) fail(`unknown speaker ${s}`);
for (const s of speakers) {
  for (let d = 0; d < 10; d++) {
    const takes = recordings.filter((r) => r.speaker === s && r.digit === d).map((r) => r.take);
    if (takes.length !== 50 || new Set(takes).size !== 50 || Math.max(...takes) !== 49) fail(`speaker ${s}, digit ${d}: expected takes 0–49, found ${takes.length}`);
  }
}
// Sample order: speaker (in AVDIGITS_SPEAKERS order), digit, take.
recordings.sort((a, b) => speakers.indexOf(a.speaker) - speakers.indexOf(b.speaker) || a.digit - b.digit || a.take - b.take);

// ---------------------------------------------------------------- pairing (as in AV-MNIST: a random image of the same class)

const rng = createRng(AVDIGITS_PAIRING_SEED);
const pool: number[][] = Array.from({ length: 10 }, () => []);
labels.bytes.forEach((y, i) => pool[y]?.push(i));
for (const p of pool) rng.shuffle(p);
const next = new Array<number>(10).fill(0);

const n = recordings.length;
const imagesOut = new Uint8Array(n * 784);
const wavs: Uint8Array[] = [];
const offsets: number[] = [0];
const samples: AvDigitsSamples = { version: 1, count: n, speakers, digit: [], speaker: [], take: [], mnistIndex: [], audioOffset: [] };
let longest = 0;
let cut = 0;
recordings.forEach((r, i) => {
  const k = next[r.digit] ?? 0;
  next[r.digit] = k + 1;
  const mnist = pool[r.digit]?.[k];
  if (mnist === undefined) fail(`not enough MNIST images of ${r.digit}`);
  imagesOut.set(images.bytes.subarray(mnist * 784, (mnist + 1) * 784), i * 784);
  const bytes = new Uint8Array(readFileSync(join(recDir, r.file)));
  let wav;
  try {
    wav = decodeWav(bytes);
  } catch (err) {
    fail(`${r.file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (wav.sampleRate !== 8000 || wav.channels !== 1) fail(`${r.file}: ${wav.sampleRate} Hz, ${wav.channels} channels (expected 8000 Hz mono)`);
  longest = Math.max(longest, wav.samples.length);
  if (wav.samples.length > 8000) cut++;
  wavs.push(bytes);
  offsets.push((offsets.at(-1) ?? 0) + bytes.byteLength);
  samples.digit.push(r.digit);
  samples.speaker.push(speakers.indexOf(r.speaker));
  samples.take.push(r.take);
  samples.mnistIndex.push(mnist);
});
samples.audioOffset.push(...offsets);
const audioOut = new Uint8Array(offsets.at(-1) ?? 0);
wavs.forEach((w, i) => audioOut.set(w, offsets[i]));

// ---------------------------------------------------------------- write

mkdirSync(outDir, { recursive: true });
const samplesText = `${JSON.stringify(samples)}\n`;
const files: Record<string, Uint8Array> = {
  'images.bin': imagesOut,
  'audio.bin': audioOut,
  'samples.json': new TextEncoder().encode(samplesText),
};
for (const [name, bytes] of Object.entries(files)) writeFileSync(join(outDir, name), bytes);

const rawChecksums: Record<string, string> = {
  'mnist/t10k-images-idx3-ubyte.gz': sha256(readFileSync(join(dataDir, 'mnist', 't10k-images-idx3-ubyte.gz'))),
  'mnist/t10k-labels-idx1-ubyte.gz': sha256(readFileSync(join(dataDir, 'mnist', 't10k-labels-idx1-ubyte.gz'))),
  'fsdd/recordings (3,000 WAV files, concatenated in sample order)': sha256(audioOut),
};

const manifest: AvDigitsManifest = {
  format: 'fusion-designer.dataset-assets',
  version: 1,
  id: 'avdigits',
  title: 'AV-Digits: handwritten and spoken digits',
  samples: n,
  classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  files: Object.entries(files).map(([name, bytes]) => ({ name, bytes: bytes.byteLength, sha256: sha256(bytes) })),
  layout: {
    'images.bin': 'uint8, samples × 28 × 28, row-major, 0 = background … 255 = ink (as in MNIST)',
    'audio.bin': 'the original WAV files (RIFF, 8 kHz, mono, 16-bit PCM) concatenated; sample i is bytes audioOffset[i] … audioOffset[i+1] of this file',
    'samples.json': 'per sample i: digit[i] (label), speakers[speaker[i]], take[i], mnistIndex[i] (index in the MNIST test set), audioOffset (samples + 1 byte offsets)',
  },
  pairing: `Each recording is paired with a different MNIST test image of the same digit, chosen by a seeded shuffle (mulberry32, seed ${AVDIGITS_PAIRING_SEED}) of that digit's images, as in AV-MNIST.`,
  sources: AVDIGITS_CREDITS.map((c) => ({ ...c })),
  licence:
    'The packed files are adapted from MNIST (CC BY-SA 3.0) and the Free Spoken Digit Dataset (CC BY-SA 4.0). They are shared under the same terms: CC BY-SA 4.0 (a later version of the same licence, which CC BY-SA 3.0 permits for adaptations), crediting both sources. Redistributions and adaptations must keep this licence and the credits.',
  rawChecksums,
  packedBy: 'scripts/pack-avdigits.ts',
};
writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

const readme = `# AV-Digits (packed assets)

Handwritten digits from MNIST paired with spoken digits from the Free Spoken Digit Dataset, by
class, as in AV-MNIST: ${n.toLocaleString('en-US')} samples (6 speakers × 10 digits × 50 takes), each a
28 × 28 greyscale image and the original WAV recording (8 kHz, mono, 16-bit). Written by
\`npx tsx scripts/pack-avdigits.ts\` from \`../shared/data\`; do not edit by hand.

| file | content | bytes | SHA-256 |
| --- | --- | --- | --- |
${manifest.files.map((f) => `| ${f.name} | ${manifest.layout[f.name] ?? ''} | ${f.bytes.toLocaleString('en-US')} | \`${f.sha256}\` |`).join('\n')}

The app fetches these files in its worker, checks each SHA-256 against manifest.json (and names
the file when one does not match), decodes the WAV data, pads or cuts every clip to 1 s, computes
log spectrograms with the STFT, and standardises them with training-split statistics. The test
split holds out one speaker (theo by default), so accuracy is measured on a voice the model never
heard. \`avdigits.hard\` degrades both modalities in the app (images blurred to 7 × 7 detail plus noise,
white noise 12 dB below the voice added to the audio) so that neither alone suffices.

## Credits and licence

- **MNIST**: Y. LeCun, C. Cortes, C. J. C. Burges, *The MNIST database of handwritten digits*
  (test set, 10,000 images; ${n.toLocaleString('en-US')} used here). Licence: CC BY-SA 3.0.
- **Free Spoken Digit Dataset (FSDD)**: Z. Jackson et al.,
  *Free Spoken Digit Dataset*, https://github.com/Jakobovski/free-spoken-digit-dataset
  (commit 26eb9aaf). Licence: CC BY-SA 4.0.

**Share-alike.** These packed files are an adaptation of both datasets and are distributed under
CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/), crediting both sources above. If you
share them or anything built from them, keep the credits and the same licence. This licence covers
the data in this folder only, not the rest of Fusion Designer.

Longest recording: ${longest} samples (${(longest / 8000).toFixed(2)} s); ${cut} of ${n} are longer than 1 s and are cut to 1 s by the app.
`;
writeFileSync(join(outDir, 'README.md'), readme);

const total = Object.values(files).reduce((a, b) => a + b.byteLength, 0);
console.log(`✔ wrote ${outDir}: ${n} samples, ${(total / 1e6).toFixed(2)} MB`);
for (const f of manifest.files) console.log(`  ${f.name.padEnd(13)} ${f.bytes.toString().padStart(9)}  ${f.sha256}`);
console.log(`  longest recording ${longest} samples; ${cut} longer than 1 s`);
