import * as tf from '@tensorflow/tfjs';
import type { Shape } from '@tensorflow/tfjs';
import { buildBlockWeights, runBlock, type BlockWeights } from './attentionBlock.ts';
import {
  assertPositiveInt,
  singleShape,
  staticDim,
  tensorList,
  at,
  type ConfigDict,
  type Kwargs,
  type LayerArgs,
} from './common.ts';

export interface FusionTransformerBlockArgs extends LayerArgs {
  heads: number;
  /** Hidden width of the position-wise feed-forward block. */
  ffDim: number;
  /** Dropout on the attention output and the FFN output while training. Default 0. */
  dropout?: number;
  /** Layer-norm ε. Default 1e-5 (PyTorch's default, so exported models match). */
  epsilon?: number;
  /** When true the layer has two outputs: [out, A [B, heads, T, T]]. */
  returnWeights?: boolean;
}

const NAME = 'FusionTransformerBlock';

/**
 * One post-LN transformer encoder block over tokens X [B, T, d] (d = the input width, divisible
 * by heads): multi-head self-attention + residual + layer norm, FFN (d → ffDim → d, relu) +
 * residual + layer norm. Used by encoder.transformer and fusion.transformer (after
 * FusionTokenJoin; the CLS output is token 0).
 *
 * Output [B, T, d]; with returnWeights the second output is A [B, heads, T, T]
 * (row 0 of it is the CLS attention when the input comes from FusionTokenJoin).
 * Params: 4d² + 4d + 2·d·ffDim + ffDim + d + 4d.
 */
export class FusionTransformerBlock extends tf.layers.Layer {
  static className = NAME;
  readonly heads: number;
  readonly ffDim: number;
  readonly dropout: number;
  readonly epsilon: number;
  readonly returnWeights: boolean;
  private w: BlockWeights | null = null;

  constructor(args: FusionTransformerBlockArgs) {
    super(args);
    assertPositiveInt(args.heads, NAME, 'heads');
    assertPositiveInt(args.ffDim, NAME, 'ffDim');
    this.heads = args.heads;
    this.ffDim = args.ffDim;
    this.dropout = args.dropout ?? 0;
    this.epsilon = args.epsilon ?? 1e-5;
    this.returnWeights = args.returnWeights ?? false;
  }

  private tokensShape(inputShape: Shape | Shape[]): Shape {
    const s = singleShape(inputShape, NAME);
    if (s.length !== 3) throw new Error(`${NAME}: expects tokens [B, T, d], got rank ${s.length}.`);
    return s;
  }

  override build(inputShape: Shape | Shape[]): void {
    const d = staticDim(this.tokensShape(inputShape), -1, NAME, 'token width');
    if (d % this.heads !== 0) throw new Error(`${NAME}: token width ${d} must be divisible by heads (${this.heads}).`);
    this.w = buildBlockWeights(this.addWeight.bind(this), { dQuery: d, dKeyValue: d, dModel: d, ffDim: this.ffDim });
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const s = this.tokensShape(inputShape);
    const [batch, t] = [s[0] ?? null, s[1] ?? null];
    const out: Shape = [...s];
    return this.returnWeights ? [out, [batch, this.heads, t, t]] : out;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    // Lets tests (setCallHook) see the kwargs, e.g. that fit passes training: true.
    this.invokeCallHook(inputs, kwargs);
    return tf.tidy(() => {
      const x = at(tensorList(inputs), 0, 'input');
      const { out, attention } = runBlock(this.w, x, x, this.heads, this.dropout, this.epsilon, kwargs, NAME);
      return this.returnWeights ? [out, attention] : out;
    });
  }

  override getConfig(): ConfigDict {
    return {
      ...super.getConfig(),
      heads: this.heads,
      ffDim: this.ffDim,
      dropout: this.dropout,
      epsilon: this.epsilon,
      returnWeights: this.returnWeights,
    };
  }
}

tf.serialization.registerClass(FusionTransformerBlock);
