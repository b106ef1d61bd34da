import type { Builder } from '../types.ts';
import { denseHead, num } from './util.ts';

/** head.classify: [dense + ReLU], dense to K logits (no softmax: the loss and the UI apply it). */
export const headClassify: Builder = (ctx) => ({ outputs: { out: denseHead(ctx, num(ctx.params, 'classes')) } });
