/**
 * Test support for the Fusion* layers (imported by the *.test.ts files only): a seeded RNG, small
 * plain-JS linear algebra for reference implementations, and the table of layer cases that the
 * shape, parameter, gradient, serialisation and memory tests iterate over.
 */
import * as tf from '@tensorflow/tfjs';
import {
  FusionBilinear,
  FusionCrossAttention,
  FusionFiLM,
  FusionGated,
  FusionLateCombine,
  FusionLowRank,
  FusionModalityAttention,
  FusionModalityDropout,
  FusionPositions,
  FusionTensor,
  FusionTokenJoin,
  FusionTransformerBlock,
} from './index.ts';

import { mulberry32 } from '../../graph/index.ts';

export type Matrix = number[][];

/** mulberry32: a small deterministic PRNG. */
export const rng = mulberry32;

export function gaussian(rand: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

export function randomTensor(shape: number[], seed: number, scale = 1): tf.Tensor {
  const g = gaussian(rng(seed));
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Array.from({ length: size }, () => g() * scale), shape);
}

/** Replaces every weight of a built layer by seeded Gaussian values (so γ ≠ 1, biases ≠ 0…). */
export function randomiseWeights(layer: tf.layers.Layer, seed: number, scale = 0.5): void {
  const fresh = layer.getWeights().map((w, i) => randomTensor(w.shape, seed + 101 * i, scale));
  layer.setWeights(fresh);
  tf.dispose(fresh);
}

/** Weight values keyed by the name given to addWeight (the part after the layer scope). */
export function weightsByName(layer: tf.layers.Layer): Map<string, tf.Tensor> {
  return new Map(layer.weights.map((w) => [w.originalName.split('/').pop() ?? w.originalName, w.read()]));
}

export function mat(t: tf.Tensor | undefined): Matrix {
  if (t === undefined) throw new Error('missing weight');
  return t.arraySync() as Matrix;
}

export function vec(t: tf.Tensor | undefined): number[] {
  if (t === undefined) throw new Error('missing weight');
  return t.arraySync() as number[];
}

export function row(m: Matrix, i: number): number[] {
  const r = m[i];
  if (r === undefined) throw new Error(`row ${i} missing`);
  return r;
}

export function el(v: readonly number[], i: number): number {
  const x = v[i];
  if (x === undefined) throw new Error(`index ${i} missing`);
  return x;
}

/** x (a vector) times W [in, out] plus b. */
export function vecMat(x: readonly number[], w: Matrix, b?: readonly number[]): number[] {
  const out = row(w, 0).map((_, j) => (b ? el(b, j) : 0));
  x.forEach((xi, i) => row(w, i).forEach((wij, j) => (out[j] = el(out, j) + xi * wij)));
  return out;
}

