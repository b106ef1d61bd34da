import * as tf from '@tensorflow/tfjs';
import type { Shape } from '@tensorflow/tfjs';
import { at, dim, shapeList, tensorList, type ConfigDict, type Kwargs, type LayerArgs } from './common.ts';

export interface FusionModalityDropoutArgs extends LayerArgs {
  /** Probability p of dropping each modality per sample while training, 0 ≤ p < 1. */
  rate: number;
  /**
   * When true the last input is a presence mask [B, M] (1 present, 0 missing) that zeroes
   * missing modalities in training and at inference.
   */
  useMask?: boolean;
}

const NAME = 'FusionModalityDropout';

/**
 * reg.modalityDropout: ModDrop (Neverova et al., arXiv 1501.00102).
 *
 * Inputs: M ≥ 2 tensors x_m [B, …] (vectors, tokens or maps), plus a presence mask [B, M] last
 * when useMask. Outputs: the M tensors with the same shapes (a multi-output layer; without the
 * mask). While training (kwargs.training === true) each modality's whole tensor is zeroed per
 * sample with probability p, but at least one (present) modality is always kept: a sample that
 * lost all of them keeps one chosen uniformly at random. Kept tensors are not rescaled
 * (ModDrop, unlike dropout, has no 1/(1−p) factor: at inference a missing modality is fed as zeros
 * in the same way). At inference: identity, times the presence mask when useMask. No weights.
 *
 * tfjs note: a model's executor calls a multi-output layer once per output it needs and keeps the
 * first call's tensors for every downstream layer, so downstream layers see one consistent drop
 * pattern; only if several of these outputs are themselves model outputs may they come from
 * different draws. Feed the outputs to encoders/fusion, not straight out of the model.
 */
export class FusionModalityDropout extends tf.layers.Layer {
  static className = NAME;
  readonly rate: number;
  readonly useMask: boolean;

  constructor(args: FusionModalityDropoutArgs) {
    super(args);
    if (!(args.rate >= 0 && args.rate < 1)) throw new Error(`${NAME}: rate must be in [0, 1), got ${args.rate}.`);
    this.rate = args.rate;
    this.useMask = args.useMask ?? false;
  }

  private dataShapes(inputShape: Shape | Shape[]): Shape[] {
    const shapes = shapeList(inputShape);
    const data = this.useMask ? shapes.slice(0, -1) : shapes;
    if (data.length < 2) throw new Error(`${NAME}: needs at least 2 modality inputs, got ${data.length}.`);
    if (this.useMask) {
      const mask = at(shapes, shapes.length - 1);
      const m = mask[1];
      if (mask.length !== 2 || (m !== null && m !== undefined && m !== data.length)) {
        throw new Error(`${NAME}: the presence mask must be [B, ${data.length}], got [${mask.join(', ')}].`);
      }
    }
    return data;
  }

  override build(inputShape: Shape | Shape[]): void {
    this.dataShapes(inputShape);
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return this.dataShapes(inputShape).map((s) => [...s]);
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    // Lets tests (setCallHook) see the kwargs, e.g. that fit passes training: true.
    this.invokeCallHook(inputs, kwargs);
    return tf.tidy(() => {
      const all = tensorList(inputs);
      const data = this.useMask ? all.slice(0, -1) : all;
      const m = data.length;
      const presence = this.useMask ? tf.cast(at(all, m, 'mask'), 'float32') : null;
      const training = kwargs['training'] === true && this.rate > 0;
      let keep: tf.Tensor | null = presence;
      if (training) {
        const batch = dim(at(data, 0), 0);
        let kept = tf.cast(tf.greaterEqual(tf.randomUniform([batch, m]), this.rate), 'float32');
        // Fallback: one random (present) modality for samples that lost all of them.
        let scores = tf.add(tf.randomUniform([batch, m]), 1);
        if (presence !== null) {
          kept = tf.mul(kept, presence);
          scores = tf.mul(scores, presence);
        }
        let fallback = tf.cast(tf.oneHot(tf.argMax(scores, 1), m), 'float32');
        if (presence !== null) fallback = tf.mul(fallback, presence);
        const noneKept = tf.sub(1, tf.max(kept, 1, true));
        keep = tf.add(kept, tf.mul(noneKept, fallback));
      }
      if (keep === null) return data.map((x) => tf.clone(x));
      const mask = keep;
      return data.map((x, i) => {
        const column = tf.slice(mask, [0, i], [-1, 1]);
        const broadcast = tf.reshape(column, [-1, ...new Array<number>(x.rank - 1).fill(1)]);
        return tf.mul(x, tf.cast(broadcast, x.dtype));
      });
    });
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), rate: this.rate, useMask: this.useMask };
  }
}

tf.serialization.registerClass(FusionModalityDropout);
