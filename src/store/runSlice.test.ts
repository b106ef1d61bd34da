// The run slice driven by synthetic worker events, as src/ui/train/runSync.ts feeds it.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_TRAINING, exampleProject, newProject } from '../graph/index.ts';
import type { ProjectDocument } from '../graph/index.ts';
import type { ArenaRow, RunRecord, TrainingEvent } from '../train/trainingProtocol.ts';
import { createAppStore } from './createAppStore.ts';
import type { AppStore } from './createAppStore.ts';
import { createMemoryStorage } from './persist.ts';
import { loadRunHistory, RUN_HISTORY_KEY, saveRunHistory, startRunHistoryPersistence } from './runHistory.ts';
import {
  arenaLeaderboard,
  RUN_HISTORY_LIMIT,
  selectCompareRuns,
  selectRunProgress,
  selectTrainBlocker,
  trainingSettingProblem,
} from './runSlice.ts';
import type { RunStart } from './runSlice.ts';

let store: AppStore;
const s = () => store.getState();
const send = (e: TrainingEvent) => s().applyTrainingEvent(e);

function withDataset(doc: ProjectDocument): ProjectDocument {
  return { ...doc, dataset: { id: 'synthetic.synergy' } };
}

function record(runId: string, finishedAt: number, extra: Partial<RunRecord> = {}): RunRecord {
  return {
    runId,
    document: withDataset(exampleProject()),
    datasetId: 'synthetic.synergy',
    settings: DEFAULT_TRAINING,
    status: 'done',
    metrics: { validation: { samples: 80, loss: 0.2, accuracy: 0.9 }, test: null, paramCount: 1234, epochs: 3, secondsPerEpoch: 1.5, backend: 'webgl' },
    ablation: [{ modality: 'image', accuracy: 0.5, contribution: 0.4 }],
    history: [],
    earlyStop: null,
    startedAt: finishedAt - 5000,
    finishedAt,
    ...extra,
  };
}

const start = (over: Partial<RunStart> = {}): void =>
  s().startRun({ runId: 'r1', mode: 'train', datasetId: 'synthetic.synergy', projectName: 'p', request: 'auto', startedAt: 1000, ...over });

const status = (phase: Extract<TrainingEvent, { type: 'train.status' }>['phase'], extra: Partial<Extract<TrainingEvent, { type: 'train.status' }>> = {}): TrainingEvent => ({
  type: 'train.status',
  runId: 'r1',
  phase,
  backend: null,
  ...extra,
});

const plan: TrainingEvent = {
  type: 'train.plan',
  runId: 'r1',
  epochs: 3,
  batchesPerEpoch: 10,
  samples: { train: 320, validation: 80, test: 0 },
  classes: ['zero', 'one'],
  bindings: { n1: 'image', n2: 'audio' },
  paramCount: 1234,
  probes: [],
  probeSamples: [],
  probeLabels: [],
  probeInputs: [],
};

function epoch(n: number): TrainingEvent {
  return { type: 'train.epoch', runId: 'r1', epoch: n, epochs: 3, trainLoss: 0.5, trainAcc: 0.8, valLoss: 0.4, valAcc: 0.85, numTensors: 40, numBytes: 2_000_000, epochSeconds: 1, best: true };
}

beforeEach(() => {
  store = createAppStore(withDataset(exampleProject()));
});

