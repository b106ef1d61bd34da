import { FusionFiLM } from '../layers/index.ts';
import type { Builder } from '../types.ts';
import { apply1, concat, many, one } from './util.ts';

/** fusion.film: FusionFiLM(features, condition); several conditions are concatenated first. */
export const fusionFilm: Builder = (ctx) => {
  const condition = concat(ctx, many(ctx, 'condition'), 'condition');
  return { outputs: { out: apply1(new FusionFiLM({ name: ctx.name('film') }), [one(ctx, 'features'), condition]) } };
};
