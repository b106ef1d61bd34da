import * as tf from '@tensorflow/tfjs';
import type { Builder } from '../types.ts';
import { apply1, bool, dimsOf, num, one, str } from './util.ts';

/**
 * encoder.rnn: one GRU or LSTM layer (sigmoid recurrent activation, as in PyTorch and Keras 2+;
 * tfjs defaults to hard sigmoid), returning the last state or every state.
 */
export const encoderRnn: Builder = (ctx) => {
  const units = num(ctx.params, 'units');
  const returnSequences = bool(ctx.params, 'returnSequences');
  const x = one(ctx);
  const args = { units, returnSequences, recurrentActivation: 'sigmoid' as const, name: ctx.name(str(ctx.params, 'cell')) };
  const layer = str(ctx.params, 'cell') === 'lstm' ? tf.layers.lstm(args) : tf.layers.gru(args);
  // Gates per step are kept for the backward pass.
  const steps = dimsOf(x)[0] ?? 0;
  return { outputs: { out: apply1(layer, x) }, hiddenActivations: steps * units * 4 };
};
