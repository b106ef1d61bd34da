import * as tf from '@tensorflow/tfjs';
import type { Builder } from '../types.ts';
import { apply1, num, one } from './util.ts';

/** reg.dropout: tfjs dropout (active only while training). */
export const regDropout: Builder = (ctx) => ({
  outputs: { out: apply1(tf.layers.dropout({ rate: num(ctx.params, 'rate'), name: ctx.name('dropout') }), one(ctx)) },
});
