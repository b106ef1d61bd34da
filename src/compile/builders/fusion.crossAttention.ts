import * as tf from '@tensorflow/tfjs';
import { FusionCrossAttention } from '../layers/index.ts';
import type { Builder } from '../types.ts';
import { apply1, applyN, blockHidden, dimsOf, many, nth, num, one } from './util.ts';

/**
 * fusion.crossAttention: FusionCrossAttention(query, context). Several contexts are joined into one
 * token list (a vector counts as one token). Probe: A [heads, T_query, T_context].
 */
export const fusionCrossAttention: Builder = (ctx) => {
  const query = one(ctx, 'query');
  const contexts = many(ctx, 'context');
  let context = nth(contexts, 0, 'The context');
  const counts = contexts.map((c) => (c.shape.length === 2 ? 1 : (dimsOf(c)[0] ?? 0)));
  if (contexts.length > 1) {
    const asTokens = contexts.map((c, i) => {
      if (c.shape.length !== 2) return c;
      const d = dimsOf(c)[0] ?? 0;
      return apply1(tf.layers.reshape({ targetShape: [1, d], name: ctx.name(`context_${i + 1}_token`) }), c);
    });
    context = apply1(tf.layers.concatenate({ axis: 1, name: ctx.name('context') }), asTokens);
  } else if (context === query) {
    // Self-attention (one node feeds both ports). The layer must get two distinct tensors: tfjs's
    // executor counts an input once per fetched output of a multi-output layer but releases it once
    // per use, so with the attention probe the shared input was freed before the second call.
    context = apply1(tf.layers.activation({ activation: 'linear', name: ctx.name('context') }), context);
  }
  const d = num(ctx.params, 'dModel');
  const heads = num(ctx.params, 'heads');
  const ffDim = num(ctx.params, 'ffDim');
  const layer = new FusionCrossAttention({ dModel: d, heads, ffDim, dropout: num(ctx.params, 'dropout'), returnWeights: ctx.probes, name: ctx.name('cross') });
  const outs = applyN(layer, [query, context]);
  const tq = query.shape.length === 2 ? 1 : (dimsOf(query)[0] ?? 0);
  const tk = counts.reduce((a, b) => a + b, 0);
  const out = nth(outs, 0, 'The attended query');
  const hiddenActivations = blockHidden(tq, tk, d, heads, ffDim);
  if (!ctx.probes) return { outputs: { out }, hiddenActivations };
  let start = 0;
  const ranges = (ctx.sources['context'] ?? []).map((s, i) => {
    const range = { nodeId: s.nodeId, start, end: start + (counts[i] ?? 0) };
    start = range.end;
    return range;
  });
  return {
    outputs: { out },
    hiddenActivations,
    probes: [
      {
        tensor: nth(outs, 1, 'The attention map'),
        meaning: 'attention A = softmax(QKᵀ/√dₕ) per head: how much each query token reads each context token (rows sum to 1)',
        axes: ['head', 'query token', 'context token'],
        groups: { axis: 2, ranges },
      },
    ],
  };
};