describe('one training run', () => {
  it('goes compiling → choosing-backend → training → paused → training → evaluating → done, as one union', () => {
    expect(s().run.phase).toBe('idle');
    start();
    expect(s().run).toMatchObject({ phase: 'compiling', runId: 'r1', pending: null, backend: { request: 'auto', name: null } });

    send(status('choosing-backend', { message: 'Timing a few training steps on webgl, wasm, cpu…' }));
    expect(s().run).toMatchObject({ phase: 'choosing-backend', backend: { message: 'Timing a few training steps on webgl, wasm, cpu…' } });

    const figures = [
      { backend: 'wasm' as const, samplesPerSec: 3300 },
      { backend: 'webgl' as const, samplesPerSec: 1520 },
      { backend: 'cpu' as const, samplesPerSec: 600 },
    ];
    send(status('choosing-backend', { backend: 'wasm', backendFigures: figures, message: 'Chose wasm (3,300 samples/s).' }));
    send(status('training', { backend: 'wasm', backendFigures: figures }));
    send(plan);
    const run = s().run;
    expect(run.phase).toBe('training');
    if (run.phase !== 'training') return;
    expect(run.backend).toMatchObject({ name: 'wasm', figures });
    expect(run.plan).toMatchObject({ epochs: 3, batchesPerEpoch: 10, classes: ['zero', 'one'] });
    expect(run.progress).toMatchObject({ epoch: 1, epochs: 3, batch: 0, batches: 10, etaSeconds: null });

    s().setRunProgress('r1', { epoch: 1, epochs: 3, batch: 4, batches: 10, etaSeconds: 12, samplesPerSec: 900 });
    expect(selectRunProgress(s())).toMatchObject({ batch: 4, etaSeconds: 12 });
    send(epoch(1));
    expect(s().run).toMatchObject({ phase: 'training', memory: { numTensors: 40, numBytes: 2_000_000, epoch: 1 }, progress: { epoch: 1, batch: 10 } });

    s().markPending('pause');
    expect(s().run).toMatchObject({ phase: 'training', pending: 'pause' });
    send(status('paused', { backend: 'wasm' }));
    expect(s().run).toMatchObject({ phase: 'paused', pending: null, memory: { numTensors: 40 } });
    s().markPending('resume');
    send(status('training', { backend: 'wasm' }));
    expect(s().run).toMatchObject({ phase: 'training', pending: null, backend: { figures } });

    send(status('evaluating', { backend: 'wasm' }));
    expect(s().run.phase).toBe('evaluating');

    const rec = record('r1', 9000);
    send({
      type: 'train.done',
      runId: 'r1',
      metrics: rec.metrics,
      confusion: [
        [38, 2],
        [6, 34],
      ],
      perClass: [0.95, 0.85],
      ablation: rec.ablation,
      history: [],
      earlyStop: null,
      record: rec,
    });
    send(status('done', { backend: 'wasm' }));
    const done = s().run;
    expect(done.phase).toBe('done');
    if (done.phase !== 'done') return;
    expect(done.record).toBe(rec);
    expect(done.evaluation).toMatchObject({ classes: ['zero', 'one'], perClass: [0.95, 0.85], confusion: [[38, 2], [6, 34]] });
    expect(done.memory).toMatchObject({ numTensors: 40 });
    expect(s().runHistory).toEqual([rec]);
  });

  it('ignores events of other runs and telemetry', () => {
    start();
    send(status('training', { runId: 'old', backend: 'webgl' }));
    expect(s().run.phase).toBe('compiling');
    const before = s().run;
    send({ type: 'train.batch', runId: 'r1', epoch: 1, epochs: 3, batch: 1, batches: 10, loss: 1, acc: 0.5, samplesPerSec: 100, etaSeconds: 30 });
    expect(s().run).toBe(before);
  });

  it('keeps the error details when the status line follows train.error', () => {
    start();
    send(status('training', { backend: 'cpu' }));
    send({ type: 'train.error', runId: 'r1', message: 'The loss became NaN at epoch 2.', cause: 'The learning rate is too high.', fix: 'Set it to 0.001.', nodeId: 'n5' });
    send(status('error', { backend: 'cpu' }));
    expect(s().run).toMatchObject({ phase: 'error', message: 'The loss became NaN at epoch 2.', cause: 'The learning rate is too high.', fix: 'Set it to 0.001.', nodeId: 'n5' });
  });

  it('stops, and records a backend fallback', () => {
    start();
    send(status('training', { backend: 'webgl' }));
    send({
      type: 'train.backendFallback',
      runId: 'r1',
      from: 'webgl',
      to: 'cpu',
      reason: 'context lost',
      resumedAt: { epoch: 2, batch: 3 },
      optimizerStateMoved: true,
      message: 'webgl failed (context lost); continuing on cpu from epoch 2, batch 3.',
    });
    expect(s().run).toMatchObject({ phase: 'training', backend: { name: 'cpu' }, fallback: expect.stringContaining('continuing on cpu') });
    s().markPending('stop');
    send(status('stopped', { backend: 'cpu', message: 'Stopped; the model and its memory were released.' }));
    expect(s().run).toMatchObject({ phase: 'stopped', message: 'Stopped; the model and its memory were released.' });
    expect(s().runHistory).toEqual([]);
  });

  it('gives up on a run whose worker does not answer Stop', () => {
    start({ runId: 'a1', mode: 'arena' });
    s().markPending('stop');
    s().abandonRun('a1', 'The worker did not answer.');
    expect(s().run).toMatchObject({ phase: 'stopped', message: 'The worker did not answer.' });
    expect(s().arena).toMatchObject({ status: 'stopped', current: null });
  });

  it('fails a run the worker could not take', () => {
    start();
    s().failRun('r1', 'The worker does not know the message "train.start".', 'Reload the page.');
    expect(s().run).toMatchObject({ phase: 'error', fix: 'Reload the page.', nodeId: null });
    s().clearRun();
    expect(s().run.phase).toBe('idle');
  });
});

