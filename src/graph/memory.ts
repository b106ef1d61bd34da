// Training-memory estimate before compiling (no tfjs): what the inspector and summary show.
// The compiler's estimate (src/compile/memory.ts) also counts every internal layer's output once a
// model is built; this one needs only shape inference, so it runs on every edit.
import type { Graph, GraphShapes } from './types.ts';

const BYTES = 4; // float32

export interface MemoryEstimate {
  readonly batchSize: number;
  /** Bytes per node id: weights, gradients and Adam's two moments (16 B per parameter) plus outputs. */
  readonly perNode: Readonly<Record<string, number>>;
  readonly totalBytes: number;
}

const valuesOf = (shape: readonly number[]): number => shape.reduce((a, d) => a * d, 1);

/**
 * Per node: 16 bytes per parameter (weights, gradients, Adam's first and second moments), plus its
 * outputs for a batch kept for the backward pass and their gradients (2 × values × batch × 4 B;
 * input nodes hold just their batch). Nodes whose shapes are unknown count nothing.
 */
export function estimateTrainingMemory(graph: Graph, shapes: GraphShapes, batchSize: number): MemoryEstimate {
  const perNode: Record<string, number> = {};
  let totalBytes = 0;
  for (const node of graph.nodes) {
    const outputs = shapes.nodeOutputs[node.id];
    const params = shapes.paramCounts[node.id];
    if (outputs === undefined || params === undefined) continue;
    const values = Object.values(outputs).reduce((a, o) => a + valuesOf(o.shape), 0);
    const isInput = node.kind.startsWith('input.');
    const bytes = params * 4 * BYTES + (isInput ? 1 : 2) * values * batchSize * BYTES;
    perNode[node.id] = bytes;
    totalBytes += bytes;
  }
  return { batchSize, perNode, totalBytes };
}

/** "1.2 MB", "340 KB", "12 B" (decimal units). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1000;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u += 1;
  }
  return `${v >= 100 ? Math.round(v) : v.toFixed(1)} ${units[u]}`;
}
