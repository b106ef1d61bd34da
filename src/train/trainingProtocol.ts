// The training and fusion-arena messages between the UI and the worker: one discriminated union
// each way, keyed by `type` ("train.*", "arena.*"). Pure types and a few pure helpers (no tfjs),
// so the UI can import this file; src/train/protocol.ts unions them into ToWorker / FromWorker.
//
// Runs are named by a runId the UI chooses; every message about a run repeats it. One run at a
// time: a train.start or arena.start while another run is active stops that run first (it ends
// with train.status 'stopped' / arena.done). Epochs and batches count from 1.
import type { ProjectDocument, TrainingSettings } from '../graph/index.ts';
import type { PreviewSample } from '../data/types.ts';
import type { BackendFigure, BackendName } from './backends/select.ts';
import type { AblationRow, BatchReport, EarlyStop, EpochReport } from './loop/index.ts';

export type { AblationRow, BackendFigure, BackendName, BatchReport, EarlyStop, EpochReport, PreviewSample };

/** Bumped whenever a train.* or arena.* message changes shape. */
export const TRAINING_PROTOCOL_VERSION = 2;

/** 'auto' probes the available backends with the compiled model and takes the fastest. */
export type BackendRequest = 'auto' | BackendName;

/** The fusion strategies the arena can put in place of the graph's fusion. */
export const FUSION_STRATEGIES = [
  'early',
  'concat',
  'late',
  'modalityAttention',
  'crossAttention',
  'transformer',
  'tensor',
  'lowRank',
  'gated',
  'bilinear',
  'elementwise',
] as const;
export type FusionStrategy = (typeof FUSION_STRATEGIES)[number];

/** Display names of the strategies (a Record over the union, so a new one without a name fails the typecheck). */
export const STRATEGY_TITLES: Readonly<Record<FusionStrategy, string>> = {
  early: 'Early fusion',
  concat: 'Concatenation',
  late: 'Late fusion',
  modalityAttention: 'Modality attention',
  crossAttention: 'Cross-attention',
  transformer: 'Fusion transformer',
  tensor: 'Tensor fusion',
  lowRank: 'Low-rank fusion',
  gated: 'Gated fusion',
  bilinear: 'Bilinear pooling',
  elementwise: 'Elementwise sum',
};

/** Arena strategies when arena.start gives none: the list plus the fusion transformer. */
export const DEFAULT_ARENA_STRATEGIES: readonly FusionStrategy[] = ['early', 'concat', 'late', 'modalityAttention', 'crossAttention', 'transformer', 'tensor', 'lowRank', 'gated'];

/** Run phases, in the order they usually happen. */
export type TrainPhase = 'compiling' | 'choosing-backend' | 'training' | 'paused' | 'evaluating' | 'done' | 'stopped' | 'error';

/** One probe (attention map, gate values) as the compiler describes it: sent once per run. */
export interface ProbeInfo {
  readonly nodeId: string;
  readonly kind: string;
  /** Shape without the sample axis, e.g. [2] modality weights or [heads, queries, keys]. */
  readonly shape: readonly number[];
  readonly meaning: string;
  readonly axes: readonly string[];
  readonly groups?: { readonly axis: number; readonly ranges: readonly { readonly nodeId: string | null; readonly start: number; readonly end: number }[] };
}

/** Accuracy and loss per split after training (test only when asked for, and when it has samples). */
export interface SplitMetrics {
  readonly samples: number;
  readonly loss: number;
  readonly accuracy: number;
}

export interface RunMetrics {
  readonly validation: SplitMetrics | null;
  readonly test: SplitMetrics | null;
  readonly paramCount: number;
  readonly epochs: number;
  readonly secondsPerEpoch: number;
  /** The backend the run ended on. */
  readonly backend: BackendName | string;
}

/**
 * A finished run, kept in the run history with the graph that produced it (the whole document,
 * so two runs can be compared side by side and reopened).
 */
export interface RunRecord {
  readonly runId: string;
  /** Set for arena runs. */
  readonly arenaId?: string;
  readonly strategy?: FusionStrategy;
  readonly document: ProjectDocument;
  readonly datasetId: string;
  readonly settings: TrainingSettings;
  readonly status: 'done' | 'stopped' | 'error';
  readonly metrics: RunMetrics;
  readonly ablation: readonly AblationRow[];
  readonly history: readonly EpochReport[];
  readonly earlyStop: EarlyStop | null;
  /** ms since the epoch (Date.now()). */
  readonly startedAt: number;
  readonly finishedAt: number;
}