describe('the fusion arena', () => {
  const row = (strategy: ArenaRow['strategy'], valAccuracy: number | null): ArenaRow => ({
    status: 'done',
    strategy,
    runId: `v-${strategy}`,
    valAccuracy,
    testAccuracy: null,
    ablation: [],
    params: 100,
    secondsPerEpoch: 1,
    rank: 1,
  });

  it('fills the leaderboard row by row, follows the current variant, and keeps the records', () => {
    start({ runId: 'a1', mode: 'arena' });
    expect(s().arena).toMatchObject({ arenaId: 'a1', status: 'running', rows: [] });
    send({ type: 'train.status', runId: 'a1', phase: 'training', backend: 'webgl' });
    send({ type: 'arena.variant', runId: 'a1', strategy: 'concat', variantRunId: 'v-concat', index: 0, total: 3, document: exampleProject() });
    expect(s().arena?.current).toEqual({ strategy: 'concat', variantRunId: 'v-concat', index: 0, total: 3 });
    // The variant's batches move the arena's progress.
    s().setRunProgress('v-concat', { epoch: 2, epochs: 3, batch: 5, batches: 10, etaSeconds: 4, samplesPerSec: 500 });
    expect(selectRunProgress(s())).toMatchObject({ epoch: 2, batch: 5 });
    s().setRunProgress('elsewhere', { epoch: 3, epochs: 3, batch: 5, batches: 10, etaSeconds: 4, samplesPerSec: 500 });
    expect(selectRunProgress(s())).toMatchObject({ epoch: 2 });

    send({ type: 'arena.row', runId: 'a1', row: row('concat', 0.9) });
    send({ type: 'arena.row', runId: 'a1', row: { status: 'skipped', strategy: 'bilinear', reason: 'Bilinear pooling takes exactly two modalities.' } });
    send({ type: 'arena.row', runId: 'a1', row: row('late', 0.5) });
    expect(s().arena?.rows.map((r) => r.strategy)).toEqual(['concat', 'bilinear', 'late']);

    const records = [record('v-concat', 5000, { arenaId: 'a1', strategy: 'concat' }), record('v-late', 6000, { arenaId: 'a1', strategy: 'late' })];
    send({ type: 'arena.done', runId: 'a1', status: 'done', rows: s().arena?.rows ?? [], records });
    send({ type: 'train.status', runId: 'a1', phase: 'done', backend: 'webgl' });
    expect(s().arena).toMatchObject({ status: 'done', current: null });
    expect(s().run.phase).toBe('done');
    expect(s().runHistory.map((r) => r.runId)).toEqual(['v-late', 'v-concat']);
  });

  it('lets people choose the strategies of the next arena', () => {
    expect(s().arenaStrategies).toContain('late');
    expect(s().arenaStrategies).not.toContain('bilinear');
    s().toggleArenaStrategy('late');
    s().toggleArenaStrategy('bilinear');
    expect(s().arenaStrategies).not.toContain('late');
    expect(s().arenaStrategies.indexOf('bilinear')).toBeGreaterThan(s().arenaStrategies.indexOf('transformer'));
  });

  it('ranks for display: ties share a rank, skipped and failed go last', () => {
    const rows = [row('late', 0.5), { status: 'failed' as const, strategy: 'tensor' as const, reason: 'Out of memory.' }, row('concat', 0.9), row('modalityAttention', 0.9)];
    const board = arenaLeaderboard(rows);
    expect(board.map((r) => [r.strategy, r.status === 'done' ? r.rank : r.status])).toEqual([
      ['concat', 1],
      ['modalityAttention', 1],
      ['late', 3],
      ['tensor', 'failed'],
    ]);
    expect(arenaLeaderboard(rows)).toBe(board);
  });
});

