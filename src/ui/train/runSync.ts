// Feeds the worker's training events to the app: per-batch and per-epoch numbers to the transient
// telemetry buffer (drawn to canvas), everything else to the run slice; progress reaches the store
// at most PROGRESS_INTERVAL_MS apart, so nothing in React re-renders per batch. Also keeps the run
// history in IndexedDB.
import { useEffect } from 'react';
import { createIdbStorage, isActive, startRunHistoryPersistence } from '../../store/index.ts';
import type { RunProgress } from '../../store/index.ts';
import type { BatchReport, TrainingEvent } from '../../train/trainingProtocol.ts';
import { appStore } from '../../store/index.ts';
import { actions } from '../hooks/useAppStore.ts';
import { applyPlan, pushProbe } from '../heatmaps/heatmapStore.ts';
import { beginTelemetry, pushBatch, pushEpoch, setPlannedEpochs } from './telemetry.ts';
import { onTrainingMessage } from './trainingClient.ts';

/** Longest wait between a batch and the progress bar showing it. */
export const PROGRESS_INTERVAL_MS = 250;

let pending: { runId: string; batch: BatchReport } | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;
let lastFlush = 0;

function progressOf(b: BatchReport): RunProgress {
  return { epoch: b.epoch, epochs: b.epochs, batch: b.batch, batches: b.batches, etaSeconds: b.etaSeconds, samplesPerSec: b.samplesPerSec };
}

function flushProgress(): void {
  timer = null;
  if (pending === null) return;
  lastFlush = performance.now();
  const { runId, batch } = pending;
  pending = null;
  actions().setRunProgress(runId, progressOf(batch));
}

/** Remembers the latest batch and writes it to the store at most every PROGRESS_INTERVAL_MS. */
function scheduleProgress(runId: string, batch: BatchReport): void {
  pending = { runId, batch };
  if (timer !== null) return;
  const wait = Math.max(0, PROGRESS_INTERVAL_MS - (performance.now() - lastFlush));
  timer = setTimeout(flushProgress, wait);
}

/** The run whose numbers the telemetry should take: the run itself, or the arena's current variant. */
function watchedRunId(): string | null {
  const { run, arena } = actions();
  if (run.phase === 'idle') return null;
  if (run.mode === 'arena' && arena?.arenaId === run.runId) return arena.current?.variantRunId ?? null;
  return run.runId;
}

export function handleTrainingEvent(event: TrainingEvent): void {
  const s = actions();
  switch (event.type) {
    case 'train.batch':
      if (pushBatch(event.runId, event)) scheduleProgress(event.runId, event);
      return;
    case 'train.epoch':
      pushEpoch(event.runId, event);
      if (pending?.runId === event.runId) flushProgress();
      s.applyTrainingEvent(event);
      return;
    case 'train.probe':
      // To the heatmap store only (drawn to canvas): never the app store.
      pushProbe(event);
      return;
    case 'train.plan':
      setPlannedEpochs(event.runId, event.epochs);
      applyPlan(event);
      s.applyTrainingEvent(event);
      return;
    case 'arena.variant':
      s.applyTrainingEvent(event);
      if (watchedRunId() === event.variantRunId) beginTelemetry(event.variantRunId, s.doc.training.epochs);
      return;
    case 'train.backendFallback':
      s.applyTrainingEvent(event);
      if (watchedRunId() === event.runId) s.pushToast('info', event.message);
      return;
    case 'train.done':
      if (pending?.runId === event.runId) flushProgress();
      s.applyTrainingEvent(event);
      return;
    default:
      s.applyTrainingEvent(event);
      return;
  }
}

let warnedRun: string | null = null;

/**
 * worker.error while a run is on: a failure handling a training request (where "train.*" /
 * "arena.*") ends the run; an uncaught error event of the worker ("worker": often from a thread
 * of a backend) is shown once per run, and the run goes on if it can (Stop still ends it).
 */
function handleWorkerError(message: string, where: string): void {
  const s = actions();
  const { run } = s;
  if (!isActive(run)) return;
  if (where.startsWith('train.') || where.startsWith('arena.')) {
    s.failRun(run.runId, message);
    return;
  }
  if (warnedRun === run.runId) return;
  warnedRun = run.runId;
  s.pushToast('error', `${message.replace(/ Reload the page\.$/, '')} Training goes on if it can; Stop ends the run.`);
}

/** Mount once (in App): routes training events, and keeps the run history in IndexedDB. */
export function useRunSync(): void {
  useEffect(() => onTrainingMessage(handleTrainingEvent, handleWorkerError), []);
  useEffect(() => {
    if (typeof indexedDB === 'undefined') return;
    let warned = false;
    const persistence = startRunHistoryPersistence(appStore, createIdbStorage(), (error) => {
      if (warned) return;
      warned = true;
      const why = error instanceof Error ? error.message : String(error);
      actions().pushToast('error', `The run history could not be kept in this browser (${why}); it lasts until the tab closes.`);
    });
    return () => persistence.stop();
  }, []);
}
