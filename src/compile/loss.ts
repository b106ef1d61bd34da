// The training loss of a compiled model: the sum over its heads, probes ignored.
import * as tf from '@tensorflow/tfjs';
import type { HeadLoss, HeadOutput } from './types.ts';

/** The loss that trains each kind of prediction (by its decision). */
export function lossForDecision(decision: HeadOutput['decision']): HeadLoss {
  return decision === 'softmax' ? 'softmaxCrossEntropy' : decision === 'sigmoid' ? 'sigmoidCrossEntropy' : 'meanSquaredError';
}

/**
 * Σ over heads of the mean loss over the batch. `outputs` are all model outputs (heads first, as
 * compileGraph orders them; probes after them are ignored); `targets[i]` belongs to head i:
 * one-hot [B, K] for softmax cross-entropy, 0/1 [B, L] for sigmoid cross-entropy, values [B, n] for
 * mean squared error. Use inside tf.variableGrads / optimizer.minimize.
 */
export function headLoss(heads: readonly HeadOutput[], outputs: readonly tf.Tensor[], targets: readonly tf.Tensor[]): tf.Scalar {
  return tf.tidy(() => {
    const terms = heads.map((head, i) => {
      const y = outputs[head.outputIndex];
      const t = targets[i];
      if (!y || !t) throw new Error(`head ${head.nodeId} has no output or no target.`);
      switch (head.loss) {
        case 'softmaxCrossEntropy':
          return tf.losses.softmaxCrossEntropy(t, y);
        case 'sigmoidCrossEntropy':
          return tf.losses.sigmoidCrossEntropy(t, y);
        case 'meanSquaredError':
          return tf.losses.meanSquaredError(t, y);
      }
    });
    return (terms.length === 1 ? terms[0] : tf.addN(terms)) as tf.Scalar;
  });
}
