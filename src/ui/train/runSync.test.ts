// The worker's events reach the buffer per batch but the store only a few times a second.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { exampleProject } from '../../graph/index.ts';
import { appStore } from '../../store/index.ts';
import type { TrainingEvent } from '../../train/trainingProtocol.ts';
import { handleTrainingEvent, PROGRESS_INTERVAL_MS } from './runSync.ts';
import { beginTelemetry, resetTelemetry, telemetry } from './telemetry.ts';
import { beginHeatmaps, heatmaps } from '../heatmaps/heatmapStore.ts';

const s = () => appStore.getState();

function batch(n: number): TrainingEvent {
  return { type: 'train.batch', runId: 'r1', epoch: 1, epochs: 2, batch: n, batches: 100, loss: 1 / n, acc: 0.5, samplesPerSec: 1000, etaSeconds: 10 };
}

beforeEach(() => {
  vi.useFakeTimers();
  // The app's singleton store: reset its state (its actions stay bound to it).
  s().resetProject({ ...exampleProject(), dataset: { id: 'synthetic.synergy' } });
  appStore.setState({ run: { phase: 'idle' }, arena: null, runHistory: [], compareIds: [], toasts: [] });
  resetTelemetry();
  s().startRun({ runId: 'r1', mode: 'train', datasetId: 'synthetic.synergy', projectName: 'p', request: 'auto', startedAt: 0 });
  beginTelemetry('r1', 2);
  handleTrainingEvent({ type: 'train.status', runId: 'r1', phase: 'training', backend: 'cpu' });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('runSync', () => {
  it('buffers every batch but writes progress to the store at most every PROGRESS_INTERVAL_MS', () => {
    let writes = 0;
    const off = appStore.subscribe((a, b) => {
      if (a.run !== b.run) writes++;
    });
    for (let i = 1; i <= 50; i++) {
      handleTrainingEvent(batch(i));
      vi.advanceTimersByTime(5);
    }
    expect(telemetry().batches.x).toHaveLength(50);
    expect(writes).toBeLessThanOrEqual(Math.ceil((50 * 5) / PROGRESS_INTERVAL_MS) + 1);
    vi.advanceTimersByTime(PROGRESS_INTERVAL_MS);
    expect(s().run).toMatchObject({ phase: 'training', progress: { batch: 50, batches: 100, etaSeconds: 10 } });
    off();
  });

  it('routes the end of a run to the store and the history', () => {
    handleTrainingEvent(batch(1));
    handleTrainingEvent({ type: 'train.epoch', runId: 'r1', epoch: 1, epochs: 2, trainLoss: 1, trainAcc: 0.5, valLoss: 0.5, valAcc: 0.8, numTensors: 12, numBytes: 1000, epochSeconds: 1, best: true });
    expect(telemetry().epochs).toHaveLength(1);
    expect(s().run).toMatchObject({ memory: { numTensors: 12 } });
    handleTrainingEvent({ type: 'train.error', runId: 'r1', message: 'The loss became NaN.', fix: 'Lower the learning rate.' });
    expect(s().run).toMatchObject({ phase: 'error', fix: 'Lower the learning rate.' });
  });

  it('shows a backend fallback as a toast', () => {
    handleTrainingEvent({
      type: 'train.backendFallback',
      runId: 'r1',
      from: 'webgl',
      to: 'cpu',
      reason: 'lost context',
      resumedAt: { epoch: 1, batch: 3 },
      optimizerStateMoved: true,
      message: 'webgl failed (lost context); continuing on cpu from epoch 1, batch 3.',
    });
    expect(s().toasts.map((t) => t.message)).toEqual(['webgl failed (lost context); continuing on cpu from epoch 1, batch 3.']);
    expect(s().run).toMatchObject({ fallback: expect.stringContaining('continuing on cpu') });
  });

  it('sends the probe set and every attention snapshot to the heatmap store, never to the app store', () => {
    beginHeatmaps('r1');
    const probe = { nodeId: 'n5', kind: 'fusion.modalityAttention', shape: [2], meaning: 'α', axes: ['modality'] };
    handleTrainingEvent({
      type: 'train.plan',
      runId: 'r1',
      epochs: 2,
      batchesPerEpoch: 100,
      samples: { train: 100, validation: 20, test: 0 },
      classes: ['a', 'b'],
      bindings: {},
      paramCount: 10,
      probes: [probe],
      probeSamples: [3, 4],
      probeLabels: [0, 1],
      probeInputs: [],
    });
    let writes = 0;
    const off = appStore.subscribe(() => writes++);
    for (let i = 1; i <= 20; i++) handleTrainingEvent({ type: 'train.probe', runId: 'r1', epoch: 1, batch: i, final: false, nodeId: 'n5', values: Float32Array.from([0.4, 0.6, 0.5, 0.5]), shape: [2, 2] });
    off();
    expect(writes).toBe(0);
    expect(heatmaps().ticks).toHaveLength(20);
    expect(heatmaps().plan?.samples).toEqual([3, 4]);
  });
});
