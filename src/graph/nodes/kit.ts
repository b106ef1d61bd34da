// Helpers shared by the node-kind files. Pure TypeScript.
import type { InferResult, InputPortSpec, NodeKind, Params, PortType, Shape, TypedShape } from '../types.ts';

/** Declares a node kind, keeping its id as a string literal so the registry can check key = id. */
export function defineKind<const Id extends string>(kind: NodeKind & { readonly id: Id }): NodeKind & { readonly id: Id } {
  return kind;
}

/** Number of elements in a shape (the product of its axes; 1 for a scalar). */
export function sizeOf(shape: Shape): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** "28×28×1" */
export function dims(shape: Shape): string {
  return shape.length === 0 ? 'scalar' : shape.join('×');
}

/** "image 28×28×1" */
export function describeShape(ts: TypedShape): string {
  return `${ts.type} ${dims(ts.shape)}`;
}

/** A number param (the registry and inferShapes guarantee params are valid and complete). */
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

/** Above this many parameters a node gets a cost warning (FD014). */
export const COST_WARNING_PARAMS = 2_000_000;

/** "2.3M", "35,937" (under a million: grouped digits). */
export function formatCount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)}B`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  return n.toLocaleString('en-US');
}

/** The cost warning for a node creating `paramCount` parameters; `advice` says what to do instead. */
export function costWarning(paramCount: number, advice?: string): string {
  // Weights, their gradients and Adam's two moments: 4 float32 numbers per parameter.
  const mb = Math.round((paramCount * 16) / 1e6);
  return `creates ${formatCount(paramCount)} parameters (about ${mb} MB for weights, gradients and optimiser state while training), so training may be slow or run out of memory; ${advice ?? 'consider fewer units or narrower inputs'}.`;
}

/**
 * A successful inference. Nodes creating more than COST_WARNING_PARAMS parameters get a cost
 * warning automatically; `advice` (e.g. "consider fusion.lowRank …") replaces the generic hint.
 */
export function ok(outputs: Record<string, TypedShape>, paramCount = 0, advice?: string): InferResult {
  if (paramCount > COST_WARNING_PARAMS) return { ok: true, outputs, paramCount, warnings: [costWarning(paramCount, advice)] };
  return { ok: true, outputs, paramCount };
}

export function bool(params: Params, name: string): boolean {
  const v = params[name];
  if (typeof v !== 'boolean') throw new Error(`Parameter "${name}" is not true/false.`);
  return v;
}

/** The last axis: a vector's width d, a token's width, a sequence's features per step. */
export function widthOf(x: TypedShape): number {
  return x.shape[x.shape.length - 1] ?? 0;
}

/** "vector 64, vector 32" */
export function shapeList(xs: readonly TypedShape[]): string {
  return xs.map(describeShape).join(', ');
}

/** A multi-input port taking two or more edges of the given types. */
export function manyInputs(label: string, accepts: readonly PortType[], min = 2): InputPortSpec {
  return { name: 'in', label, accepts, min, max: Infinity };
}

/** The single input port "in". */
export function oneInput(label: string, accepts: readonly PortType[]): InputPortSpec {
  return { name: 'in', label, accepts, min: 1, max: 1 };
}

/** Refusal when some inputs are not vectors (for fusion nodes working on feature vectors only). */
export function needVectors(title: string, xs: readonly TypedShape[]): InferResult | null {
  if (xs.every((x) => x.type === 'vector' && x.shape.length === 1)) return null;
  return fail(
    `${title} works on feature vectors, but it got ${shapeList(xs)}. Pool token inputs into a vector first (e.g. an encoder with mean pooling), or use an attention node that takes tokens.`,
  );
}

export function fail(message: string): InferResult {
  return { ok: false, message };
}

export function out(type: PortType, shape: Shape): TypedShape {
  return { type, shape };
}

/** Smallest power of two ≥ n (as tf.signal.stft picks its FFT length). */
export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** Parameters of a dense layer from `inputs` to `units` (weights + biases). */
export function denseParams(inputs: number, units: number): number {
  return inputs * units + units;
}

/**
 * Parameters of one post-LN attention block (queries of width dQuery, keys/values of width
 * dKeyValue, model width d, feed-forward width ff): Q, K, V, O projections with biases, a residual
 * projection when dQuery ≠ d, the feed-forward network and two layer norms. Mirrors
 * blockParamCount in src/compile/layers/attentionBlock.ts (the compile tests compare the two).
 */
export function blockParams(dQuery: number, dKeyValue: number, d: number, ff: number): number {
  const attention = dQuery * d + 2 * dKeyValue * d + d * d + 4 * d;
  const residual = dQuery === d ? 0 : dQuery * d;
  return attention + residual + (2 * d * ff + ff + d) + 4 * d;
}

/**
 * Refusal when the model width d is 1, or null. Every attention block ends in layer norms, and a
 * layer norm over a single value always outputs its offset β, so the block's output would be a
 * constant and nothing before it could learn.
 */
export function widthProblem(d: number): InferResult | null {
  if (d >= 2) return null;
  return fail(
    `Width d = ${d} is too narrow: the attention block ends in a layer norm, which over a single value always gives the same output, so nothing before it could learn. Use a width of at least 2.`,
  );
}

/** Refusal when the model width is not divisible by the heads, or null. */
export function headsProblem(d: number, heads: number): InferResult | null {
  if (d % heads === 0) return null;
  return fail(`Width d = ${d} must be divisible by the number of heads (${heads}). Change d to a multiple of ${heads}, or the heads to a divisor of ${d}.`);
}
