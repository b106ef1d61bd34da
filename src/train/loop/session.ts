// One run of a document, start to finish: compile, bind, train, evaluate, ablate, record.
// Backend choice is the caller's (the worker handler); this runs on the current backend.
import type * as tf from '@tensorflow/tfjs';
import { CompileError, compileGraph, type CompiledModel } from '../../compile/index.ts';
import type { ProjectDocument } from '../../graph/index.ts';
import { sampleAt } from '../../data/preview.ts';
import type { DatasetArrays } from '../../data/types.ts';
import type { FusionStrategy, ProbePick, RunRecord, SplitMetrics, TrainingEvent } from '../trainingProtocol.ts';
import { shuffled, splitIndices, type Splits } from './batches.ts';
import { bindDataset, BindingError, documentBindings, type DatasetBinding } from './binding.ts';
import { RunControl } from './control.ts';
import { ablateModalities, evaluateSplit, type AblationRow, type Evaluation } from './evaluate.ts';
import { pickProbeSamples, type ProbeValues } from './probes.ts';
import { trainModel, type FallbackOptions } from './trainer.ts';
import type { BackendFallbackReport, BatchReport, EpochReport, TrainingProblem, TrainResult } from './types.ts';

export type SessionPhase = 'compiling' | 'training' | 'paused' | 'evaluating';

/** What a run trains on, known once compiled and bound: the train.plan message without its envelope. */
export type RunPlan = Omit<Extract<TrainingEvent, { type: 'train.plan' }>, 'type' | 'runId'>;

export interface TrainDocumentOptions {
  readonly runId: string;
  readonly document: ProjectDocument;
  readonly data: DatasetArrays;
  readonly control?: RunControl;
  /** Evaluate the test split too (when it has samples). */
  readonly evaluateTest?: boolean;
  /** Modality ablation on validation after training (default true). */
  readonly ablation?: boolean;
  /** Probe snapshots while training; null or perSecond 0 turns them off (and compiles without probe outputs). */
  readonly probes?: { readonly samples?: readonly number[]; readonly pick?: ProbePick; readonly perSecond?: number; readonly onSnapshot: (epoch: number, batch: number, values: readonly ProbeValues[], final: boolean) => void } | null;
  readonly fallback?: FallbackOptions;
  /** Keep the trained model (the caller disposes it); default: dispose after evaluation. */
  readonly keepModel?: boolean;
  /** Splits to use (the arena passes the same ones to every variant). */
  readonly splits?: Splits;
  readonly arena?: { readonly arenaId: string; readonly strategy: FusionStrategy };
  readonly onPhase?: (phase: SessionPhase) => void;
  readonly onPlan?: (plan: RunPlan) => void;
  readonly onBatch?: (report: BatchReport) => void;
  readonly onEpoch?: (report: EpochReport) => void;
  readonly onFallback?: (report: BackendFallbackReport) => void;
  readonly lossReadEvery?: number;
  readonly now?: () => number;
}

export interface TrainDocumentResult {
  readonly status: 'done' | 'stopped' | 'error';
  readonly problem: TrainingProblem | null;
  /** Null when the run failed before training (compile or binding). */
  readonly record: RunRecord | null;
  readonly validation: Evaluation | null;
  readonly test: Evaluation | null;
  readonly ablation: readonly AblationRow[];
  readonly train: TrainResult | null;
  /** With keepModel and status 'done': the trained model (the caller owns it). */
  readonly compiled: CompiledModel | null;
}

function metrics(e: Evaluation | null): SplitMetrics | null {
  return e ? { samples: e.samples, loss: e.loss, accuracy: e.accuracy } : null;
}

