// The training loop on the tfjs cpu backend: learning, memory, pause/resume, NaN, early stopping.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../../compile/index.ts';
import { DEFAULT_TRAINING, type TrainingSettings } from '../../graph/index.ts';
import type { DatasetArrays } from '../../data/types.ts';
import { bindDataset } from './binding.ts';
import { RunControl } from './control.ts';
import { readModelWeights, type SavedTensor } from './optimizer.ts';
import { trainModel, type TrainOptions } from './trainer.ts';
import { toyDataset, toyGraph } from './testing.ts';
import type { EpochReport } from './types.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const SETTINGS: TrainingSettings = { ...DEFAULT_TRAINING, learningRate: 0.01, batchSize: 32, epochs: 4, seed: 5 };

function setup(data: DatasetArrays = toyDataset(), settings: Partial<TrainingSettings> = {}, graph = toyGraph()): TrainOptions {
  const s = { ...SETTINGS, ...settings };
  const compiled = compileGraph(graph, { seed: s.seed });
  return { compiled, data, binding: bindDataset(graph, compiled, data.info), settings: s };
}

function flat(weights: readonly SavedTensor[]): number[] {
  return weights.flatMap((w) => Array.from(w.values));
}

describe('trainModel', () => {
  it('lowers the loss on a learnable two-modality dataset and reaches high validation accuracy', async () => {
    const data = toyDataset({ kind: 'redundant', n: 320 });
    const opts = setup(data, { epochs: 6 });
    const trainSize = data.split.filter((s) => s === 0).length;
    const batches: number[] = [];
    const result = await trainModel({ ...opts, onBatch: (r) => batches.push(r.loss) });
    expect(result.status).toBe('done');
    expect(result.history).toHaveLength(6);
    const losses = result.history.map((h) => h.trainLoss);
    expect(losses[5]).toBeLessThan((losses[0] as number) * 0.5);
    expect(result.history[5]?.valAcc).toBeGreaterThanOrEqual(0.9);
    expect(batches.length).toBe(6 * Math.ceil(trainSize / 32));
    expect(result.steps).toBe(batches.length);
    opts.compiled.model.dispose();
  });

  it('reports batches with epoch, batch, throughput and ETA', async () => {
    const opts = setup(toyDataset({ n: 100 }), { epochs: 2, batchSize: 16 });
    const reports: { epoch: number; batch: number; batches: number; samplesPerSec: number; etaSeconds: number; acc: number | null }[] = [];
    await trainModel({ ...opts, onBatch: (r) => reports.push(r) });
    expect(reports[0]).toMatchObject({ epoch: 1, batch: 1, batches: 4 });
    expect(reports.at(-1)).toMatchObject({ epoch: 2, batch: 4, batches: 4 });
    for (const r of reports) {
      expect(r.samplesPerSec).toBeGreaterThan(0);
      expect(r.etaSeconds).toBeGreaterThanOrEqual(0);
      expect(r.acc).toBeGreaterThanOrEqual(0);
    }
    opts.compiled.model.dispose();
  });

  it('keeps tf.memory().numTensors flat from epoch 2 on, and back to the level before compiling after Stop', async () => {
    const before = tf.memory().numTensors;
    const opts = setup(toyDataset({ n: 120 }), { epochs: 50 });
    const control = new RunControl();
    const epochs: EpochReport[] = [];
    const result = await trainModel({
      ...opts,
      control,
      onEpoch: (r) => {
        epochs.push(r);
        if (r.epoch === 4) control.stop();
      },
    });
    expect(result.status).toBe('stopped');
    expect(epochs.map((e) => e.numTensors).slice(1)).toEqual([epochs[1]?.numTensors, epochs[1]?.numTensors, epochs[1]?.numTensors]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('pause and resume keep the model and optimizer state: the same weights as an uninterrupted run', async () => {
    const plain = setup(toyDataset({ n: 160 }), { epochs: 2 });
    await trainModel(plain);
    const expected = flat(readModelWeights(plain.compiled.model));
    plain.compiled.model.dispose();

    const paused = setup(toyDataset({ n: 160 }), { epochs: 2 });
    const control = new RunControl();
    const phases: string[] = [];
    let resumedAfter = 0;
    const result = await trainModel({
      ...paused,
      control,
      onPhase: (p) => phases.push(p),
      onBatch: (r) => {
        if (r.epoch === 1 && r.batch === 2) {
          control.pause();
          const t0 = performance.now();
          setTimeout(() => {
            resumedAfter = performance.now() - t0;
            control.resume();
          }, 30);
        }
      },
    });
    expect(result.status).toBe('done');
    expect(phases).toEqual(['training', 'paused', 'training']);
    expect(resumedAfter).toBeGreaterThanOrEqual(25);
    expect(flat(readModelWeights(paused.compiled.model))).toEqual(expected);
    paused.compiled.model.dispose();
  });

  it('stops while paused', async () => {
    const before = tf.memory().numTensors;
    const opts = setup(toyDataset({ n: 100 }), { epochs: 3 });
    const control = new RunControl();
    const result = await trainModel({
      ...opts,
      control,
      onBatch: (r) => {
        if (r.batch === 1) {
          control.pause();
          setTimeout(() => control.stop(), 10);
        }
      },
    });
    expect(result.status).toBe('stopped');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops on a NaN loss from a huge learning rate, naming the batch, the cause and a fix', async () => {
    const before = tf.memory().numTensors;
    const opts = setup(toyDataset({ n: 200 }), { learningRate: 1e6, optimizer: 'sgd', epochs: 5 }, toyGraph('fusion.concat', { units: 16, hidden: 16 }));
    const result = await trainModel(opts);
    expect(result.status).toBe('error');
    expect(result.problem?.message).toMatch(/^The loss became (NaN|infinite) at epoch \d+, batch \d+\. Likely cause: the learning rate 1e\+6 is too high for sgd\. Fix: lower it to 0\.01 or below\.$/);
    expect(result.problem?.fix).toBe('Fix: lower it to 0.01 or below.');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops on a NaN input value and names the modality and the sample', async () => {
    const data = toyDataset({ n: 100 });
    const bad = data.inputs['b'] as Float32Array;
    bad[7 * 4 + 2] = Number.NaN; // sample 7 (a training sample)
    const result = await trainModel(setup(data, { epochs: 1 }));
    expect(result.status).toBe('error');
    expect(result.problem?.message).toMatch(/at epoch 1, batch \d+\. Likely cause: the dataset's 'b' holds a NaN or infinite value \(sample 7\)\./);
  });

  it('early stopping ends the run after `patience` epochs without a better validation loss and restores the best weights', async () => {
    // Validation labels are flipped: the better the model learns the training set, the worse the
    // validation loss gets, so the best epoch is the first.
    const data = toyDataset({ n: 200 });
    const labels = data.labels.slice();
    for (let i = 0; i < labels.length; i++) if (data.split[i] === 1) labels[i] = 1 - (labels[i] as number);
    const flipped: DatasetArrays = { ...data, labels };
    const opts = setup(flipped, { epochs: 20, earlyStoppingPatience: 2 });
    const perEpoch: number[][] = [];
    const result = await trainModel({ ...opts, onEpoch: () => perEpoch.push(flat(readModelWeights(opts.compiled.model))) });
    expect(result.status).toBe('done');
    const best = result.earlyStop?.bestEpoch as number;
    expect(result.earlyStop).toMatchObject({ epoch: best + 2 });
    expect(result.history).toHaveLength(best + 2);
    expect(result.history[best - 1]?.best).toBe(true);
    expect(flat(readModelWeights(opts.compiled.model))).toEqual(perEpoch[best - 1]);
    expect(flat(readModelWeights(opts.compiled.model))).not.toEqual(perEpoch.at(-1));
    opts.compiled.model.dispose();
  });

  it('holds out validationSplit of the training samples when the dataset has no validation split', async () => {
    const data = toyDataset({ n: 100, fractions: [0, 0.2] });
    const result = await trainModel(setup(data, { epochs: 1, validationSplit: 0.25 }));
    expect(result.history[0]?.valAcc).not.toBeNull();
  });
});
