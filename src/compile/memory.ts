// Training memory estimate per node and for the whole model, before training.
import type * as tf from '@tensorflow/tfjs';
import type { MemoryEstimate, NodeMemory } from './types.ts';

/** float32 */
export const BYTES_PER_VALUE = 4;

function elements(shape: readonly (number | null)[]): number {
  return shape.slice(1).reduce<number>((a, d) => a * (d ?? 1), 1);
}

/** Values per sample a layer outputs (all of its outputs). */
export function layerOutputValues(layer: tf.layers.Layer): number {
  const shapes = layer.outputShape;
  const list = Array.isArray(shapes[0]) ? (shapes as (number | null)[][]) : [shapes as (number | null)[]];
  return list.reduce((a, s) => a + elements(s), 0);
}

/**
 * Training memory of one node for a batch of `batchSize`, in bytes:
 *   weights 4P, gradients 4P, Adam moments 8P (P = the node's parameters), and activations:
 *   every value the node's layers output (plus hidden values its custom layers keep), kept for the
 *   backward pass, and its gradient: 2 × values per sample × batch × 4 bytes. Input nodes hold just
 *   their batch. An estimate: backends add workspace, and tfjs frees some tensors early.
 */
export function nodeMemory(params: number, valuesPerSample: number, batchSize: number, isInput: boolean): NodeMemory {
  const weights = params * BYTES_PER_VALUE;
  const gradients = weights;
  const optimizer = 2 * weights;
  const activations = (isInput ? 1 : 2) * valuesPerSample * batchSize * BYTES_PER_VALUE;
  return { params, weights, gradients, optimizer, activations, total: weights + gradients + optimizer + activations };
}

export function totalMemory(perNode: Readonly<Record<string, NodeMemory>>, batchSize: number): MemoryEstimate {
  const totalBytes = Object.values(perNode).reduce((a, m) => a + m.total, 0);
  return { batchSize, perNode, totalBytes };
}

/** "1.2 MB", "340 KB", "12 B" (decimal units). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} KB`;
  return `${bytes} B`;
}
