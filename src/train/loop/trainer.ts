// The training loop: a custom loop (not model.fit: the model has probe outputs, and we want
// per-batch control), with seeded shuffling, pause/resume/stop, NaN detection, early stopping,
// probes and backend fallback.
import * as tf from '@tensorflow/tfjs';
import type { CompiledModel } from '../../compile/index.ts';
import type { TrainingSettings } from '../../graph/index.ts';
import type { DatasetArrays } from '../../data/types.ts';
import { batchesOf, disposeBatch, makeBatch, mixSeed, shuffled, splitIndices, type Splits } from './batches.ts';
import type { DatasetBinding } from './binding.ts';
import { RunControl, yieldToEventLoop } from './control.ts';
import { explainNonFinite } from './diagnose.ts';
import { predict, summarise } from './evaluate.ts';
import {
  createOptimizer,
  disposeOptimizer,
  readModelWeights,
  readOptimizerState,
  writeModelWeights,
  writeOptimizerState,
  type OptimizerState,
  type SavedTensor,
} from './optimizer.ts';
import { headsView, ProbeReader, Throttle, type ProbeValues } from './probes.ts';
import { trainStep, type StepStats } from './step.ts';
import type { BackendFallbackReport, BatchReport, EarlyStop, EpochReport, TrainingProblem, TrainResult } from './types.ts';

export interface ProbeOptions {
  /** Dataset rows of the probe set (see pickProbeSamples). */
  readonly samples: ArrayLike<number>;
  /** Most snapshots per second (default 2). */
  readonly perSecond?: number;
  /**
   * Gets each snapshot; the arrays are fresh copies (transfer them). Epoch and batch are 1-based.
   * `final` marks the last one, taken with the trained weights (the restored best ones after early stopping).
   */
  readonly onSnapshot: (snapshot: { readonly epoch: number; readonly batch: number; readonly final: boolean; readonly values: readonly ProbeValues[] }) => void;
}

export interface FallbackOptions {
  /** Backends to try in order when the current one throws. */
  readonly backends: readonly string[];
  /** Makes `name` the current backend; resolves false when it cannot (default: tf.setBackend). */
  readonly switchTo?: (name: string) => Promise<boolean>;
}

export interface TrainOptions {
  readonly compiled: CompiledModel;
  readonly data: DatasetArrays;
  readonly binding: DatasetBinding;
  readonly settings: TrainingSettings;
  /** Default: splitIndices(data, settings.validationSplit, settings.seed). */
  readonly splits?: Splits;
  readonly control?: RunControl;
  readonly onBatch?: (report: BatchReport) => void;
  readonly onEpoch?: (report: EpochReport) => void;
  /** 'training' when (re)starting to train, 'paused' when a pause takes effect. */
  readonly onPhase?: (phase: 'training' | 'paused') => void;
  readonly onFallback?: (report: BackendFallbackReport) => void;
  readonly probes?: ProbeOptions;
  readonly fallback?: FallbackOptions;
  /**
   * Read the loss back every this many batches (default 1). Each read waits for the device;
   * reading less often lets a GPU queue batches, at the cost of later NaN detection and burstier
   * batch reports (every report still arrives, in order).
   */
  readonly lossReadEvery?: number;
  /** Clock in ms (default performance.now). */
  readonly now?: () => number;
}

function cleanError(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.replace(/\s+/g, ' ').trim().slice(0, 300);
}

/** One training step's stats (loss, head output), not read yet, plus the data for its report. */
interface Pending {
  readonly stats: StepStats;
  readonly batch: number;
  readonly size: number;
  readonly samples: Int32Array;
}

function disposeStats(pending: readonly Pending[]): void {
  for (const p of pending) p.stats.dispose();
}

interface Checkpoint {
  readonly epoch: number;
  readonly weights: SavedTensor[];
  readonly optimizer: OptimizerState;
}

/** A problem with the current backend (thrown by a step or a read). */
class BackendFailure extends Error {
  constructor(readonly original: unknown) {
    super(cleanError(original));
  }
}

/**
 * Trains `compiled.model` in place. Resolves (never rejects for training problems) with the status:
 * 'done' (the model keeps its trained weights: the best ones when early stopping ended the run),
 * 'stopped' (control.stop(): the model is disposed) or 'error' (a non-finite loss, or every backend
 * failed: the model is disposed, `problem` says what happened and what to do). The optimizer and
 * every tensor the loop creates are disposed in all cases.
 */
