// Helpers shared by the builders.
import * as tf from '@tensorflow/tfjs';
import type { Params } from '../../graph/index.ts';
import type { BuildContext } from '../types.ts';

type Applied = tf.Tensor | tf.Tensor[] | tf.SymbolicTensor | tf.SymbolicTensor[];

function isList(x: Applied): x is tf.SymbolicTensor[] | tf.Tensor[] {
  return Array.isArray(x);
}

/** Applies a single-output layer to symbolic tensors. */
export function apply1(layer: tf.layers.Layer, x: tf.SymbolicTensor | readonly tf.SymbolicTensor[]): tf.SymbolicTensor {
  const out = layer.apply(Array.isArray(x) ? [...(x as readonly tf.SymbolicTensor[])] : (x as tf.SymbolicTensor)) as Applied;
  const first = isList(out) ? out[0] : out;
  if (!(first instanceof tf.SymbolicTensor)) throw new Error(`${layer.name} did not give a symbolic tensor.`);
  return first;
}

/** Applies a multi-output layer; returns every output. */
export function applyN(layer: tf.layers.Layer, x: tf.SymbolicTensor | readonly tf.SymbolicTensor[]): tf.SymbolicTensor[] {
  const out = layer.apply(Array.isArray(x) ? [...(x as readonly tf.SymbolicTensor[])] : (x as tf.SymbolicTensor)) as Applied;
  const list = isList(out) ? out : [out];
  return list.map((t) => {
    if (!(t instanceof tf.SymbolicTensor)) throw new Error(`${layer.name} did not give a symbolic tensor.`);
    return t;
  });
}

/** Element i of a list, or an error naming what is missing. */
export function nth<T>(xs: readonly T[], i: number, what: string): T {
  const x = xs[i];
  if (x === undefined) throw new Error(`${what} is missing.`);
  return x;
}

/** The single tensor arriving at `port`. */
export function one(ctx: BuildContext, port = 'in'): tf.SymbolicTensor {
  return nth(ctx.inputs[port] ?? [], 0, `The input "${port}"`);
}

/** Every tensor arriving at `port`, in edge order. */
export function many(ctx: BuildContext, port = 'in'): tf.SymbolicTensor[] {
  return [...(ctx.inputs[port] ?? [])];
}

export function num(params: Params, name: string): number {
  const v = params[name];
  if (typeof v !== 'number') throw new Error(`Parameter "${name}" is not a number.`);
  return v;
}

export function str(params: Params, name: string): string {
  const v = params[name];
  if (typeof v !== 'string') throw new Error(`Parameter "${name}" is not a string.`);
  return v;
}

export function bool(params: Params, name: string): boolean {
  const v = params[name];
  if (typeof v !== 'boolean') throw new Error(`Parameter "${name}" is not true/false.`);
  return v;
}

/** Shape without the batch axis, with every dimension known. */
export function dimsOf(x: tf.SymbolicTensor): number[] {
  return x.shape.slice(1).map((d) => {
    if (d === null) throw new Error(`a dimension of [${x.shape.join(', ')}] is unknown.`);
    return d;
  });
}

export type Activation = 'linear' | 'relu' | 'gelu' | 'tanh' | 'sigmoid';

/** A tfjs activation identifier from a param value. */
export function activation(v: string): Activation {
  switch (v) {
    case 'linear':
    case 'relu':
    case 'gelu':
    case 'tanh':
    case 'sigmoid':
      return v;
    default:
      throw new Error(`unknown activation "${v}".`);
  }
}

/** Flattens to [B, D] unless already a vector. */
export function flat(ctx: BuildContext, x: tf.SymbolicTensor, role: string): tf.SymbolicTensor {
  return x.shape.length > 2 ? apply1(tf.layers.flatten({ name: ctx.name(role) }), x) : x;
}

/** Concatenates along the last axis (or returns the one tensor). */
export function concat(ctx: BuildContext, xs: readonly tf.SymbolicTensor[], role = 'concat'): tf.SymbolicTensor {
  if (xs.length === 1) return nth(xs, 0, 'The input');
  return apply1(tf.layers.concatenate({ axis: -1, name: ctx.name(role) }), xs);
}

/**
 * Token `index` of tokens [B, T, d] → [B, d], with built-in layers only (reshape, cropping2D,
 * reshape) so the model stays loadable without custom classes.
 */
export function takeToken(ctx: BuildContext, x: tf.SymbolicTensor, index: number, role: string): tf.SymbolicTensor {
  const [t, d] = dimsOf(x) as [number, number];
  const asMap = apply1(tf.layers.reshape({ targetShape: [t, d, 1], name: ctx.name(`${role}_reshape`) }), x);
  const cropped = apply1(tf.layers.cropping2D({ cropping: [[index, t - index - 1], [0, 0]], name: ctx.name(`${role}_crop`) }), asMap);
  return apply1(tf.layers.reshape({ targetShape: [d], name: ctx.name(role) }), cropped);
}

/**
 * Row `index` of the query axis of attention maps A [B, heads, Tq, Tk] → [B, heads, Tk]
 * (cropping2D crops axes 1 and 2 of a channels-last map; here heads and queries).
 */
export function takeQueryRow(ctx: BuildContext, a: tf.SymbolicTensor, index: number, role: string): tf.SymbolicTensor {
  const [heads, tq, tk] = dimsOf(a) as [number, number, number];
  const cropped = apply1(tf.layers.cropping2D({ cropping: [[0, 0], [index, tq - index - 1]], name: ctx.name(`${role}_crop`) }), a);
  return apply1(tf.layers.reshape({ targetShape: [heads, tk], name: ctx.name(role) }), cropped);
}

/** A dense classifier-style head: optional ReLU hidden layer, then `units` linear outputs. */
export function denseHead(ctx: BuildContext, units: number): tf.SymbolicTensor {
  let x = one(ctx);
  const hidden = num(ctx.params, 'hidden');
  if (hidden > 0) x = apply1(tf.layers.dense({ units: hidden, activation: 'relu', name: ctx.name('hidden') }), x);
  return apply1(tf.layers.dense({ units, name: ctx.name('logits') }), x);
}

/** Values kept by one attention block for the backward pass (scores and weights, Q/K/V, FFN hidden). */
export function blockHidden(tq: number, tk: number, d: number, heads: number, ff: number): number {
  return 2 * heads * tq * tk + tq * d + 2 * tk * d + 3 * tq * d + tq * ff;
}
