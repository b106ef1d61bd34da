// The transient telemetry buffer: per-batch and per-epoch numbers of the run being watched, kept
// outside React and the app store. The worker's messages append here (runSync.ts); charts read it
// inside requestAnimationFrame and text readouts a few times a second. subscribe() only says
// "something changed": listeners schedule their own frame, so a burst of batches costs one draw.
import type { BatchReport, EpochReport } from '../../train/trainingProtocol.ts';

/** Weight of the exponential moving average that smooths the per-batch curves. */
export const SMOOTHING = 0.9;

export interface BatchSeries {
  /** Position in epochs: (epoch − 1) + batch / batches. */
  readonly x: number[];
  readonly loss: number[];
  readonly lossSmooth: number[];
  /** NaN where the batch had no accuracy (a regression head). */
  readonly acc: number[];
  readonly accSmooth: number[];
}

export interface TelemetrySnapshot {
  /** The run (or arena variant) these numbers belong to; null before any run. */
  readonly runId: string | null;
  /** Bumped on every change: readers redraw when it differs from the one they drew. */
  readonly version: number;
  readonly batches: BatchSeries;
  readonly epochs: readonly EpochReport[];
  readonly lastBatch: BatchReport | null;
  /** Epochs planned (for the x axis before they happen); 0 when unknown. */
  readonly plannedEpochs: number;
}

interface Ema {
  value: number;
  weight: number;
}

let runId: string | null = null;
let version = 0;
let batches: BatchSeries = emptySeries();
let epochs: EpochReport[] = [];
let lastBatch: BatchReport | null = null;
let plannedEpochs = 0;
let lossEma: Ema = { value: 0, weight: 0 };
let accEma: Ema = { value: 0, weight: 0 };
const listeners = new Set<() => void>();

function emptySeries(): BatchSeries {
  return { x: [], loss: [], lossSmooth: [], acc: [], accSmooth: [] };
}

/** Debiased EMA (as TensorBoard smooths): early points are not pulled towards 0. */
function smooth(ema: Ema, y: number): number {
  if (!Number.isFinite(y)) return ema.weight === 0 ? y : ema.value / ema.weight;
  ema.value = SMOOTHING * ema.value + (1 - SMOOTHING) * y;
  ema.weight = SMOOTHING * ema.weight + (1 - SMOOTHING);
  return ema.value / ema.weight;
}

function changed(): void {
  version += 1;
  for (const l of listeners) l();
}

function clear(id: string | null, epochsPlanned: number): void {
  runId = id;
  batches = emptySeries();
  epochs = [];
  lastBatch = null;
  plannedEpochs = epochsPlanned;
  lossEma = { value: 0, weight: 0 };
  accEma = { value: 0, weight: 0 };
  changed();
}

/** Start watching a run (or an arena variant): forgets the previous one's numbers. */
export function beginTelemetry(id: string, epochsPlanned = 0): void {
  clear(id, epochsPlanned);
}

/** Forget everything (tests, a new project). */
export function resetTelemetry(): void {
  clear(null, 0);
}

export function setPlannedEpochs(id: string, n: number): void {
  if (id !== runId || n === plannedEpochs) return;
  plannedEpochs = n;
  changed();
}

/** One train.batch; ignored when it is not the watched run's. Returns whether it was taken. */
export function pushBatch(id: string, b: BatchReport): boolean {
  if (id !== runId) return false;
  const x = b.epoch - 1 + (b.batches > 0 ? b.batch / b.batches : 0);
  batches.x.push(x);
  batches.loss.push(b.loss);
  batches.lossSmooth.push(smooth(lossEma, b.loss));
  const acc = b.acc ?? Number.NaN;
  batches.acc.push(acc);
  batches.accSmooth.push(b.acc === null ? Number.NaN : smooth(accEma, acc));
  lastBatch = b;
  if (b.epochs !== plannedEpochs) plannedEpochs = b.epochs;
  changed();
  return true;
}

/** One train.epoch; ignored when it is not the watched run's. */
export function pushEpoch(id: string, e: EpochReport): boolean {
  if (id !== runId) return false;
  epochs = [...epochs.filter((x) => x.epoch !== e.epoch), e];
  if (e.epochs !== plannedEpochs) plannedEpochs = e.epochs;
  changed();
  return true;
}

export function telemetry(): TelemetrySnapshot {
  return { runId, version, batches, epochs, lastBatch, plannedEpochs };
}

export function telemetryVersion(): number {
  return version;
}

/** Called after every change (synchronously: keep it cheap, e.g. request a frame). */
export function subscribeTelemetry(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
