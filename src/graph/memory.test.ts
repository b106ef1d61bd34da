import { describe, expect, it } from 'vitest';
import { estimateTrainingMemory, formatBytes } from './memory.ts';
import { exampleProject, inferShapes } from './index.ts';

describe('estimateTrainingMemory', () => {
  it('counts 16 bytes per parameter plus outputs and their gradients for a batch', () => {
    const { graph } = exampleProject();
    const shapes = inferShapes(graph);
    const est = estimateTrainingMemory(graph, shapes, 10);
    const head = graph.nodes.find((n) => n.kind === 'head.classify');
    const image = graph.nodes.find((n) => n.kind === 'input.image');
    if (!head || !image) throw new Error('example changed');
    const headParams = shapes.paramCounts[head.id] ?? NaN;
    // head: params × 16 B + 2 × 10 logits × batch 10 × 4 B
    expect(est.perNode[head.id]).toBe(headParams * 16 + 2 * 10 * 10 * 4);
    // an input holds its batch once: 28×28×1 × 10 × 4 B
    expect(est.perNode[image.id]).toBe(28 * 28 * 10 * 4);
    expect(est.totalBytes).toBe(Object.values(est.perNode).reduce((a, b) => a + b, 0));
  });

  it('grows with the batch size only through activations', () => {
    const { graph } = exampleProject();
    const shapes = inferShapes(graph);
    const a = estimateTrainingMemory(graph, shapes, 1).totalBytes;
    const b = estimateTrainingMemory(graph, shapes, 2).totalBytes;
    const c = estimateTrainingMemory(graph, shapes, 3).totalBytes;
    expect(c - b).toBe(b - a);
    expect(b - a).toBeGreaterThan(0);
  });

  it('formats bytes in decimal units', () => {
    expect(formatBytes(12)).toBe('12 B');
    expect(formatBytes(340_000)).toBe('340 KB');
    expect(formatBytes(1_234_567)).toBe('1.2 MB');
  });
});
