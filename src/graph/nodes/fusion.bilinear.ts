import { defineKind, fail, needVectors, num, ok, out, widthOf } from './kit.ts';

export const fusionBilinear = defineKind({
  id: 'fusion.bilinear',
  title: 'Bilinear pooling',
  category: 'fusion',
  description:
    'Multi-modal Factorized Bilinear pooling captures pairwise products between two modalities without the full outer product: each modality is projected to k·o values, the projections are multiplied elementwise, and every window of k values is summed into one of o outputs. A signed square root and L2 normalisation keep the values well scaled. It takes exactly two modalities.',
  math: 'x = (U z₁) ∘ (V z₂) ∈ ℝ^{k·o},  zᵢ = Σ_{j<k} x_{ik+j},  z ← sign(z)·√(|z| + ε),  z ← z / ‖z‖₂',
  paramsFormula: 'k·o·(d₁ + d₂)',
  reference: 'Yu et al. 2017, Multi-modal Factorized Bilinear Pooling with Co-Attention Learning for Visual Question Answering, arXiv 1708.01471',
  inputs: [{ name: 'in', label: 'Features', accepts: ['vector'], min: 2, max: 2 }],
  outputs: [{ name: 'out', label: 'Fused', type: 'vector' }],
  params: [
    { name: 'factor', label: 'Factor k', kind: 'int', default: 5, min: 1, max: 16, help: 'Values summed into each output (the rank of each factorised bilinear form).' },
    { name: 'units', label: 'Width o', kind: 'int', default: 32, min: 1, max: 4096, help: 'Width of the fused vector.' },
  ],
  infer: (params, inputs) => {
    const xs = inputs['in'] ?? [];
    if (xs.length !== 2) return fail('Bilinear pooling takes exactly two inputs. Connect the feature vectors of two encoders.');
    const bad = needVectors('Bilinear pooling', xs);
    if (bad) return bad;
    const k = num(params, 'factor');
    const o = num(params, 'units');
    return ok({ out: out('vector', [o]) }, k * o * xs.reduce((a, x) => a + widthOf(x), 0));
  },
});
