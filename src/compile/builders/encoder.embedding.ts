import * as tf from '@tensorflow/tfjs';
import type { Builder } from '../types.ts';
import { apply1, num, one, str } from './util.ts';

/** encoder.embedding: an embedding table V × d, then mean / max pooling over positions, or tokens. */
export const encoderEmbedding: Builder = (ctx) => {
  const vocab = ctx.inputShapes['in']?.[0]?.vocabSize;
  if (vocab === undefined) throw new Error('the vocabulary size of the text input is unknown; connect the embedding directly to a text input.');
  let x = apply1(tf.layers.embedding({ inputDim: vocab, outputDim: num(ctx.params, 'dim'), name: ctx.name('embedding') }), one(ctx));
  const pooling = str(ctx.params, 'pooling');
  if (pooling === 'mean') x = apply1(tf.layers.globalAveragePooling1d({ name: ctx.name('pool') }), x);
  else if (pooling === 'max') x = apply1(tf.layers.globalMaxPooling1d({ name: ctx.name('pool') }), x);
  return { outputs: { out: x } };
};
