import { defineKind, describeShape, fail, ok, widthOf } from './kit.ts';

export const fusionFilm = defineKind({
  id: 'fusion.film',
  title: 'FiLM conditioning',
  category: 'fusion',
  description:
    'Feature-wise Linear Modulation lets one modality (the condition) steer how another is processed: from the condition it predicts a scale γ and a shift β for every channel of the features, which are applied to every token or position alike. Several conditions are concatenated first. It is cheap, and it lets, for example, a question decide which image features matter.',
  math: 'FiLM(F) = γ(c) ∘ F + β(c),  γ = W_γ c + b_γ,  β = W_β c + b_β ∈ ℝ^C  (broadcast over tokens)',
  paramsFormula: '2·C·(d_c + 1),  d_c = Σ widths of the conditions',
  reference: 'Perez et al. 2018, FiLM: Visual Reasoning with a General Conditioning Layer, arXiv 1709.07871',
  inputs: [
    { name: 'features', label: 'Features', accepts: ['tokens', 'vector'], min: 1, max: 1 },
    { name: 'condition', label: 'Condition', accepts: ['vector'], min: 1, max: Infinity },
  ],
  outputs: [{ name: 'out', label: 'Modulated', type: 'tokens', follows: 'features' }],
  params: [],
  infer: (_params, inputs) => {
    const f = inputs['features']?.[0];
    const cs = inputs['condition'] ?? [];
    if (!f || cs.length === 0) return fail('FiLM needs features and a condition. Connect the modality to modulate to "Features" and the conditioning vector to "Condition".');
    if (f.shape.length !== 1 && f.shape.length !== 2) return fail(`FiLM modulates tokens or a vector, but got ${describeShape(f)}.`);
    const c = widthOf(f);
    const dc = cs.reduce((a, x) => a + widthOf(x), 0);
    return ok({ out: { type: f.type, shape: [...f.shape] } }, 2 * c * (dc + 1));
  },
});
