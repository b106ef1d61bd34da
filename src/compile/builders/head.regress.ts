import type { Builder } from '../types.ts';
import { denseHead, num } from './util.ts';

/** head.regress: [dense + ReLU], dense to n linear outputs. */
export const headRegress: Builder = (ctx) => ({ outputs: { out: denseHead(ctx, num(ctx.params, 'targets')) } });