/** A compile or binding failure as a problem that names the node. */
export function problemOf(err: unknown): TrainingProblem {
  if (err instanceof BindingError) {
    return { message: err.message, ...(err.fix ? { fix: err.fix } : {}), ...(err.nodeId ? { nodeId: err.nodeId } : {}) };
  }
  if (err instanceof CompileError) {
    return { message: err.message, ...(err.nodeId ? { nodeId: err.nodeId } : {}) };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { message: `The run failed: ${message}` };
}

/**
 * The run's probe samples: the rows asked for (those inside the dataset), else a pick from the
 * validation split (the training split when there is none): 8 or more, one per class, or as `pick` says.
 */
export function probeSetOf(samples: readonly number[] | undefined, pick: ProbePick | undefined, data: DatasetArrays, splits: Splits, classes: number): number[] {
  if (samples) return samples.filter((i) => Number.isInteger(i) && i >= 0 && i < data.labels.length);
  const pool = splits.validation.length > 0 ? splits.validation : splits.train;
  if (!pick) return pickProbeSamples(data.labels, pool, classes);
  const count = Number.isFinite(pick.count) ? Math.min(16, Math.max(8, Math.floor(pick.count))) : 8;
  return pickProbeSamples(data.labels, pick.shuffle !== 0 ? shuffled(pool, pick.shuffle) : pool, classes, { min: count });
}

/**
 * Compiles the document's graph (seeded with training.seed), binds it to the dataset, trains it,
 * and evaluates it: validation (and test when asked) accuracy, confusion matrix, per-class
 * accuracy, modality ablation. Resolves with a RunRecord for the history; never rejects for a
 * user-facing problem (compile, binding, NaN, backend) — `problem` says what happened.
 */
export async function trainDocument(options: TrainDocumentOptions): Promise<TrainDocumentResult> {
  const { document, data, runId } = options;
  const settings = document.training;
  const control = options.control ?? new RunControl();
  const startedAt = Date.now();
  const wantProbes = options.probes !== null && options.probes !== undefined && (options.probes.perSecond ?? 2) > 0;
  const fail = (problem: TrainingProblem): TrainDocumentResult => ({ status: 'error', problem, record: null, validation: null, test: null, ablation: [], train: null, compiled: null });

  options.onPhase?.('compiling');
  let compiled: CompiledModel;
  let binding: DatasetBinding;
  try {
    compiled = compileGraph(document.graph, { seed: settings.seed, probes: wantProbes, batchSize: settings.batchSize });
  } catch (err) {
    return fail(problemOf(err));
  }
  try {
    binding = bindDataset(document.graph, compiled, data.info, documentBindings(document));
  } catch (err) {
    compiled.model.dispose();
    return fail(problemOf(err));
  }
  const splits = options.splits ?? splitIndices(data, settings.validationSplit, settings.seed);
  if (splits.train.length === 0) {
    compiled.model.dispose();
    return fail({ message: `The dataset '${data.info.title}' has no training samples. Choose another dataset, or fewer validation and test samples.` });
  }
  const probeSamples = wantProbes && compiled.probes.length > 0 ? probeSetOf(options.probes?.samples, options.probes?.pick, data, splits, binding.classes) : [];
  options.onPlan?.({
    epochs: settings.epochs,
    batchesPerEpoch: Math.ceil(splits.train.length / Math.max(1, settings.batchSize)),
    samples: { train: splits.train.length, validation: splits.validation.length, test: splits.test.length },
    classes: binding.classNames,
    bindings: Object.fromEntries(binding.inputs.map((b) => [b.nodeId, b.modality])),
    paramCount: compiled.paramCount,
    probes: compiled.probes.map((p) => ({ nodeId: p.nodeId, kind: p.kind, shape: p.shape, meaning: p.meaning, axes: p.axes, ...(p.groups ? { groups: p.groups } : {}) })),
    probeSamples,
    probeLabels: probeSamples.map((i) => data.labels[i] ?? -1),
    probeInputs: probeSamples.map((i) => sampleAt(data, i)),
  });

  const train = await trainModel({
    compiled,
    data,
    binding,
    settings,
    splits,
    control,
    ...(options.onBatch ? { onBatch: options.onBatch } : {}),
    ...(options.onEpoch ? { onEpoch: options.onEpoch } : {}),
    ...(options.onFallback ? { onFallback: options.onFallback } : {}),
    ...(options.fallback ? { fallback: options.fallback } : {}),
    ...(options.lossReadEvery ? { lossReadEvery: options.lossReadEvery } : {}),
    ...(options.now ? { now: options.now } : {}),
    onPhase: (p) => options.onPhase?.(p),
    ...(probeSamples.length > 0 && options.probes
      ? { probes: { samples: probeSamples, perSecond: options.probes.perSecond ?? 2, onSnapshot: (s: { epoch: number; batch: number; final: boolean; values: readonly ProbeValues[] }) => options.probes?.onSnapshot(s.epoch, s.batch, s.values, s.final) } }
      : {}),
  });

  let validation: Evaluation | null = null;
  let test: Evaluation | null = null;
  let ablation: AblationRow[] = [];
  let problem = train.problem;
  let status = train.status;
  if (status === 'done') {
    options.onPhase?.('evaluating');
    const model: tf.LayersModel = compiled.model;
    const between = (): boolean => !control.stopped;
    try {
      const evalSplit = splits.validation.length > 0 ? splits.validation : splits.train;
      validation = await evaluateSplit(model, compiled, data, binding, 'validation', evalSplit, { between });
      if (options.evaluateTest && splits.test.length > 0) test = await evaluateSplit(model, compiled, data, binding, 'test', splits.test, { between });
      if ((options.ablation ?? true) && !control.stopped) ablation = await ablateModalities(model, compiled, data, binding, evalSplit, validation.accuracy, { between });
    } catch (err) {
      problem = { message: `Evaluation failed: ${err instanceof Error ? err.message : String(err)}.` };
      status = 'error';
    }
    if (control.stopped) status = 'stopped';
    if (status !== 'done' || !options.keepModel) model.dispose();
  }
  const record: RunRecord = {
    runId,
    ...(options.arena ? { arenaId: options.arena.arenaId, strategy: options.arena.strategy } : {}),
    document,
    datasetId: data.info.id,
    settings,
    status,
    metrics: {
      validation: metrics(validation),
      test: metrics(test),
      paramCount: compiled.paramCount,
      epochs: train.history.length,
      secondsPerEpoch: train.secondsPerEpoch,
      backend: train.backend,
    },
    ablation,
    history: train.history,
    earlyStop: train.earlyStop,
    startedAt,
    finishedAt: Date.now(),
  };
  return { status, problem, record, validation, test, ablation, train, compiled: status === 'done' && options.keepModel ? compiled : null };
}
