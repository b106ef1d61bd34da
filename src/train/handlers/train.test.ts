// The worker's training handler, driven by messages as the worker's router would (cpu backend).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProjectDocument } from '../../graph/index.ts';
import { toyDataset, toyDocument, toyGraph } from '../loop/testing.ts';
import type { TrainingEvent } from '../trainingProtocol.ts';
import { createTrainingHandler, type TrainingEnv } from './train.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const data = toyDataset({ n: 160 });
const env: TrainingEnv = {
  loadDataset: async () => data,
  availableBackends: async () => ['cpu'],
};

function doc(graph = toyGraph(), training: Partial<ProjectDocument['training']> = {}): ProjectDocument {
  return toyDocument(graph, { epochs: 2, learningRate: 0.01, ...training });
}

function phases(events: readonly TrainingEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'train.status' ? [e.phase] : []));
}

describe('handleTrainingMessage', () => {
  it('train.start: status, plan, batches, epochs, done — then the kept model is released on dispose', async () => {
    const before = tf.memory().numTensors;
    const handler = createTrainingHandler(env);
    const events: TrainingEvent[] = [];
    await handler.handle({ type: 'train.start', runId: 'r1', document: doc(), backend: 'cpu', evaluateTest: true }, (e) => events.push(e));
    await handler.idle();
    expect(phases(events)).toEqual(['compiling', 'training', 'evaluating', 'done']);
    const types = [...new Set(events.map((e) => e.type))];
    expect(types).toEqual(['train.status', 'train.plan', 'train.batch', 'train.epoch', 'train.done']);
    const plan = events.find((e) => e.type === 'train.plan');
    expect(plan).toMatchObject({ epochs: 2, classes: ['zero', 'one'], bindings: { a: 'a', b: 'b' } });
    const done = events.find((e) => e.type === 'train.done');
    if (done?.type !== 'train.done') throw new Error('no train.done');
    expect(done.metrics.validation?.accuracy).toBeGreaterThan(0.5);
    expect(done.metrics.test?.samples).toBeGreaterThan(0);
    expect(done.confusion).toHaveLength(2);
    expect(done.ablation.map((a) => a.modality)).toEqual(['a', 'b']);
    expect(done.record).toMatchObject({ runId: 'r1', status: 'done', datasetId: 'test.redundant' });
    expect(done.record.document.graph).toEqual(doc().graph);
    expect(events.filter((e) => e.type === 'train.status').every((e) => e.type !== 'train.status' || e.phase === 'compiling' || e.backend === 'cpu')).toBe(true);
    expect(handler.trainedModel()?.runId).toBe('r1');
    await handler.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('train.pause, train.resume and train.stop by message; Stop frees every tensor', async () => {
    const before = tf.memory().numTensors;
    const handler = createTrainingHandler(env);
    const events: TrainingEvent[] = [];
    let paused = false;
    let resumed = false;
    const post = (e: TrainingEvent): void => {
      events.push(e);
      if (e.type === 'train.batch' && e.batch === 1 && e.epoch === 1 && !paused) {
        paused = true;
        void handler.handle({ type: 'train.pause', runId: 'r2' }, post);
      }
      if (e.type === 'train.status' && e.phase === 'paused' && !resumed) {
        resumed = true;
        setTimeout(() => void handler.handle({ type: 'train.resume', runId: 'r2' }, post), 5);
      }
      if (e.type === 'train.batch' && e.epoch === 2 && e.batch === 1) void handler.handle({ type: 'train.stop', runId: 'r2' }, post);
    };
    await handler.handle({ type: 'train.start', runId: 'r2', document: doc(toyGraph(), { epochs: 20 }), backend: 'cpu' }, post);
    await handler.idle();
    expect(phases(events)).toEqual(['compiling', 'training', 'paused', 'training', 'stopped']);
    expect(events.some((e) => e.type === 'train.done')).toBe(false);
    expect(handler.trainedModel()).toBeNull();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a binding problem becomes train.error naming the node', async () => {
    const handler = createTrainingHandler(env);
    const events: TrainingEvent[] = [];
    const graph = toyGraph();
    const wrong = { ...graph, nodes: graph.nodes.map((n) => (n.id === 'b' ? { ...n, params: { features: 7 } } : n)) };
    await handler.handle({ type: 'train.start', runId: 'r3', document: doc(wrong), backend: 'auto' }, (e) => events.push(e));
    await handler.idle();
    const error = events.find((e) => e.type === 'train.error');
    expect(error).toMatchObject({ type: 'train.error', runId: 'r3', nodeId: 'b', message: expect.stringMatching(/^Tabular input "B" \(b\) expects 7 but the dataset's 'b' is 4: set features 4/) });
    expect(phases(events)).toEqual(['compiling', 'error']);
  });

  it("'auto' times each available backend that could win and reports the figures", async () => {
    const handler = createTrainingHandler({
      loadDataset: async () => data,
      availableBackends: async () => ['webgl', 'wasm', 'cpu'],
      // Every name runs on cpu here (a hardware renderer, as far as the check can tell): the probe and the choice are what is tested.
      activateBackend: async () => tf.setBackend('cpu'),
      probeSteps: 1,
    });
    const events: TrainingEvent[] = [];
    await handler.handle({ type: 'train.start', runId: 'r4', document: doc(toyGraph(), { epochs: 1 }), backend: 'auto' }, (e) => events.push(e));
    await handler.idle();
    const withFigures = events.find((e) => e.type === 'train.status' && e.backendFigures && e.backendFigures.length > 0);
    if (withFigures?.type !== 'train.status') throw new Error('no figures');
    // cpu is not timed when wasm works.
    expect(withFigures.backendFigures?.map((f) => [f.backend, f.skipped === undefined])).toEqual([
      ['webgl', true],
      ['wasm', true],
      ['cpu', false],
    ]);
    expect(withFigures.backendFigures?.slice(0, 2).every((f) => (f.samplesPerSec ?? 0) > 0)).toBe(true);
    expect(phases(events)).toEqual(['compiling', 'choosing-backend', 'choosing-backend', 'training', 'evaluating', 'done']);
    await handler.dispose();
  });

  it("'auto' takes wasm without timing when only cpu is the alternative", async () => {
    const handler = createTrainingHandler({
      loadDataset: async () => data,
      availableBackends: async () => ['wasm', 'cpu'],
      activateBackend: async () => tf.setBackend('cpu'),
      probeSteps: 1,
    });
    const events: TrainingEvent[] = [];
    await handler.handle({ type: 'train.start', runId: 'r4b', document: doc(toyGraph(), { epochs: 1 }), backend: 'auto' }, (e) => events.push(e));
    await handler.idle();
    const chosen = events.find((e) => e.type === 'train.status' && e.phase === 'choosing-backend');
    if (chosen?.type !== 'train.status') throw new Error('no choice');
    expect(chosen.backend).toBe('wasm');
    expect(chosen.message).toBe('Chose wasm (not timed: cpu, wasm runs the same kernels faster).');
    expect(phases(events)).toEqual(['compiling', 'choosing-backend', 'training', 'evaluating', 'done']);
    await handler.dispose();
  });

  it('sends probe values (transferred) for attention nodes', async () => {
    const handler = createTrainingHandler(env);
    const events: TrainingEvent[] = [];
    const transfers: Transferable[][] = [];
    await handler.handle(
      { type: 'train.start', runId: 'r5', document: doc(toyGraph('fusion.modalityAttention', { fusionParams: { units: 4 } }), { epochs: 1 }), backend: 'cpu', probesPerSecond: 1000 },
      (e, t) => {
        events.push(e);
        if (e.type === 'train.probe') transfers.push(t ?? []);
      },
    );
    await handler.idle();
    const plan = events.find((e) => e.type === 'train.plan');
    if (plan?.type !== 'train.plan') throw new Error('no plan');
    expect(plan.probes.map((p) => [p.nodeId, p.axes])).toEqual([['f', ['modality']]]);
    expect(plan.probeSamples.length).toBe(8);
    const probe = events.find((e) => e.type === 'train.probe');
    if (probe?.type !== 'train.probe') throw new Error('no probe');
    expect(probe.shape).toEqual([8, 2]);
    expect(probe.values).toBeInstanceOf(Float32Array);
    expect(transfers[0]).toEqual([probe.values.buffer]);
    await handler.dispose();
  });

  it("train.start's probePick and probeSamples choose the plan's probe set", async () => {
    const graph = toyGraph('fusion.modalityAttention', { fusionParams: { units: 4 } });
    const planOf = async (extra: { probePick?: { count: number; shuffle: number }; probeSamples?: number[] }): Promise<readonly number[]> => {
      const handler = createTrainingHandler(env);
      const events: TrainingEvent[] = [];
      await handler.handle({ type: 'train.start', runId: 'r6', document: doc(graph, { epochs: 1 }), backend: 'cpu', probesPerSecond: 1000, ...extra }, (e) => events.push(e));
      await handler.idle();
      await handler.dispose();
      const plan = events.find((e) => e.type === 'train.plan');
      if (plan?.type !== 'train.plan') throw new Error('no plan');
      const probe = events.find((e) => e.type === 'train.probe');
      expect(probe?.type === 'train.probe' ? probe.shape[0] : -1).toBe(plan.probeSamples.length);
      return plan.probeSamples;
    };
    const plain = await planOf({});
    const twelve = await planOf({ probePick: { count: 12, shuffle: 0 } });
    expect(twelve).toHaveLength(12);
    expect(twelve.slice(0, 8)).toEqual(plain);
    const shuffled = await planOf({ probePick: { count: 8, shuffle: 99 } });
    expect(shuffled).toHaveLength(8);
    expect(shuffled).not.toEqual(plain);
    expect(await planOf({ probeSamples: [3, 1, 4] })).toEqual([3, 1, 4]);
  });

  it('arena.start: a variant, a row per strategy, then arena.done with the runs', async () => {
    const handler = createTrainingHandler(env);
    const events: TrainingEvent[] = [];
    await handler.handle({ type: 'arena.start', runId: 'a1', document: doc(toyGraph(), { epochs: 1 }), strategies: ['concat', 'late', 'bilinear'], backend: 'cpu' }, (e) => events.push(e));
    await handler.idle();
    expect(events.filter((e) => e.type === 'arena.variant').map((e) => (e.type === 'arena.variant' ? e.variantRunId : ''))).toEqual(['a1/concat', 'a1/late', 'a1/bilinear']);
    expect(events.filter((e) => e.type === 'arena.row')).toHaveLength(3);
    const done = events.find((e) => e.type === 'arena.done');
    if (done?.type !== 'arena.done') throw new Error('no arena.done');
    expect(done.status).toBe('done');
    expect(done.records).toHaveLength(3);
    expect(events.some((e) => e.type === 'train.epoch' && e.runId === 'a1/late')).toBe(true);
  });
});
