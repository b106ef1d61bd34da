import { defineKind, describeShape, fail, ok, out } from './kit.ts';

export const fusionConcat = defineKind({
  id: 'fusion.concat',
  title: 'Concatenate',
  category: 'fusion',
  description:
    'Intermediate (feature-level) fusion in its simplest form: the feature vectors of every modality are laid end to end into one longer vector. It adds no parameters; the layers after it learn how the modalities interact. Token sequences of the same length are joined along their feature axis instead.',
  math: 'z = [z₁; z₂; …; z_M] ∈ ℝ^{Σ dₘ}',
  paramsFormula: '0 (the next layer’s first weight matrix is (Σ dₘ) × h)',
  reference: 'Baltrušaitis, Ahuja & Morency 2018, Multimodal Machine Learning: A Survey and Taxonomy, arXiv 1705.09406',
  inputs: [{ name: 'in', label: 'Features', accepts: ['vector', 'tokens'], min: 2, max: Infinity }],
  outputs: [{ name: 'out', label: 'Fused', type: 'vector' }],
  params: [],
  infer: (_params, inputs) => {
    const xs = inputs['in'] ?? [];
    if (xs.length < 2) return fail('Concatenate needs at least two inputs. Connect the feature outputs of two or more encoders.');
    const list = xs.map(describeShape).join(', ');
    const vectors = xs.filter((x) => x.type === 'vector');
    const tokens = xs.filter((x) => x.type === 'tokens');
    if (vectors.length > 0 && tokens.length > 0) {
      return fail(
        `Concatenate can't mix vectors and tokens (it got ${list}). Pool the tokens into a vector first, or add an encoder.project so every input is the same kind.`,
      );
    }
    if (vectors.length === xs.length) {
      const ds = xs.map((x) => x.shape[0] ?? 0);
      return ok({ out: out('vector', [ds.reduce((a, b) => a + b, 0)]) });
    }
    const lengths = xs.map((x) => x.shape[0] ?? 0);
    const first = lengths[0] ?? 0;
    if (lengths.some((t) => t !== first)) {
      return fail(
        `Concatenate joins tokens along their features, so every input needs the same number of tokens, but it got ${list}. Pool them into vectors first, or give the inputs the same number of steps.`,
      );
    }
    const d = xs.reduce((a, x) => a + (x.shape[1] ?? 0), 0);
    return ok({ out: out('tokens', [first, d]) });
  },
});
