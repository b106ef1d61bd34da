import * as tf from '@tensorflow/tfjs';
import type { LayerVariable, Shape } from '@tensorflow/tfjs';
import {
  at,
  dense,
  glorot,
  ones,
  read,
  shapeList,
  staticDim,
  tensorList,
  zeros,
  type ConfigDict,
  type Kwargs,
  type LayerArgs,
} from './common.ts';

export type FusionFiLMArgs = LayerArgs;

const NAME = 'FusionFiLM';

/**
 * fusion.film: Feature-wise Linear Modulation (Perez et al. 2018, arXiv 1709.07871).
 *
 * Inputs [F, c]: F a feature map [B, H, W, C], a sequence [B, T, C] or a vector [B, C] (any rank
 * ≥ 2, channels last); c the condition [B, d_c]. γ = c W_γ + b_γ, β = c W_β + b_β ∈ R^C, and
 * out = γ∘F + β broadcast over the spatial or time axes. Output: the shape of F.
 * Params 2·C·(d_c + 1). b_γ starts at 1 (W_γ glorot, β zeros) so that the layer starts close to
 * the identity on F, as the FiLM paper recommends (it predicts Δγ around 1); the formula is unchanged.
 */
export class FusionFiLM extends tf.layers.Layer {
  static className = NAME;
  private gammaKernel: LayerVariable | null = null;
  private gammaBias: LayerVariable | null = null;
  private betaKernel: LayerVariable | null = null;
  private betaBias: LayerVariable | null = null;

  constructor(args: FusionFiLMArgs = {}) {
    super(args);
  }

  private pair(inputShape: Shape | Shape[]): [Shape, Shape] {
    const shapes = shapeList(inputShape);
    if (shapes.length !== 2) throw new Error(`${NAME}: expects [features, condition], got ${shapes.length} inputs.`);
    const [f, c] = [at(shapes, 0), at(shapes, 1)];
    if (f.length < 2) throw new Error(`${NAME}: features must have rank ≥ 2, got ${f.length}.`);
    if (c.length !== 2) throw new Error(`${NAME}: the condition must be a vector [B, d_c], got rank ${c.length}.`);
    return [f, c];
  }

  override build(inputShape: Shape | Shape[]): void {
    const [f, c] = this.pair(inputShape);
    const channels = staticDim(f, -1, NAME, 'channels of F');
    const dc = staticDim(c, -1, NAME, 'width of the condition');
    this.gammaKernel = this.addWeight('gamma_kernel', [dc, channels], 'float32', glorot());
    this.gammaBias = this.addWeight('gamma_bias', [channels], 'float32', ones());
    this.betaKernel = this.addWeight('beta_kernel', [dc, channels], 'float32', glorot());
    this.betaBias = this.addWeight('beta_bias', [channels], 'float32', zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return [...this.pair(inputShape)[0]];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    return tf.tidy(() => {
      const [f, c] = tensorList(inputs);
      if (f === undefined || c === undefined) throw new Error(`${NAME}: expects [features, condition].`);
      // [B, C] → [B, 1, …, 1, C] to broadcast over every axis between batch and channels.
      const broadcastShape = [-1, ...new Array<number>(f.rank - 2).fill(1), f.shape[f.rank - 1] ?? -1];
      const gamma = tf.reshape(dense(c, read(this.gammaKernel, NAME), read(this.gammaBias, NAME)), broadcastShape);
      const beta = tf.reshape(dense(c, read(this.betaKernel, NAME), read(this.betaBias, NAME)), broadcastShape);
      return tf.add(tf.mul(gamma, f), beta);
    });
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig() };
  }
}

tf.serialization.registerClass(FusionFiLM);
