/**
 * Shared plumbing for the Fusion* custom layers: typings tfjs-layers does not export, shape
 * helpers and the few composite ops (dense, layer norm, multi-head attention) that several layers
 * use. Everything here is built from ops with gradients on cpu, webgl and webgpu in tfjs 4.22
 * (matMul, reshape, transpose, softmax, add, sub, mul, div, mean, sqrt, square): no einsum.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerVariable, Shape } from '@tensorflow/tfjs';

/** tfjs-layers does not export LayerArgs from its root; recover it from the Layer constructor. */
export type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;
/** The kwargs passed to Layer.call (tfjs types it as {[key: string]: any}). */
export type Kwargs = Record<string, unknown>;
export type ConfigDict = tf.serialization.ConfigDict;

/** True when tfjs passed a list of shapes (multi-input layer) rather than a single shape. */
function isShapeList(s: Shape | Shape[]): s is Shape[] {
  return s.length > 0 && Array.isArray(s[0]);
}

export function shapeList(s: Shape | Shape[]): Shape[] {
  return isShapeList(s) ? s : [s];
}

export function singleShape(s: Shape | Shape[], layer: string): Shape {
  const list = shapeList(s);
  const first = list[0];
  if (list.length !== 1 || first === undefined) {
    throw new Error(`${layer}: expected exactly one input, got ${list.length}.`);
  }
  return first;
}

export function tensorList(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor[] {
  return Array.isArray(inputs) ? inputs : [inputs];
}

/** A static dimension of a shape; throws a readable error when it is unknown (null). */
export function staticDim(shape: Shape, axis: number, layer: string, what: string): number {
  const i = axis < 0 ? shape.length + axis : axis;
  const d = shape[i];
  if (d === null || d === undefined) {
    throw new Error(`${layer}: ${what} (axis ${axis} of [${shape.join(', ')}]) must be known.`);
  }
  return d;
}

/** A dimension of a concrete tensor (never undefined at run time; this satisfies the typechecker). */
export function dim(x: tf.Tensor, axis: number): number {
  const i = axis < 0 ? x.rank + axis : axis;
  const d = x.shape[i];
  if (d === undefined) throw new Error(`axis ${axis} out of range for shape [${x.shape.join(', ')}]`);
  return d;
}

export function at<T>(xs: readonly T[], i: number, what = 'item'): T {
  const x = xs[i];
  if (x === undefined) throw new Error(`${what} ${i} is missing`);
  return x;
}

/** The tensor behind a weight; throws if the layer has not been built yet. */
export function read(v: LayerVariable | null | undefined, layer: string): tf.Tensor {
  if (v == null) throw new Error(`${layer}: weights used before build().`);
  return v.read();
}

/** tfjs-layers does not export its Initializer class from the root either. */
export type Initializer = ReturnType<typeof tf.initializers.ones>;
export const glorot = (): Initializer => tf.initializers.glorotUniform({});
export const zeros = (): Initializer => tf.initializers.zeros();
export const ones = (): Initializer => tf.initializers.ones();

/**
 * x W (+ b) over the last axis for any rank ≥ 2: reshaped to 2-D so that only a plain matMul is
 * needed (no reliance on broadcasting batched matMul and its gradient).
 */
export function dense(x: tf.Tensor, w: tf.Tensor, b?: tf.Tensor): tf.Tensor {
  const inDim = dim(x, -1);
  const outDim = dim(w, -1);
  const lead = x.shape.slice(0, -1);
  const y2 = tf.matMul(x.rank === 2 ? x : tf.reshape(x, [-1, inDim]), w);
  const y = x.rank === 2 ? y2 : tf.reshape(y2, [...lead, outDim]);
  return b === undefined ? y : tf.add(y, b);
}

/** Layer normalisation over the last axis: (x − μ)/sqrt(σ² + ε)·γ + β. */
export function layerNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, epsilon: number): tf.Tensor {
  const mu = tf.mean(x, -1, true);
  const xc = tf.sub(x, mu);
  const variance = tf.mean(tf.square(xc), -1, true);
  return tf.add(tf.mul(tf.div(xc, tf.sqrt(tf.add(variance, epsilon))), gamma), beta);
}

/** [B, T, d] → [B·heads, T, d/heads] */
function splitHeads(x: tf.Tensor, heads: number): tf.Tensor {
  const [b, t, d] = [dim(x, 0), dim(x, 1), dim(x, 2)];
  const dh = d / heads;
  return tf.reshape(tf.transpose(tf.reshape(x, [b, t, heads, dh]), [0, 2, 1, 3]), [b * heads, t, dh]);
}

/** [B·heads, T, dh] → [B, T, heads·dh] */
function mergeHeads(x: tf.Tensor, batch: number, heads: number): tf.Tensor {
  const [t, dh] = [dim(x, 1), dim(x, 2)];
  return tf.reshape(tf.transpose(tf.reshape(x, [batch, heads, t, dh]), [0, 2, 1, 3]), [batch, t, heads * dh]);
}

/**
 * Scaled dot-product attention of already projected q [B,Tq,d], k, v [B,Tk,d] with `heads` heads:
 * A = softmax(Q_h K_hᵀ / sqrt(d_head)); returns concat_h(A_h V_h) [B, Tq, d] (before W_O) and A
 * [B, heads, Tq, Tk]. Batched 3-D matMul only.
 */
export function multiHeadAttention(
  q: tf.Tensor,
  k: tf.Tensor,
  v: tf.Tensor,
  heads: number,
): { context: tf.Tensor; attention: tf.Tensor } {
  const batch = dim(q, 0);
  const d = dim(q, 2);
  const dh = d / heads;
  const qh = splitHeads(q, heads);
  const kh = splitHeads(k, heads);
  const vh = splitHeads(v, heads);
  const scores = tf.div(tf.matMul(qh, kh, false, true), Math.sqrt(dh));
  const a = tf.softmax(scores); // [B·h, Tq, Tk], softmax over the last axis
  const context = mergeHeads(tf.matMul(a, vh), batch, heads);
  const attention = tf.reshape(a, [batch, heads, dim(q, 1), dim(k, 1)]);
  return { context, attention };
}

/** Dropout only while training (kwargs.training === true) and rate > 0. */
export function maybeDropout(x: tf.Tensor, rate: number, kwargs: Kwargs): tf.Tensor {
  return kwargs['training'] === true && rate > 0 ? tf.dropout(x, rate) : x;
}

export function assertPositiveInt(v: number, layer: string, name: string): void {
  if (!Number.isInteger(v) || v < 1) throw new Error(`${layer}: ${name} must be a positive integer, got ${v}.`);
}
