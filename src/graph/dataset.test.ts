import { describe, expect, it } from 'vitest';
import { applyParamChanges, canonicalPreprocessing, datasetChoiceKey, fitGraphToDataset, inputParamsFor, preprocessingSchema, roundStat } from './dataset.ts';
import type { FitModality } from './dataset.ts';
import { inferShapes } from './inferShapes.ts';
import { exampleProject } from './templates.ts';

const AVDIGITS: FitModality[] = [
  { name: 'image', kind: 'image', shape: [28, 28, 1], inputParams: { height: 28, width: 28, channels: 1 } },
  { name: 'audio', kind: 'audio', shape: [61, 129], inputParams: { sampleRate: 8000, clipSamples: 8000, frameLength: 256, frameStep: 128 } },
];
const REDUNDANCY: FitModality[] = [
  { name: 'image', kind: 'image', shape: [24, 24, 3], inputParams: { height: 24, width: 24, channels: 3 } },
  { name: 'text', kind: 'text', shape: [10], inputParams: { maxLength: 10, vocabSize: 34 } },
];

describe('fitGraphToDataset', () => {
  it('the example project reads AV-Digits as it is', () => {
    const fit = fitGraphToDataset(exampleProject().graph, AVDIGITS, 10);
    expect(fit.changes).toEqual([]);
    expect(fit.bindings).toEqual({ n1: 'image', n2: 'audio' });
    expect(fit.unboundNodes).toEqual([]);
    expect(fit.unboundModalities).toEqual([]);
  });

  it('binds by kind, lists the param edits, and what is left over', () => {
    const graph = exampleProject().graph;
    const fit = fitGraphToDataset(graph, REDUNDANCY, 4);
    expect(fit.bindings).toEqual({ n1: 'image' });
    expect(fit.changes).toContainEqual({ nodeId: 'n1', param: 'height', from: 28, to: 24 });
    expect(fit.changes).toContainEqual({ nodeId: 'n1', param: 'channels', from: 1, to: 3 });
    expect(fit.changes.filter((c) => c.param === 'classes').map((c) => c.to)).toEqual([4]);
    expect(fit.unboundNodes).toEqual(['n2']);
    expect(fit.unboundModalities).toEqual(['text']);
    const fitted = applyParamChanges(graph, fit.changes);
    const img = inferShapes(fitted).nodeOutputs['n1']?.['out'];
    expect(img?.shape).toEqual([24, 24, 3]);
    expect(fitted.nodes.find((n) => n.id === 'n2')).toBe(graph.nodes.find((n) => n.id === 'n2'));
  });

  it('keeps existing bindings that still fit', () => {
    const graph = { nodes: [...exampleProject().graph.nodes, { id: 'n9', kind: 'input.image', params: { height: 28, width: 28, channels: 1 }, position: { x: 0, y: 0 } }], edges: [] };
    expect(fitGraphToDataset(graph, AVDIGITS, 10, { n9: 'image' }).bindings).toEqual({ n9: 'image', n2: 'audio' });
  });
});

describe('preprocessing records', () => {
  it('inputParamsFor gives an input node’s params', () => {
    expect(inputParamsFor({ kind: 'text', maxLength: 12, vocabulary: ['<pad>', '<unk>', 'a'], lowercase: true, padId: 0, unknownId: 1 })).toEqual({ maxLength: 12, vocabSize: 3 });
    expect(inputParamsFor({ kind: 'tabular', columns: ['a', 'b'], mean: [0, 0], std: [1, 1], fill: [0, 0] })).toEqual({ features: 2 });
  });

  it('canonicalPreprocessing orders keys; the schema accepts what it writes', () => {
    const p = canonicalPreprocessing({ scale: 'unit', channels: 3, width: 4, height: 5, kind: 'image' });
    expect(Object.keys(p)).toEqual(['kind', 'height', 'width', 'channels', 'scale']);
    expect(preprocessingSchema.safeParse(p).success).toBe(true);
  });

  it('datasetChoiceKey ignores option order, preprocessing and bindings', () => {
    expect(datasetChoiceKey({ id: 'x', options: { b: 1, a: 'z' } })).toBe('x?a=z&b=1');
    expect(datasetChoiceKey({ id: 'x', options: {} })).toBe('x');
    const withBindings = { id: 'x', options: { a: 'z', b: 1 }, bindings: { n1: 'image' } };
    expect(datasetChoiceKey(withBindings)).toBe('x?a=z&b=1');
  });

  it('roundStat keeps 7 significant digits', () => {
    expect(roundStat(1.23456789)).toBe(1.234568);
    expect(roundStat(-0.000123456789)).toBe(-0.0001234568);
  });
});
