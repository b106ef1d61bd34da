import * as tf from '@tensorflow/tfjs';
import type { SymbolicTensor } from '@tensorflow/tfjs';
import { FusionPositions, FusionTransformerBlock } from '../layers/index.ts';
import type { Builder, ProbeSpec } from '../types.ts';
import { apply1, applyN, blockHidden, bool, dimsOf, nth, num, one, str, takeToken } from './util.ts';

/**
 * encoder.transformer: dense projection to d, FusionPositions (CLS and/or learned positions),
 * `layers` × FusionTransformerBlock, then CLS token, mean over tokens, or the tokens.
 * Probe: the last block's self-attention A [heads, T, T] (with CLS, token 0 is CLS).
 */
export const encoderTransformer: Builder = (ctx) => {
  const d = num(ctx.params, 'dModel');
  const heads = num(ctx.params, 'heads');
  const ffDim = num(ctx.params, 'ffDim');
  const dropout = num(ctx.params, 'dropout');
  const pooling = str(ctx.params, 'pooling');
  const cls = pooling === 'cls';
  const positions = bool(ctx.params, 'positions');
  let x = apply1(tf.layers.dense({ units: d, name: ctx.name('proj') }), one(ctx));
  if (cls || positions) x = apply1(new FusionPositions({ cls, positions, name: ctx.name('positions') }), x);
  const t = dimsOf(x)[0] ?? 0;
  const layers = num(ctx.params, 'layers');
  let attention: SymbolicTensor | null = null;
  for (let l = 1; l <= layers; l++) {
    const last = l === layers;
    const outs = applyN(new FusionTransformerBlock({ heads, ffDim, dropout, returnWeights: last && ctx.probes, name: ctx.name(`block_${l}`) }), x);
    x = nth(outs, 0, 'The block output');
    if (last && ctx.probes) attention = nth(outs, 1, 'The attention map');
  }
  if (cls) x = takeToken(ctx, x, 0, 'cls');
  else if (pooling === 'mean') x = apply1(tf.layers.globalAveragePooling1d({ name: ctx.name('pool') }), x);
  const hiddenActivations = layers * blockHidden(t, t, d, heads, ffDim);
  if (attention === null) return { outputs: { out: x }, hiddenActivations };
  const source = nth(ctx.sources['in'] ?? [], 0, 'The input').nodeId;
  const start = cls ? 1 : 0;
  const ranges = [...(cls ? [{ nodeId: null, start: 0, end: 1 }] : []), { nodeId: source, start, end: t }];
  const probe: ProbeSpec = {
    tensor: attention,
    meaning: `self-attention A = softmax(QKᵀ/√dₕ) of the last block per head: how much each token reads every token (rows sum to 1)${cls ? '; token 0 is the CLS token' : ''}`,
    axes: ['head', 'query token', 'key token'],
    groups: { axis: 2, ranges },
  };
  return { outputs: { out: x }, hiddenActivations, probes: [probe] };
};
