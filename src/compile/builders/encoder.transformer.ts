import * as tf from '@tensorflow/tfjs';
import { FusionPositions, FusionTransformerBlock } from '../layers/index.ts';
import type { Builder } from '../types.ts';
import { apply1, blockHidden, bool, dimsOf, num, one, str, takeToken } from './util.ts';

/**
 * encoder.transformer: dense projection to d, FusionPositions (CLS and/or learned positions),
 * `layers` × FusionTransformerBlock, then CLS token, mean over tokens, or the tokens.
 */
export const encoderTransformer: Builder = (ctx) => {
  const d = num(ctx.params, 'dModel');
  const heads = num(ctx.params, 'heads');
  const ffDim = num(ctx.params, 'ffDim');
  const dropout = num(ctx.params, 'dropout');
  const pooling = str(ctx.params, 'pooling');
  const cls = pooling === 'cls';
  const positions = bool(ctx.params, 'positions');
  let x = apply1(tf.layers.dense({ units: d, name: ctx.name('proj') }), one(ctx));
  if (cls || positions) x = apply1(new FusionPositions({ cls, positions, name: ctx.name('positions') }), x);
  const t = dimsOf(x)[0] ?? 0;
  const layers = num(ctx.params, 'layers');
  for (let l = 1; l <= layers; l++) {
    x = apply1(new FusionTransformerBlock({ heads, ffDim, dropout, name: ctx.name(`block_${l}`) }), x);
  }
  if (cls) x = takeToken(ctx, x, 0, 'cls');
  else if (pooling === 'mean') x = apply1(tf.layers.globalAveragePooling1d({ name: ctx.name('pool') }), x);
  return { outputs: { out: x }, hiddenActivations: layers * blockHidden(t, t, d, heads, ffDim) };
};