/** One leaderboard row of the arena (a strategy that ran, or one skipped with the reason). */
export type ArenaRow =
  | {
      readonly status: 'done';
      readonly strategy: FusionStrategy;
      readonly runId: string;
      readonly valAccuracy: number | null;
      readonly testAccuracy: number | null;
      /** Validation accuracy with each modality missing (zeroed), and its contribution (full − this). */
      readonly ablation: readonly AblationRow[];
      readonly params: number;
      readonly secondsPerEpoch: number;
      /** 1-based rank by validation accuracy among the strategies that ran (ties share the rank). */
      readonly rank: number;
    }
  | { readonly status: 'skipped' | 'failed'; readonly strategy: FusionStrategy; readonly reason: string };

// ---------------------------------------------------------------- UI → worker

/**
 * How the worker picks the probe samples from the validation split: `count` samples (8 to 16; more
 * when there are more classes, so each class has one), the classes taking turns, from the split in
 * its order (`shuffle` 0) or shuffled with `shuffle` as the seed (another set of samples).
 */
export interface ProbePick {
  readonly count: number;
  readonly shuffle: number;
}

export type TrainingRequest =
  /**
   * Compile `document.graph`, bind it to the dataset (the one the worker holds under datasetKey,
   * else document.dataset), choose the backend, train with document.training, evaluate, and answer
   * with train.status, train.batch, train.epoch, train.probe…, then train.done (or train.error).
   */
  | {
      readonly type: 'train.start';
      readonly runId: string;
      readonly document: ProjectDocument;
      /** The worker's dataset cache key (datasetChoiceKey); default: document.dataset. */
      readonly datasetKey?: string;
      readonly backend: BackendRequest;
      /** Also evaluate on the test split at the end (default false). */
      readonly evaluateTest?: boolean;
      /** Probe samples (dataset rows) for heatmaps; default: 8–16 validation samples, one per class. */
      readonly probeSamples?: readonly number[];
      /** Without probeSamples: how the worker picks them from the validation split (default: 8, one per class, in split order). */
      readonly probePick?: ProbePick;
      /** Most probe snapshots per second (default 2; 0 turns probes off). */
      readonly probesPerSecond?: number;
    }
  /** Pause between batches (model and optimizer kept); answered with train.status 'paused'. */
  | { readonly type: 'train.pause'; readonly runId: string }
  /** Continue a paused run; answered with train.status 'training'. */
  | { readonly type: 'train.resume'; readonly runId: string }
  /** End the run and free its memory; answered with train.status 'stopped'. */
  | { readonly type: 'train.stop'; readonly runId: string }
  /**
   * Train one variant of the document per fusion strategy, same dataset, splits, seed and
   * settings; answers with arena.variant and train.epoch per variant (runId = the variant's),
   * arena.row per strategy, then arena.done.
   */
  | {
      readonly type: 'arena.start';
      readonly runId: string;
      readonly document: ProjectDocument;
      readonly datasetKey?: string;
      readonly strategies?: readonly FusionStrategy[];
      readonly backend?: BackendRequest;
    }
  /** Stop the arena (the current variant stops; rows so far stay); answered with arena.done. */
  | { readonly type: 'arena.stop'; readonly runId: string };

// ---------------------------------------------------------------- worker → UI

