// Backend fallback: a backend that starts failing mid-run (a kernel goes missing, or its memory
// becomes unreadable as after a lost WebGL context) hands the run to the next backend, and the run
// ends with exactly the weights of a run that never failed.
import * as tf from '@tensorflow/tfjs';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../../compile/index.ts';
import { DEFAULT_TRAINING, type TrainingSettings } from '../../graph/index.ts';
import { bindDataset } from './binding.ts';
import { readModelWeights } from './optimizer.ts';
import { trainModel, type TrainOptions } from './trainer.ts';
import { toyDataset, toyGraph } from './testing.ts';
import type { BatchReport } from './types.ts';

const FLAKY = 'flaky-test';

/** A copy of the cpu backend under another name, with its own kernel registrations. */
function removeFlaky(): void {
  if (tf.findBackendFactory(FLAKY)) tf.removeBackend(FLAKY);
}

function registerFlaky(): void {
  removeFlaky();
  for (const k of tf.getKernelsForBackend(FLAKY)) tf.unregisterKernel(k.kernelName, FLAKY);
  tf.registerBackend(FLAKY, () => new MathBackendCPU(), -1);
  for (const k of tf.getKernelsForBackend('cpu')) tf.registerKernel({ ...k, backendName: FLAKY });
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

afterEach(async () => {
  await tf.setBackend('cpu');
  removeFlaky();
});

const SETTINGS: TrainingSettings = { ...DEFAULT_TRAINING, learningRate: 0.01, batchSize: 16, epochs: 2, seed: 9 };
const data = toyDataset({ n: 120 });

function setup(): TrainOptions {
  const graph = toyGraph('fusion.concat', { hidden: 8 });
  const compiled = compileGraph(graph, { seed: SETTINGS.seed });
  return { compiled, data, binding: bindDataset(graph, compiled, data.info), settings: SETTINGS };
}

async function referenceWeights(): Promise<number[]> {
  const opts = setup();
  const result = await trainModel(opts);
  expect(result.status).toBe('done');
  const w = readModelWeights(opts.compiled.model).flatMap((t) => Array.from(t.values));
  opts.compiled.model.dispose();
  return w;
}

describe('backend fallback', () => {
  it('a missing gradient kernel mid-run moves weights and optimizer state to the next backend and reruns the same batch', async () => {
    const expected = await referenceWeights();
    registerFlaky();
    await tf.setBackend(FLAKY);
    const opts = setup();
    const batches: BatchReport[] = [];
    const result = await trainModel({
      ...opts,
      fallback: { backends: ['cpu'] },
      onBatch: (r) => {
        batches.push(r);
        // Backward passes of dense layers need BatchMatMul; the forward pass does not.
        if (r.epoch === 1 && r.batch === 3) tf.unregisterKernel('BatchMatMul', FLAKY);
      },
    });
    expect(result.status).toBe('done');
    expect(result.backend).toBe('cpu');
    expect(result.fallbacks).toEqual([
      { from: FLAKY, to: 'cpu', reason: expect.stringMatching(/BatchMatMul/), resumedAt: { epoch: 1, batch: 4 }, optimizerStateMoved: true, fromCheckpoint: false },
    ]);
    const perEpoch = Math.ceil(data.split.filter((s) => s === 0).length / 16);
    expect(batches.map((b) => `${b.epoch}.${b.batch}`)).toEqual([1, 2].flatMap((e) => Array.from({ length: perEpoch }, (_, i) => `${e}.${i + 1}`)));
    expect(readModelWeights(opts.compiled.model).flatMap((t) => Array.from(t.values))).toEqual(expected);
    opts.compiled.model.dispose();
  });

  it('an unreadable backend (lost context) restarts the epoch from the checkpoint on the next backend', async () => {
    const expected = await referenceWeights();
    registerFlaky();
    await tf.setBackend(FLAKY);
    const opts = setup();
    let broken = false;
    const result = await trainModel({
      ...opts,
      fallback: { backends: ['cpu'] },
      onBatch: (r) => {
        if (r.epoch === 2 && r.batch === 2 && !broken) {
          broken = true;
          tf.unregisterKernel('BatchMatMul', FLAKY);
          const backend = tf.findBackend(FLAKY) as MathBackendCPU;
          backend.readSync = () => {
            throw new Error('CONTEXT_LOST_WEBGL');
          };
        }
      },
    });
    expect(result.problem).toBeNull();
    expect(result.status).toBe('done');
    expect(result.fallbacks[0]).toMatchObject({ from: FLAKY, to: 'cpu', resumedAt: { epoch: 2, batch: 1 }, fromCheckpoint: true, optimizerStateMoved: true });
    expect(readModelWeights(opts.compiled.model).flatMap((t) => Array.from(t.values))).toEqual(expected);
    opts.compiled.model.dispose();
  });

  it('stops with a message when no backend is left', async () => {
    registerFlaky();
    await tf.setBackend(FLAKY);
    const opts = setup();
    tf.unregisterKernel('BatchMatMul', FLAKY);
    const result = await trainModel({ ...opts, fallback: { backends: [] } });
    expect(result.status).toBe('error');
    expect(result.problem?.message).toMatch(/^Training failed on the flaky-test backend at epoch 1, batch 1: .*BatchMatMul.*Fix: choose another backend/);
  });
});
