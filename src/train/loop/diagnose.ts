// Explains a NaN or infinite loss: what happened, the likely cause and a fix.
import type { TrainingSettings } from '../../graph/index.ts';
import type { DatasetArrays } from '../../data/types.ts';
import type { DatasetBinding } from './binding.ts';
import type { TrainingProblem } from './types.ts';

/** Learning rates above these are "high" for the optimizer; the fix suggests the second number. */
export const SAFE_LEARNING_RATE: Readonly<Record<TrainingSettings['optimizer'], { readonly high: number; readonly suggest: number }>> = {
  adam: { high: 0.01, suggest: 0.001 },
  rmsprop: { high: 0.01, suggest: 0.001 },
  sgd: { high: 0.1, suggest: 0.01 },
};

/** Inputs larger than this in absolute value are "not scaled". */
export const LARGE_INPUT = 1000;

export interface InputScan {
  readonly modality: string;
  /** Largest |value| over the samples scanned (finite values only). */
  readonly maxAbs: number;
  /** First sample (dataset row) holding NaN or ±Infinity, or -1. */
  readonly nonFiniteSample: number;
}

/** Scans the float inputs of `samples` for non-finite values and their scale. */
export function scanInputs(data: DatasetArrays, binding: DatasetBinding, samples: ArrayLike<number>): InputScan[] {
  return binding.inputs
    .filter((b) => b.dtype === 'float32')
    .map((b) => {
      const src = data.inputs[b.modality];
      let maxAbs = 0;
      let nonFiniteSample = -1;
      if (src) {
        for (let j = 0; j < samples.length; j++) {
          const i = samples[j] as number;
          const row = src.subarray(i * b.rowSize, (i + 1) * b.rowSize);
          for (let k = 0; k < row.length; k++) {
            const v = row[k] as number;
            if (!Number.isFinite(v)) {
              if (nonFiniteSample < 0) nonFiniteSample = i;
            } else if (Math.abs(v) > maxAbs) maxAbs = Math.abs(v);
          }
        }
      }
      return { modality: b.modality, maxAbs, nonFiniteSample };
    });
}

function fmt(x: number): string {
  return x >= 1e4 || (x > 0 && x < 1e-3) ? x.toExponential(0) : String(x);
}

export interface NonFiniteContext {
  /** 1-based. */
  readonly epoch: number;
  readonly batch: number;
  readonly loss: number;
  readonly settings: Pick<TrainingSettings, 'optimizer' | 'learningRate'>;
  readonly data: DatasetArrays;
  readonly binding: DatasetBinding;
  /** The samples of the batch where the loss went bad. */
  readonly samples: ArrayLike<number>;
  /** Replaces the opening sentence ("The loss became NaN at epoch 3, batch 12."). */
  readonly where?: string;
}

/**
 * Names the likeliest cause of a non-finite loss, in this order: non-finite input values in the
 * batch; a learning rate high for the optimizer; unscaled inputs; regression targets far from the
 * scale of the outputs; else a generic cause (an exploding update).
 */
export function explainNonFinite(ctx: NonFiniteContext): TrainingProblem {
  const what = Number.isNaN(ctx.loss) ? 'NaN' : 'infinite';
  const where = ctx.where ?? `The loss became ${what} at epoch ${ctx.epoch}, batch ${ctx.batch}.`;
  const scans = scanInputs(ctx.data, ctx.binding, ctx.samples);
  const bad = scans.find((s) => s.nonFiniteSample >= 0);
  const { optimizer, learningRate } = ctx.settings;
  const safe = SAFE_LEARNING_RATE[optimizer];
  let cause: string;
  let fix: string;
  if (bad) {
    cause = `Likely cause: the dataset's '${bad.modality}' holds a NaN or infinite value (sample ${bad.nonFiniteSample}).`;
    fix = `Fix: clean or impute the missing values in '${bad.modality}' (for imported tables, fill empty cells), then train again.`;
  } else if (learningRate > safe.high) {
    cause = `Likely cause: the learning rate ${fmt(learningRate)} is too high for ${optimizer}.`;
    fix = `Fix: lower it to ${fmt(safe.suggest)} or below.`;
  } else if (scans.some((s) => s.maxAbs > LARGE_INPUT)) {
    const big = scans.filter((s) => s.maxAbs > LARGE_INPUT).sort((a, b) => b.maxAbs - a.maxAbs)[0] as InputScan;
    cause = `Likely cause: the dataset's '${big.modality}' is not scaled (values up to ${fmt(Math.round(big.maxAbs))}).`;
    fix = `Fix: standardise '${big.modality}' (zero mean, unit variance) when importing it, or lower the learning rate to ${fmt(safe.suggest / 10)}.`;
  } else if (ctx.binding.targets.some((t) => t.loss === 'meanSquaredError') && ctx.binding.classes > 10) {
    cause = `Likely cause: the regression targets (class indices up to ${ctx.binding.classes - 1}) are large next to the outputs, so the squared error explodes.`;
    fix = `Fix: use a Classifier head, or lower the learning rate to ${fmt(safe.suggest / 10)}.`;
  } else {
    cause = `Likely cause: an update grew too large (an exploding gradient) with ${optimizer} at learning rate ${fmt(learningRate)}.`;
    fix = `Fix: lower the learning rate to ${fmt(Math.min(learningRate / 10, safe.suggest))}, or add normalisation (standardised inputs, smaller layers).`;
  }
  return { message: `${where} ${cause} ${fix}`, cause, fix };
}
