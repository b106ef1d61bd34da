// Helpers shared by the node-kind files. Pure TypeScript.
import type { InferResult, NodeKind, Params, PortType, Shape, TypedShape } from '../types.ts';

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

export function ok(outputs: Record<string, TypedShape>, paramCount = 0): InferResult {
  return { ok: true, outputs, paramCount };
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
