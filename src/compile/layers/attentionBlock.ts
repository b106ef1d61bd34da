/**
 * The post-LN attention block shared by FusionCrossAttention and FusionTransformerBlock
 * (Vaswani et al. 2017; the cross-modal block of MulT, Tsai et al. 2019):
 *
 *   Q = X_q W_Q + b_Q, K = X_kv W_K + b_K, V = X_kv W_V + b_V      (per head: d_head = d / heads)
 *   A = softmax(Q_h K_hᵀ / sqrt(d_head))                          [B, heads, T_q, T_kv]
 *   Y = LN1(R(X_q) + dropout(concat_h(A_h V_h) W_O + b_O))        R = identity, or X_q W_R if d_q ≠ d
 *   out = LN2(Y + dropout(relu(Y W_1 + b_1) W_2 + b_2))
 *
 * Weights are plain layer variables (no nested tfjs layers) so that every weight has a unique,
 * layer-scoped name and model save/load round-trips.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerVariable, Shape } from '@tensorflow/tfjs';
import {
  dense,
  glorot,
  layerNorm,
  maybeDropout,
  multiHeadAttention,
  ones,
  read,
  zeros,
  type Initializer,
  type Kwargs,
} from './common.ts';

export type AddWeight = (name: string, shape: Shape, dtype?: 'float32', init?: Initializer) => LayerVariable;

export interface BlockWeights {
  wQ: LayerVariable;
  bQ: LayerVariable;
  wK: LayerVariable;
  bK: LayerVariable;
  wV: LayerVariable;
  bV: LayerVariable;
  wO: LayerVariable;
  bO: LayerVariable;
  /** Residual projection X_q W_R (no bias: b_O already provides one), only when d_q ≠ d. */
  wR: LayerVariable | null;
  ln1Gamma: LayerVariable;
  ln1Beta: LayerVariable;
  w1: LayerVariable;
  b1: LayerVariable;
  w2: LayerVariable;
  b2: LayerVariable;
  ln2Gamma: LayerVariable;
  ln2Beta: LayerVariable;
}

export interface BlockDims {
  dQuery: number;
  dKeyValue: number;
  dModel: number;
  ffDim: number;
}

export function buildBlockWeights(add: AddWeight, { dQuery, dKeyValue, dModel: d, ffDim }: BlockDims): BlockWeights {
  return {
    wQ: add('q_kernel', [dQuery, d], 'float32', glorot()),
    bQ: add('q_bias', [d], 'float32', zeros()),
    wK: add('k_kernel', [dKeyValue, d], 'float32', glorot()),
    bK: add('k_bias', [d], 'float32', zeros()),
    wV: add('v_kernel', [dKeyValue, d], 'float32', glorot()),
    bV: add('v_bias', [d], 'float32', zeros()),
    wO: add('out_kernel', [d, d], 'float32', glorot()),
    bO: add('out_bias', [d], 'float32', zeros()),
    wR: dQuery === d ? null : add('residual_kernel', [dQuery, d], 'float32', glorot()),
    ln1Gamma: add('ln1_gamma', [d], 'float32', ones()),
    ln1Beta: add('ln1_beta', [d], 'float32', zeros()),
    w1: add('ffn1_kernel', [d, ffDim], 'float32', glorot()),
    b1: add('ffn1_bias', [ffDim], 'float32', zeros()),
    w2: add('ffn2_kernel', [ffDim, d], 'float32', glorot()),
    b2: add('ffn2_bias', [d], 'float32', zeros()),
    ln2Gamma: add('ln2_gamma', [d], 'float32', ones()),
    ln2Beta: add('ln2_beta', [d], 'float32', zeros()),
  };
}

/** Parameter count of one block, matching buildBlockWeights. */
export function blockParamCount({ dQuery, dKeyValue, dModel: d, ffDim }: BlockDims): number {
  const attention = dQuery * d + 2 * dKeyValue * d + d * d + 4 * d;
  const residual = dQuery === d ? 0 : dQuery * d;
  const ffn = 2 * d * ffDim + ffDim + d;
  return attention + residual + ffn + 4 * d;
}

/** Runs the block on rank-3 inputs xq [B,Tq,dq], xkv [B,Tkv,dkv]; call inside tf.tidy. */
export function runBlock(
  w: BlockWeights | null,
  xq: tf.Tensor,
  xkv: tf.Tensor,
  heads: number,
  dropout: number,
  epsilon: number,
  kwargs: Kwargs,
  layer: string,
): { out: tf.Tensor; attention: tf.Tensor } {
  if (w === null) throw new Error(`${layer}: weights used before build().`);
  const q = dense(xq, read(w.wQ, layer), read(w.bQ, layer));
  const k = dense(xkv, read(w.wK, layer), read(w.bK, layer));
  const v = dense(xkv, read(w.wV, layer), read(w.bV, layer));
  const { context, attention } = multiHeadAttention(q, k, v, heads);
  const attended = maybeDropout(dense(context, read(w.wO, layer), read(w.bO, layer)), dropout, kwargs);
  const residual = w.wR === null ? xq : dense(xq, read(w.wR, layer));
  const y = layerNorm(tf.add(residual, attended), read(w.ln1Gamma, layer), read(w.ln1Beta, layer), epsilon);
  const hidden = tf.relu(dense(y, read(w.w1, layer), read(w.b1, layer)));
  const ffn = maybeDropout(dense(hidden, read(w.w2, layer), read(w.b2, layer)), dropout, kwargs);
  const out = layerNorm(tf.add(y, ffn), read(w.ln2Gamma, layer), read(w.ln2Beta, layer), epsilon);
  return { out, attention };
}
