import { defineKind, fail, needVectors, num, ok, out, widthOf } from './kit.ts';

export const fusionLowRank = defineKind({
  id: 'fusion.lowRank',
  title: 'Low-rank fusion',
  category: 'fusion',
  description:
    'Low-rank Multimodal Fusion computes what tensor fusion would, but with the huge weight tensor factorised into r small factors per modality. Each modality is mapped by its own factors, the results are multiplied across modalities, and the r products are summed with learned weights. The cost grows with the sum of the widths instead of their product, so it scales to many modalities.',
  math: 'h = Σᵢ₌₁..ᵣ λᵢ · ∘ₘ ([zₘ;1] Wₘ⁽ⁱ⁾) + b,  Wₘ⁽ⁱ⁾ ∈ ℝ^{(dₘ+1)×h}',
  paramsFormula: 'r·h·Σ(dₘ+1) + r + h',
  reference: 'Liu et al. 2018, Efficient Low-rank Multimodal Fusion with Modality-Specific Factors, arXiv 1806.00064',
  inputs: [{ name: 'in', label: 'Features', accepts: ['vector'], min: 2, max: Infinity }],
  outputs: [{ name: 'out', label: 'Fused', type: 'vector' }],
  params: [
    { name: 'rank', label: 'Rank r', kind: 'int', default: 4, min: 1, max: 64, help: 'Number of factors; higher approximates full tensor fusion more closely.' },
    { name: 'units', label: 'Width h', kind: 'int', default: 32, min: 1, max: 4096, help: 'Width of the fused vector.' },
  ],
  infer: (params, inputs) => {
    const xs = inputs['in'] ?? [];
    if (xs.length < 2) return fail('Low-rank fusion needs at least two inputs. Connect the feature vectors of two or more encoders.');
    const bad = needVectors('Low-rank fusion', xs);
    if (bad) return bad;
    const r = num(params, 'rank');
    const h = num(params, 'units');
    const paramCount = r * h * xs.reduce((a, x) => a + widthOf(x) + 1, 0) + r + h;
    return ok({ out: out('vector', [h]) }, paramCount, 'consider a lower rank or width');
  },
});
