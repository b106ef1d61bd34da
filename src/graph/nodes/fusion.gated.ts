import { defineKind, fail, needVectors, num, ok, out, widthOf } from './kit.ts';

export const fusionGated = defineKind({
  id: 'fusion.gated',
  title: 'Gated fusion',
  category: 'fusion',
  description:
    'The Gated Multimodal Unit gives each modality its own tanh layer, and a gate computed from all modalities decides, feature by feature, how much of each one to let through. With two modalities a sigmoid gate g mixes them as g and 1 − g; with more, a softmax over the modalities per feature does the same. Because the gate depends on every input, it can model interactions, and its values are shown live.',
  math: 'hₘ = tanh(Wₘ zₘ + bₘ),  g = σ(W_g [z₁; z₂] + b_g),  h = g ∘ h₁ + (1 − g) ∘ h₂   (M > 2: G = softmaxₘ(W_g [z₁; …; z_M]), h = Σₘ Gₘ ∘ hₘ)',
  paramsFormula: 'M = 2: Σ dₘ·h + 2h + (Σ dₘ)·h + h;  M > 2: Σ dₘ·h + M·h + (Σ dₘ)·M·h + M·h',
  reference: 'Arevalo et al. 2017, Gated Multimodal Units for Information Fusion, arXiv 1702.01992',
  inputs: [{ name: 'in', label: 'Features', accepts: ['vector'], min: 2, max: Infinity }],
  outputs: [{ name: 'out', label: 'Fused', type: 'vector' }],
  params: [{ name: 'units', label: 'Width h', kind: 'int', default: 32, min: 1, max: 4096, help: 'Width of each modality’s tanh layer and of the fused vector.' }],
  infer: (params, inputs) => {
    const xs = inputs['in'] ?? [];
    if (xs.length < 2) return fail('Gated fusion needs at least two inputs. Connect the feature vectors of two or more encoders.');
    const bad = needVectors('Gated fusion', xs);
    if (bad) return bad;
    const h = num(params, 'units');
    const m = xs.length;
    const sum = xs.reduce((a, x) => a + widthOf(x), 0);
    const gate = m === 2 ? h : m * h;
    return ok({ out: out('vector', [h]) }, sum * h + m * h + sum * gate + gate);
  },
});
