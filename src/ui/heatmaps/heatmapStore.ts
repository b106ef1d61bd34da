// The transient heatmap store: the probe snapshots (attention maps, gate values) of the run being
// watched, kept outside React and the app store, as telemetry.ts keeps the curves. The worker's
// train.plan and train.probe messages land here (runSync.ts); canvases read it inside
// requestAnimationFrame. subscribeHeatmaps() only says "something changed".
//
// Snapshots are kept over the whole run for the timeline, on one list of ticks (epoch, batch) that
// every probe's frames line up with. Past a memory budget every other tick is dropped (the first
// and the newest kept), so a long run keeps an even spread of frames from start to end.
import type { ProjectDocument } from '../../graph/index.ts';
import type { PreviewSample, ProbeInfo, TrainingEvent } from '../../train/trainingProtocol.ts';

/** Bytes of probe values kept (all probes together) before the timeline is thinned. */
export const FRAME_BUDGET_BYTES = 48 * 1024 * 1024;

/** When a snapshot was taken. Epochs and batches count from 1. */
export interface Tick {
  readonly epoch: number;
  readonly batch: number;
  /** The last snapshot, taken with the trained weights. */
  readonly final: boolean;
}

export interface ProbeSeries {
  readonly info: ProbeInfo;
  /** One per tick: [samples, …info.shape] row-major, or null when this probe missed that tick. */
  readonly frames: readonly (Float32Array | null)[];
}

/** What the run's train.plan says about the probe set. */
export interface HeatmapPlan {
  readonly epochs: number;
  readonly batchesPerEpoch: number;
  readonly classes: readonly string[];
  /** Per input node id, the modality feeding it. */
  readonly bindings: Readonly<Record<string, string>>;
  /** Dataset rows of the probe samples, and their labels (class indices). */
  readonly samples: readonly number[];
  readonly labels: readonly number[];
  readonly inputs: readonly PreviewSample[];
}

export interface HeatmapState {
  readonly runId: string | null;
  /** The document the run trains (to name tokens and modalities). */
  readonly document: ProjectDocument | null;
  /** Bumped on every change. */
  readonly version: number;
  readonly plan: HeatmapPlan | null;
  readonly ticks: readonly Tick[];
  /** One per probe, in the plan's order (document order of their nodes). */
  readonly series: readonly ProbeSeries[];
  /** The timeline position: a tick index, or null to follow the newest tick. */
  readonly cursor: number | null;
}

interface MutableSeries {
  readonly info: ProbeInfo;
  frames: (Float32Array | null)[];
  /** Values per frame (samples × prod(shape)). */
  readonly size: number;
}

let runId: string | null = null;
let document: ProjectDocument | null = null;
let version = 0;
let plan: HeatmapPlan | null = null;
let ticks: Tick[] = [];
let series: MutableSeries[] = [];
let cursor: number | null = null;
let state: HeatmapState | null = null;
const listeners = new Set<() => void>();

function changed(): void {
  version += 1;
  state = null;
  for (const l of listeners) l();
}

function clear(id: string | null, doc: ProjectDocument | null): void {
  runId = id;
  document = doc;
  plan = null;
  ticks = [];
  series = [];
  cursor = null;
  changed();
}

/** Start watching a run: forgets the previous run's maps. */
export function beginHeatmaps(id: string, doc: ProjectDocument | null = null): void {
  clear(id, doc);
}

/** Forget everything (tests, a new project). */
export function resetHeatmaps(): void {
  clear(null, null);
}

const product = (xs: readonly number[]): number => xs.reduce((a, b) => a * b, 1);

/** A train.plan: the probes and the probe set. Ignored when it is not the watched run's. */
export function applyPlan(event: Extract<TrainingEvent, { type: 'train.plan' }>): boolean {
  if (event.runId !== runId) return false;
  plan = {
    epochs: event.epochs,
    batchesPerEpoch: event.batchesPerEpoch,
    classes: event.classes,
    bindings: event.bindings,
    samples: event.probeSamples,
    labels: event.probeLabels,
    inputs: event.probeInputs,
  };
  const n = event.probeSamples.length;
  ticks = [];
  series = event.probes.map((info) => ({ info, frames: [], size: n * product(info.shape) }));
  cursor = null;
  changed();
  return true;
}

/** Drops every other tick (the first and the newest kept) while the frames are over budget. */
function thin(): void {
  const bytes = (): number => series.reduce((a, s) => a + s.frames.reduce((b, f) => b + (f ? f.length * 4 : 0), 0), 0);
  while (bytes() > FRAME_BUDGET_BYTES && ticks.length > 2) {
    const keep = (i: number, n: number): boolean => i % 2 === 0 || i === n - 1;
    const n = ticks.length;
    ticks = ticks.filter((_, i) => keep(i, n));
    for (const s of series) s.frames = s.frames.filter((_, i) => keep(i, n));
    if (cursor !== null) cursor = Math.min(Math.floor(cursor / 2), ticks.length - 1);
  }
}

/**
 * A train.probe. Taken when it is the watched run's, its probe is in the plan and its shape is
 * [samples, …probe shape]; returns whether it was taken.
 */
export function pushProbe(event: Extract<TrainingEvent, { type: 'train.probe' }>): boolean {
  if (event.runId !== runId || plan === null) return false;
  const s = series.find((x) => x.info.nodeId === event.nodeId);
  if (!s) return false;
  const expected = [plan.samples.length, ...s.info.shape];
  if (event.shape.length !== expected.length || event.shape.some((d, i) => d !== expected[i]) || event.values.length !== s.size) return false;
  const last = ticks[ticks.length - 1];
  // The probes of one snapshot arrive one after the other: they share a tick.
  if (!last || last.epoch !== event.epoch || last.batch !== event.batch || last.final !== event.final || (s.frames[ticks.length - 1] ?? null) !== null) {
    ticks.push({ epoch: event.epoch, batch: event.batch, final: event.final });
    for (const x of series) x.frames.push(null);
  }
  s.frames[ticks.length - 1] = event.values;
  thin();
  changed();
  return true;
}

/** Moves the timeline to tick `index` (clamped), or back to live (null). */
export function setCursor(index: number | null): void {
  const next = index === null ? null : Math.max(0, Math.min(ticks.length - 1, Math.round(index)));
  if (next === cursor) return;
  cursor = next;
  changed();
}

export function heatmaps(): HeatmapState {
  state ??= { runId, document, version, plan, ticks: [...ticks], series: series.map((s) => ({ info: s.info, frames: [...s.frames] })), cursor };
  return state;
}

export function heatmapsVersion(): number {
  return version;
}

/** Called after every change (synchronously: keep it cheap, e.g. request a frame). */
export function subscribeHeatmaps(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** The probe of `nodeId`, if the watched run has one. */
export function seriesOf(s: HeatmapState, nodeId: string): ProbeSeries | undefined {
  return s.series.find((x) => x.info.nodeId === nodeId);
}

/** The tick index the timeline shows: the cursor's, or the newest (−1 before the first). */
export function shownTick(s: HeatmapState): number {
  return s.cursor === null ? s.ticks.length - 1 : Math.min(s.ticks.length - 1, s.cursor);
}

/** The values a series shows at tick `index`: its frame there, or its newest one before it. */
export function frameAt(s: ProbeSeries, index: number): { readonly values: Float32Array; readonly tick: number } | null {
  for (let i = Math.min(index, s.frames.length - 1); i >= 0; i--) {
    const f = s.frames[i];
    if (f) return { values: f, tick: i };
  }
  return null;
}
