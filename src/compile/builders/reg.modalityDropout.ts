import type * as tf from '@tensorflow/tfjs';
import { MODALITY_DROPOUT_SLOTS } from '../../graph/index.ts';
import { FusionModalityDropout } from '../layers/index.ts';
import type { Builder } from '../types.ts';
import { applyN, num } from './util.ts';

/** reg.modalityDropout: FusionModalityDropout over the connected slots in_1…in_4 → out_1…out_4. */
export const regModalityDropout: Builder = (ctx) => {
  const slots: number[] = [];
  const xs: tf.SymbolicTensor[] = [];
  for (let k = 1; k <= MODALITY_DROPOUT_SLOTS; k++) {
    const x = ctx.inputs[`in_${k}`]?.[0];
    if (x) {
      slots.push(k);
      xs.push(x);
    }
  }
  const outs = applyN(new FusionModalityDropout({ rate: num(ctx.params, 'rate'), name: ctx.name('moddrop') }), xs);
  const outputs: Record<string, tf.SymbolicTensor> = {};
  slots.forEach((k, i) => {
    const y = outs[i];
    if (y) outputs[`out_${k}`] = y;
  });
  return { outputs };
};
