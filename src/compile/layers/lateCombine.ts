import * as tf from '@tensorflow/tfjs';
import type { LayerVariable, Shape } from '@tensorflow/tfjs';
import {
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

export type LateCombineMode = 'mean' | 'weighted' | 'stacking';
export const LATE_COMBINE_MODES: readonly LateCombineMode[] = ['mean', 'weighted', 'stacking'];

export interface FusionLateCombineArgs extends LayerArgs {
  mode: LateCombineMode;
  /**
   * When true the layer has two outputs: [log p, w [B, M]] — the learned weights softmax(v)
   * ('weighted') or the uniform 1/M ('mean'). Not available for 'stacking'.
   */
  returnWeights?: boolean;
}

const NAME = 'FusionLateCombine';

/**
 * fusion.late: decision-level combination of per-branch logits l_m [B, K] (M ≥ 2).
 *
 *   'mean':     p = (1/M) Σ_m softmax(l_m)                           params 0
 *   'weighted': w = softmax(v), v ∈ R^M learned (starts at 0: the mean), p = Σ_m w_m softmax(l_m)
 *                                                                     params M
 *   'stacking': logits = [l_1; …; l_M] W + b, W ∈ R^{M·K×K}            params M·K·K + K
 *
 * OUTPUT IS ALWAYS LOGITS-COMPATIBLE, NEVER PROBABILITIES. 'mean' and 'weighted' output log p
 * (exact log-probabilities), 'stacking' outputs ordinary logits. In both cases softmax(output) is
 * the predicted distribution (softmax(log p) = p because Σ p = 1), so the compiler uses ONE loss for
 * every mode: softmax cross-entropy from logits (tf.losses.softmaxCrossEntropy, or
 * sparse/categorical cross-entropy with fromLogits). Do not pass this output to tfjs-layers'
 * 'categoricalCrossentropy' string loss, which expects probabilities. For display, apply softmax.
 *
 * Why log p rather than p: the same head, loss and accuracy code then works for every fusion
 * node, and log p is computed stably as logsumexp_m(log w_m + logSoftmax(l_m)) — exact, no
 * log(p + 1e-7) clamp, finite gradients even for very confident branches.
 */
export class FusionLateCombine extends tf.layers.Layer {
  static className = NAME;
  readonly mode: LateCombineMode;
  readonly returnWeights: boolean;
  private modalityLogits: LayerVariable | null = null;
  private kernel: LayerVariable | null = null;
  private bias: LayerVariable | null = null;

  constructor(args: FusionLateCombineArgs) {
    super(args);
    if (!LATE_COMBINE_MODES.includes(args.mode)) {
      throw new Error(`${NAME}: mode must be one of ${LATE_COMBINE_MODES.join(', ')}, got ${String(args.mode)}.`);
    }
    this.mode = args.mode;
    this.returnWeights = args.returnWeights ?? false;
    if (this.returnWeights && this.mode === 'stacking') {
      throw new Error(`${NAME}: mode 'stacking' has no per-modality weights to return.`);
    }
  }

  private check(inputShape: Shape | Shape[]): { shapes: Shape[]; classes: number | null } {
    const shapes = shapeList(inputShape);
    if (shapes.length < 2) throw new Error(`${NAME}: needs at least 2 branch logits, got ${shapes.length}.`);
    const ks = shapes.map((s, m) => {
      if (s.length !== 2) throw new Error(`${NAME}: input ${m} must be logits [B, K], got rank ${s.length}.`);
      return s[1] ?? null;
    });
    const known = ks.filter((k): k is number => k !== null);
    if (known.some((k) => k !== known[0])) throw new Error(`${NAME}: all branches need the same K, got [${ks.join(', ')}].`);
    return { shapes, classes: known[0] ?? null };
  }

  override build(inputShape: Shape | Shape[]): void {
    const { shapes } = this.check(inputShape);
    const m = shapes.length;
    if (this.mode === 'weighted') {
      this.modalityLogits = this.addWeight('modality_logits', [m], 'float32', zeros());
    } else if (this.mode === 'stacking') {
      const k = staticDim(at(shapes, 0), -1, NAME, 'number of classes K');
      this.kernel = this.addWeight('kernel', [m * k, k], 'float32', glorot());
      this.bias = this.addWeight('bias', [k], 'float32', zeros());
    }
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const { shapes, classes } = this.check(inputShape);
    const batch = at(shapes, 0)[0] ?? null;
    const out: Shape = [batch, classes];
    return this.returnWeights ? [out, [batch, shapes.length]] : out;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    return tf.tidy(() => {
      const ls = tensorList(inputs);
      const m = ls.length;
      if (this.mode === 'stacking') {
        return dense(tf.concat(ls, 1), read(this.kernel, NAME), read(this.bias, NAME));
      }
      const logW =
        this.mode === 'weighted'
          ? tf.logSoftmax(read(this.modalityLogits, NAME))
          : tf.fill([m], -Math.log(m));
      // [B, M, K]: log w_m + log softmax(l_m); log p = logsumexp over M.
      const terms = tf.add(tf.stack(ls.map((l) => tf.logSoftmax(l)), 1), tf.reshape(logW, [1, m, 1]));
      const logP = tf.logSumExp(terms, 1);
      if (!this.returnWeights) return logP;
      const batch = dim(at(ls, 0), 0);
      return [logP, tf.tile(tf.reshape(tf.exp(logW), [1, m]), [batch, 1])];
    });
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), mode: this.mode, returnWeights: this.returnWeights };
  }
}

tf.serialization.registerClass(FusionLateCombine);
