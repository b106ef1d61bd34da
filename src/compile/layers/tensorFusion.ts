import * as tf from '@tensorflow/tfjs';
import type { Shape } from '@tensorflow/tfjs';
import { at, dim, shapeList, tensorList, type ConfigDict, type Kwargs, type LayerArgs } from './common.ts';

export type FusionTensorArgs = LayerArgs;

const NAME = 'FusionTensor';

/** Π (d_m + 1): the output width of tensor fusion for modality widths d_m. */
export function tensorFusionWidth(widths: readonly number[]): number {
  return widths.reduce((p, d) => p * (d + 1), 1);
}

/**
 * fusion.tensor: Tensor Fusion Network (Zadeh et al. 2017, arXiv 1707.07250).
 *
 * Inputs: M ≥ 2 vectors z_m [B, d_m]. Output z = vec([z_1;1] ⊗ [z_2;1] ⊗ … ⊗ [z_M;1]),
 * [B, Π (d_m+1)], flattened row-major (the index of z_1 varies slowest; the appended 1 is the last
 * entry of each factor, so the last output is the constant 1, and the unimodal and bimodal terms are
 * kept). No weights: the compiler adds the dense layer to h (Π(d_m+1)·h + h params) after it.
 */
export class FusionTensor extends tf.layers.Layer {
  static className = NAME;

  constructor(args: FusionTensorArgs = {}) {
    super(args);
  }

  private widths(inputShape: Shape | Shape[]): (number | null)[] {
    const shapes = shapeList(inputShape);
    if (shapes.length < 2) throw new Error(`${NAME}: needs at least 2 modality inputs, got ${shapes.length}.`);
    return shapes.map((s, m) => {
      if (s.length !== 2) throw new Error(`${NAME}: input ${m} must be a vector [B, d], got rank ${s.length}.`);
      return s[1] ?? null;
    });
  }

  override build(inputShape: Shape | Shape[]): void {
    this.widths(inputShape);
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const widths = this.widths(inputShape);
    const known = widths.every((d) => d !== null);
    return [at(shapeList(inputShape), 0)[0] ?? null, known ? tensorFusionWidth(widths as number[]) : null];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    return tf.tidy(() => {
      const zs = tensorList(inputs);
      const batch = dim(at(zs, 0), 0);
      const withOne = (z: tf.Tensor): tf.Tensor => tf.concat([z, tf.ones([batch, 1])], 1);
      let acc = withOne(at(zs, 0));
      for (const z of zs.slice(1)) {
        const next = withOne(z);
        // [B, n, 1] * [B, 1, d+1] → [B, n·(d+1)]
        acc = tf.reshape(tf.mul(tf.expandDims(acc, 2), tf.expandDims(next, 1)), [batch, -1]);
      }
      return acc;
    });
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig() };
  }
}

tf.serialization.registerClass(FusionTensor);
