import type { Builder } from '../types.ts';
import { concat, flat, many, str } from './util.ts';

/** fusion.early: flatten every raw input and concatenate, or concatenate sequences along features ("time"). */
export const fusionEarly: Builder = (ctx) => {
  const xs = many(ctx);
  const joined = str(ctx.params, 'align') === 'flatten' ? xs.map((x, i) => flat(ctx, x, `flatten_${i + 1}`)) : xs;
  return { outputs: { out: concat(ctx, joined) } };
};
