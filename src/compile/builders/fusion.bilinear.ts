import { FusionBilinear } from '../layers/index.ts';
import type { Builder } from '../types.ts';
import { apply1, many, num } from './util.ts';

/** fusion.bilinear: FusionBilinear (MFB), factor k, width o. */
export const fusionBilinear: Builder = (ctx) => {
  const factor = num(ctx.params, 'factor');
  const units = num(ctx.params, 'units');
  const out = apply1(new FusionBilinear({ factor, units, name: ctx.name('mfb') }), many(ctx));
  return { outputs: { out }, hiddenActivations: 3 * factor * units };
};
