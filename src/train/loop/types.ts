// Types of the training loop: what it reports per batch and per epoch, and what it returns.
// Pure types: the protocol (src/train/trainingProtocol.ts) shares them with the UI.

/** Per batch (numbers only: posted to the UI as is). Epochs and batches count from 1. */
export interface BatchReport {
  readonly epoch: number;
  readonly epochs: number;
  readonly batch: number;
  readonly batches: number;
  /** Training loss of this batch (Σ over heads of the mean loss over the batch). */
  readonly loss: number;
  /** Training accuracy of this batch on the primary head (null when the primary head is a regression). */
  readonly acc: number | null;
  /** Training throughput this epoch so far (paused time left out). */
  readonly samplesPerSec: number;
  /** Seconds left for the whole run at the current pace (validation passes included roughly). */
  readonly etaSeconds: number;
}

/** Per epoch. */
export interface EpochReport {
  readonly epoch: number;
  readonly epochs: number;
  /** Mean training loss over the epoch's batches (weighted by batch size). */
  readonly trainLoss: number;
  readonly trainAcc: number | null;
  /** Null when there is no validation split. */
  readonly valLoss: number | null;
  readonly valAcc: number | null;
  /** tf.memory() after the epoch (after the validation pass). */
  readonly numTensors: number;
  readonly numBytes: number;
  /** Wall time of the epoch, training and validation, paused time left out. */
  readonly epochSeconds: number;
  /** True when this epoch has the best validation loss so far (its weights are the ones early stopping restores). */
  readonly best: boolean;
}

/** Why the loop switched backends, and where it continued. */
export interface BackendFallbackReport {
  readonly from: string;
  readonly to: string;
  /** The error the old backend threw, cleaned up. */
  readonly reason: string;
  /** Where training continued: the batch that failed is run again on the new backend. */
  readonly resumedAt: { readonly epoch: number; readonly batch: number };
  /** True when the optimizer's state (iterations, moments) moved too; false when it had to restart. */
  readonly optimizerStateMoved: boolean;
  /** True when the old backend could not be read and the weights came from the last epoch checkpoint. */
  readonly fromCheckpoint: boolean;
}

/** A stop that names what went wrong, where, and what to do. */
export interface TrainingProblem {
  /** The whole message: what happened, the likely cause and the fix. */
  readonly message: string;
  readonly cause?: string;
  readonly fix?: string;
  readonly nodeId?: string;
}

export interface EarlyStop {
  /** The epoch after which training stopped. */
  readonly epoch: number;
  /** The epoch whose weights were restored. */
  readonly bestEpoch: number;
  readonly bestValLoss: number;
}

export type TrainStatus = 'done' | 'stopped' | 'error';

export interface TrainResult {
  readonly status: TrainStatus;
  /** Per completed epoch. */
  readonly history: readonly EpochReport[];
  /** Set when early stopping ended the run (the best weights were restored). */
  readonly earlyStop: EarlyStop | null;
  /** Set when status is 'error'. */
  readonly problem: TrainingProblem | null;
  /** The backend the run ended on (it may differ from the one it started on after a fallback). */
  readonly backend: string;
  readonly fallbacks: readonly BackendFallbackReport[];
  /** Mean seconds per epoch over the completed epochs (0 when none completed). */
  readonly secondsPerEpoch: number;
  /** Optimizer steps taken. */
  readonly steps: number;
}
