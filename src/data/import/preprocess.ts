// Statistics fitted on the training split only: numeric means and deviations, the vocabulary and
// the text length. Validation and test rows are transformed with them, never fitted.
import { words } from './values.ts';

export const PAD_ID = 0;
export const UNKNOWN_ID = 1;
export const PAD_TOKEN = '<pad>';
export const UNKNOWN_TOKEN = '<unk>';
/** The vocabulary keeps at most this many entries (with <pad> and <unk>). */
export const VOCABULARY_CAP = 5000;
/** Token sequences are padded or cut to at most this many tokens. */
export const MAX_TEXT_LENGTH = 64;

export interface NumericStats {
  readonly mean: number;
  readonly std: number;
  /** Values (non-missing) the statistics came from. */
  readonly count: number;
}

/** Mean and standard deviation over the rows where `include` is true, ignoring NaN (missing). */
export function numericStats(values: Float64Array, include: (row: number) => boolean): NumericStats {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!include(i) || Number.isNaN(v)) continue;
    sum += v;
    count++;
  }
  const mean = count === 0 ? 0 : sum / count;
  let sq = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!include(i) || Number.isNaN(v)) continue;
    sq += (v - mean) * (v - mean);
  }
  const std = count === 0 ? 1 : Math.sqrt(sq / count);
  return { mean, std: std > 1e-12 ? std : 1, count };
}

/**
 * The vocabulary of the training texts: <pad>, <unk>, then words by falling frequency (ties in
 * alphabetical order), at most `cap` entries in all.
 */
export function buildVocabulary(texts: Iterable<string>, cap = VOCABULARY_CAP): string[] {
  const counts = new Map<string, number>();
  for (const t of texts) for (const w of words(t)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return [PAD_TOKEN, UNKNOWN_TOKEN, ...sorted.slice(0, Math.max(0, cap - 2)).map(([w]) => w)];
}

/** The token length that covers 95% of the training texts (at least 1, at most MAX_TEXT_LENGTH). */
export function chooseTextLength(lengths: readonly number[]): number {
  if (lengths.length === 0) return 1;
  const sorted = [...lengths].sort((a, b) => a - b);
  const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)] as number;
  return Math.max(1, Math.min(MAX_TEXT_LENGTH, p95));
}

/** Token ids for a text, padded with PAD_ID or cut to `length`; unknown words get UNKNOWN_ID. */
export function tokenize(text: string, index: ReadonlyMap<string, number>, length: number, out: Int32Array, offset: number): void {
  const ws = words(text);
  for (let k = 0; k < length; k++) {
    const w = ws[k];
    out[offset + k] = w === undefined ? PAD_ID : (index.get(w) ?? UNKNOWN_ID);
  }
}

export function vocabularyIndex(vocabulary: readonly string[]): Map<string, number> {
  return new Map(vocabulary.map((w, i) => [w, i]));
}
