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
  zeros,
  type ConfigDict,
  type Kwargs,
  type LayerArgs,
} from './common.ts';

export interface FusionModalityAttentionArgs extends LayerArgs {
  /** Width d of the fused vector (every u_m is projected to it). */
  units: number;
  /** When true the layer has two outputs: [z [B, d], α [B, M]]. */
  returnWeights?: boolean;
}

const NAME = 'FusionModalityAttention';

/**
 * fusion.modalityAttention (FUSION.md; TorchMultimodal's attention fusion).
 *
 * Inputs: M ≥ 2 vectors z_m [B, d_m]. Per modality u_m = W_m z_m + b_m ∈ R^d; scores
 * e = W_a [z_1; …; z_M] + b_a ∈ R^M; α = softmax(e); output z = Σ_m α_m u_m [B, d].
 * With returnWeights the second output is α [B, M] (rows sum to 1), for the heatmap.
 * Params: Σ d_m·d + M·d + (Σ d_m)·M + M.
 */
export class FusionModalityAttention extends tf.layers.Layer {
  static className = NAME;
  readonly units: number;
  readonly returnWeights: boolean;
  private projKernels: LayerVariable[] = [];
  private projBiases: LayerVariable[] = [];
  private scoreKernel: LayerVariable | null = null;
  private scoreBias: LayerVariable | null = null;

  constructor(args: FusionModalityAttentionArgs) {
    super(args);
    assertPositiveInt(args.units, NAME, 'units');
    this.units = args.units;
    this.returnWeights = args.returnWeights ?? false;
  }

  override build(inputShape: Shape | Shape[]): void {
    const shapes = shapeList(inputShape);
    if (shapes.length < 2) throw new Error(`${NAME}: needs at least 2 modality inputs, got ${shapes.length}.`);
    const widths = shapes.map((s, m) => {
      if (s.length !== 2) throw new Error(`${NAME}: input ${m} must be a vector [B, d], got rank ${s.length}.`);
      return staticDim(s, -1, NAME, `width of input ${m}`);
    });
    const total = widths.reduce((a, b) => a + b, 0);
    this.projKernels = widths.map((d, m) => this.addWeight(`proj_kernel_${m}`, [d, this.units], 'float32', glorot()));
    this.projBiases = widths.map((_, m) => this.addWeight(`proj_bias_${m}`, [this.units], 'float32', zeros()));
    this.scoreKernel = this.addWeight('score_kernel', [total, widths.length], 'float32', glorot());
    this.scoreBias = this.addWeight('score_bias', [widths.length], 'float32', zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const shapes = shapeList(inputShape);
    const batch = at(shapes, 0, 'input')[0] ?? null;
    const fused: Shape = [batch, this.units];
    return this.returnWeights ? [fused, [batch, shapes.length]] : fused;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    return tf.tidy(() => {
      const zs = tensorList(inputs);
      const m = zs.length;
      const alpha = tf.softmax(dense(tf.concat(zs, -1), read(this.scoreKernel, NAME), read(this.scoreBias, NAME)));
      // u: [B, M, d]
      const u = tf.stack(
        zs.map((z, i) => dense(z, read(this.projKernels[i], NAME), read(this.projBiases[i], NAME))),
        1,
      );
      const fused = tf.sum(tf.mul(u, tf.reshape(alpha, [-1, m, 1])), 1);
      return this.returnWeights ? [fused, alpha] : fused;
    });
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), units: this.units, returnWeights: this.returnWeights };
  }
}

tf.serialization.registerClass(FusionModalityAttention);
