import { FusionGated } from '../layers/index.ts';
import type { Builder } from '../types.ts';
import { applyN, many, nth, num } from './util.ts';

/** fusion.gated: FusionGated (GMU); probe: gate g [h] (two modalities) or G [M, h] (more). */
export const fusionGated: Builder = (ctx) => {
  const xs = many(ctx);
  const units = num(ctx.params, 'units');
  const outs = applyN(new FusionGated({ units, returnWeights: ctx.probes, name: ctx.name('gmu') }), xs);
  const out = nth(outs, 0, 'The fused vector');
  const hiddenActivations = (xs.length + 1) * units;
  if (!ctx.probes) return { outputs: { out }, hiddenActivations };
  const sources = ctx.sources['in'] ?? [];
  const two = xs.length === 2;
  return {
    outputs: { out },
    hiddenActivations,
    probes: [
      two
        ? {
            tensor: nth(outs, 1, 'The gate'),
            meaning: `gate g = σ(W_g [z₁; z₂]) per feature: the share of the first modality (${sources[0]?.nodeId ?? '?'}); 1 − g goes to the second (${sources[1]?.nodeId ?? '?'})`,
            axes: ['feature'],
          }
        : {
            tensor: nth(outs, 1, 'The gate'),
            meaning: 'gates G = softmax over modalities per feature (each column sums to 1 over the modalities)',
            axes: ['modality', 'feature'],
            groups: { axis: 0, ranges: sources.map((s, i) => ({ nodeId: s.nodeId, start: i, end: i + 1 })) },
          },
    ],
  };
};
