import { blockParams, defineKind, describeShape, fail, headsProblem, widthProblem, num, ok, out, shapeList, widthOf } from './kit.ts';

export const fusionCrossAttention = defineKind({
  id: 'fusion.crossAttention',
  title: 'Cross-attention',
  category: 'fusion',
  description:
    'Lets one modality read another: every query token (from the "query" input) asks which tokens of the other modality (the "context") are relevant, and takes a weighted mix of them, with several heads looking for different things. A residual connection, layer norm and feed-forward block follow, as in the cross-modal transformer MulT. The output keeps the query’s tokens (or vector), now informed by the context, and the attention map is shown live.',
  math: 'Q = X_A W_Q,  K = X_B W_K,  V = X_B W_V,  A = softmax(Q Kᵀ/√dₕ) ∈ ℝ^{T_A×T_B},  Y = LN(X_A + concat_h(A V) W_O),  out = LN(Y + FFN(Y))',
  paramsFormula: 'd_A·d + 2·d_B·d + d² + 4d (+ d_A·d if d_A ≠ d) + 2·d·ffDim + ffDim + d + 4d',
  reference: 'Tsai et al. 2019, Multimodal Transformer for Unaligned Multimodal Language Sequences (MulT), arXiv 1906.00295',
  inputs: [
    { name: 'query', label: 'Query', accepts: ['tokens', 'vector', 'sequence', 'audio'], min: 1, max: 1 },
    { name: 'context', label: 'Context', accepts: ['tokens', 'vector', 'sequence', 'audio'], min: 1, max: Infinity },
  ],
  outputs: [{ name: 'out', label: 'Attended', type: 'tokens' }],
  params: [
    { name: 'dModel', label: 'Width d', kind: 'int', default: 64, min: 1, max: 1024, help: 'Width of queries, keys, values and the output; divisible by the heads.' },
    { name: 'heads', label: 'Heads', kind: 'int', default: 4, min: 1, max: 16, help: 'Attention heads; each attends with d/heads dimensions.' },
    { name: 'ffDim', label: 'Feed-forward width', kind: 'int', default: 128, min: 1, max: 8192, help: 'Hidden width of the feed-forward block.' },
    { name: 'dropout', label: 'Dropout', kind: 'number', default: 0, min: 0, max: 0.5, step: 0.05, help: 'Dropout on attention and feed-forward outputs while training.' },
  ],
  infer: (params, inputs) => {
    const q = inputs['query']?.[0];
    const ctx = inputs['context'] ?? [];
    if (!q || ctx.length === 0) return fail('Cross-attention needs a query and at least one context. Connect one modality to "Query" and another to "Context".');
    for (const x of [q, ...ctx]) {
      if (x.shape.length !== 1 && x.shape.length !== 2) return fail(`Cross-attention takes tokens or vectors, but got ${describeShape(x)}.`);
    }
    const d = num(params, 'dModel');
    const heads = num(params, 'heads');
    const bad = widthProblem(d) ?? headsProblem(d, heads);
    if (bad) return bad;
    const dB = widthOf(ctx[0] ?? q);
    if (ctx.some((x) => widthOf(x) !== dB)) {
      return fail(
        `Several contexts are joined into one token list, so they need the same width, but they are ${shapeList(ctx)}. Insert an encoder.project (width ${Math.max(...ctx.map(widthOf))}) on the narrower ones.`,
      );
    }
    const paramCount = blockParams(widthOf(q), dB, d, num(params, 'ffDim'));
    const advice = 'consider a smaller width d or feed-forward width';
    if (q.shape.length === 1) return ok({ out: out('vector', [d]) }, paramCount, advice);
    // A raw sequence or spectrogram as the query becomes feature tokens.
    return ok({ out: out('tokens', [q.shape[0] ?? 0, d]) }, paramCount, advice);
  },
});
