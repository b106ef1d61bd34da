// What the run buttons do: build the request from the document, tell the run slice, post it to
// the worker. The worker's answers come back through runSync.ts.
import { probeRequest, selectDatasetKey, selectTrainBlocker, isActive } from '../../store/index.ts';
import type { PendingRequest } from '../../store/index.ts';
import type { FusionStrategy, TrainingRequest } from '../../train/trainingProtocol.ts';
import { actions } from '../hooks/useAppStore.ts';
import { beginHeatmaps, resetHeatmaps } from '../heatmaps/heatmapStore.ts';
import { beginTelemetry } from './telemetry.ts';
import { postTraining } from './trainingClient.ts';

/** Attention snapshots per second while training (the issue asks for at least two). */
export const PROBES_PER_SECOND = 2;

let seq = 0;
function newRunId(prefix: string): string {
  seq += 1;
  return `${prefix}-${Date.now().toString(36)}-${seq}`;
}

function send(message: TrainingRequest): boolean {
  try {
    postTraining(message);
    return true;
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    actions().failRun(message.runId, `The request could not reach the background worker: ${why}`, 'Reload the page and try again.');
    return false;
  }
}

/** Train the current graph on the chosen dataset with doc.training (the Train button). */
export function startTraining(): void {
  startTrainingWith({});
}

/** startTraining with options: `evaluateTest` also evaluates the test split (lessons on held-out speakers). */
export function startTrainingWith(options: { readonly evaluateTest?: boolean }): void {
  const s = actions();
  const blocker = selectTrainBlocker(s);
  const dataset = s.doc.dataset;
  if (blocker !== null || dataset === null) {
    s.pushToast('info', blocker ?? 'Choose a dataset first.');
    return;
  }
  const runId = newRunId('run');
  const doc = s.doc;
  s.startRun({ runId, mode: 'train', datasetId: dataset.id, projectName: doc.name, request: s.backendRequest, startedAt: Date.now() });
  beginTelemetry(runId, doc.training.epochs);
  beginHeatmaps(runId, doc);
  s.setDockTab('training');
  const key = selectDatasetKey(s);
  send({
    type: 'train.start',
    runId,
    document: doc,
    ...(key === null ? {} : { datasetKey: key }),
    backend: s.backendRequest,
    // Lessons that compare on the test split (a held-out speaker) ask for it.
    ...(options.evaluateTest === true ? { evaluateTest: true } : {}),
    // Attention snapshots for the heatmaps (the Attention tab and the nodes' thumbnails), on the
    // probe samples chosen in the Attention tab (none: the worker's default pick).
    probesPerSecond: PROBES_PER_SECOND,
    ...probeRequest(s.probeChoice, key),
  });
}

/** Train every fusion strategy on the current dataset (the "Run arena" button). */
export function startArena(strategies?: readonly FusionStrategy[]): void {
  const s = actions();
  const blocker = selectTrainBlocker(s);
  const dataset = s.doc.dataset;
  if (blocker !== null || dataset === null) {
    s.pushToast('info', blocker ?? 'Choose a dataset first.');
    return;
  }
  const runId = newRunId('arena');
  const doc = s.doc;
  s.startRun({ runId, mode: 'arena', datasetId: dataset.id, projectName: doc.name, request: s.backendRequest, startedAt: Date.now(), strategies: strategies ?? null });
  beginTelemetry('', doc.training.epochs);
  // The arena trains its variants without probes: the previous run's maps would be stale.
  resetHeatmaps();
  s.setDockTab('arena');
  const key = selectDatasetKey(s);
  send({
    type: 'arena.start',
    runId,
    document: doc,
    ...(key === null ? {} : { datasetKey: key }),
    ...(strategies === undefined ? {} : { strategies }),
    backend: s.backendRequest,
  });
}

/** How long Stop waits for the worker before the page gives up on the run. */
export const STOP_TIMEOUT_MS = 15_000;

function control(request: PendingRequest): void {
  const s = actions();
  const run = s.run;
  if (!isActive(run)) return;
  s.markPending(request);
  if (request !== 'stop') {
    send({ type: request === 'pause' ? 'train.pause' : 'train.resume', runId: run.runId });
    return;
  }
  send({ type: run.mode === 'arena' ? 'arena.stop' : 'train.stop', runId: run.runId });
  // A worker that is gone or stuck never answers: do not leave the page in 'Stopping…'.
  const { runId } = run;
  setTimeout(() => {
    actions().abandonRun(runId, 'The background worker did not answer Stop; the run was abandoned. Reload the page if the next run does not start.');
  }, STOP_TIMEOUT_MS);
}

export const pauseRun = (): void => control('pause');
export const resumeRun = (): void => control('resume');
export const stopRun = (): void => control('stop');
