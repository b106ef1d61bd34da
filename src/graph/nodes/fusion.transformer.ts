import { blockParams, defineKind, describeShape, fail, headsProblem, widthProblem, num, ok, out, widthOf } from './kit.ts';

export const fusionTransformer = defineKind({
  id: 'fusion.transformer',
  title: 'Fusion transformer',
  category: 'fusion',
  description:
    'Joint self-attention over all modalities at once: the tokens of every modality (a vector counts as one token) are projected to width d, tagged with a learned modality-type embedding, and joined into one sequence behind a learned CLS token. Transformer blocks then let any token attend to any other, within or across modalities. The CLS token’s final state is the fused vector, and its attention over the modalities is shown live.',
  math: 'X = [CLS; X₁W₁ + E₁; …; X_M W_M + E_M],  Xₗ = Block(Xₗ₋₁),  z = X_L[0] ∈ ℝ^d',
  paramsFormula: 'Σ dₘ·d + M·d + M·d + d + L·(4d² + 4d + 2·d·ffDim + ffDim + d + 4d)',
  reference: 'Joint multimodal transformer with a CLS token, as in VisualBERT (Li et al. 2019, arXiv 1908.03557) and ViLT (Kim et al. 2021, arXiv 2102.03334)',
  inputs: [{ name: 'in', label: 'Features', accepts: ['tokens', 'vector', 'sequence', 'audio'], min: 2, max: Infinity }],
  outputs: [{ name: 'out', label: 'Fused', type: 'vector' }],
  params: [
    { name: 'dModel', label: 'Width d', kind: 'int', default: 64, min: 1, max: 1024, help: 'Token width of the joint sequence; divisible by the heads.' },
    { name: 'heads', label: 'Heads', kind: 'int', default: 4, min: 1, max: 16, help: 'Attention heads per block.' },
    { name: 'layers', label: 'Blocks', kind: 'int', default: 1, min: 1, max: 8, help: 'Self-attention blocks over the joint sequence.' },
    { name: 'ffDim', label: 'Feed-forward width', kind: 'int', default: 128, min: 1, max: 8192, help: 'Hidden width of the feed-forward network in each block.' },
    { name: 'dropout', label: 'Dropout', kind: 'number', default: 0, min: 0, max: 0.5, step: 0.05, help: 'Dropout on attention and feed-forward outputs while training.' },
  ],
  infer: (params, inputs) => {
    const xs = inputs['in'] ?? [];
    if (xs.length < 2) return fail('The fusion transformer needs at least two inputs. Connect the tokens or vectors of two or more modalities.');
    for (const x of xs) {
      if (x.shape.length !== 1 && x.shape.length !== 2) return fail(`The fusion transformer takes tokens or vectors, but got ${describeShape(x)}.`);
    }
    const d = num(params, 'dModel');
    const bad = widthProblem(d) ?? headsProblem(d, num(params, 'heads'));
    if (bad) return bad;
    const m = xs.length;
    const sum = xs.reduce((a, x) => a + widthOf(x), 0);
    const join = sum * d + 2 * m * d + d;
    const paramCount = join + num(params, 'layers') * blockParams(d, d, d, num(params, 'ffDim'));
    return ok({ out: out('vector', [d]) }, paramCount, 'consider a smaller width d or fewer blocks');
  },
});
