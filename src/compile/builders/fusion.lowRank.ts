import { FusionLowRank } from '../layers/index.ts';
import type { Builder } from '../types.ts';
import { apply1, many, num } from './util.ts';

/** fusion.lowRank: FusionLowRank (rank r, width h). */
export const fusionLowRank: Builder = (ctx) => {
  const xs = many(ctx);
  const rank = num(ctx.params, 'rank');
  const units = num(ctx.params, 'units');
  const out = apply1(new FusionLowRank({ rank, units, name: ctx.name('low_rank') }), xs);
  // One [r, h] factor per modality and their running product are kept for the backward pass.
  return { outputs: { out }, hiddenActivations: 2 * xs.length * rank * units };
};
