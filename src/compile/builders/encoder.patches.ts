import * as tf from '@tensorflow/tfjs';
import { FusionPositions } from '../layers/index.ts';
import type { Builder } from '../types.ts';
import { apply1, bool, dimsOf, num, one } from './util.ts';

/** encoder.patches: conv2d with kernel = stride = p (one linear map per patch), reshape to tokens, positions. */
export const encoderPatches: Builder = (ctx) => {
  const p = num(ctx.params, 'patchSize');
  const d = num(ctx.params, 'dim');
  let x = apply1(tf.layers.conv2d({ filters: d, kernelSize: p, strides: p, padding: 'valid', name: ctx.name('patch_proj') }), one(ctx));
  const [gh, gw] = dimsOf(x) as [number, number];
  x = apply1(tf.layers.reshape({ targetShape: [gh * gw, d], name: ctx.name('tokens') }), x);
  if (bool(ctx.params, 'positions')) x = apply1(new FusionPositions({ positions: true, name: ctx.name('positions') }), x);
  return { outputs: { out: x } };
};
