import { defineKind, fail, formatCount, needVectors, num, ok, out, widthOf } from './kit.ts';

export const fusionTensor = defineKind({
  id: 'fusion.tensor',
  title: 'Tensor fusion',
  category: 'fusion',
  description:
    'The Tensor Fusion Network takes the outer product of the modality vectors, each with a constant 1 appended, so the fused features contain every single-modality feature, every product of two, and every product across all modalities. A dense layer to width h then learns from all of these interactions explicitly. The product grows multiplicatively with the widths, so keep inputs narrow or use low-rank fusion.',
  math: 'z = vec([z₁;1] ⊗ [z₂;1] ⊗ … ⊗ [z_M;1]) ∈ ℝ^{Π(dₘ+1)},  h = φ(W z + b) ∈ ℝ^h',
  paramsFormula: 'Π(dₘ+1)·h + h',
  reference: 'Zadeh et al. 2017, Tensor Fusion Network for Multimodal Sentiment Analysis, arXiv 1707.07250',
  inputs: [{ name: 'in', label: 'Features', accepts: ['vector'], min: 2, max: Infinity }],
  outputs: [{ name: 'out', label: 'Fused', type: 'vector' }],
  params: [
    { name: 'units', label: 'Width h', kind: 'int', default: 32, min: 1, max: 4096, help: 'Width of the dense layer after the outer product.' },
    { name: 'activation', label: 'Activation', kind: 'enum', default: 'relu', options: ['relu', 'tanh', 'linear'], help: 'Non-linearity after the dense layer.' },
  ],
  infer: (params, inputs) => {
    const xs = inputs['in'] ?? [];
    if (xs.length < 2) return fail('Tensor fusion needs at least two inputs. Connect the feature vectors of two or more encoders.');
    const bad = needVectors('Tensor fusion', xs);
    if (bad) return bad;
    const h = num(params, 'units');
    const widths = xs.map(widthOf);
    const features = widths.reduce((p, d) => p * (d + 1), 1);
    const paramCount = features * h + h;
    const rank = 4;
    const lowRank = rank * h * widths.reduce((a, d) => a + d + 1, 0) + rank + h;
    const advice = `the outer product has ${formatCount(features)} features (Π(dₘ+1)) before the dense layer to h = ${h}; consider fusion.lowRank, which needs ${formatCount(lowRank)} parameters at rank ${rank}, or narrower inputs (encoder.project)`;
    return ok({ out: out('vector', [h]) }, paramCount, advice);
  },
});
