// Splits, seeded shuffling and batches sliced from the dataset's typed arrays.
import * as tf from '@tensorflow/tfjs';
import { mulberry32 } from '../../compile/seed.ts';
import type { DatasetArrays } from '../../data/types.ts';
import type { DatasetBinding } from './binding.ts';

export { mulberry32 };

/** A 32-bit mix of a few integers (for per-epoch and per-step seeds). */
export function mixSeed(...parts: readonly number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    h = Math.imul(h ^ (p | 0), 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
  }
  return h >>> 0 || 1;
}

/** A seeded Fisher–Yates shuffle (a new array). */
export function shuffled(indices: Int32Array, seed: number): Int32Array {
  const out = Int32Array.from(indices);
  const rand = mulberry32(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = out[i] as number;
    out[i] = out[j] as number;
    out[j] = t;
  }
  return out;
}

export interface Splits {
  readonly train: Int32Array;
  readonly validation: Int32Array;
  readonly test: Int32Array;
  /** True when the dataset had no validation split and `validationSplit` of train was held out. */
  readonly carved: boolean;
}

/**
 * Sample indices per split (DatasetArrays.split: 0 train, 1 validation, 2 test). When the dataset
 * has no validation samples, holds out `validationSplit` of the training samples (seeded), so
 * early stopping and the validation curves still work.
 */
export function splitIndices(data: DatasetArrays, validationSplit: number, seed: number): Splits {
  const lists: [number[], number[], number[]] = [[], [], []];
  for (let i = 0; i < data.split.length; i++) lists[Math.min(2, data.split[i] ?? 0) as 0 | 1 | 2].push(i);
  let train = Int32Array.from(lists[0]);
  let validation = Int32Array.from(lists[1]);
  let carved = false;
  if (validation.length === 0 && validationSplit > 0 && train.length > 1) {
    const mixed = shuffled(train, mixSeed(seed, 0x7a11d));
    const n = Math.max(1, Math.min(train.length - 1, Math.round(train.length * validationSplit)));
    validation = mixed.slice(0, n).sort();
    train = mixed.slice(n).sort();
    carved = true;
  }
  return { train, validation, test: Int32Array.from(lists[2]), carved };
}

/** One batch: model inputs and one target per head as tensors, and the labels for accuracy (counted in JavaScript). */
export interface Batch {
  readonly xs: tf.Tensor[];
  readonly ys: tf.Tensor[];
  readonly labels: Int32Array;
  readonly size: number;
}

/** Rows `indices` of a [N, rowSize] typed array, as a new array of the same type. */
export function gatherRows<T extends Float32Array | Int32Array>(src: T, rowSize: number, indices: ArrayLike<number>): T {
  const out = (src instanceof Int32Array ? new Int32Array(indices.length * rowSize) : new Float32Array(indices.length * rowSize)) as T;
  for (let j = 0; j < indices.length; j++) {
    const i = indices[j] as number;
    out.set(src.subarray(i * rowSize, (i + 1) * rowSize), j * rowSize);
  }
  return out;
}

export interface BatchOptions {
  /** Modalities fed as zeros (ablation: as if missing). */
  readonly zero?: ReadonlySet<string>;
  /** Skip the targets (prediction only). */
  readonly noTargets?: boolean;
}

/**
 * A batch of samples `indices`: inputs sliced from the typed arrays (int32 for text), one target
 * per head (one-hot [B, K], or the class index [B, 1] for a one-value regression head).
 * Missing modalities are already zero rows in DatasetArrays; the compiled graph takes no presence
 * mask (reg.modalityDropout is built without useMask), so masks are not fed.
 */
export function makeBatch(data: DatasetArrays, binding: DatasetBinding, indices: ArrayLike<number>, options: BatchOptions = {}): Batch {
  const b = indices.length;
  const xs = binding.inputs.map((input) => {
    const src = data.inputs[input.modality];
    if (!src) throw new Error(`The dataset has no array for the modality '${input.modality}'.`);
    const shape = [b, ...input.shape];
    if (options.zero?.has(input.modality)) return tf.zeros(shape, input.dtype);
    const rows = gatherRows(src, input.rowSize, indices);
    if (input.dtype === 'int32') return tf.tensor(rows instanceof Int32Array ? rows : Int32Array.from(rows), shape, 'int32');
    return tf.tensor(rows instanceof Float32Array ? rows : Float32Array.from(rows), shape, 'float32');
  });
  const labelValues = new Int32Array(b);
  for (let j = 0; j < b; j++) labelValues[j] = data.labels[indices[j] as number] as number;
  const ys = options.noTargets
    ? []
    : binding.targets.map((t) => {
        if (t.encoding === 'index') return tf.tensor2d(Float32Array.from(labelValues), [b, 1]);
        const hot = new Float32Array(b * t.width);
        for (let j = 0; j < b; j++) {
          const c = labelValues[j] as number;
          if (c >= 0 && c < t.width) hot[j * t.width + c] = 1;
        }
        return tf.tensor2d(hot, [b, t.width]);
      });
  return { xs, ys, labels: labelValues, size: b };
}

export function disposeBatch(batch: Batch): void {
  tf.dispose([...batch.xs, ...batch.ys]);
}

/** Cuts `indices` into consecutive batches of at most `size`. */
export function batchesOf(indices: Int32Array, size: number): Int32Array[] {
  const out: Int32Array[] = [];
  const s = Math.max(1, Math.floor(size));
  for (let start = 0; start < indices.length; start += s) out.push(indices.subarray(start, Math.min(indices.length, start + s)));
  return out;
}