export type TrainingEvent =
  /** The run's phase changed. backendFigures come with 'choosing-backend' → 'training' when 'auto' probed them. */
  | {
      readonly type: 'train.status';
      readonly runId: string;
      readonly phase: TrainPhase;
      readonly backend: BackendName | null;
      readonly backendFigures?: readonly BackendFigure[];
      /** A short human line, e.g. "Training on webgl (fastest: 1,520 samples/s)". */
      readonly message?: string;
    }
  /** Sent when training begins: what the run trains on (for the progress bar and the panels). */
  | {
      readonly type: 'train.plan';
      readonly runId: string;
      readonly epochs: number;
      readonly batchesPerEpoch: number;
      readonly samples: { readonly train: number; readonly validation: number; readonly test: number };
      readonly classes: readonly string[];
      /** Per input node id, the modality feeding it. */
      readonly bindings: Readonly<Record<string, string>>;
      readonly paramCount: number;
      readonly probes: readonly ProbeInfo[];
      /** Probe samples (dataset rows) and their labels, in the order of the probe values' first axis. */
      readonly probeSamples: readonly number[];
      readonly probeLabels: readonly number[];
      /** The probe samples' inputs in the same order (images, spectrograms, words), to draw attention over them. */
      readonly probeInputs: readonly PreviewSample[];
    }
  /** Per batch: numbers only. The UI draws these at its frame rate, not per message. */
  | ({ readonly type: 'train.batch'; readonly runId: string } & BatchReport)
  /** Per epoch, with tf.memory() (numTensors stays flat from epoch 2 on). */
  | ({ readonly type: 'train.epoch'; readonly runId: string } & EpochReport)
  /**
   * One probe's values for the probe samples ([samples, …ProbeInfo.shape], row-major), at most
   * probesPerSecond times a second per probe, and once more (`final`) with the trained weights
   * before evaluation. `values.buffer` is transferred.
   */
  | {
      readonly type: 'train.probe';
      readonly runId: string;
      readonly epoch: number;
      readonly batch: number;
      readonly final: boolean;
      readonly nodeId: string;
      readonly values: Float32Array;
      readonly shape: readonly number[];
    }
  /** The backend failed mid-run; training moved to `to` and continued from resumedAt. */
  | {
      readonly type: 'train.backendFallback';
      readonly runId: string;
      readonly from: string;
      readonly to: string;
      readonly reason: string;
      readonly resumedAt: { readonly epoch: number; readonly batch: number };
      readonly optimizerStateMoved: boolean;
      /** Human line, e.g. "webgl failed (…); continuing on cpu from epoch 3, batch 12." */
      readonly message: string;
    }
  /** Training and evaluation finished; `record` is what the run history keeps. */
  | {
      readonly type: 'train.done';
      readonly runId: string;
      readonly metrics: RunMetrics;
      /** Validation: confusion[true][predicted]. */
      readonly confusion: readonly (readonly number[])[];
      /** Validation accuracy per class (null when the split has none of it). */
      readonly perClass: readonly (number | null)[];
      readonly ablation: readonly AblationRow[];
      readonly history: readonly EpochReport[];
      readonly earlyStop: EarlyStop | null;
      readonly record: RunRecord;
    }
  /**
   * The run could not start or had to stop: what happened, where (nodeId) and what to do.
   * `message` is complete on its own; cause and fix repeat its parts for a structured display.
   */
  | {
      readonly type: 'train.error';
      readonly runId: string;
      readonly message: string;
      readonly cause?: string;
      readonly fix?: string;
      readonly nodeId?: string;
    }
  /** The arena starts training a variant (the document it trains, so the UI can show or keep it). */
  | {
      readonly type: 'arena.variant';
      readonly runId: string;
      readonly strategy: FusionStrategy;
      readonly variantRunId: string;
      readonly index: number;
      readonly total: number;
      readonly document: ProjectDocument;
    }
  /** One leaderboard row as soon as its strategy finishes (or is skipped). */
  | { readonly type: 'arena.row'; readonly runId: string; readonly row: ArenaRow }
  /** The arena ended: every row ranked, and the runs for the history. */
  | {
      readonly type: 'arena.done';
      readonly runId: string;
      readonly status: 'done' | 'stopped' | 'error';
      readonly rows: readonly ArenaRow[];
      readonly records: readonly RunRecord[];
      readonly message?: string;
    };

export type TrainingRequestType = TrainingRequest['type'];
export type TrainingEventType = TrainingEvent['type'];

const REQUEST_TYPES: ReadonlySet<string> = new Set<TrainingRequestType>(['train.start', 'train.pause', 'train.resume', 'train.stop', 'arena.start', 'arena.stop']);

/** True for a message the training handler takes (cheap check on `type`). */
export function isTrainingRequest(msg: unknown): msg is TrainingRequest {
  return typeof msg === 'object' && msg !== null && REQUEST_TYPES.has(String((msg as { type?: unknown }).type));
}

/** True for a message the training handler sends. */
export function isTrainingEvent(msg: unknown): msg is TrainingEvent {
  const t = typeof msg === 'object' && msg !== null ? (msg as { type?: unknown }).type : undefined;
  return typeof t === 'string' && (t.startsWith('train.') || t.startsWith('arena.')) && !REQUEST_TYPES.has(t);
}

/** The buffers to transfer with an event (a probe's values). */
export function trainingTransferables(event: TrainingEvent): ArrayBuffer[] {
  return event.type === 'train.probe' && event.values.buffer instanceof ArrayBuffer ? [event.values.buffer] : [];
}
