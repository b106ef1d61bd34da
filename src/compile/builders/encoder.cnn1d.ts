import * as tf from '@tensorflow/tfjs';
import type { Builder } from '../types.ts';
import { apply1, num, one, str } from './util.ts';

/** encoder.cnn1d: [conv1d k same + ReLU, max-pool 2] × blocks, then global average / max pooling or tokens. */
export const encoderCnn1d: Builder = (ctx) => {
  let x = one(ctx);
  const blocks = num(ctx.params, 'blocks');
  const filters = num(ctx.params, 'filters');
  const kernelSize = num(ctx.params, 'kernelSize');
  for (let b = 1; b <= blocks; b++) {
    x = apply1(tf.layers.conv1d({ filters: filters * 2 ** (b - 1), kernelSize, padding: 'same', activation: 'relu', name: ctx.name(`conv_${b}`) }), x);
    x = apply1(tf.layers.maxPooling1d({ poolSize: 2, strides: 2, name: ctx.name(`pool_${b}`) }), x);
  }
  const pooling = str(ctx.params, 'pooling');
  if (pooling === 'global-avg') x = apply1(tf.layers.globalAveragePooling1d({ name: ctx.name('global_pool') }), x);
  else if (pooling === 'global-max') x = apply1(tf.layers.globalMaxPooling1d({ name: ctx.name('global_pool') }), x);
  return { outputs: { out: x } };
};
