import * as tf from '@tensorflow/tfjs';
import type { Builder } from '../types.ts';
import { activation, apply1, num, one, str } from './util.ts';

/** encoder.project: one dense layer over the last axis (per token for tokens and sequences). */
export const encoderProject: Builder = (ctx) => {
  const layer = tf.layers.dense({ units: num(ctx.params, 'units'), activation: activation(str(ctx.params, 'activation')), name: ctx.name('dense') });
  return { outputs: { out: apply1(layer, one(ctx)) } };
};
