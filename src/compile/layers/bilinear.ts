import * as tf from '@tensorflow/tfjs';
import type { LayerVariable, Shape } from '@tensorflow/tfjs';
import {
  assertPositiveInt,
  at,
  dense,
  glorot,
  read,
  shapeList,
  staticDim,
  tensorList,
  type ConfigDict,
  type Kwargs,
  type LayerArgs,
} from './common.ts';

export interface FusionBilinearArgs extends LayerArgs {
  /** Factor k (window of the sum pooling). */
  factor: number;
  /** Output width o. */
  units: number;
  /** ε of the signed square root and of the L2 normalisation. Default 1e-8. */
  epsilon?: number;
}

const NAME = 'FusionBilinear';

/**
 * fusion.bilinear: Multi-modal Factorized Bilinear pooling, MFB (Yu et al. 2017, arXiv 1708.01471).
 *
 * Inputs [z_1 [B, d_1], z_2 [B, d_2]]. x = (z_1 U) ∘ (z_2 V), U ∈ R^{d_1×k·o}, V ∈ R^{d_2×k·o}, no
 * bias; sum pooling over windows of k (reshape [B, o, k], sum: column i·k + j is window i);
 * signed square root s = sign(x)·sqrt(|x| + ε); L2 normalisation s / sqrt(Σ s² + ε).
 * Output [B, o]. Params k·o·(d_1 + d_2).
 */
export class FusionBilinear extends tf.layers.Layer {
  static className = NAME;
  readonly factor: number;
  readonly units: number;
  readonly epsilon: number;
  private u: LayerVariable | null = null;
  private v: LayerVariable | null = null;

  constructor(args: FusionBilinearArgs) {
    super(args);
    assertPositiveInt(args.factor, NAME, 'factor');
    assertPositiveInt(args.units, NAME, 'units');
    this.factor = args.factor;
    this.units = args.units;
    this.epsilon = args.epsilon ?? 1e-8;
  }

  private pair(inputShape: Shape | Shape[]): [Shape, Shape] {
    const shapes = shapeList(inputShape);
    if (shapes.length !== 2) throw new Error(`${NAME}: expects exactly 2 inputs, got ${shapes.length}.`);
    const pair: [Shape, Shape] = [at(shapes, 0), at(shapes, 1)];
    pair.forEach((s, m) => {
      if (s.length !== 2) throw new Error(`${NAME}: input ${m} must be a vector [B, d], got rank ${s.length}.`);
    });
    return pair;
  }

  override build(inputShape: Shape | Shape[]): void {
    const [a, b] = this.pair(inputShape);
    const width = this.factor * this.units;
    this.u = this.addWeight('u_kernel', [staticDim(a, -1, NAME, 'width of z_1'), width], 'float32', glorot());
    this.v = this.addWeight('v_kernel', [staticDim(b, -1, NAME, 'width of z_2'), width], 'float32', glorot());
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return [this.pair(inputShape)[0][0] ?? null, this.units];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    return tf.tidy(() => {
      const [z1, z2] = tensorList(inputs);
      if (z1 === undefined || z2 === undefined) throw new Error(`${NAME}: expects [z_1, z_2].`);
      const joint = tf.mul(dense(z1, read(this.u, NAME)), dense(z2, read(this.v, NAME)));
      const pooled = tf.sum(tf.reshape(joint, [-1, this.units, this.factor]), 2);
      const signedSqrt = tf.mul(tf.sign(pooled), tf.sqrt(tf.add(tf.abs(pooled), this.epsilon)));
      const norm = tf.sqrt(tf.add(tf.sum(tf.square(signedSqrt), 1, true), this.epsilon));
      return tf.div(signedSqrt, norm);
    });
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), factor: this.factor, units: this.units, epsilon: this.epsilon };
  }
}

tf.serialization.registerClass(FusionBilinear);
