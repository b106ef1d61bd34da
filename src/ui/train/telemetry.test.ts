import { beforeEach, describe, expect, it } from 'vitest';
import type { BatchReport } from '../../train/trainingProtocol.ts';
import { beginTelemetry, pushBatch, pushEpoch, resetTelemetry, subscribeTelemetry, telemetry } from './telemetry.ts';

const batch = (epoch: number, b: number, loss: number, acc: number | null = 0.5): BatchReport => ({
  epoch,
  epochs: 2,
  batch: b,
  batches: 4,
  loss,
  acc,
  samplesPerSec: 100,
  etaSeconds: 3,
});

beforeEach(() => resetTelemetry());

describe('telemetry buffer', () => {
  it('keeps the watched run’s batches with their epoch position and a debiased moving average', () => {
    beginTelemetry('r1', 2);
    expect(pushBatch('other', batch(1, 1, 9))).toBe(false);
    pushBatch('r1', batch(1, 1, 2));
    pushBatch('r1', batch(1, 2, 1));
    pushBatch('r1', batch(2, 4, 1, null));
    const t = telemetry();
    expect(t.batches.x).toEqual([0.25, 0.5, 2]);
    expect(t.batches.loss).toEqual([2, 1, 1]);
    // The first point is the value itself (no pull towards zero), then it moves slowly.
    expect(t.batches.lossSmooth[0]).toBeCloseTo(2);
    expect(t.batches.lossSmooth[1]).toBeGreaterThan(1.4);
    expect(t.batches.lossSmooth[1]).toBeLessThan(1.6);
    expect(Number.isNaN(t.batches.accSmooth[2])).toBe(true);
    expect(t.lastBatch?.batch).toBe(4);
    expect(t.plannedEpochs).toBe(2);
  });

  it('notifies listeners and bumps the version on every change; a new run starts empty', () => {
    beginTelemetry('r1');
    let calls = 0;
    const off = subscribeTelemetry(() => calls++);
    const v = telemetry().version;
    pushBatch('r1', batch(1, 1, 1));
    pushEpoch('r1', { epoch: 1, epochs: 2, trainLoss: 1, trainAcc: 0.5, valLoss: 0.9, valAcc: 0.6, numTensors: 10, numBytes: 100, epochSeconds: 1, best: true });
    pushEpoch('r1', { epoch: 1, epochs: 2, trainLoss: 1, trainAcc: 0.5, valLoss: 0.8, valAcc: 0.7, numTensors: 10, numBytes: 100, epochSeconds: 1, best: true });
    expect(calls).toBe(3);
    expect(telemetry().version).toBe(v + 3);
    expect(telemetry().epochs.map((e) => e.valAcc)).toEqual([0.7]);
    beginTelemetry('r2');
    expect(telemetry()).toMatchObject({ runId: 'r2', epochs: [], lastBatch: null });
    expect(telemetry().batches.x).toEqual([]);
    off();
  });
});
