import * as tf from '@tensorflow/tfjs';
import type { LayerVariable, Shape } from '@tensorflow/tfjs';
import { at, dim, read, singleShape, staticDim, tensorList, type ConfigDict, type Kwargs, type LayerArgs } from './common.ts';

export interface FusionPositionsArgs extends LayerArgs {
  /** Prepend a learned CLS token (default false). */
  cls?: boolean;
  /** Add a learned position embedding to every token, CLS included (default true). */
  positions?: boolean;
}

const NAME = 'FusionPositions';

/** Truncated normal, σ 0.02: the BERT/ViT initialisation for learned embeddings and CLS. */
const embeddingInit = () => tf.initializers.truncatedNormal({ stddev: 0.02 });

/**
 * Token preparation for encoder.transformer and encoder.patches (BERT / ViT style).
 *
 * Input: tokens X [B, T, d]. With cls, a learned token c ∈ R^d is prepended (it becomes token 0);
 * with positions, a learned embedding P ∈ R^{T'×d} is added, T' = T (+ 1 with cls):
 *   out = [c; X] + P        [B, T', d]
 * Params: (cls ? d : 0) + (positions ? T'·d : 0). At least one of the two must be on.
 */
export class FusionPositions extends tf.layers.Layer {
  static className = NAME;
  readonly cls: boolean;
  readonly positions: boolean;
  private clsToken: LayerVariable | null = null;
  private positionEmbedding: LayerVariable | null = null;

  constructor(args: FusionPositionsArgs = {}) {
    super(args);
    this.cls = args.cls ?? false;
    this.positions = args.positions ?? true;
    if (!this.cls && !this.positions) throw new Error(`${NAME}: turn on cls, positions or both.`);
  }

  private tokensShape(inputShape: Shape | Shape[]): Shape {
    const s = singleShape(inputShape, NAME);
    if (s.length !== 3) throw new Error(`${NAME}: expects tokens [B, T, d], got rank ${s.length}.`);
    return s;
  }

  override build(inputShape: Shape | Shape[]): void {
    const s = this.tokensShape(inputShape);
    const d = staticDim(s, -1, NAME, 'token width');
    if (this.cls) this.clsToken = this.addWeight('cls_token', [1, 1, d], 'float32', embeddingInit());
    if (this.positions) {
      const t = staticDim(s, 1, NAME, 'number of tokens') + (this.cls ? 1 : 0);
      this.positionEmbedding = this.addWeight('position_embedding', [1, t, d], 'float32', embeddingInit());
    }
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const s = this.tokensShape(inputShape);
    const t = s[1];
    return [s[0] ?? null, t === null || t === undefined ? null : t + (this.cls ? 1 : 0), s[2] ?? null];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    return tf.tidy(() => {
      let x = at(tensorList(inputs), 0, 'input');
      if (this.cls) x = tf.concat([tf.tile(read(this.clsToken, NAME), [dim(x, 0), 1, 1]), x], 1);
      if (this.positions) x = tf.add(x, read(this.positionEmbedding, NAME));
      return x;
    });
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), cls: this.cls, positions: this.positions };
  }
}

tf.serialization.registerClass(FusionPositions);
