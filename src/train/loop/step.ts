// One optimizer step, shared by the loop and the backend probe.
import * as tf from '@tensorflow/tfjs';
import { headLoss, withSeed, type CompiledModel } from '../../compile/index.ts';
import type { Batch } from './batches.ts';
import type { HeadTarget } from './binding.ts';

function asList(x: tf.Tensor | tf.Tensor[]): tf.Tensor[] {
  return Array.isArray(x) ? x : [x];
}

/**
 * Samples whose predicted class equals the label, from the head's output values ([B, width]
 * row-major): the arg max for a one-hot head, the rounded value clipped to the classes for an
 * 'index' head (as evaluate's predictedClass).
 */
export function countCorrect(output: ArrayLike<number>, labels: ArrayLike<number>, target: HeadTarget, classes: number): number {
  let correct = 0;
  const width = target.encoding === 'index' ? 1 : target.width;
  for (let r = 0; r < labels.length; r++) {
    let predicted: number;
    if (target.encoding === 'index') {
      predicted = Math.min(classes - 1, Math.max(0, Math.round(output[r] as number)));
    } else {
      predicted = 0;
      let best = output[r * width] as number;
      for (let c = 1; c < width; c++) {
        const v = output[r * width + c] as number;
        if (v > best) {
          best = v;
          predicted = c;
        }
      }
    }
    if (predicted === labels[r]) correct += 1;
  }
  return correct;
}

/** What a step leaves to read: its loss, and (with a primary head) that head's output and the labels. */
export class StepStats {
  constructor(
    private readonly loss: tf.Scalar,
    private readonly head: { readonly output: tf.Tensor; readonly target: HeadTarget; readonly labels: Int32Array; readonly classes: number } | null,
  ) {}

  /** Reads the loss and counts the correct predictions (0 without a primary head): one sync with the device. */
  async read(): Promise<{ readonly loss: number; readonly correct: number }> {
    const head = this.head;
    const [loss, output] = await Promise.all([this.loss.data(), head ? head.output.data() : Promise.resolve(null)]);
    const correct = head && output ? countCorrect(output, head.labels, head.target, head.classes) : 0;
    return { loss: Number(loss[0]), correct };
  }

  dispose(): void {
    this.loss.dispose();
    this.head?.output.dispose();
  }
}

/**
 * One training step on `batch`: forward (training mode), loss = Σ over heads (compile's headLoss),
 * backward and update, with Math.random seeded by `seed` for the step (dropout and modality dropout
 * draw from it, so a step is reproducible: pause/resume and a backend fallback give the same weights
 * as an uninterrupted run). The caller reads the returned stats when it likes and disposes them.
 *
 * Nothing but the loss is computed on the device: the accuracy is counted in JavaScript from the
 * primary head's output (kept out of minimize's tidy), which costs no kernels and no gradient-tape
 * bookkeeping (bench/step-overhead.ts measured counting on the device at a few per cent of a dense
 * model's step).
 */
export function trainStep(
  compiled: CompiledModel,
  optimizer: tf.Optimizer,
  batch: Batch,
  primary: HeadTarget | undefined,
  classes: number,
  seed: number,
): StepStats {
  const model = compiled.model;
  const kept: { head: tf.Tensor | null } = { head: null };
  try {
    const cost = withSeed(seed, () =>
      optimizer.minimize(() => {
        const outputs = asList(model.apply(batch.xs, { training: true }) as tf.Tensor | tf.Tensor[]);
        const head = primary ? outputs[primary.outputIndex] : undefined;
        if (head) kept.head = tf.keep(head);
        return headLoss(compiled.outputs, outputs, batch.ys);
      }, true),
    );
    if (!cost) throw new Error('The optimizer returned no loss.');
    const head = kept.head && primary ? { output: kept.head, target: primary, labels: batch.labels, classes } : null;
    kept.head = null;
    return new StepStats(cost, head);
  } finally {
    kept.head?.dispose();
  }
}
