import { FusionModalityAttention } from '../layers/index.ts';
import type { Builder } from '../types.ts';
import { applyN, many, nth, num } from './util.ts';

/** fusion.modalityAttention: FusionModalityAttention; probe α [M] per sample. */
export const fusionModalityAttention: Builder = (ctx) => {
  const outs = applyN(new FusionModalityAttention({ units: num(ctx.params, 'units'), returnWeights: ctx.probes, name: ctx.name('attention') }), many(ctx));
  const out = nth(outs, 0, 'The fused vector');
  if (!ctx.probes) return { outputs: { out } };
  const sources = ctx.sources['in'] ?? [];
  return {
    outputs: { out },
    probes: [
      {
        tensor: nth(outs, 1, 'The modality weights'),
        meaning: 'modality weights α = softmax(e) per sample (each row sums to 1), one column per input in edge order',
        axes: ['modality'],
        groups: { axis: 0, ranges: sources.map((s, i) => ({ nodeId: s.nodeId, start: i, end: i + 1 })) },
      },
    ],
  };
};
