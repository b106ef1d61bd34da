// One optimizer step, shared by the loop and the backend probe.
import * as tf from '@tensorflow/tfjs';
import { headLoss, withSeed, type CompiledModel } from '../../compile/index.ts';
import type { Batch } from './batches.ts';
import type { HeadTarget } from './binding.ts';
import { predictedClass } from './evaluate.ts';

function asList(x: tf.Tensor | tf.Tensor[]): tf.Tensor[] {
  return Array.isArray(x) ? x : [x];
}

/** Counts samples whose predicted class equals the label. */
export function countCorrect(output: tf.Tensor, labels: tf.Tensor1D, target: HeadTarget, classes: number): tf.Scalar {
  return tf.tidy(() => tf.sum(tf.cast(tf.equal(predictedClass(output, target, classes), labels), 'float32')) as tf.Scalar);
}

/**
 * One training step on `batch`: forward (training mode), loss = Σ over heads (compile's headLoss),
 * backward and update, inside tf.tidy, with Math.random seeded by `seed` for the step (dropout and
 * modality dropout draw from it, so a step is reproducible: pause/resume and a backend fallback
 * give the same weights as an uninterrupted run). Returns [loss, correct] (float32 [2]); the caller
 * disposes it and reads it when it likes (one read per batch is one sync with the device).
 */
export function trainStep(
  compiled: CompiledModel,
  optimizer: tf.Optimizer,
  batch: Batch,
  primary: HeadTarget | undefined,
  classes: number,
  seed: number,
): tf.Tensor1D {
  const model = compiled.model;
  const holder: { correct: tf.Scalar | null } = { correct: null };
  try {
    return withSeed(seed, () =>
      tf.tidy(() => {
        const cost = optimizer.minimize(() => {
          const outputs = asList(model.apply(batch.xs, { training: true }) as tf.Tensor | tf.Tensor[]);
          const head = primary ? outputs[primary.outputIndex] : undefined;
          // Kept out of minimize's tidy; disposed below once stacked.
          if (head && primary) holder.correct = tf.keep(countCorrect(head, batch.labels, primary, classes));
          return headLoss(compiled.outputs, outputs, batch.ys);
        }, true);
        if (!cost) throw new Error('The optimizer returned no loss.');
        return tf.stack([tf.cast(cost, 'float32'), holder.correct ?? tf.scalar(0)]) as tf.Tensor1D;
      }),
    );
  } finally {
    holder.correct?.dispose();
  }
}
