/**
 * metrics.json of a bundle: what the run trained on, how, and how well (validation and test
 * metrics, the validation confusion matrix, per-class accuracy, modality ablation, the curves).
 */
import type { DatasetInfo } from '../../graph/dataset.ts';
import type { TrainingSettings } from '../../graph/index.ts';
import type { AblationRow, EarlyStop, RunRecord, SplitMetrics } from '../../train/trainingProtocol.ts';

/** Validation results beyond the run record (the train.done event has them). */
export interface RunEvaluationReport {
  /** confusion[true][predicted] on the validation split. */
  readonly confusion: readonly (readonly number[])[];
  /** Validation accuracy per class (null when the split has none of it). */
  readonly perClass: readonly (number | null)[];
}

export interface MetricsReport {
  readonly format: 'fusion-designer.metrics';
  readonly version: 1;
  readonly project: string;
  readonly dataset: {
    readonly id: string;
    readonly title: string;
    readonly size: number;
    readonly splits: DatasetInfo['splits'];
    readonly splitNote: string;
    readonly classes: readonly string[];
    readonly credits: readonly string[];
  };
  readonly training: TrainingSettings;
  readonly run: {
    readonly runId: string;
    readonly status: RunRecord['status'];
    readonly backend: string;
    readonly epochs: number;
    readonly secondsPerEpoch: number;
    readonly startedAt: string;
    readonly finishedAt: string;
    readonly earlyStop: EarlyStop | null;
  };
  readonly parameters: number;
  readonly validation: SplitMetrics | null;
  readonly test: SplitMetrics | null;
  readonly confusion: { readonly split: 'validation'; readonly classes: readonly string[]; readonly matrix: readonly (readonly number[])[]; readonly perClass: readonly (number | null)[] } | null;
  readonly ablation: readonly AblationRow[];
  readonly history: readonly {
    readonly epoch: number;
    readonly trainLoss: number;
    readonly trainAcc: number | null;
    readonly valLoss: number | null;
    readonly valAcc: number | null;
    readonly epochSeconds: number;
  }[];
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function metricsReport(record: RunRecord, dataset: DatasetInfo, classes: readonly string[], evaluation: RunEvaluationReport | null): MetricsReport {
  return {
    format: 'fusion-designer.metrics',
    version: 1,
    project: record.document.name,
    dataset: { id: dataset.id, title: dataset.title, size: dataset.size, splits: dataset.splits, splitNote: dataset.splitNote, classes: dataset.classes, credits: dataset.credits },
    training: record.settings,
    run: {
      runId: record.runId,
      status: record.status,
      backend: String(record.metrics.backend),
      epochs: record.metrics.epochs,
      secondsPerEpoch: record.metrics.secondsPerEpoch,
      startedAt: iso(record.startedAt),
      finishedAt: iso(record.finishedAt),
      earlyStop: record.earlyStop,
    },
    parameters: record.metrics.paramCount,
    validation: record.metrics.validation,
    test: record.metrics.test,
    confusion: evaluation === null ? null : { split: 'validation', classes, matrix: evaluation.confusion, perClass: evaluation.perClass },
    ablation: record.ablation,
    history: record.history.map((h) => ({ epoch: h.epoch, trainLoss: h.trainLoss, trainAcc: h.trainAcc, valLoss: h.valLoss, valAcc: h.valAcc, epochSeconds: h.epochSeconds })),
  };
}
