import { blockParams, bool, defineKind, describeShape, fail, headsProblem, widthProblem, num, ok, out, str } from './kit.ts';

export const encoderTransformer = defineKind({
  id: 'encoder.transformer',
  title: 'Transformer encoder',
  category: 'encoder',
  description:
    'A stack of self-attention blocks over one modality: every token looks at every other token, weighs them by learned relevance, and mixes in what it finds, followed by a small feed-forward network per token. Tokens are first projected to width d and, optionally, given a learned position embedding, since attention alone ignores order. The output keeps the tokens, or pools them into one vector through a learned CLS token or the mean.',
  math: 'X₀ = X W_in + P,  Xₗ = Block(Xₗ₋₁),  Block: LN(X + MHA(X)) → LN(Y + FFN(Y)),  MHA = concat_h softmax(QₕKₕᵀ/√dₕ)Vₕ · W_O',
  paramsFormula: 'd_in·d + d + [CLS] d + [positions] (T + CLS)·d + L·(4d² + 4d + 2·d·ffDim + ffDim + d + 4d)',
  reference: 'Vaswani et al. 2017, Attention Is All You Need, arXiv 1706.03762; CLS pooling as in BERT, Devlin et al. 2018, arXiv 1810.04805',
  inputs: [{ name: 'in', label: 'Tokens', accepts: ['tokens', 'sequence', 'audio'], min: 1, max: 1 }],
  outputs: [{ name: 'out', label: 'Features', type: 'vector' }],
  params: [
    { name: 'dModel', label: 'Width d', kind: 'int', default: 64, min: 1, max: 1024, help: 'Token width inside the blocks; must be divisible by the number of heads.' },
    { name: 'heads', label: 'Heads', kind: 'int', default: 4, min: 1, max: 16, help: 'Attention heads per block; each attends with d/heads dimensions.' },
    { name: 'layers', label: 'Blocks', kind: 'int', default: 2, min: 1, max: 12, help: 'Self-attention blocks in the stack.' },
    { name: 'ffDim', label: 'Feed-forward width', kind: 'int', default: 128, min: 1, max: 8192, help: 'Hidden width of the feed-forward network in each block.' },
    { name: 'pooling', label: 'Pooling', kind: 'enum', default: 'cls', options: ['cls', 'mean', 'none'], help: 'A learned CLS token or the mean gives a vector; "none" keeps the tokens.' },
    { name: 'positions', label: 'Position embedding', kind: 'bool', default: true, help: 'Add a learned embedding per position so attention can use the order.' },
    { name: 'dropout', label: 'Dropout', kind: 'number', default: 0, min: 0, max: 0.5, step: 0.05, help: 'Dropout on attention and feed-forward outputs while training.' },
  ],
  infer: (params, inputs) => {
    const x = inputs['in']?.[0];
    if (!x) return fail('The transformer encoder has no input. Connect tokens or a sequence to it.');
    const [t, dIn] = x.shape;
    if (x.shape.length !== 2 || t === undefined || dIn === undefined) {
      return fail(`The transformer encoder needs tokens (steps × width), but got ${describeShape(x)}.`);
    }
    const d = num(params, 'dModel');
    const heads = num(params, 'heads');
    const bad = widthProblem(d) ?? headsProblem(d, heads);
    if (bad) return bad;
    const pooling = str(params, 'pooling');
    const cls = pooling === 'cls' ? 1 : 0;
    let paramCount = dIn * d + d + cls * d;
    if (bool(params, 'positions')) paramCount += (t + cls) * d;
    paramCount += num(params, 'layers') * blockParams(d, d, d, num(params, 'ffDim'));
    const advice = 'consider a smaller width d or fewer blocks';
    if (pooling === 'none') return ok({ out: out('tokens', [t, d]) }, paramCount, advice);
    return ok({ out: out('vector', [d]) }, paramCount, advice);
  },
});
