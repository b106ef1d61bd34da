import * as tf from '@tensorflow/tfjs';
import type { LayerVariable, Shape } from '@tensorflow/tfjs';
import {
  assertPositiveInt,
  at,
  dim,
  glorot,
  read,
  shapeList,
  staticDim,
  tensorList,
  zeros,
  type ConfigDict,
  type Kwargs,
  type LayerArgs,
} from './common.ts';

export interface FusionLowRankArgs extends LayerArgs {
  /** Output width h. */
  units: number;
  /** Rank r of the factorised fusion tensor. */
  rank: number;
}

const NAME = 'FusionLowRank';

/**
 * fusion.lowRank: Low-rank Multimodal Fusion (Liu et al. 2018, arXiv 1806.00064).
 *
 * Inputs: M ≥ 2 vectors z_m [B, d_m]. Per modality one matMul [z_m;1] W_m, W_m ∈ R^{(d_m+1)×(r·h)}
 * (column i·h + j is factor i, unit j), reshaped to [B, r, h]; the M factors are multiplied
 * elementwise, then h = Σ_i λ_i · (∘_m …)_i + b. Output [B, h].
 * Params: r·h·Σ(d_m+1) + r + h.
 */
export class FusionLowRank extends tf.layers.Layer {
  static className = NAME;
  readonly units: number;
  readonly rank: number;
  private factors: LayerVariable[] = [];
  private lambda: LayerVariable | null = null;
  private bias: LayerVariable | null = null;

  constructor(args: FusionLowRankArgs) {
    super(args);
    assertPositiveInt(args.units, NAME, 'units');
    assertPositiveInt(args.rank, NAME, 'rank');
    this.units = args.units;
    this.rank = args.rank;
  }

  override build(inputShape: Shape | Shape[]): void {
    const shapes = shapeList(inputShape);
    if (shapes.length < 2) throw new Error(`${NAME}: needs at least 2 modality inputs, got ${shapes.length}.`);
    this.factors = shapes.map((s, m) => {
      if (s.length !== 2) throw new Error(`${NAME}: input ${m} must be a vector [B, d], got rank ${s.length}.`);
      const d = staticDim(s, -1, NAME, `width of input ${m}`);
      return this.addWeight(`factor_${m}`, [d + 1, this.rank * this.units], 'float32', glorot());
    });
    // λ as in the reference implementation (Xavier-initialised fusion weights), bias zeros.
    this.lambda = this.addWeight('rank_weights', [this.rank], 'float32', glorot());
    this.bias = this.addWeight('bias', [this.units], 'float32', zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return [at(shapeList(inputShape), 0)[0] ?? null, this.units];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    return tf.tidy(() => {
      const zs = tensorList(inputs);
      const batch = dim(at(zs, 0), 0);
      const factor = (m: number): tf.Tensor => {
        const withOne = tf.concat([at(zs, m), tf.ones([batch, 1])], 1);
        return tf.reshape(tf.matMul(withOne, read(this.factors[m], NAME)), [batch, this.rank, this.units]);
      };
      let product = factor(0);
      for (let m = 1; m < zs.length; m++) product = tf.mul(product, factor(m));
      const lambda = tf.reshape(read(this.lambda, NAME), [1, this.rank, 1]);
      return tf.add(tf.sum(tf.mul(product, lambda), 1), read(this.bias, NAME));
    });
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), units: this.units, rank: this.rank };
  }
}

tf.serialization.registerClass(FusionLowRank);
