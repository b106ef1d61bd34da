// Evaluation, modality ablation and probes after a short training run (cpu backend).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../../compile/index.ts';
import { DEFAULT_TRAINING, type TrainingSettings } from '../../graph/index.ts';
import { makeBatch, splitIndices, disposeBatch } from './batches.ts';
import { bindDataset } from './binding.ts';
import { ablateModalities, evaluateSplit, summarise } from './evaluate.ts';
import { pickProbeSamples, probeSamples, probeSnapshot, Throttle } from './probes.ts';
import { trainModel } from './trainer.ts';
import { toyDataset, toyGraph } from './testing.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const SETTINGS: TrainingSettings = { ...DEFAULT_TRAINING, learningRate: 0.01, batchSize: 32, epochs: 8, seed: 3 };

describe('evaluation', () => {
  it('summarises predictions as accuracy, a confusion matrix and per-class accuracy', () => {
    const labels = Int32Array.from([0, 0, 1, 1, 2]);
    const s = summarise('validation', labels, Int32Array.from([0, 1, 2, 3]), { predicted: Int32Array.from([0, 1, 1, 1]), loss: 0.5, samples: 4 }, 3);
    expect(s.accuracy).toBe(0.75);
    expect(s.confusion).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [0, 0, 0],
    ]);
    expect(s.perClass).toEqual([0.5, 1, null]);
  });

  it('ablation: when only modality A carries the label, A contributes a lot and B about nothing', async () => {
    const data = toyDataset({ kind: 'onlyA', n: 400, seed: 4 });
    const graph = toyGraph('fusion.concat', { units: 8 });
    const compiled = compileGraph(graph, { seed: SETTINGS.seed });
    const binding = bindDataset(graph, compiled, data.info);
    const result = await trainModel({ compiled, data, binding, settings: SETTINGS });
    expect(result.status).toBe('done');
    const { validation, test } = splitIndices(data, 0.2, SETTINGS.seed);
    const full = await evaluateSplit(compiled.model, compiled, data, binding, 'validation', validation);
    expect(full.accuracy).toBeGreaterThan(0.9);
    expect(full.confusion.flat().reduce((a, b) => a + b, 0)).toBe(validation.length);
    const rows = await ablateModalities(compiled.model, compiled, data, binding, validation, full.accuracy);
    const byName = Object.fromEntries(rows.map((r) => [r.modality, r.contribution]));
    expect(byName['a']).toBeGreaterThan(0.3);
    expect(Math.abs(byName['b'] ?? 1)).toBeLessThan(0.08);
    const onTest = await evaluateSplit(compiled.model, compiled, data, binding, 'test', test);
    expect(onTest.split).toBe('test');
    expect(onTest.accuracy).toBeGreaterThan(0.7);
    compiled.model.dispose();
  });
});

describe('probes', () => {
  it('picks one validation sample per class, round after round, up to the minimum', () => {
    const labels = Int32Array.from([0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
    expect(pickProbeSamples(labels, Int32Array.from([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]), 2, { min: 4 })).toEqual([2, 3, 4, 5]);
    expect(pickProbeSamples(labels, Int32Array.from([2, 4, 6, 3]), 2, { min: 8 })).toEqual([2, 3, 4, 6]);
  });

  it('a snapshot equals the probe outputs of a direct forward pass with the same weights, and leaks nothing', () => {
    const data = toyDataset({ n: 60 });
    const graph = toyGraph('fusion.modalityAttention', { fusionParams: { units: 4 } });
    const compiled = compileGraph(graph, { seed: 2 });
    const binding = bindDataset(graph, compiled, data.info);
    expect(compiled.probes.map((p) => p.nodeId)).toEqual(['f']);
    const samples = pickProbeSamples(data.labels, splitIndices(data, 0.2, 1).validation, 2);
    const before = tf.memory().numTensors;
    const snap = probeSamples(compiled, data, binding, samples);
    expect(tf.memory().numTensors).toBe(before);
    expect(snap).toHaveLength(1);
    expect(snap[0]?.shape).toEqual([samples.length, 2]);
    const batch = makeBatch(data, binding, samples, { noTargets: true });
    const direct = tf.tidy(() => {
      const outs = compiled.model.predict(batch.xs) as tf.Tensor[];
      return Array.from(outs[compiled.probes[0]?.outputIndex ?? -1]?.dataSync() ?? []);
    });
    expect(Array.from(snap[0]?.values ?? [])).toEqual(direct);
    expect(probeSnapshot(compiled, batch.xs)[0]?.values).toEqual(snap[0]?.values);
    disposeBatch(batch);
    compiled.model.dispose();
  });

  it('the throttle allows at most N per second', () => {
    let t = 0;
    const throttle = new Throttle(2, () => t);
    const allowed: number[] = [];
    for (t = 0; t <= 2000; t += 100) if (throttle.ready()) allowed.push(t);
    expect(allowed).toEqual([0, 500, 1000, 1500, 2000]);
  });

  it('the loop sends probe snapshots between batches, throttled', async () => {
    const data = toyDataset({ n: 200 });
    const graph = toyGraph('fusion.gated', { fusionParams: { units: 4 } });
    const compiled = compileGraph(graph, { seed: 2 });
    const binding = bindDataset(graph, compiled, data.info);
    let t = 0;
    const snaps: { epoch: number; batch: number }[] = [];
    await trainModel({
      compiled,
      data,
      binding,
      settings: { ...SETTINGS, epochs: 2 },
      now: () => (t += 100),
      probes: { samples: [0, 1, 2, 3], perSecond: 2, onSnapshot: (s) => snaps.push({ epoch: s.epoch, batch: s.batch }) },
    });
    expect(snaps.length).toBeGreaterThan(1);
    expect(snaps[0]).toEqual({ epoch: 1, batch: 1 });
    compiled.model.dispose();
  });
});
