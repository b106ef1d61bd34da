import { defineKind, fail, needVectors, num, ok, out, widthOf } from './kit.ts';

export const fusionModalityAttention = defineKind({
  id: 'fusion.modalityAttention',
  title: 'Modality attention',
  category: 'fusion',
  description:
    'Learns, for every sample, how much each modality should count: a score per modality is computed from all the features together, a softmax turns the scores into weights that sum to 1, and the fused vector is the weighted sum of the modalities projected to a common width d. A noisy or uninformative modality can be turned down sample by sample, and the weights are shown live as a heatmap.',
  math: 'uₘ = Wₘ zₘ + bₘ ∈ ℝ^d,  α = softmax(W_a [z₁; …; z_M] + b_a) ∈ ℝ^M,  z = Σₘ αₘ uₘ',
  paramsFormula: 'Σ dₘ·d + M·d + (Σ dₘ)·M + M',
  reference: 'Attention fusion as in TorchMultimodal (AttentionFusionModule); Hori et al. 2017, Attention-Based Multimodal Fusion for Video Description, arXiv 1701.03126',
  inputs: [{ name: 'in', label: 'Features', accepts: ['vector'], min: 2, max: Infinity }],
  outputs: [{ name: 'out', label: 'Fused', type: 'vector' }],
  params: [{ name: 'units', label: 'Width d', kind: 'int', default: 64, min: 1, max: 4096, help: 'Width every modality is projected to, and of the fused vector.' }],
  infer: (params, inputs) => {
    const xs = inputs['in'] ?? [];
    if (xs.length < 2) return fail('Modality attention needs at least two inputs. Connect the features of two or more encoders.');
    const bad = needVectors('Modality attention', xs);
    if (bad) return bad;
    const d = num(params, 'units');
    const m = xs.length;
    const sum = xs.reduce((a, x) => a + widthOf(x), 0);
    return ok({ out: out('vector', [d]) }, sum * d + m * d + sum * m + m);
  },
});
