import { FusionLateCombine, type LateCombineMode } from '../layers/index.ts';
import type { Builder } from '../types.ts';
import { applyN, many, nth, str } from './util.ts';

function mode(v: string): LateCombineMode {
  if (v === 'mean' || v === 'weighted' || v === 'stacking') return v;
  throw new Error(`unknown combination "${v}".`);
}

/**
 * fusion.late: FusionLateCombine over the branch logits. Its output is logits-compatible (log p for
 * mean/weighted, logits for stacking): train it with softmax cross-entropy like a Classifier.
 * Probe (weighted only): the learned modality weights w = softmax(v).
 */
export const fusionLate: Builder = (ctx) => {
  const m = mode(str(ctx.params, 'combine'));
  const returnWeights = ctx.probes && m === 'weighted';
  const outs = applyN(new FusionLateCombine({ mode: m, returnWeights, name: ctx.name('combine') }), many(ctx));
  const out = nth(outs, 0, 'The combined prediction');
  if (!returnWeights) return { outputs: { out } };
  const sources = ctx.sources['in'] ?? [];
  return {
    outputs: { out },
    probes: [
      {
        tensor: nth(outs, 1, 'The branch weights'),
        meaning: 'learned branch weights w = softmax(v) (the same for every sample; they sum to 1)',
        axes: ['branch'],
        groups: { axis: 0, ranges: sources.map((s, i) => ({ nodeId: s.nodeId, start: i, end: i + 1 })) },
      },
    ],
  };
};
