import * as tf from '@tensorflow/tfjs';
import { FusionTensor } from '../layers/index.ts';
import type { Builder } from '../types.ts';
import { activation, apply1, many, num, str } from './util.ts';

/** fusion.tensor: FusionTensor (flattened outer product with appended 1s), then dense to h. */
export const fusionTensor: Builder = (ctx) => {
  const product = apply1(new FusionTensor({ name: ctx.name('outer') }), many(ctx));
  const dense = tf.layers.dense({ units: num(ctx.params, 'units'), activation: activation(str(ctx.params, 'activation')), name: ctx.name('dense') });
  return { outputs: { out: apply1(dense, product) } };
};
