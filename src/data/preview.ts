// A few samples per class for the dataset panel (copies: the cached arrays are never transferred).
import type { DatasetArrays, DatasetPreview, PreviewSample, SplitName } from './types.ts';
import { SPLIT_NAMES } from './types.ts';
import { PAD_ID, sizeOf } from './modalities.ts';
import { createRng } from './random.ts';

export interface PreviewOptions {
  /** Samples per class (1–4). */
  readonly perClass?: number;
  readonly seed?: number;
  /** Provenance shown under a sample. */
  readonly note?: (index: number) => string | undefined;
}

/** Picks `perClass` samples of each class (seeded), preferring the training split. */
export function buildPreview(data: DatasetArrays, options: PreviewOptions = {}): DatasetPreview {
  const perClass = Math.max(1, Math.min(4, Math.round(options.perClass ?? 1)));
  const { info } = data;
  const rng = createRng(options.seed ?? 1, 0x9e7);
  const K = info.classes.length;
  const byClass: number[][] = Array.from({ length: K }, () => []);
  for (let i = 0; i < data.labels.length; i++) byClass[data.labels[i] as number]?.push(i);
  const samples: PreviewSample[] = [];
  for (let c = 0; c < K; c++) {
    const ids = byClass[c] ?? [];
    const train = ids.filter((i) => data.split[i] === 0);
    const pool = train.length >= perClass ? train : ids;
    const chosen: number[] = [];
    const taken = new Set<number>();
    for (let k = 0; k < perClass && taken.size < pool.length; k++) {
      let i = pool[rng.int(pool.length)] as number;
      while (taken.has(i)) i = pool[rng.int(pool.length)] as number;
      taken.add(i);
      chosen.push(i);
    }
    chosen.sort((a, b) => a - b);
    for (const i of chosen) samples.push(sampleAt(data, i, options.note?.(i)));
  }
  return { info, samples };
}

/** One sample's inputs (copied), with text tokens as words. */
export function sampleAt(data: DatasetArrays, i: number, note?: string): PreviewSample {
  const values: Record<string, Float32Array | Int32Array> = {};
  const words: Record<string, string[]> = {};
  for (const m of data.info.modalities) {
    const present = data.present[m.name];
    if (present !== undefined && present[i] === 0) continue;
    const arr = data.inputs[m.name];
    if (arr === undefined) continue;
    const n = sizeOf(m.shape);
    const row = arr.slice(i * n, (i + 1) * n);
    values[m.name] = row;
    if (m.preprocessing.kind === 'text') {
      const vocab = m.preprocessing.vocabulary;
      words[m.name] = Array.from(row as Int32Array)
        .filter((id) => id !== PAD_ID)
        .map((id) => vocab[id] ?? '<unk>');
    }
  }
  return {
    index: i,
    label: data.labels[i] as number,
    split: SPLIT_NAMES[data.split[i] as number] as SplitName,
    values,
    ...(Object.keys(words).length > 0 ? { words } : {}),
    ...(note === undefined ? {} : { note }),
  };
}
