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

export interface FusionGatedArgs extends LayerArgs {
  /** Output width h. */
  units: number;
  /** When true the layer has two outputs: [h, gate] (gate [B, h] for M = 2, [B, M, h] for M > 2). */
  returnWeights?: boolean;
}

const NAME = 'FusionGated';

/**
 * fusion.gated: Gated Multimodal Unit (Arevalo et al. 2017, arXiv 1702.01992).
 *
 * Inputs: M ≥ 2 vectors z_m [B, d_m]; h_m = tanh(W_m z_m + b_m) ∈ R^h.
 * M = 2: g = σ(W_g [z_1; z_2] + b_g) ∈ R^h, h = g∘h_1 + (1 − g)∘h_2; gate output g [B, h].
 * M > 2: G = softmax over M of reshape(W_g [z_1; …; z_M] + b_g, [M, h]) (W_g ∈ R^{Σd × M·h}),
 *        h = Σ_m G_m∘h_m; gate output G [B, M, h] (sums to 1 over M).
 * Output [B, h]. Params: Σ d_m·h + M·h + Σd·h + h (M = 2), Σ d_m·h + M·h + Σd·M·h + M·h (M > 2).
 */
export class FusionGated extends tf.layers.Layer {
  static className = NAME;
  readonly units: number;
  readonly returnWeights: boolean;
  private kernels: LayerVariable[] = [];
  private biases: LayerVariable[] = [];
  private gateKernel: LayerVariable | null = null;
  private gateBias: LayerVariable | null = null;

  constructor(args: FusionGatedArgs) {
    super(args);
    assertPositiveInt(args.units, NAME, 'units');
    this.units = args.units;
    this.returnWeights = args.returnWeights ?? false;
  }

  override build(inputShape: Shape | Shape[]): void {
    const shapes = shapeList(inputShape);
    const m = shapes.length;
    if (m < 2) throw new Error(`${NAME}: needs at least 2 modality inputs, got ${m}.`);
    const widths = shapes.map((s, i) => {
      if (s.length !== 2) throw new Error(`${NAME}: input ${i} must be a vector [B, d], got rank ${s.length}.`);
      return staticDim(s, -1, NAME, `width of input ${i}`);
    });
    const total = widths.reduce((a, b) => a + b, 0);
    const gateWidth = m === 2 ? this.units : m * this.units;
    this.kernels = widths.map((d, i) => this.addWeight(`kernel_${i}`, [d, this.units], 'float32', glorot()));
    this.biases = widths.map((_, i) => this.addWeight(`bias_${i}`, [this.units], 'float32', zeros()));
    this.gateKernel = this.addWeight('gate_kernel', [total, gateWidth], 'float32', glorot());
    this.gateBias = this.addWeight('gate_bias', [gateWidth], 'float32', zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const shapes = shapeList(inputShape);
    const batch = at(shapes, 0)[0] ?? null;
    const out: Shape = [batch, this.units];
    if (!this.returnWeights) return out;
    return [out, shapes.length === 2 ? [batch, this.units] : [batch, shapes.length, this.units]];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    return tf.tidy(() => {
      const zs = tensorList(inputs);
      const hs = zs.map((z, i) => tf.tanh(dense(z, read(this.kernels[i], NAME), read(this.biases[i], NAME))));
      const logits = dense(tf.concat(zs, 1), read(this.gateKernel, NAME), read(this.gateBias, NAME));
      if (zs.length === 2) {
        const g = tf.sigmoid(logits);
        const h = tf.add(tf.mul(g, at(hs, 0)), tf.mul(tf.sub(1, g), at(hs, 1)));
        return this.returnWeights ? [h, g] : h;
      }
      // [B, M·h] → [B, h, M] so that softmax runs over the last axis (M), then back to [B, M, h].
      const gates = tf.transpose(tf.softmax(tf.transpose(tf.reshape(logits, [-1, zs.length, this.units]), [0, 2, 1])), [0, 2, 1]);
      const h = tf.sum(tf.mul(gates, tf.stack(hs, 1)), 1);
      return this.returnWeights ? [h, gates] : h;
    });
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), units: this.units, returnWeights: this.returnWeights };
  }
}

tf.serialization.registerClass(FusionGated);
