import * as tf from '@tensorflow/tfjs';
import type { LayerVariable, Shape } from '@tensorflow/tfjs';
import {
  assertPositiveInt,
  at,
  dense,
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

export interface FusionTokenJoinArgs extends LayerArgs {
  /** Token width d of the joint sequence. */
  dModel: number;
  /**
   * Tokens per modality, T_m (1 for a vector input). Optional when constructing: it is read from
   * the input shapes at build time (and checked against this value if given). getConfig always
   * returns it, so a loaded model and the UI know which token columns belong to which modality.
   */
  tokenCounts?: number[];
}

const NAME = 'FusionTokenJoin';

/** Truncated normal, σ 0.02: the BERT/ViT initialisation for learned embeddings and CLS. */
const embeddingInit = () => tf.initializers.truncatedNormal({ stddev: 0.02 });

/**
 * Joins the modalities into one token sequence for fusion.transformer.
 *
 * Inputs: M ≥ 1 tensors, tokens [B, T_m, d_m] or vectors [B, d_m] (one token). Each modality is
 * projected to d by its own dense (W_m ∈ R^{d_m×d}, b_m), a learned modality-type embedding E_m ∈
 * R^d is added to all of its tokens, and a learned CLS token is prepended:
 *   out = [CLS; X_1 W_1 + b_1 + E_1; …; X_M W_M + b_M + E_M]      [B, 1 + Σ T_m, d]
 * No positional embedding is added. Token 0 is CLS; modality m occupies columns
 * tokenRanges()[m] = [start, end). Params: Σ d_m·d + M·d (biases) + M·d (type embeddings) + d.
 */
export class FusionTokenJoin extends tf.layers.Layer {
  static className = NAME;
  readonly dModel: number;
  tokenCounts: number[] | null;
  private projKernels: LayerVariable[] = [];
  private projBiases: LayerVariable[] = [];
  private typeEmbedding: LayerVariable | null = null;
  private cls: LayerVariable | null = null;

  constructor(args: FusionTokenJoinArgs) {
    super(args);
    assertPositiveInt(args.dModel, NAME, 'dModel');
    this.dModel = args.dModel;
    this.tokenCounts = args.tokenCounts ? [...args.tokenCounts] : null;
  }

  private countsOf(shapes: Shape[]): (number | null)[] {
    return shapes.map((s, m) => {
      if (s.length === 2) return 1;
      if (s.length === 3) return s[1] ?? null;
      throw new Error(`${NAME}: input ${m} must be tokens [B, T, d] or a vector [B, d], got rank ${s.length}.`);
    });
  }

  override build(inputShape: Shape | Shape[]): void {
    const shapes = shapeList(inputShape);
    const counts = this.countsOf(shapes).map((t, m) => {
      if (t === null) throw new Error(`${NAME}: the token count of input ${m} must be known (fixed T).`);
      return t;
    });
    if (this.tokenCounts !== null && this.tokenCounts.join() !== counts.join()) {
      throw new Error(`${NAME}: configured tokenCounts [${this.tokenCounts.join(', ')}] do not match the inputs [${counts.join(', ')}].`);
    }
    this.tokenCounts = counts;
    const widths = shapes.map((s, m) => staticDim(s, -1, NAME, `width of input ${m}`));
    this.projKernels = widths.map((d, m) => this.addWeight(`proj_kernel_${m}`, [d, this.dModel], 'float32', glorot()));
    this.projBiases = widths.map((_, m) => this.addWeight(`proj_bias_${m}`, [this.dModel], 'float32', zeros()));
    this.typeEmbedding = this.addWeight('type_embedding', [widths.length, this.dModel], 'float32', embeddingInit());
    this.cls = this.addWeight('cls_token', [1, 1, this.dModel], 'float32', embeddingInit());
    this.built = true;
  }

  /** [start, end) token columns of each modality in the output (column 0 is CLS). */
  tokenRanges(): [number, number][] {
    if (this.tokenCounts === null) throw new Error(`${NAME}: token counts are known after build().`);
    let start = 1;
    return this.tokenCounts.map((t) => {
      const range: [number, number] = [start, start + t];
      start += t;
      return range;
    });
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const shapes = shapeList(inputShape);
    const counts = this.countsOf(shapes);
    const total = counts.some((t) => t === null) ? null : 1 + counts.reduce<number>((a, t) => a + (t ?? 0), 0);
    return [at(shapes, 0)[0] ?? null, total, this.dModel];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    return tf.tidy(() => {
      const xs = tensorList(inputs);
      const batch = dim(at(xs, 0), 0);
      const types = read(this.typeEmbedding, NAME);
      const parts = xs.map((x, m) => {
        const tokens = x.rank === 2 ? tf.expandDims(x, 1) : x;
        const projected = dense(tokens, read(this.projKernels[m], NAME), read(this.projBiases[m], NAME));
        const typeRow = tf.reshape(tf.slice(types, [m, 0], [1, this.dModel]), [1, 1, this.dModel]);
        return tf.add(projected, typeRow);
      });
      const cls = tf.tile(read(this.cls, NAME), [batch, 1, 1]);
      return tf.concat([cls, ...parts], 1);
    });
  }

  override getConfig(): ConfigDict {
    const config: ConfigDict = { ...super.getConfig(), dModel: this.dModel };
    if (this.tokenCounts !== null) config['tokenCounts'] = [...this.tokenCounts];
    return config;
  }
}

tf.serialization.registerClass(FusionTokenJoin);
