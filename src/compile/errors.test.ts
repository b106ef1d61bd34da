// Compile errors name the node and say what to change; no raw tfjs message or stack gets through.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { builders } from './builders/index.ts';
import { compileGraph, tryCompileGraph } from './compileGraph.ts';
import { CompileError, cleanMessage } from './errors.ts';
import { edge, graphOf, node } from './testing.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** a, b → MLPs (widths 4 and 3) → `fusion` → classifier. */
const twoBranch = (fusion: string, params = {}) =>
  graphOf(
    [
      node('a', 'input.tabular', { features: 2 }),
      node('b', 'input.tabular', { features: 2 }),
      node('ma', 'encoder.mlp', { layers: 1, units: 4 }),
      node('mb', 'encoder.mlp', { layers: 1, units: 3 }),
      node('f', fusion, params, 'Mixer'),
      node('h', 'head.classify', { classes: 2 }),
    ],
    [edge('e1', 'a', 'ma'), edge('e2', 'b', 'mb'), edge('e3', 'ma', 'f'), edge('e4', 'mb', 'f'), edge('e5', 'f', 'h')],
  );

function compileError(fn: () => unknown): CompileError {
  try {
    fn();
  } catch (err) {
    if (err instanceof CompileError) return err;
    throw new Error(`expected a CompileError, got ${String(err)}`);
  }
  throw new Error('expected a CompileError, got none');
}

describe('validation errors', () => {
  it('a shape error names the node, its number and the fix', () => {
    const err = compileError(() => compileGraph(twoBranch('fusion.elementwise')));
    expect(err.nodeId).toBe('f');
    expect(err.number).toBe('FD011');
    expect(err.message).toBe(
      'FD011: Elementwise "Mixer" (f): Elementwise sum combines features position by position, so every input needs the same shape, but it got vector 4, vector 3. Insert an encoder.project (width 4) on the inputs that differ.',
    );
  });

  it('the first of several errors, and how many more there are', () => {
    const g = twoBranch('fusion.elementwise');
    const err = compileError(() => compileGraph(graphOf([...g.nodes, node('x', 'encoder.mlp', { units: 0 })], g.edges)));
    expect(err.nodeId).toBe('x');
    expect(err.message).toMatch(/^FD002: MLP encoder \(x\): Units must be a whole number between 1 and 4096; got 0\. \(and \d+ more problems?; fix this one first\)$/);
    expect(err.diagnostics.length).toBeGreaterThan(1);
  });

  it('a graph with no head is not tied to a node', () => {
    const err = compileError(() => compileGraph(graphOf([node('a', 'input.tabular')])));
    expect(err.nodeId).toBeUndefined();
    expect(err.number).toBe('FD012');
  });

  it('late fusion of a regression head is refused before building', () => {
    const g = graphOf(
      [
        node('a', 'input.tabular'),
        node('m', 'encoder.mlp'),
        node('r', 'head.regress', { targets: 2 }),
        node('c', 'head.classify', { classes: 2 }),
        node('l', 'fusion.late'),
      ],
      [edge('e0', 'a', 'm'), edge('e1', 'm', 'r'), edge('e2', 'm', 'c'), edge('e3', 'r', 'l'), edge('e4', 'c', 'l')],
    );
    const err = compileError(() => compileGraph(g));
    expect([err.nodeId, err.number]).toEqual(['l', 'FD011']);
    expect(err.message).toContain('Classifier head');
  });

  it('warnings do not block: an unreachable branch is left out, inputs included', () => {
    const g = twoBranch('fusion.concat');
    const extra = graphOf([...g.nodes, node('z', 'input.image', { height: 2, width: 2 }), node('mz', 'encoder.mlp')], [...g.edges, edge('e9', 'z', 'mz')]);
    const compiled = compileGraph(extra);
    expect(compiled.order).not.toContain('z');
    expect(compiled.order).not.toContain('mz');
    expect(compiled.inputs.map((i) => i.nodeId)).toEqual(['a', 'b']);
    compiled.model.dispose();
  });
});

describe('build errors', () => {
  it('a tfjs error inside a builder becomes a message naming the node, without the stack', () => {
    vi.spyOn(builders, 'fusion.concat').mockImplementation(() => {
      throw new Error('ValueError: A `Concatenate` layer requires inputs with matching shapes\n    at Concatenate.build (tfjs-layers/src/layers/merge.ts:123)');
    });
    const err = compileError(() => compileGraph(twoBranch('fusion.concat')));
    expect(err.nodeId).toBe('f');
    expect(err.message).toBe(
      'Concatenate "Mixer" (f) could not be built: A `Concatenate` layer requires inputs with matching shapes. Check its parameters and the shapes arriving at it (vector 4, vector 3); if they look right, this is a bug in Fusion Designer, please report it.',
    );
    expect(err.message).not.toContain('merge.ts');
  });

  it('a builder that breaks its promised shape is caught and blamed on its node', () => {
    vi.spyOn(builders, 'fusion.concat').mockImplementation((ctx) => ({ outputs: { out: ctx.inputs['in']?.[0] as tf.SymbolicTensor } }));
    const err = compileError(() => compileGraph(twoBranch('fusion.concat')));
    expect(err.nodeId).toBe('f');
    expect(err.message).toBe('Concatenate "Mixer" (f): its layers give [4] at "out" but shape inference promised vector 7. This is a bug in Fusion Designer; please report it.');
  });

  it('tryCompileGraph returns the error instead of throwing', () => {
    const r = tryCompileGraph(twoBranch('fusion.elementwise'));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.nodeId).toBe('f');
  });

  it('cleanMessage keeps the first line without Error prefixes', () => {
    expect(cleanMessage(new Error('Error: ValueError: bad thing.\n  at x'))).toBe('bad thing');
    expect(cleanMessage('plain')).toBe('plain');
  });
});

describe('names', () => {
  it('node ids that tfjs would refuse become safe layer names, still unique', () => {
    const g = graphOf(
      [node('_in 1', 'input.tabular', { features: 2 }), node('in/1', 'encoder.mlp', { layers: 1, units: 2 }), node('in_1', 'head.classify', { classes: 2 })],
      [edge('e1', '_in 1', 'in/1'), edge('e2', 'in/1', 'in_1')],
    );
    const compiled = compileGraph(g);
    expect(compiled.inputs[0]?.name).toBe('n_in_1');
    expect(compiled.layers).toEqual({ '_in 1': ['n_in_1'], 'in/1': ['in_1__dense_1'], in_1: ['in_1_2__logits'] });
    compiled.model.dispose();
  });
});
