import type { Builder } from '../types.ts';
import { concat, many } from './util.ts';

/** fusion.concat: concatenation along the last axis (vectors, or tokens of equal length). */
export const fusionConcat: Builder = (ctx) => ({ outputs: { out: concat(ctx, many(ctx)) } });
