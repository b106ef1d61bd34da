import * as tf from '@tensorflow/tfjs';
import type { Builder } from '../types.ts';
import { activation, apply1, flat, num, one, str } from './util.ts';

/** encoder.mlp: flatten, then `layers` dense layers (each followed by dropout when > 0). */
export const encoderMlp: Builder = (ctx) => {
  let x = flat(ctx, one(ctx), 'flatten');
  const layers = num(ctx.params, 'layers');
  const units = num(ctx.params, 'units');
  const act = activation(str(ctx.params, 'activation'));
  const rate = num(ctx.params, 'dropout');
  for (let l = 1; l <= layers; l++) {
    x = apply1(tf.layers.dense({ units, activation: act, name: ctx.name(`dense_${l}`) }), x);
    if (rate > 0) x = apply1(tf.layers.dropout({ rate, name: ctx.name(`dropout_${l}`) }), x);
  }
  return { outputs: { out: x } };
};
