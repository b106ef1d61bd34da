import type { Builder } from '../types.ts';
import { denseHead, num } from './util.ts';

/** head.multilabel: [dense + ReLU], dense to L logits (sigmoid per label in the loss and the UI). */
export const headMultilabel: Builder = (ctx) => ({ outputs: { out: denseHead(ctx, num(ctx.params, 'labels')) } });