describe('training settings', () => {
  it('edits doc.training as undoable steps, one per setting while typing', () => {
    const before = s().doc.training;
    expect(s().setTrainingNumber('epochs', 3)).toBe(true);
    expect(s().setTrainingNumber('epochs', 4)).toBe(true);
    expect(s().setTrainingNumber('batchSize', 32)).toBe(true);
    s().setOptimizer('sgd');
    expect(s().doc.training).toMatchObject({ epochs: 4, batchSize: 32, optimizer: 'sgd' });
    s().undo();
    s().undo();
    expect(s().doc.training).toMatchObject({ epochs: 4, batchSize: before.batchSize, optimizer: before.optimizer });
    s().undo();
    expect(s().doc.training).toEqual(before);
  });

  it('refuses values out of range and says why', () => {
    expect(s().setTrainingNumber('learningRate', 0)).toBe(false);
    expect(s().setTrainingNumber('batchSize', 2.5)).toBe(false);
    expect(s().setTrainingNumber('epochs', Number.NaN)).toBe(false);
    expect(s().doc.training).toEqual(exampleProject().training);
    expect(trainingSettingProblem('learningRate', 0)).toBe('Between 0 (exclusive) and 1.');
    expect(trainingSettingProblem('batchSize', 2.5)).toBe('Enter a whole number.');
    expect(trainingSettingProblem('earlyStoppingPatience', 0)).toBeNull();
  });
});

describe('Train button', () => {
  it('says why training cannot start', () => {
    expect(selectTrainBlocker(s())).toBeNull();
    s().chooseDataset(null);
    expect(selectTrainBlocker(s())).toBe('Choose a dataset in the Data panel first.');
    s().loadProject(newProject());
    expect(selectTrainBlocker(s())).toMatch(/^Add an input/);
    s().loadProject(withDataset(exampleProject()));
    s().setParam('n3', 'filters', -4);
    expect(selectTrainBlocker(s())).toMatch(/^Fix the (error|\d+ errors) in Problems first\.$/);
    s().undo();
    start();
    expect(selectTrainBlocker(s())).toBe('A run is in progress: stop it first.');
  });
});

describe('run history', () => {
  it('keeps runs newest first, capped, and compares two of them', () => {
    s().addRunRecords([record('a', 1), record('b', 3), record('c', 2)]);
    expect(s().runHistory.map((r) => r.runId)).toEqual(['b', 'c', 'a']);
    s().addRunRecords(Array.from({ length: RUN_HISTORY_LIMIT + 5 }, (_, i) => record(`x${i}`, 100 + i)));
    expect(s().runHistory).toHaveLength(RUN_HISTORY_LIMIT);

    s().setRunHistory([record('a', 1), record('b', 3), record('c', 2)]);
    s().toggleCompare('a');
    s().toggleCompare('b');
    s().toggleCompare('c');
    expect(s().compareIds).toEqual(['b', 'c']);
    const picked = selectCompareRuns(s());
    expect(picked.map((r) => r.runId)).toEqual(['b', 'c']);
    expect(selectCompareRuns(s())).toBe(picked);
    s().removeRun('c');
    expect(s().compareIds).toEqual(['b']);
  });

  it('opens a run’s graph in the editor as one undo step', () => {
    const other = { ...withDataset(exampleProject()), name: 'From a run' };
    s().addRunRecords([record('a', 1, { document: other })]);
    const before = s().doc;
    expect(s().openRunGraph('a')).toBe(true);
    expect(s().doc.name).toBe('From a run');
    s().undo();
    expect(s().doc).toBe(before);
    expect(s().openRunGraph('missing')).toBe(false);
  });

  it('is saved to storage and read back, dropping records that no longer read', async () => {
    const storage = createMemoryStorage();
    await saveRunHistory(storage, [record('a', 1), record('b', 2)]);
    const raw = JSON.parse(storage.data.get(RUN_HISTORY_KEY) ?? '{}') as { runs: unknown[] };
    raw.runs.push({ runId: 'bad', document: { format: 'nope' } }, 42);
    storage.data.set(RUN_HISTORY_KEY, JSON.stringify(raw));
    expect((await loadRunHistory(storage)).map((r) => r.runId)).toEqual(['a', 'b']);
    storage.data.set(RUN_HISTORY_KEY, 'not json');
    expect(await loadRunHistory(storage)).toEqual([]);
  });

  it('persistence loads the stored runs, merges new ones, and saves changes', async () => {
    vi.useFakeTimers();
    try {
      const storage = createMemoryStorage();
      await saveRunHistory(storage, [record('old', 1)]);
      s().addRunRecords([record('new', 5)]);
      const p = startRunHistoryPersistence(store, storage);
      await p.ready;
      expect(s().runHistory.map((r) => r.runId)).toEqual(['new', 'old']);
      await vi.runAllTimersAsync();
      expect((await loadRunHistory(storage)).map((r) => r.runId)).toEqual(['new', 'old']);
      s().removeRun('old');
      await vi.runAllTimersAsync();
      expect((await loadRunHistory(storage)).map((r) => r.runId)).toEqual(['new']);
      p.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