export async function trainModel(options: TrainOptions): Promise<TrainResult> {
  const { data, binding, settings } = options;
  // The heads-only view (same layers and weights): probe outputs stay out of the training graph,
  // where their layers would run twice per step; snapshots read them through the probe view.
  const compiled = headsView(options.compiled);
  const model = compiled.model;
  const control = options.control ?? new RunControl();
  const now = options.now ?? (() => performance.now());
  const splits = options.splits ?? splitIndices(data, settings.validationSplit, settings.seed);
  const batchSize = Math.max(1, Math.floor(settings.batchSize));
  const epochs = Math.max(0, Math.floor(settings.epochs));
  const readEvery = Math.max(1, Math.floor(options.lossReadEvery ?? 1));
  const primary = binding.targets[0];
  const classes = binding.classes;
  const batchesPerEpoch = Math.ceil(splits.train.length / batchSize);
  const valBatchSize = Math.min(1024, Math.max(batchSize, 256));
  const fallbackQueue = [...(options.fallback?.backends ?? [])].filter((b) => b !== tf.getBackend());
  const switchTo = options.fallback?.switchTo ?? ((name: string) => tf.setBackend(name));
  const throttle = options.probes ? new Throttle(options.probes.perSecond ?? 2, now) : null;
  const reader = options.probes ? new ProbeReader(options.compiled, data, binding, options.probes.samples) : null;

  let optimizer = createOptimizer(settings);
  const history: EpochReport[] = [];
  const fallbacks: BackendFallbackReport[] = [];
  // Written inside closures, so kept in an object (TypeScript does not track closure writes).
  const state: { problem: TrainingProblem | null } = { problem: null };
  let earlyStop: EarlyStop | null = null;
  let best: { epoch: number; loss: number; weights: SavedTensor[] | null } | null = null;
  let checkpoint: Checkpoint | null = null;
  let steps = 0;
  // Timing (paused time left out): mean seconds per batch and per validation pass, for the ETA.
  let batchSecondsTotal = 0;
  let batchesTimed = 0;
  let valSecondsTotal = 0;
  let valPasses = 0;

  const stopped = (): boolean => control.stopped;

  /** Waits out a pause; returns the paused milliseconds. */
  const pausePoint = async (): Promise<number> => {
    await yieldToEventLoop();
    if (!control.paused) return 0;
    const t0 = now();
    options.onPhase?.('paused');
    await control.waitWhilePaused();
    if (!control.stopped) options.onPhase?.('training');
    return now() - t0;
  };

  /**
   * Moves the run to the next backend: weights and optimizer state are read off the failing
   * backend (or, when it cannot be read, taken from the last epoch checkpoint) and written on the
   * new one. Returns whether the epoch must restart from the checkpoint, or null when no backend is left.
   */
  const fallBack = async (failure: BackendFailure, epoch: number, batch: number): Promise<{ restartEpoch: boolean } | null> => {
    const from = tf.getBackend();
    let weights: SavedTensor[] | null = null;
    let state: OptimizerState | null = null;
    let fromCheckpoint = false;
    try {
      weights = readModelWeights(model);
      state = await readOptimizerState(optimizer);
    } catch {
      if (!checkpoint) return null;
      weights = checkpoint.weights;
      state = checkpoint.optimizer;
      fromCheckpoint = true;
    }
    while (fallbackQueue.length > 0) {
      const to = fallbackQueue.shift() as string;
      let ok = false;
      try {
        ok = await switchTo(to);
      } catch {
        ok = false;
      }
      if (!ok) continue;
      writeModelWeights(model, weights);
      try {
        disposeOptimizer(optimizer);
      } catch {
        // The old backend may be gone; its memory goes with it.
      }
      optimizer = createOptimizer(settings);
      let optimizerStateMoved = true;
      try {
        await writeOptimizerState(optimizer, state);
      } catch {
        disposeOptimizer(optimizer);
        optimizer = createOptimizer(settings);
        optimizerStateMoved = false;
      }
      const report: BackendFallbackReport = {
        from,
        to,
        reason: failure.message,
        resumedAt: fromCheckpoint && checkpoint ? { epoch: checkpoint.epoch, batch: 1 } : { epoch, batch },
        optimizerStateMoved,
        fromCheckpoint,
      };
      fallbacks.push(report);
      options.onFallback?.(report);
      return { restartEpoch: fromCheckpoint };
    }
    return null;
  };

  /** Starts a probe snapshot, delivered once read (never stops training: a failed probe is skipped). */
  const snapshot = (epoch: number, batch: number, final: boolean): void => {
    const probes = options.probes;
    if (probes) reader?.start((values) => probes.onSnapshot({ epoch, batch, final, values }));
  };

  const validate = async (): Promise<{ loss: number; acc: number } | null> => {
    if (splits.validation.length === 0) return null;
    const p = await predict(model, compiled, data, binding, splits.validation, { batchSize: valBatchSize, between: () => !control.stopped });
    const s = summarise('validation', data.labels, splits.validation, p, classes);
    return { loss: p.loss, acc: s.accuracy };
  };

  const outcome = async (): Promise<void> => {
    options.onPhase?.('training');
    let epoch = 1;
    epochLoop: while (epoch <= epochs) {
      if (fallbackQueue.length > 0) {
        try {
          checkpoint = { epoch, weights: readModelWeights(model), optimizer: await readOptimizerState(optimizer) };
        } catch {
          // Keep the previous checkpoint.
        }
      }
      const order = shuffled(splits.train, mixSeed(settings.seed, epoch));
      const parts = batchesOf(order, batchSize);
      const epochStart = now();
      let pausedMs = 0;
      let lossSum = 0;
      let correctSum = 0;
      let seen = 0;
      let batchClock = now();
      const pending: Pending[] = [];

      /** Reads pending [loss, correct] pairs; returns false when a loss is not finite (problem set). */
      const drain = async (): Promise<boolean> => {
        while (pending.length > 0) {
          const p = pending.shift() as Pending;
          let loss: number;
          let correct: number;
          try {
            ({ loss, correct } = await p.stats.read());
          } catch (err) {
            disposeStats([p, ...pending]);
            pending.length = 0;
            throw new BackendFailure(err);
          }
          p.stats.dispose();
          if (!Number.isFinite(loss)) {
            disposeStats(pending);
            pending.length = 0;
            state.problem = explainNonFinite({ epoch, batch: p.batch, loss, settings, data, binding, samples: p.samples });
            return false;
          }
          lossSum += loss * p.size;
          correctSum += correct;
          seen += p.size;
          const t = now();
          const activeSec = Math.max(1e-9, (t - epochStart - pausedMs) / 1000);
          const sinceLast = (t - batchClock) / 1000;
          batchClock = t;
          batchSecondsTotal += sinceLast;
          batchesTimed += 1;
          const perBatch = batchSecondsTotal / batchesTimed;
          const perVal = valPasses > 0 ? valSecondsTotal / valPasses : perBatch * Math.ceil(splits.validation.length / valBatchSize) * 0.3;
          const left = batchesPerEpoch - p.batch + (epochs - epoch) * batchesPerEpoch;
          options.onBatch?.({
            epoch,
            epochs,
            batch: p.batch,
            batches: parts.length,
            loss,
            acc: primary ? correct / p.size : null,
            samplesPerSec: seen / activeSec,
            etaSeconds: left * perBatch + (epochs - epoch + 1) * perVal,
          });
        }
        return true;
      };

      let b = 0;
      while (b < parts.length) {
        if (stopped()) {
          disposeStats(pending);
          return;
        }
        const part = parts[b] as Int32Array;
        const batch = makeBatch(data, binding, part);
        let failure: BackendFailure | null = null;
        try {
          const stats = trainStep(compiled, optimizer, batch, primary, classes, mixSeed(settings.seed, epoch, b + 1));
          steps += 1;
          pending.push({ stats, batch: b + 1, size: batch.size, samples: part });
        } catch (err) {
          failure = new BackendFailure(err);
        } finally {
          disposeBatch(batch);
        }
        if (!failure && (pending.length >= readEvery || b === parts.length - 1)) {
          try {
            if (!(await drain())) return;
          } catch (err) {
            // Only a failed read is the backend's fault; an error from a callback ends the run.
            if (!(err instanceof BackendFailure)) throw err;
            failure = err;
          }
        }
        if (failure) {
          // Steps applied but not yet read lose their reports with the failure.
          disposeStats(pending);
          pending.length = 0;
          const moved = await fallBack(failure, epoch, b + 1);
          if (!moved) {
            const fix = 'Fix: choose another backend (cpu always works), or simplify the model.';
            const tried = (options.fallback?.backends.length ?? 0) > 0 ? ' No other backend is left to fall back to.' : '';
            state.problem = {
              message: `Training failed on the ${tf.getBackend()} backend at epoch ${epoch}, batch ${b + 1}: ${failure.message}.${tried} ${fix}`,
              cause: failure.message,
              fix,
            };
            return;
          }
          if (moved.restartEpoch && checkpoint) {
            epoch = checkpoint.epoch;
            continue epochLoop;
          }
          batchClock = now();
          continue; // the same batch again, on the new backend
        }
        if (reader && !reader.busy && throttle?.ready()) snapshot(epoch, b + 1, false);
        b += 1;
        const paused = await pausePoint();
        pausedMs += paused;
        batchClock += paused;
      }
      if (!(await drain())) return;
      if (stopped()) return;

      // A snapshot still being read finishes first (tf.memory() stays flat across epochs).
      await reader?.flush();
      const valStart = now();
      let val: { loss: number; acc: number } | null;
      try {
        val = await validate();
      } catch (err) {
        const moved = await fallBack(err instanceof BackendFailure ? err : new BackendFailure(err), epoch, parts.length + 1);
        if (!moved) {
          state.problem = { message: `Validation failed on the ${tf.getBackend()} backend at epoch ${epoch}: ${cleanError(err)}.`, cause: cleanError(err) };
          return;
        }
        if (moved.restartEpoch && checkpoint) {
          epoch = checkpoint.epoch;
          continue epochLoop;
        }
        val = await validate();
      }
      if (stopped()) return;
      valSecondsTotal += (now() - valStart) / 1000;
      valPasses += 1;
      if (val && !Number.isFinite(val.loss)) {
        const what = Number.isNaN(val.loss) ? 'NaN' : 'infinite';
        state.problem = explainNonFinite({ epoch, batch: parts.length, loss: val.loss, settings, data, binding, samples: splits.validation, where: `The validation loss became ${what} after epoch ${epoch}.` });
        return;
      }
      let isBest = false;
      if (val && (best === null || val.loss < best.loss)) {
        isBest = true;
        best = { epoch, loss: val.loss, weights: settings.earlyStoppingPatience > 0 ? readModelWeights(model) : null };
      }
      const mem = tf.memory();
      const report: EpochReport = {
        epoch,
        epochs,
        trainLoss: seen > 0 ? lossSum / seen : NaN,
        trainAcc: primary && seen > 0 ? correctSum / seen : null,
        valLoss: val ? val.loss : null,
        valAcc: val ? val.acc : null,
        numTensors: mem.numTensors,
        numBytes: mem.numBytes,
        epochSeconds: (now() - epochStart - pausedMs) / 1000,
        best: isBest,
      };
      history.push(report);
      options.onEpoch?.(report);
      if (best && settings.earlyStoppingPatience > 0 && epoch - best.epoch >= settings.earlyStoppingPatience && epoch < epochs) {
        earlyStop = { epoch, bestEpoch: best.epoch, bestValLoss: best.loss };
        break;
      }
      epoch += 1;
    }
    if (earlyStop && best?.weights) writeModelWeights(model, best.weights);
    const last = history[history.length - 1];
    if (last && reader) {
      await reader.flush();
      snapshot(last.epoch, batchesPerEpoch, true);
      await reader.flush();
    }
  };

  try {
    await outcome();
  } catch (err) {
    state.problem ??= { message: `Training failed: ${cleanError(err)}.`, cause: cleanError(err) };
  }
  await reader?.flush();
  reader?.dispose();
  try {
    disposeOptimizer(optimizer);
  } catch {
    // A lost backend takes its memory with it.
  }
  const problem = state.problem;
  const status = problem ? 'error' : control.stopped ? 'stopped' : 'done';
  if (status !== 'done') {
    try {
      model.dispose();
    } catch {
      // Already disposed, or its backend is gone.
    }
  }
  const secondsPerEpoch = history.length > 0 ? history.reduce((a, h) => a + h.epochSeconds, 0) / history.length : 0;
  return { status, history, earlyStop, problem, backend: tf.getBackend(), fallbacks, secondsPerEpoch, steps };
}
