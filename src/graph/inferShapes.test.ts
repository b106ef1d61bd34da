import { describe, expect, it } from 'vitest';
import { formatShape, inferShapes, totalParamCount } from './inferShapes.ts';
import { exampleProject } from './templates.ts';
import { edge, graphOf, node } from './testing.ts';

describe('formatShape', () => {
  it('writes type and dimensions', () => {
    expect(formatShape({ type: 'image', shape: [28, 28, 1] })).toBe('image 28×28×1');
    expect(formatShape({ type: 'vector', shape: [64] })).toBe('vector 64');
    expect(formatShape({ type: 'tokens', shape: [16, 32] })).toBe('tokens 16×32');
    expect(formatShape({ type: 'vector', shape: [] })).toBe('vector scalar');
  });
});

describe('inferShapes', () => {
  it('infers the example project node by node and edge by edge', () => {
    const shapes = inferShapes(exampleProject().graph);
    const out = (id: string): string | undefined => {
      const s = shapes.nodeOutputs[id]?.['out'];
      return s && formatShape(s);
    };
    expect(['n1', 'n2', 'n3', 'n4', 'n5', 'n6'].map(out)).toEqual([
      'image 28×28×1',
      'audio 61×129',
      'vector 64',
      'vector 64',
      'vector 128',
      'prediction 10',
    ]);
    expect(Object.fromEntries(Object.entries(shapes.edges).map(([k, v]) => [k, formatShape(v)]))).toEqual({
      e1: 'image 28×28×1',
      e2: 'audio 61×129',
      e3: 'vector 64',
      e4: 'vector 64',
      e5: 'vector 128',
    });
    // CNN: 3·3·1·16+16 + 3·3·16·32+32 + 32·64+64; MLP: 7869·64+64 + 64·64+64; head: 128·64+64 + 64·10+10.
    expect(shapes.paramCounts).toEqual({
      n1: 0,
      n2: 0,
      n3: 160 + 4640 + 2112,
      n4: 7869 * 64 + 64 + 64 * 64 + 64,
      n5: 0,
      n6: 128 * 64 + 64 + 64 * 10 + 10,
    });
    expect(totalParamCount(shapes)).toBe(6912 + 507840 + 8906);
    expect(shapes.diagnostics).toEqual([]);
  });

  it('merges params over defaults (a missing param takes its default)', () => {
    const g = graphOf([{ id: 'i', kind: 'input.image', params: { height: 10 }, position: { x: 0, y: 0 } }]);
    expect(inferShapes(g).nodeOutputs['i']?.['out']).toEqual({ type: 'image', shape: [10, 28, 1] });
  });

  it('leaves a node with invalid params, and everything downstream, absent without diagnostics', () => {
    const g = graphOf(
      [node('t', 'input.tabular'), node('m', 'encoder.mlp', { units: 0 }), node('h', 'head.classify')],
      [edge('e1', 't', 'm'), edge('e2', 'm', 'h')],
    );
    const s = inferShapes(g);
    expect(Object.keys(s.nodeOutputs)).toEqual(['t']);
    expect(Object.keys(s.edges)).toEqual(['e1']);
    expect(s.diagnostics).toEqual([]);
  });

  it('reports a shape refusal once, on the node that refused', () => {
    const g = graphOf(
      [node('a', 'input.audio', { clipSamples: 100 }), node('m', 'encoder.mlp'), node('h', 'head.classify')],
      [edge('e1', 'a', 'm'), edge('e2', 'm', 'h')],
    );
    const s = inferShapes(g);
    expect(s.diagnostics.map((d) => [d.code, d.number, d.nodeId])).toEqual([['shape', 'FD011', 'a']]);
    expect(s.diagnostics[0]?.message).toMatch(/^Audio input \(a\): A clip of 100 samples is shorter than one frame/);
    expect(s.nodeOutputs).toEqual({});
    expect(s.paramCounts).toEqual({});
  });

  it('skips unknown kinds, wrong port types, open ports and cycles silently', () => {
    const g = graphOf(
      [
        node('u', 'fusion.unknown'),
        node('t', 'input.text'),
        node('c', 'encoder.cnn2d'),
        node('open', 'head.classify'),
        node('a', 'encoder.mlp'),
        node('b', 'encoder.mlp'),
      ],
      [edge('e1', 't', 'c'), edge('e2', 'a', 'b'), edge('e3', 'b', 'a')],
    );
    const s = inferShapes(g);
    expect(Object.keys(s.nodeOutputs)).toEqual(['t']);
    expect(s.edges).toEqual({ e1: { type: 'text', shape: [32], vocabSize: 1000 } });
    expect(s.diagnostics).toEqual([]);
  });

  it('infers a fusion of three encoders in topological order regardless of node order', () => {
    const g = graphOf(
      [
        node('h', 'head.classify', { classes: 2 }),
        node('f', 'fusion.concat'),
        node('m1', 'encoder.mlp', { units: 8, layers: 1 }),
        node('m2', 'encoder.mlp', { units: 4, layers: 1 }),
        node('m3', 'encoder.mlp', { units: 2, layers: 1 }),
        node('s', 'input.sequence', { steps: 5, features: 3 }),
        node('t', 'input.tabular', { features: 6 }),
      ],
      [edge('a', 's', 'm1'), edge('b', 't', 'm2'), edge('c', 't', 'm3'), edge('d', 'm1', 'f'), edge('e', 'm2', 'f'), edge('g', 'm3', 'f'), edge('h1', 'f', 'h')],
    );
    const s = inferShapes(g);
    expect(s.nodeOutputs['f']?.['out']).toEqual({ type: 'vector', shape: [14] });
    expect(s.paramCounts['m1']).toBe(15 * 8 + 8);
    expect(s.paramCounts['h']).toBe(14 * 2 + 2);
  });
});
