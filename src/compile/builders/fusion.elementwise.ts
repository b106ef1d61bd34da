import * as tf from '@tensorflow/tfjs';
import type { Builder } from '../types.ts';
import { apply1, many, str } from './util.ts';

/** fusion.elementwise: tfjs add / average / maximum / multiply merge layers. */
export const fusionElementwise: Builder = (ctx) => {
  const name = ctx.name(str(ctx.params, 'op'));
  const op = str(ctx.params, 'op');
  const layer =
    op === 'sum'
      ? tf.layers.add({ name })
      : op === 'mean'
        ? tf.layers.average({ name })
        : op === 'max'
          ? tf.layers.maximum({ name })
          : tf.layers.multiply({ name });
  return { outputs: { out: apply1(layer, many(ctx)) } };
};
