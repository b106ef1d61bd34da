import * as tf from '@tensorflow/tfjs';
import type { Builder } from '../types.ts';
import { apply1, num, one, str } from './util.ts';

/** encoder.cnn2d: [conv k×k same + ReLU, 2×2 max-pool] × blocks, global average or flatten, optional dense + ReLU. */
export const encoderCnn2d: Builder = (ctx) => {
  let x = one(ctx);
  const blocks = num(ctx.params, 'blocks');
  const filters = num(ctx.params, 'filters');
  const kernelSize = num(ctx.params, 'kernelSize');
  for (let b = 1; b <= blocks; b++) {
    x = apply1(tf.layers.conv2d({ filters: filters * 2 ** (b - 1), kernelSize, padding: 'same', activation: 'relu', name: ctx.name(`conv_${b}`) }), x);
    x = apply1(tf.layers.maxPooling2d({ poolSize: 2, strides: 2, name: ctx.name(`pool_${b}`) }), x);
  }
  x =
    str(ctx.params, 'pooling') === 'flatten'
      ? apply1(tf.layers.flatten({ name: ctx.name('flatten') }), x)
      : apply1(tf.layers.globalAveragePooling2d({ name: ctx.name('global_pool') }), x);
  const units = num(ctx.params, 'units');
  if (units > 0) x = apply1(tf.layers.dense({ units, activation: 'relu', name: ctx.name('dense') }), x);
  return { outputs: { out: x } };
};
