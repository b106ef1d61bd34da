import * as tf from '@tensorflow/tfjs';
import type { Shape } from '@tensorflow/tfjs';
import { buildBlockWeights, runBlock, type BlockWeights } from './attentionBlock.ts';
import {
  assertPositiveInt,
  at,
  shapeList,
  staticDim,
  tensorList,
  type ConfigDict,
  type Kwargs,
  type LayerArgs,
} from './common.ts';

export interface FusionCrossAttentionArgs extends LayerArgs {
  /** Model width d (queries, keys, values and the output). Must be divisible by heads. */
  dModel: number;
  heads: number;
  /** Hidden width of the position-wise feed-forward block. */
  ffDim: number;
  /** Dropout on the attention output and the FFN output while training. Default 0. */
  dropout?: number;
  /** Layer-norm ε. Default 1e-5 (PyTorch's default, so exported models match). */
  epsilon?: number;
  /** When true the layer has two outputs: [out, A [B, heads, T_A, T_B]]. */
  returnWeights?: boolean;
}

const NAME = 'FusionCrossAttention';

/**
 * fusion.crossAttention: the cross-modal block of MulT (Tsai et al. 2019, arXiv 1906.00295).
 *
 * Inputs [X_A, X_B]: X_A [B, T_A, d_A] gives the queries, X_B [B, T_B, d_B] the keys and values;
 * a vector [B, d] is treated as one token. Q = X_A W_Q, K = X_B W_K, V = X_B W_V (each with a bias;
 * W_Q ∈ R^{d_A×d}, W_K, W_V ∈ R^{d_B×d}), A = softmax(Q Kᵀ / sqrt(d_head)) per head,
 * out = concat_heads(A V) W_O; residual (X_A W_R, no bias, when d_A ≠ d) + layer norm; FFN
 * (d → ffDim → d, relu) + residual + layer norm.
 *
 * Output: [B, T_A, d], or [B, d] when X_A is a vector (the rank of X_A is kept).
 * With returnWeights the second output is A [B, heads, T_A, T_B] (T_A = 1 for a vector query).
 * Params: d_A·d + 2·d_B·d + d² + 4d  (+ d_A·d if d_A ≠ d)  + 2·d·ffDim + ffDim + d + 4d (two LNs).
 */
export class FusionCrossAttention extends tf.layers.Layer {
  static className = NAME;
  readonly dModel: number;
  readonly heads: number;
  readonly ffDim: number;
  readonly dropout: number;
  readonly epsilon: number;
  readonly returnWeights: boolean;
  private w: BlockWeights | null = null;

  constructor(args: FusionCrossAttentionArgs) {
    super(args);
    assertPositiveInt(args.dModel, NAME, 'dModel');
    assertPositiveInt(args.heads, NAME, 'heads');
    assertPositiveInt(args.ffDim, NAME, 'ffDim');
    if (args.dModel % args.heads !== 0) {
      throw new Error(`${NAME}: dModel (${args.dModel}) must be divisible by heads (${args.heads}).`);
    }
    this.dModel = args.dModel;
    this.heads = args.heads;
    this.ffDim = args.ffDim;
    this.dropout = args.dropout ?? 0;
    this.epsilon = args.epsilon ?? 1e-5;
    this.returnWeights = args.returnWeights ?? false;
  }

  private pair(inputShape: Shape | Shape[]): [Shape, Shape] {
    const shapes = shapeList(inputShape);
    if (shapes.length !== 2) throw new Error(`${NAME}: expects [X_A, X_B], got ${shapes.length} inputs.`);
    const [a, b] = [at(shapes, 0), at(shapes, 1)];
    for (const s of [a, b]) {
      if (s.length !== 2 && s.length !== 3) {
        throw new Error(`${NAME}: inputs must be tokens [B, T, d] or vectors [B, d], got rank ${s.length}.`);
      }
    }
    return [a, b];
  }

  override build(inputShape: Shape | Shape[]): void {
    const [a, b] = this.pair(inputShape);
    this.w = buildBlockWeights(this.addWeight.bind(this), {
      dQuery: staticDim(a, -1, NAME, 'width of X_A'),
      dKeyValue: staticDim(b, -1, NAME, 'width of X_B'),
      dModel: this.dModel,
      ffDim: this.ffDim,
    });
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const [a, b] = this.pair(inputShape);
    const batch = a[0] ?? null;
    const tA = a.length === 3 ? (a[1] ?? null) : 1;
    const tB = b.length === 3 ? (b[1] ?? null) : 1;
    const out: Shape = a.length === 3 ? [batch, tA, this.dModel] : [batch, this.dModel];
    return this.returnWeights ? [out, [batch, this.heads, tA, tB]] : out;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    // Lets tests (setCallHook) see the kwargs, e.g. that fit passes training: true.
    this.invokeCallHook(inputs, kwargs);
    return tf.tidy(() => {
      const [xa, xb] = tensorList(inputs);
      if (xa === undefined || xb === undefined) throw new Error(`${NAME}: expects [X_A, X_B].`);
      const tokens = (x: tf.Tensor): tf.Tensor => (x.rank === 2 ? tf.expandDims(x, 1) : x);
      const { out, attention } = runBlock(
        this.w, tokens(xa), tokens(xb), this.heads, this.dropout, this.epsilon, kwargs, NAME,
      );
      const fused = xa.rank === 2 ? tf.squeeze(out, [1]) : out;
      return this.returnWeights ? [fused, attention] : fused;
    });
  }

  override getConfig(): ConfigDict {
    return {
      ...super.getConfig(),
      dModel: this.dModel,
      heads: this.heads,
      ffDim: this.ffDim,
      dropout: this.dropout,
      epsilon: this.epsilon,
      returnWeights: this.returnWeights,
    };
  }
}

tf.serialization.registerClass(FusionCrossAttention);
