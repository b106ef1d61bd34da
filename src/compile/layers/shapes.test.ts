// Shape tests: computeOutputShape, symbolic apply (tf.input) and eager apply agree for every layer.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FusionCrossAttention, FusionFiLM, FusionTokenJoin, FusionTransformerBlock } from './index.ts';
import { applyEager, asList, CASES, caseInputs } from './testing.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const B = 3;
const withBatch = (shapes: (number | null)[][], b: number): number[][] =>
  shapes.map((s) => s.map((d) => (d === null ? b : d)));

describe.each(CASES)('$name shapes', (c) => {
  it('computeOutputShape matches the expected shapes', () => {
    const layer = c.make();
    const shapes = c.inputs.map((s) => [null, ...s]);
    const out = layer.computeOutputShape(shapes.length === 1 ? (shapes[0] ?? []) : shapes);
    expect(c.outputs.length === 1 ? [out] : out).toEqual(c.outputs);
  });

  it('symbolic apply gives SymbolicTensors of those shapes', () => {
    const layer = c.make();
    const inputs = c.inputs.map((s) => tf.input({ shape: s }));
    const out = asList(layer.apply(inputs.length === 1 ? (inputs[0] as tf.SymbolicTensor) : inputs) as
      | tf.SymbolicTensor
      | tf.SymbolicTensor[]);
    expect(out.map((t) => t.shape)).toEqual(c.outputs);
  });

  it('eager apply gives tensors of those shapes', () => {
    const layer = c.make();
    const xs = caseInputs(c, B);
    const out = applyEager(layer, xs);
    expect(out.map((t) => t.shape)).toEqual(withBatch(c.outputs, B));
    tf.dispose([...xs, ...out]);
  });
});

describe('shape edge cases', () => {
  it('cross attention keeps a variable T (null) through computeOutputShape', () => {
    const layer = new FusionCrossAttention({ dModel: 4, heads: 1, ffDim: 4, returnWeights: true });
    expect(layer.computeOutputShape([[null, null, 3], [null, null, 5]])).toEqual([
      [null, null, 4],
      [null, 1, null, null],
    ]);
  });

  it('cross attention: vector key/value is one token', () => {
    const layer = new FusionCrossAttention({ dModel: 4, heads: 2, ffDim: 4, returnWeights: true });
    const [o, a] = applyEager(layer, [tf.zeros([2, 3, 4]), tf.zeros([2, 6])]);
    expect(o?.shape).toEqual([2, 3, 4]);
    expect(a?.shape).toEqual([2, 2, 3, 1]);
    tf.dispose([o, a].filter((t) => t !== undefined));
  });

  it('FiLM accepts a vector as features', () => {
    const [o] = applyEager(new FusionFiLM(), [tf.zeros([2, 5]), tf.zeros([2, 3])]);
    expect(o?.shape).toEqual([2, 5]);
    o?.dispose();
  });

  it('token join records token counts and ranges at build', () => {
    const layer = new FusionTokenJoin({ dModel: 4 });
    layer.apply([tf.input({ shape: [3, 2] }), tf.input({ shape: [5] }), tf.input({ shape: [2, 7] })]);
    expect(layer.getConfig()['tokenCounts']).toEqual([3, 1, 2]);
    expect(layer.tokenRanges()).toEqual([
      [1, 4],
      [4, 5],
      [5, 7],
    ]);
  });

  it('token join rejects mismatching configured token counts', () => {
    const layer = new FusionTokenJoin({ dModel: 4, tokenCounts: [2, 1] });
    expect(() => layer.apply([tf.input({ shape: [3, 2] }), tf.input({ shape: [5] })])).toThrow(/tokenCounts/);
  });

  it('rejects bad configurations with readable errors', () => {
    expect(() => new FusionCrossAttention({ dModel: 6, heads: 4, ffDim: 4 })).toThrow(/divisible/);
    const block = new FusionTransformerBlock({ heads: 3, ffDim: 4 });
    expect(() => block.apply(tf.input({ shape: [2, 8] }))).toThrow(/divisible/);
  });
});
