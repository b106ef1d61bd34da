// Probes (issue 6): attention maps and gate values on a fixed set of validation samples, read as
// typed arrays between batches, at most a few times a second.
//
// The compiled model has the probes as extra outputs after the heads. Training that model as it is
// would cost twice: in tfjs 4.22 a multi-output layer runs once per output the fetched graph uses,
// so an attention layer whose map is an output runs twice per step. So the loop trains the
// heads-only view (headsView) and reads the probes through a probe-only view (probeModel); both are
// tf.models over the very same layer objects, so they share every weight and copy nothing.
import * as tf from '@tensorflow/tfjs';
import type { CompiledModel } from '../../compile/index.ts';
import type { DatasetArrays } from '../../data/types.ts';
import { disposeBatch, makeBatch, type Batch } from './batches.ts';
import type { DatasetBinding } from './binding.ts';

/** One probe output for the probe samples. */
export interface ProbeValues {
  readonly nodeId: string;
  /** Index into compiled.model.outputs (the full model's; see Probe.outputIndex). */
  readonly outputIndex: number;
  /** With the sample axis first: [samples, …probe.shape]. */
  readonly shape: readonly number[];
  /** A fresh copy (safe to transfer to another thread). */
  readonly values: Float32Array;
}

interface Views {
  readonly heads: tf.LayersModel;
  readonly probes: tf.LayersModel | null;
}

// Built once per compiled model (a tf.model walks the graph when it is made).
const viewCache = new WeakMap<tf.LayersModel, Views>();

function viewsOf(compiled: CompiledModel): Views {
  const model = compiled.model;
  const cached = viewCache.get(model);
  if (cached) return cached;
  const heads = compiled.outputs.length;
  let views: Views;
  if (compiled.probes.length === 0 || model.outputs.length <= heads) {
    views = { heads: model, probes: null };
  } else {
    // Containers own no tensors: never dispose a view (disposing one disposes the shared layers).
    views = {
      heads: tf.model({ inputs: model.inputs, outputs: model.outputs.slice(0, heads), name: `${model.name}_heads` }),
      probes: tf.model({ inputs: model.inputs, outputs: compiled.probes.map((p) => model.outputs[p.outputIndex] as tf.SymbolicTensor), name: `${model.name}_probes` }),
    };
  }
  viewCache.set(model, views);
  return views;
}

/**
 * The compiled model as the loop trains it: `model` gives the heads only (the same layers and
 * weights as compiled.model), and `probes` is empty. The compiled model itself when it has no
 * probes. Disposing the view's model disposes the shared weights (as disposing compiled.model does):
 * dispose one of the two, never both.
 */
export function headsView(compiled: CompiledModel): CompiledModel {
  const { heads } = viewsOf(compiled);
  return heads === compiled.model ? compiled : { ...compiled, model: heads, probes: [] };
}

/** inputs → every probe output, in compiled.probes order, over compiled.model's layers; null without probes. */
export function probeModel(compiled: CompiledModel): tf.LayersModel | null {
  return viewsOf(compiled).probes;
}

/**
 * Runs the probe model (inference mode) on `inputs` (one tensor per model input, the probe samples)
 * and returns every probe of `compiled` as typed arrays. Disposes everything it creates; the inputs
 * stay the caller's.
 */
export function probeSnapshot(compiled: CompiledModel, inputs: readonly tf.Tensor[]): ProbeValues[] {
  const model = probeModel(compiled);
  if (model === null) return [];
  return tf.tidy(() => {
    const out = model.apply([...inputs], { training: false }) as tf.Tensor | tf.Tensor[];
    const outputs = Array.isArray(out) ? out : [out];
    return compiled.probes.map((probe, i) => {
      const t = outputs[i];
      if (!t) throw new Error(`The probe model has no output ${i} for the probe of ${probe.nodeId}.`);
      return { nodeId: probe.nodeId, outputIndex: probe.outputIndex, shape: [...t.shape], values: Float32Array.from(t.dataSync()) };
    });
  });
}

/** probeSnapshot over dataset rows `samples` (the batch is made and disposed here). */
export function probeSamples(compiled: CompiledModel, data: DatasetArrays, binding: DatasetBinding, samples: ArrayLike<number>): ProbeValues[] {
  if (compiled.probes.length === 0 || samples.length === 0) return [];
  const batch = makeBatch(data, binding, samples, { noTargets: true });
  try {
    return probeSnapshot(compiled, batch.xs);
  } finally {
    disposeBatch(batch);
  }
}

/**
 * Snapshots for the training loop, without stalling it: the probe samples' batch is made once (per
 * backend) and kept; each snapshot queues the probe model and reads its outputs asynchronously, so
 * the loop goes on with the next step while a GPU backend computes and reads back the maps (the
 * kernels run in order, so the maps are those of the weights when the snapshot was taken). One
 * snapshot at a time: start() says false while the previous one is still being read.
 */
export class ProbeReader {
  private batch: { readonly backend: string; readonly batch: Batch } | null = null;
  private pending: Promise<void> | null = null;

  constructor(
    private readonly compiled: CompiledModel,
    private readonly data: DatasetArrays,
    private readonly binding: DatasetBinding,
    private readonly samples: ArrayLike<number>,
  ) {}

  private inputs(): readonly tf.Tensor[] {
    const backend = tf.getBackend();
    if (this.batch?.backend !== backend) {
      this.disposeBatch();
      this.batch = { backend, batch: makeBatch(this.data, this.binding, this.samples, { noTargets: true }) };
    }
    return this.batch.batch.xs;
  }

  private disposeBatch(): void {
    try {
      if (this.batch) disposeBatch(this.batch.batch);
    } catch {
      // Its backend may be gone, and its memory with it.
    }
    this.batch = null;
  }

  /**
   * Starts a snapshot; `deliver` gets fresh copies of every probe's values once they are read. False
   * (and nothing happens) when there are no probes or the previous snapshot is still being read.
   */
  start(deliver: (values: ProbeValues[]) => void): boolean {
    const model = probeModel(this.compiled);
    if (model === null || this.pending !== null || this.samples.length === 0) return false;
    let outputs: tf.Tensor[];
    try {
      const xs = this.inputs();
      outputs = tf.tidy(() => {
        const out = model.apply([...xs], { training: false }) as tf.Tensor | tf.Tensor[];
        return Array.isArray(out) ? out : [out];
      });
    } catch {
      return false;
    }
    const probes = this.compiled.probes;
    this.pending = Promise.all(outputs.map((t) => t.data()))
      .then((arrays) => {
        const values = probes.flatMap((probe, i) => {
          const t = outputs[i];
          const data = arrays[i];
          return t && data ? [{ nodeId: probe.nodeId, outputIndex: probe.outputIndex, shape: [...t.shape], values: Float32Array.from(data) }] : [];
        });
        deliver(values);
      })
      .catch(() => {
        // A probe never stops training: a failed read (or delivery) is skipped.
      })
      .finally(() => {
        tf.dispose(outputs);
        this.pending = null;
      });
    return true;
  }

  /** True while a snapshot is being read. */
  get busy(): boolean {
    return this.pending !== null;
  }

  /** Resolves once the snapshot being read (if any) has been delivered. */
  async flush(): Promise<void> {
    await this.pending;
  }

  /** Frees the kept batch (after flush: a snapshot still being read keeps its own outputs until then). */
  dispose(): void {
    this.disposeBatch();
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
