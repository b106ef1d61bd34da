// Evaluation after (or during) training: loss, accuracy, confusion matrix, per-class accuracy,
// and modality ablation.
import * as tf from '@tensorflow/tfjs';
import { headLoss, type CompiledModel } from '../../compile/index.ts';
import type { DatasetArrays, SplitName } from '../../data/types.ts';
import { batchesOf, disposeBatch, makeBatch } from './batches.ts';
import type { DatasetBinding, HeadTarget } from './binding.ts';
import { yieldToEventLoop } from './control.ts';

export interface EvalOptions {
  /** Samples per forward pass (default 256). */
  readonly batchSize?: number;
  /** Modalities fed as zeros, as if missing. */
  readonly zero?: ReadonlySet<string>;
  /** Called between batches (e.g. to honour a stop); return false to abandon (the result is then partial). */
  readonly between?: () => Promise<boolean> | boolean;
}

function asList(x: tf.Tensor | tf.Tensor[]): tf.Tensor[] {
  return Array.isArray(x) ? x : [x];
}

/** Predicted class per sample from the primary head's output [B, K] (or [B, 1] for a class-index regression). */
export function predictedClass(output: tf.Tensor, target: HeadTarget, classes: number): tf.Tensor1D {
  return tf.tidy(() => {
    if (target.encoding === 'index') return tf.clipByValue(tf.round(tf.reshape(output, [-1])), 0, classes - 1).toInt() as tf.Tensor1D;
    return tf.argMax(output, 1) as tf.Tensor1D;
  });
}

export interface Predictions {
  /** Predicted class per sample of `indices`, in that order. */
  readonly predicted: Int32Array;
  /** Mean loss over the samples (Σ over heads). */
  readonly loss: number;
  readonly samples: number;
}

/** Runs the model in inference mode over `indices` in batches; disposes everything it creates. */
export async function predict(
  model: tf.LayersModel,
  compiled: CompiledModel,
  data: DatasetArrays,
  binding: DatasetBinding,
  indices: Int32Array,
  options: EvalOptions = {},
): Promise<Predictions> {
  const primary = binding.targets[0];
  const predicted = new Int32Array(indices.length);
  let lossSum = 0;
  let offset = 0;
  for (const part of batchesOf(indices, options.batchSize ?? 256)) {
    const batch = makeBatch(data, binding, part, options.zero ? { zero: options.zero } : {});
    let out: tf.Tensor[] = [];
    try {
      out = tf.tidy(() => {
        const outputs = asList(model.apply(batch.xs, { training: false }) as tf.Tensor | tf.Tensor[]);
        const loss = tf.mul(headLoss(compiled.outputs, outputs, batch.ys), batch.size);
        const head = primary ? outputs[primary.outputIndex] : undefined;
        const classes = head && primary ? predictedClass(head, primary, binding.classes) : tf.zeros([batch.size], 'int32');
        return [loss, classes];
      });
      const [lossValue, classValues] = await Promise.all(out.map((t) => t.data()));
      lossSum += Number(lossValue?.[0] ?? NaN);
      predicted.set(classValues as Int32Array, offset);
    } finally {
      tf.dispose(out);
      disposeBatch(batch);
    }
    offset += part.length;
    if (options.between && !(await options.between())) break;
    await yieldToEventLoop();
  }
  return { predicted, loss: indices.length > 0 ? lossSum / indices.length : NaN, samples: indices.length };
}

export interface Evaluation {
  readonly split: SplitName;
  readonly samples: number;
  readonly loss: number;
  readonly accuracy: number;
  /** confusion[true class][predicted class] = count. */
  readonly confusion: number[][];
  /** Per class: correct / samples of that class (null when the split has none of it). */
  readonly perClass: (number | null)[];
}

/** Accuracy, confusion matrix and per-class accuracy from predictions. */
export function summarise(split: SplitName, labels: Int32Array, indices: Int32Array, p: Predictions, classes: number): Evaluation {
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  let correct = 0;
  for (let j = 0; j < indices.length; j++) {
    const truth = labels[indices[j] as number] as number;
    const guess = p.predicted[j] as number;
    const row = confusion[truth];
    if (row && guess >= 0 && guess < classes) row[guess] = (row[guess] ?? 0) + 1;
    if (truth === guess) correct++;
  }
  const perClass = confusion.map((row, c) => {
    const n = row.reduce((a, b) => a + b, 0);
    return n === 0 ? null : (row[c] ?? 0) / n;
  });
  return { split, samples: indices.length, loss: p.loss, accuracy: indices.length > 0 ? correct / indices.length : NaN, confusion, perClass };
}

export async function evaluateSplit(
  model: tf.LayersModel,
  compiled: CompiledModel,
  data: DatasetArrays,
  binding: DatasetBinding,
  split: SplitName,
  indices: Int32Array,
  options: EvalOptions = {},
): Promise<Evaluation> {
  const p = await predict(model, compiled, data, binding, indices, options);
  return summarise(split, data.labels, indices, p, binding.classes);
}

export interface AblationRow {
  readonly modality: string;
  /** Accuracy with this modality removed (its input zeroed, as a missing modality is fed). */
  readonly accuracy: number;
  /** full − ablated accuracy: what the modality contributes. */
  readonly contribution: number;
}

/**
 * Modality ablation: accuracy on `indices` with each bound modality removed in turn (its input
 * zeroed; the compiled graph takes no presence mask, so zeros are how a missing modality is fed),
 * reported as what each modality contributes (full − ablated).
 */
export async function ablateModalities(
  model: tf.LayersModel,
  compiled: CompiledModel,
  data: DatasetArrays,
  binding: DatasetBinding,
  indices: Int32Array,
  fullAccuracy: number,
  options: EvalOptions = {},
): Promise<AblationRow[]> {
  const rows: AblationRow[] = [];
  for (const modality of binding.modalities) {
    const p = await predict(model, compiled, data, binding, indices, { ...options, zero: new Set([modality]) });
    const accuracy = summarise('validation', data.labels, indices, p, binding.classes).accuracy;
    rows.push({ modality, accuracy, contribution: fullAccuracy - accuracy });
  }
  return rows;
}
