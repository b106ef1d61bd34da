// Dataset timings in Node (tfjs cpu backend): generating each synthetic dataset at 4,000 samples,
// and building AV-Digits (both variants) from the packed files. Writes bench/results/datasets.json.
//   npx tsx bench/datasets.bench.ts
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { buildAvDigits, readAvDigits } from '../src/data/avdigits/load.ts';
import { SYNTHETIC_DATASETS, generateSynthetic, syntheticOptions } from '../src/data/synthetic/index.ts';

await tf.setBackend('cpu');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const time = async (f: () => unknown | Promise<unknown>) => {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
};

const results: Record<string, unknown> = {};
for (const d of SYNTHETIC_DATASETS) {
  const runs: number[] = [];
  for (let seed = 0; seed < 6; seed++) runs.push(await time(() => generateSynthetic(d, syntheticOptions({ seed, samples: 4000 }))));
  results[d.id] = { samples: 4000, firstMs: Math.round(runs[0] ?? NaN), medianMs: Math.round(median(runs.slice(1))) };
  console.log(d.id, results[d.id]);
}
const dir = new URL('../public/datasets/avdigits/', import.meta.url);
const assets = { where: dir.pathname, read: async (name: string) => new Uint8Array(readFileSync(new URL(name, dir))) };
let raw: Awaited<ReturnType<typeof readAvDigits>> | undefined;
const readMs = await time(async () => (raw = await readAvDigits(assets)));
if (raw === undefined) throw new Error('no assets');
const r = raw;
for (const hard of [false, true]) {
  const ms = await time(() => buildAvDigits(r, { hard, seed: 42, heldOut: 'theo' }));
  results[hard ? 'avdigits.hard' : 'avdigits'] = { samples: 3000, readAndVerifyMs: Math.round(readMs), buildMs: Math.round(ms) };
  console.log(hard ? 'avdigits.hard' : 'avdigits', results[hard ? 'avdigits.hard' : 'avdigits']);
}
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
const out = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, loadAverage: loadavg().map((x) => Math.round(x * 100) / 100), backend: tf.getBackend(), results };
writeFileSync(new URL('./results/datasets.json', import.meta.url), `${JSON.stringify(out, null, 2)}\n`);
