// Parameter counts: every layer adds exactly the parameters FUSION.md's formula gives.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { blockParamCount, FusionLowRank, FusionModalityAttention, FusionTensor, tensorFusionWidth } from './index.ts';
import { CASES, caseModel } from './testing.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('parameter counts (FUSION.md)', () => {
  it.each(CASES)('$name', (c) => {
    const layer = c.make();
    const model = caseModel(c, layer);
    expect(layer.countParams()).toBe(c.params);
    expect(model.countParams()).toBe(c.params);
    expect(layer.trainableWeights.length).toBe(layer.weights.length);
    model.dispose();
  });

  it('modality attention: Σ d_m·d + d·M + (Σ d_m)·M + M for four modalities of 16, 32, 8, 64 at d = 24', () => {
    const widths = [16, 32, 8, 64];
    const [d, m, sum] = [24, widths.length, widths.reduce((a, b) => a + b, 0)];
    const layer = new FusionModalityAttention({ units: d });
    const model = caseModel({ name: '', make: () => layer, inputs: widths.map((w) => [w]), outputs: [], params: 0 }, layer);
    expect(layer.countParams()).toBe(sum * d + d * m + sum * m + m);
    model.dispose();
  });

  it('low-rank: r·h·Σ(d_m+1) + r + h, linear in M', () => {
    const layer = new FusionLowRank({ units: 16, rank: 4 });
    const widths = [32, 32, 32];
    const model = caseModel({ name: '', make: () => layer, inputs: widths.map((w) => [w]), outputs: [], params: 0 }, layer);
    expect(layer.countParams()).toBe(4 * 16 * 3 * 33 + 4 + 16);
    model.dispose();
  });

  it("tensor fusion: FUSION.md's example, three modalities of 32 give 35,937 features, ~2.3M params at h = 64", () => {
    expect(tensorFusionWidth([32, 32, 32])).toBe(35937);
    const inputs = [32, 32, 32].map(() => tf.input({ shape: [32] }));
    const fused = new FusionTensor().apply(inputs) as tf.SymbolicTensor;
    expect(fused.shape).toEqual([null, 35937]);
    const dense = tf.layers.dense({ units: 64 });
    dense.apply(fused);
    expect(dense.countParams()).toBe(35937 * 64 + 64);
  });

  it('attention block helper matches ≈ 4d² + 2·d·d_ff plus biases and layer norms', () => {
    const d = 32;
    const ff = 64;
    expect(blockParamCount({ dQuery: d, dKeyValue: d, dModel: d, ffDim: ff })).toBe(4 * d * d + 2 * d * ff + 4 * d + ff + d + 4 * d);
  });
});