export function softmaxJs(x: readonly number[]): number[] {
  const mx = Math.max(...x);
  const e = x.map((v) => Math.exp(v - mx));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

export function layerNormJs(x: readonly number[], gamma: readonly number[], beta: readonly number[], eps: number): number[] {
  const mu = x.reduce((a, b) => a + b, 0) / x.length;
  const variance = x.reduce((a, b) => a + (b - mu) ** 2, 0) / x.length;
  return x.map((v, i) => ((v - mu) / Math.sqrt(variance + eps)) * el(gamma, i) + el(beta, i));
}

export function expectClose(actual: unknown, expected: unknown, tol = 1e-4, path = ''): void {
  if (typeof expected === 'number') {
    if (typeof actual !== 'number' || !(Math.abs(actual - expected) <= tol * (1 + Math.abs(expected)))) {
      throw new Error(`${path}: expected ${expected}, got ${String(actual)}`);
    }
    return;
  }
  if (!Array.isArray(expected) || !Array.isArray(actual) || actual.length !== expected.length) {
    throw new Error(`${path}: structure differs (${JSON.stringify(actual)?.slice(0, 80)} vs ${JSON.stringify(expected)?.slice(0, 80)})`);
  }
  expected.forEach((e, i) => expectClose(actual[i], e, tol, `${path}[${i}]`));
}

export interface LayerCase {
  name: string;
  make: () => tf.layers.Layer;
  /** Input shapes without the batch axis. */
  inputs: number[][];
  /** Output shapes with the batch axis as null; a list when the layer has several outputs. */
  outputs: (number | null)[][];
  /** Parameter count from FUSION.md's formula (computed by hand from the formula, not the code). */
  params: number;
  /** Weights whose gradient is identically zero by construction (e.g. the attention key bias). */
  zeroGrad?: string[];
}

const N = null;

export const CASES: LayerCase[] = [
  {
    name: 'FusionModalityAttention',
    make: () => new FusionModalityAttention({ units: 4, returnWeights: true }),
    inputs: [[3], [5], [2]],
    outputs: [[N, 4], [N, 3]],
    // Σ d_m·d + d·M + (Σ d_m)·M + M = 10·4 + 4·3 + 10·3 + 3
    params: 10 * 4 + 4 * 3 + 10 * 3 + 3,
  },
  {
    name: 'FusionModalityAttention (fused only)',
    make: () => new FusionModalityAttention({ units: 6 }),
    inputs: [[3], [5]],
    outputs: [[N, 6]],
    params: 8 * 6 + 6 * 2 + 8 * 2 + 2,
  },
  {
    name: 'FusionCrossAttention',
    make: () => new FusionCrossAttention({ dModel: 8, heads: 2, ffDim: 16, returnWeights: true }),
    inputs: [[4, 6], [3, 5]],
    outputs: [[N, 4, 8], [N, 2, 4, 3]],
    // W_Q d_A·d, W_K W_V d_B·d, W_O d², 4 biases, residual projection d_A·d (d_A ≠ d), FFN, 2 LNs
    params: 6 * 8 + 2 * 5 * 8 + 8 * 8 + 4 * 8 + 6 * 8 + (2 * 8 * 16 + 16 + 8) + 4 * 8,
    zeroGrad: ['k_bias'],
  },
  {
    name: 'FusionCrossAttention (vector query, same width)',
    make: () => new FusionCrossAttention({ dModel: 8, heads: 4, ffDim: 8, dropout: 0.1, returnWeights: true }),
    inputs: [[8], [5, 8]],
    outputs: [[N, 8], [N, 4, 1, 5]],
    params: 4 * 8 * 8 + 4 * 8 + (2 * 8 * 8 + 8 + 8) + 4 * 8,
    zeroGrad: ['k_bias'],
  },
  {
    name: 'FusionTransformerBlock',
    make: () => new FusionTransformerBlock({ heads: 2, ffDim: 16, returnWeights: true }),
    inputs: [[5, 8]],
    outputs: [[N, 5, 8], [N, 2, 5, 5]],
    // 4d² + 4d + 2·d·ff + ff + d + 4d
    params: 4 * 64 + 4 * 8 + 2 * 8 * 16 + 16 + 8 + 4 * 8,
    zeroGrad: ['k_bias'],
  },
  {
    name: 'FusionTokenJoin',
    make: () => new FusionTokenJoin({ dModel: 8 }),
    inputs: [[4, 6], [5]],
    outputs: [[N, 1 + 4 + 1, 8]],
    // Σ d_m·d + M·d + M·d + d
    params: (6 + 5) * 8 + 2 * 8 + 2 * 8 + 8,
  },
  {
    name: 'FusionTensor',
    make: () => new FusionTensor(),
    inputs: [[2], [3], [1]],
    outputs: [[N, 3 * 4 * 2]],
    params: 0,
  },
  {
    name: 'FusionLowRank',
    make: () => new FusionLowRank({ units: 4, rank: 3 }),
    inputs: [[3], [5]],
    outputs: [[N, 4]],
    // r·h·Σ(d_m+1) + r + h
    params: 3 * 4 * (4 + 6) + 3 + 4,
  },
  {
    name: 'FusionGated (M = 2)',
    make: () => new FusionGated({ units: 4, returnWeights: true }),
    inputs: [[3], [5]],
    outputs: [[N, 4], [N, 4]],
    // (d_v + d_t)·h·2 + biases (2h + h)
    params: (3 + 5) * 4 * 2 + 3 * 4,
  },
  {
    name: 'FusionGated (M = 3)',
    make: () => new FusionGated({ units: 4, returnWeights: true }),
    inputs: [[3], [5], [2]],
    outputs: [[N, 4], [N, 3, 4]],
    params: 10 * 4 + 3 * 4 + 10 * 3 * 4 + 3 * 4,
  },
  {
    name: 'FusionFiLM (map)',
    make: () => new FusionFiLM(),
    inputs: [[4, 4, 6], [3]],
    outputs: [[N, 4, 4, 6]],
    // 2·C·(d_c + 1)
    params: 2 * 6 * (3 + 1),
  },
  {
    name: 'FusionFiLM (sequence)',
    make: () => new FusionFiLM(),
    inputs: [[7, 5], [2]],
    outputs: [[N, 7, 5]],
    params: 2 * 5 * 3,
  },
  {
    name: 'FusionBilinear',
    make: () => new FusionBilinear({ factor: 3, units: 4 }),
    inputs: [[5], [6]],
    outputs: [[N, 4]],
    // k·o·(d_1 + d_2)
    params: 3 * 4 * (5 + 6),
  },
  {
    name: 'FusionLateCombine (mean)',
    make: () => new FusionLateCombine({ mode: 'mean', returnWeights: true }),
    inputs: [[3], [3]],
    outputs: [[N, 3], [N, 2]],
    params: 0,
  },
  {
    name: 'FusionLateCombine (weighted)',
    make: () => new FusionLateCombine({ mode: 'weighted', returnWeights: true }),
    inputs: [[3], [3], [3]],
    outputs: [[N, 3], [N, 3]],
    params: 3,
  },
  {
    name: 'FusionLateCombine (stacking)',
    make: () => new FusionLateCombine({ mode: 'stacking' }),
    inputs: [[3], [3]],
    outputs: [[N, 3]],
    // M·K·K + K
    params: 2 * 3 * 3 + 3,
  },
  {
    name: 'FusionModalityDropout',
    make: () => new FusionModalityDropout({ rate: 0.5 }),
    inputs: [[3], [4, 2]],
    outputs: [[N, 3], [N, 4, 2]],
    params: 0,
  },
  {
    name: 'FusionModalityDropout (mask)',
    make: () => new FusionModalityDropout({ rate: 0.3, useMask: true }),
    inputs: [[3], [4, 2], [2]],
    outputs: [[N, 3], [N, 4, 2]],
    params: 0,
  },
  {
    name: 'FusionPositions (CLS + positions)',
    make: () => new FusionPositions({ cls: true, positions: true }),
    inputs: [[4, 6]],
    outputs: [[N, 5, 6]],
    // CLS d + positions (T + 1)·d
    params: 6 + 5 * 6,
  },
  {
    name: 'FusionPositions (positions only)',
    make: () => new FusionPositions({ positions: true }),
    inputs: [[3, 2]],
    outputs: [[N, 3, 2]],
    params: 3 * 2,
  },
];

/** Seeded inputs of batch `batch` for a case (a presence mask of ones for ModDrop with useMask). */
export function caseInputs(c: LayerCase, batch: number, seed = 7): tf.Tensor[] {
  return c.inputs.map((s, i) => {
    const isMask = c.name.includes('(mask)') && i === c.inputs.length - 1;
    return isMask ? tf.ones([batch, ...s]) : randomTensor([batch, ...s], seed + i);
  });
}

export function asList<T>(x: T | T[]): T[] {
  return Array.isArray(x) ? x : [x];
}

/** Applies a layer eagerly to a list of inputs (a single tensor when there is one input). */
export function applyEager(layer: tf.layers.Layer, xs: tf.Tensor[], kwargs: Record<string, unknown> = {}): tf.Tensor[] {
  const out = layer.apply(xs.length === 1 ? (xs[0] as tf.Tensor) : xs, kwargs);
  return asList(out as tf.Tensor | tf.Tensor[]);
}

/** Builds tf.model(inputs → every output of the layer). */
export function caseModel(c: LayerCase, layer = c.make()): tf.LayersModel {
  const inputs = c.inputs.map((s) => tf.input({ shape: s }));
  const out = layer.apply(inputs.length === 1 ? (inputs[0] as tf.SymbolicTensor) : inputs);
  return tf.model({ inputs, outputs: asList(out as tf.SymbolicTensor | tf.SymbolicTensor[]) });
}
