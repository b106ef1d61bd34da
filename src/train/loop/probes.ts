// Probes (issue 6): attention maps and gate values on a fixed set of validation samples, read as
// typed arrays between batches, at most a few times a second.
import * as tf from '@tensorflow/tfjs';
import type { CompiledModel } from '../../compile/index.ts';
import type { DatasetArrays } from '../../data/types.ts';
import { disposeBatch, makeBatch } from './batches.ts';
import type { DatasetBinding } from './binding.ts';

/** One probe output for the probe samples. */
export interface ProbeValues {
  readonly nodeId: string;
  /** Index into model.outputs. */
  readonly outputIndex: number;
  /** With the sample axis first: [samples, …probe.shape]. */
  readonly shape: readonly number[];
  /** A fresh copy (safe to transfer to another thread). */
  readonly values: Float32Array;
}

function asList(x: tf.Tensor | tf.Tensor[]): tf.Tensor[] {
  return Array.isArray(x) ? x : [x];
}

/**
 * Runs the model (inference mode) on `inputs` (one tensor per model input, the probe samples) and
 * returns every probe output of `compiled` as typed arrays. Disposes everything it creates; the
 * inputs stay the caller's.
 */
export function probeSnapshot(model: tf.LayersModel, compiled: CompiledModel, inputs: readonly tf.Tensor[]): ProbeValues[] {
  if (compiled.probes.length === 0) return [];
  return tf.tidy(() => {
    const outputs = asList(model.apply([...inputs], { training: false }) as tf.Tensor | tf.Tensor[]);
    return compiled.probes.map((probe) => {
      const t = outputs[probe.outputIndex];
      if (!t) throw new Error(`The model has no output ${probe.outputIndex} for the probe of ${probe.nodeId}.`);
      const data = t.dataSync();
      return { nodeId: probe.nodeId, outputIndex: probe.outputIndex, shape: [...t.shape], values: Float32Array.from(data) };
    });
  });
}

/** probeSnapshot over dataset rows `samples` (the batch is made and disposed here). */
export function probeSamples(model: tf.LayersModel, compiled: CompiledModel, data: DatasetArrays, binding: DatasetBinding, samples: ArrayLike<number>): ProbeValues[] {
  if (compiled.probes.length === 0 || samples.length === 0) return [];
  const batch = makeBatch(data, binding, samples, { noTargets: true });
  try {
    return probeSnapshot(model, compiled, batch.xs);
  } finally {
    disposeBatch(batch);
  }
}

export interface ProbePickOptions {
  /** Fewest samples when there are enough (default 8). */
  readonly min?: number;
  /** Most samples (default 16). */
  readonly max?: number;
}

/**
 * The default probe set: validation samples taken one per class in class order, round after round,
 * until there are `min` (or every class has one, up to `max`). Deterministic: the first samples of
 * each class in dataset order.
 */
export function pickProbeSamples(labels: Int32Array, validation: ArrayLike<number>, classes: number, options: ProbePickOptions = {}): number[] {
  const min = options.min ?? 8;
  const max = options.max ?? 16;
  const byClass: number[][] = Array.from({ length: classes }, () => []);
  for (let j = 0; j < validation.length; j++) {
    const i = validation[j] as number;
    byClass[labels[i] as number]?.push(i);
  }
  const target = Math.min(max, Math.max(min, classes));
  const out: number[] = [];
  for (let round = 0; out.length < target; round++) {
    let added = false;
    for (const list of byClass) {
      const i = list[round];
      if (i === undefined || out.length >= target) continue;
      out.push(i);
      added = true;
    }
    if (!added) break;
  }
  return out;
}

/** Allows an action at most `perSecond` times a second (the loop asks between batches). */
export class Throttle {
  private last = -Infinity;
  private readonly interval: number;
  constructor(
    perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.interval = perSecond > 0 ? 1000 / perSecond : Infinity;
  }

  /** True (and counts it) when the interval has passed since the last time it said true. */
  ready(): boolean {
    const t = this.now();
    if (t - this.last < this.interval) return false;
    this.last = t;
    return true;
  }
}
