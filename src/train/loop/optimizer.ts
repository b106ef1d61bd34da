// Optimizers from the training settings, and their state as plain typed arrays (to move it between
// backends, or keep a checkpoint that survives a lost backend).
import * as tf from '@tensorflow/tfjs';
import type { TrainingSettings } from '../../graph/index.ts';

/** SGD uses momentum 0.9 (the usual choice; plain SGD is rarely what people want). */
export const SGD_MOMENTUM = 0.9;

export function createOptimizer(settings: Pick<TrainingSettings, 'optimizer' | 'learningRate'>): tf.Optimizer {
  switch (settings.optimizer) {
    case 'adam':
      return tf.train.adam(settings.learningRate);
    case 'sgd':
      return tf.train.momentum(settings.learningRate, SGD_MOMENTUM);
    case 'rmsprop':
      return tf.train.rmsprop(settings.learningRate);
  }
}

/**
 * Disposes an optimizer and everything it holds. tfjs 4.22's MomentumOptimizer.dispose forgets the
 * learning-rate scalar its SGD base keeps (`c`), one tensor per optimizer: disposed here too.
 */
export function disposeOptimizer(optimizer: tf.Optimizer): void {
  const c = (optimizer as unknown as { c?: unknown }).c;
  optimizer.dispose();
  if (c instanceof tf.Tensor && !c.isDisposed) c.dispose();
}

export interface SavedTensor {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: tf.DataType;
  readonly values: Float32Array | Int32Array | Uint8Array;
}

/** An optimizer's state: its iteration count and its slots (Adam moments, momentum, RMS averages). */
export interface OptimizerState {
  readonly iterations: number;
  readonly slots: readonly SavedTensor[];
  /**
   * Adam's running powers β₁ᵗ and β₂ᵗ. tfjs' setWeights recomputes them as pow(β, t + 1), which
   * differs from the running product in the last bits; restoring them keeps a moved run exact.
   */
  readonly extras: readonly SavedTensor[];
}

/** Optimizer fields outside getWeights that a faithful copy needs. */
const EXTRA_FIELDS = ['accBeta1', 'accBeta2'] as const;

function extraField(optimizer: tf.Optimizer, name: string): tf.Variable | null {
  const v = (optimizer as unknown as Record<string, unknown>)[name];
  return v instanceof tf.Variable ? v : null;
}

function copyValues(t: tf.Tensor): Float32Array | Int32Array | Uint8Array {
  const v = t.dataSync();
  if (v instanceof Float32Array) return v.slice();
  if (v instanceof Int32Array) return v.slice();
  if (v instanceof Uint8Array) return v.slice();
  return Float32Array.from(v as unknown as ArrayLike<number>);
}

/** Reads a tensor into a backend-independent copy. */
export function saveTensor(name: string, t: tf.Tensor): SavedTensor {
  return { name, shape: [...t.shape], dtype: t.dtype, values: copyValues(t) };
}

/**
 * Copies the optimizer's state off its backend. tfjs' getWeights gives the slot variables
 * themselves (not copies) and a fresh scalar for the iteration count, which is disposed here.
 */
export async function readOptimizerState(optimizer: tf.Optimizer): Promise<OptimizerState> {
  const named = await optimizer.getWeights();
  const [iter, ...slots] = named;
  const iterations = iter ? Number(iter.tensor.dataSync()[0] ?? 0) : 0;
  if (iter) iter.tensor.dispose();
  const extras: SavedTensor[] = [];
  for (const name of EXTRA_FIELDS) {
    const v = extraField(optimizer, name);
    if (v) extras.push(saveTensor(name, v));
  }
  return { iterations, slots: slots.map((s) => saveTensor(s.name, s.tensor)), extras };
}

/** Loads a saved state into a fresh optimizer of the same class (on the current backend). */
export async function writeOptimizerState(optimizer: tf.Optimizer, state: OptimizerState): Promise<void> {
  const iter = tf.scalar(state.iterations, 'int32');
  const slots = state.slots.map((s) => ({ name: s.name, tensor: tf.tensor(s.values, [...s.shape], s.dtype) }));
  try {
    await optimizer.setWeights([{ name: 'iter', tensor: iter }, ...slots]);
    for (const extra of state.extras) {
      const v = extraField(optimizer, extra.name);
      if (v) tf.tidy(() => v.assign(tf.tensor(extra.values, [...extra.shape], extra.dtype)));
    }
  } finally {
    // setWeights wraps each tensor in a variable that shares its data; our handles can go.
    tf.dispose([iter, ...slots.map((s) => s.tensor)]);
  }
}

/** The model's weights as backend-independent copies (in model.getWeights() order). */
export function readModelWeights(model: tf.LayersModel): SavedTensor[] {
  return model.weights.map((w) => saveTensor(w.originalName, w.read()));
}

/** Writes saved weights back (on the current backend), disposing the temporaries. */
export function writeModelWeights(model: tf.LayersModel, weights: readonly SavedTensor[]): void {
  const tensors = weights.map((w) => tf.tensor(w.values, [...w.shape], w.dtype));
  try {
    model.setWeights(tensors);
  } finally {
    tf.dispose(tensors);
  }
}
