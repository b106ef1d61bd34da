// Probes for the heatmaps (issue 6): the heads-only training view and the probe view share the
// compiled model's weights; the attention layer runs once per training step; and what the UI's
// heatmap store decodes from the worker's messages equals a direct forward pass.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileGraph, type CompiledModel } from '../../compile/index.ts';
import { FusionModalityAttention } from '../../compile/layers/index.ts';
import type { ProjectDocument } from '../../graph/index.ts';
import { describeSynthetic, generateSynthetic, redundancy, syntheticOptions, uniqueness } from '../../data/synthetic/index.ts';
import type { DatasetArrays } from '../../data/types.ts';
import { applyPlan, beginHeatmaps, frameAt, heatmaps, pushProbe, seriesOf, shownTick } from '../../ui/heatmaps/heatmapStore.ts';
import { clsHeads, columnMeans, crossMap, gateStrip, sampleWeights, viewKindOf } from '../../ui/heatmaps/decode.ts';
import { createTrainingHandler } from '../handlers/train.ts';
import type { ProbeInfo, TrainingEvent } from '../trainingProtocol.ts';
import { disposeBatch, makeBatch } from './batches.ts';
import { bindDataset } from './binding.ts';
import { headsView, probeModel, probeSnapshot } from './probes.ts';
import { edge, graphOf, node, toyDataset, toyDocument, toyGraph } from './testing.ts';
import { RunControl } from './control.ts';
import { trainModel } from './trainer.ts';
import { DEFAULT_TRAINING } from '../../graph/index.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function flat(model: tf.LayersModel): number[] {
  return model.getWeights().flatMap((w) => Array.from(w.dataSync()));
}

describe('headsView and probeModel', () => {
  it('are models over the same layers: same weight variables, and training the view trains the compiled model', async () => {
    const data = toyDataset({ n: 120 });
    const graph = toyGraph('fusion.modalityAttention', { fusionParams: { units: 4 } });
    const compiled = compileGraph(graph, { seed: 3 });
    const view = headsView(compiled);
    const probes = probeModel(compiled);
    if (!probes) throw new Error('expected a probe model');
    expect(view.model).not.toBe(compiled.model);
    expect(view.model.outputs).toHaveLength(compiled.outputs.length);
    expect(view.probes).toEqual([]);
    expect(probes.outputs).toHaveLength(compiled.probes.length);
    expect(view.model.trainableWeights.map((w) => w.name).sort()).toEqual(compiled.model.trainableWeights.map((w) => w.name).sort());
    const byName = new Map(compiled.model.weights.map((w) => [w.name, w]));
    for (const w of view.model.weights) expect(byName.get(w.name)?.read()).toBe(w.read());
    // The views are made once per compiled model.
    expect(headsView(compiled).model).toBe(view.model);
    expect(probeModel(compiled)).toBe(probes);

    const before = flat(compiled.model);
    const result = await trainModel({ compiled, data, binding: bindDataset(graph, compiled, data.info), settings: { ...DEFAULT_TRAINING, epochs: 1, batchSize: 32, learningRate: 0.05 } });
    expect(result.status).toBe('done');
    expect(flat(compiled.model)).not.toEqual(before);
    compiled.model.dispose();
  });

  it('a training step runs the attention layer once (the full model with its probe output runs it twice)', () => {
    const data = toyDataset({ n: 64 });
    const graph = toyGraph('fusion.modalityAttention', { fusionParams: { units: 4 } });
    const compiled = compileGraph(graph, { seed: 3 });
    const binding = bindDataset(graph, compiled, data.info);
    const batch = makeBatch(data, binding, Int32Array.from({ length: 32 }, (_, i) => i));
    const original = FusionModalityAttention.prototype.call;
    let calls = 0;
    FusionModalityAttention.prototype.call = function (this: FusionModalityAttention, ...args: Parameters<typeof original>) {
      calls += 1;
      return original.apply(this, args);
    };
    const forward = (c: CompiledModel): number => {
      calls = 0;
      const optimizer = tf.train.sgd(0.01);
      tf.tidy(() => {
        optimizer.minimize(() => {
          const out = c.model.apply(batch.xs, { training: true }) as tf.Tensor | tf.Tensor[];
          const head = Array.isArray(out) ? (out[0] as tf.Tensor) : out;
          return tf.losses.softmaxCrossEntropy(tf.oneHot(batch.labels, 2), head) as tf.Scalar;
        });
      });
      optimizer.dispose();
      return calls;
    };
    try {
      expect(forward(compiled)).toBe(2);
      expect(forward(headsView(compiled))).toBe(1);
    } finally {
      FusionModalityAttention.prototype.call = original;
      disposeBatch(batch);
      compiled.model.dispose();
    }
  });

  it('with snapshots on, tf.memory().numTensors stays flat from epoch 2 on and returns to where it was after Stop', async () => {
    const before = tf.memory().numTensors;
    const data = toyDataset({ n: 120 });
    const graph = toyGraph('fusion.modalityAttention', { fusionParams: { units: 4 } });
    const compiled = compileGraph(graph, { seed: 3 });
    const control = new RunControl();
    const counts: number[] = [];
    let snapshots = 0;
    let t = 0;
    const result = await trainModel({
      compiled,
      data,
      binding: bindDataset(graph, compiled, data.info),
      settings: { ...DEFAULT_TRAINING, epochs: 50, batchSize: 16, learningRate: 0.01 },
      control,
      now: () => (t += 300),
      probes: { samples: [0, 1, 2, 3], perSecond: 2, onSnapshot: () => void (snapshots += 1) },
      onEpoch: (r) => {
        counts.push(r.numTensors);
        if (r.epoch === 4) control.stop();
      },
    });
    expect(result.status).toBe('stopped');
    expect(snapshots).toBeGreaterThan(8);
    expect(counts.slice(1)).toEqual([counts[1], counts[1], counts[1]]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('without probes the view is the compiled model itself and there is no probe model', () => {
    const compiled = compileGraph(toyGraph('fusion.modalityAttention'), { probes: false });
    expect(headsView(compiled)).toBe(compiled);
    expect(probeModel(compiled)).toBeNull();
    expect(probeSnapshot(compiled, [])).toEqual([]);
    compiled.model.dispose();
  });
});

/** Runs the worker's training handler and feeds every event to the UI's heatmap store, as runSync does. */
async function trainThroughHandler(document: ProjectDocument, data: DatasetArrays, runId: string): Promise<{ events: TrainingEvent[]; compiled: CompiledModel; dispose: () => Promise<void> }> {
  const handler = createTrainingHandler({ loadDataset: async () => data, availableBackends: async () => ['cpu'] });
  const events: TrainingEvent[] = [];
  beginHeatmaps(runId, document);
  await handler.handle({ type: 'train.start', runId, document, backend: 'cpu', probesPerSecond: 50 }, (event) => {
    events.push(event);
    // Structured clone, as postMessage does (the worker transfers the values' buffers).
    const copy = structuredClone(event);
    if (copy.type === 'train.plan') applyPlan(copy);
    if (copy.type === 'train.probe') pushProbe(copy);
  });
  await handler.idle();
  const kept = handler.trainedModel();
  if (!kept) throw new Error(`the run failed: ${JSON.stringify(events.find((e) => e.type === 'train.error'))}`);
  return { events, compiled: kept.compiled, dispose: () => handler.dispose() };
}

/** The probe outputs of a direct forward pass over the probe samples: one array per probe, in compiled.probes order. */
function directProbes(compiled: CompiledModel, data: DatasetArrays, document: ProjectDocument, samples: readonly number[]): Float32Array[] {
  const binding = bindDataset(document.graph, compiled, data.info);
  const batch = makeBatch(data, binding, samples, { noTargets: true });
  try {
    return tf.tidy(() => {
      const outs = compiled.model.predict(batch.xs) as tf.Tensor[];
      return compiled.probes.map((p) => Float32Array.from((outs[p.outputIndex] as tf.Tensor).dataSync()));
    });
  } finally {
    disposeBatch(batch);
  }
}

function expectClose(got: ArrayLike<number>, want: ArrayLike<number>): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) expect(got[i]).toBeCloseTo(want[i] as number, 6);
}

/** Every sample and head of a decoded queries × keys map equals the direct pass, and each row sums to 1. */
function expectCrossMaps(info: ProbeInfo, shown: Float32Array, direct: Float32Array, samples: number): void {
  const [heads, tq, tk] = info.shape as [number, number, number];
  for (let sample = 0; sample < samples; sample++) {
    for (let h = 0; h < heads; h++) {
      const m = crossMap(info, shown, sample, h);
      expect([m.rows, m.cols]).toEqual([tq, tk]);
      const at = (sample * heads + h) * tq * tk;
      expectClose(m.values, direct.subarray(at, at + tq * tk));
      for (let r = 0; r < tq; r++) expect(Array.from(m.values.subarray(r * tk, (r + 1) * tk)).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
  }
}

describe('worker → train.probe → the UI heatmap store', () => {
  it.each(['fusion.modalityAttention', 'fusion.gated', 'fusion.transformer'])('%s: the final frame the UI decodes equals a direct forward pass with the trained weights', async (kind) => {
    const params: Record<string, number> = kind === 'fusion.transformer' ? { dModel: 8, heads: 2, layers: 1, ffDim: 8 } : { units: 4 };
    const document = toyDocument(toyGraph(kind, { fusionParams: params }), { epochs: 2, learningRate: 0.01 });
    const data = toyDataset({ n: 160 });
    const { events, compiled, dispose } = await trainThroughHandler(document, data, `r-${kind}`);
    const plan = events.find((e) => e.type === 'train.plan');
    if (plan?.type !== 'train.plan') throw new Error('no plan');
    expect(plan.probeSamples.length).toBeGreaterThanOrEqual(2);
    expect(plan.probeInputs.map((s) => s.index)).toEqual(plan.probeSamples);
    const probeEvents = events.filter((e) => e.type === 'train.probe');
    expect(probeEvents.length).toBeGreaterThan(1);
    expect(probeEvents.at(-1)).toMatchObject({ final: true, nodeId: 'f', epoch: 2 });

    const s = heatmaps();
    const series = seriesOf(s, 'f');
    if (!series) throw new Error('no series for f');
    expect(s.ticks.at(-1)?.final).toBe(true);
    const shown = frameAt(series, shownTick(s));
    if (!shown) throw new Error('no frame');
    const [direct] = directProbes(compiled, data, document, plan.probeSamples);
    if (!direct) throw new Error('no direct probe');
    const n = plan.probeSamples.length;
    const info = series.info;
    switch (viewKindOf(info)) {
      case 'weights': {
        const m = sampleWeights(info, shown.values);
        expect([m.rows, m.cols]).toEqual([n, 2]);
        expectClose(m.values, direct);
        for (let r = 0; r < n; r++) expect((m.values[2 * r] as number) + (m.values[2 * r + 1] as number)).toBeCloseTo(1, 5);
        break;
      }
      case 'gate': {
        const g = gateStrip(info, shown.values, 0);
        const rest = gateStrip(info, shown.values, 1);
        expect([g.rows, g.cols]).toEqual([n, 4]);
        expectClose(g.values, direct);
        expectClose(rest.values, direct.map((x) => 1 - x));
        break;
      }
      case 'cls': {
        const heads = 2;
        const t = info.shape[1] as number;
        expect(info.groups?.ranges.map((r) => r.nodeId)).toEqual([null, 'ea', 'eb']);
        for (let sample = 0; sample < n; sample++) {
          const m = clsHeads(info, shown.values, sample);
          expect([m.rows, m.cols]).toEqual([heads + 1, t]);
          expectClose(m.values.subarray(0, heads * t), direct.subarray(sample * heads * t, (sample + 1) * heads * t));
        }
        break;
      }
      default:
        throw new Error(`unexpected view for ${kind}`);
    }
    await dispose();
  });

  it('fusion.crossAttention: every head and sample of the decoded queries × keys map equals the direct pass', async () => {
    const data = generateSynthetic(redundancy, syntheticOptions({ samples: 240, seed: 3 }));
    const params = Object.fromEntries(describeSynthetic(redundancy).modalities.map((m) => [m.name, m.inputParams ?? {}]));
    const graph = graphOf(
      [
        node('image', 'input.image', params['image']),
        node('text', 'input.text', params['text']),
        node('patches', 'encoder.patches', { patchSize: 6, dim: 16 }),
        node('words', 'encoder.embedding', { dim: 16, pooling: 'none' }),
        node('cross', 'fusion.crossAttention', { dModel: 16, heads: 2, ffDim: 16 }),
        node('pool', 'encoder.cnn1d', { blocks: 1, filters: 16, kernelSize: 1 }),
        node('head', 'head.classify', { classes: 4 }),
      ],
      [edge('e1', 'image', 'patches'), edge('e2', 'text', 'words'), edge('e3', 'words', 'cross', 'query'), edge('e4', 'patches', 'cross', 'context'), edge('e5', 'cross', 'pool'), edge('e6', 'pool', 'head')],
    );
    const document: ProjectDocument = { ...toyDocument(graph, { epochs: 1, learningRate: 0.005 }), dataset: { id: redundancy.id } };
    const { events, compiled, dispose } = await trainThroughHandler(document, data, 'r-cross');
    const plan = events.find((e) => e.type === 'train.plan');
    if (plan?.type !== 'train.plan') throw new Error('no plan');
    const series = seriesOf(heatmaps(), 'cross');
    if (!series) throw new Error('no series');
    const [heads, , tk] = series.info.shape as [number, number, number];
    expect([heads, tk]).toEqual([2, 16]);
    expect(series.info.groups).toEqual({ axis: 2, ranges: [{ nodeId: 'patches', start: 0, end: 16 }] });
    // The overlays get the samples' inputs: the image and the caption's words.
    expect(plan.probeInputs[0]?.values['image']?.length).toBe(24 * 24 * 3);
    expect(plan.probeInputs[0]?.words?.['text']?.length).toBeGreaterThan(0);
    const shown = frameAt(series, shownTick(heatmaps()));
    const [direct] = directProbes(compiled, data, document, plan.probeSamples);
    if (!shown || !direct) throw new Error('no frame');
    expectCrossMaps(series.info, shown.values, direct, plan.probeSamples.length);
    await dispose();
  });

  it('encoder.transformer: the decoded tokens × tokens self-attention of the last block equals the direct pass, CLS first', async () => {
    const data = generateSynthetic(redundancy, syntheticOptions({ samples: 200, seed: 5 }));
    const params = Object.fromEntries(describeSynthetic(redundancy).modalities.map((m) => [m.name, m.inputParams ?? {}]));
    const graph = graphOf(
      [
        node('text', 'input.text', params['text']),
        node('words', 'encoder.embedding', { dim: 8, pooling: 'none' }),
        node('enc', 'encoder.transformer', { dModel: 8, heads: 2, layers: 2, ffDim: 8, pooling: 'cls', positions: true }),
        node('head', 'head.classify', { classes: 4 }),
      ],
      [edge('e1', 'text', 'words'), edge('e2', 'words', 'enc'), edge('e3', 'enc', 'head')],
    );
    const document: ProjectDocument = { ...toyDocument(graph, { epochs: 1, learningRate: 0.005 }), dataset: { id: redundancy.id } };
    const { events, compiled, dispose } = await trainThroughHandler(document, data, 'r-encoder');
    const plan = events.find((e) => e.type === 'train.plan');
    if (plan?.type !== 'train.plan') throw new Error('no plan');
    // The compileGraph contract: heads first, then the probes.
    expect(compiled.outputs.map((o) => o.outputIndex)).toEqual([0]);
    expect(compiled.probes.map((p) => [p.nodeId, p.outputIndex])).toEqual([['enc', 1]]);
    const series = seriesOf(heatmaps(), 'enc');
    if (!series) throw new Error('no series');
    expect(viewKindOf(series.info)).toBe('cross');
    const [heads, tq, tk] = series.info.shape as [number, number, number];
    const words = describeSynthetic(redundancy).modalities.find((m) => m.name === 'text')?.inputParams?.['maxLength'];
    expect([heads, tq, tk]).toEqual([2, Number(words) + 1, Number(words) + 1]);
    expect(series.info.groups).toEqual({ axis: 2, ranges: [{ nodeId: null, start: 0, end: 1 }, { nodeId: 'words', start: 1, end: tk }] });
    const shown = frameAt(series, shownTick(heatmaps()));
    const [direct] = directProbes(compiled, data, document, plan.probeSamples);
    if (!shown || !direct) throw new Error('no frame');
    expectCrossMaps(series.info, shown.values, direct, plan.probeSamples.length);
    await dispose();
  });
});

describe('modality attention on the uniqueness dataset (only the audio carries the label)', () => {
  it('after training puts a mean weight above 0.8 on the audio, in the UI and on the whole validation split', async () => {
    const data = generateSynthetic(uniqueness, syntheticOptions({ samples: 1200, seed: 7 }));
    const params = Object.fromEntries(describeSynthetic(uniqueness).modalities.map((m) => [m.name, m.inputParams ?? {}]));
    const graph = graphOf(
      [
        node('audio', 'input.audio', params['audio']),
        node('sensors', 'input.tabular', params['sensors']),
        node('hear', 'encoder.mlp', { layers: 1, units: 16 }),
        node('read', 'encoder.mlp', { layers: 1, units: 16 }),
        node('weigh', 'fusion.modalityAttention', { units: 16 }),
        node('head', 'head.classify', { classes: 3 }),
      ],
      [edge('e1', 'audio', 'hear'), edge('e2', 'sensors', 'read'), edge('e3', 'hear', 'weigh'), edge('e4', 'read', 'weigh'), edge('e5', 'weigh', 'head')],
    );
    const document: ProjectDocument = { ...toyDocument(graph, { epochs: 6, learningRate: 0.005, batchSize: 32, seed: 11 }), dataset: { id: uniqueness.id } };
    const { events, compiled, dispose } = await trainThroughHandler(document, data, 'r-unique');
    const done = events.find((e) => e.type === 'train.done');
    if (done?.type !== 'train.done') throw new Error('no train.done');
    const s = heatmaps();
    const series = seriesOf(s, 'weigh');
    const shown = series ? frameAt(series, shownTick(s)) : null;
    if (!series || !shown) throw new Error('no frame');
    // Columns in edge order: audio (through "hear") first.
    expect(series.info.groups?.ranges.map((r) => r.nodeId)).toEqual(['hear', 'read']);
    const m = sampleWeights(series.info, shown.values);
    const ui = columnMeans(m).values[0] as number;
    // Learned, not given: the first snapshot (after one batch) still splits the weight.
    const first = series.frames[0];
    if (!first) throw new Error('no first frame');
    const start = columnMeans(sampleWeights(series.info, first)).values[0] as number;
    // Every probe sample, not only on average.
    const perSample = Array.from({ length: m.rows }, (_, r) => m.values[r * 2] as number);
    const validation = Array.from(data.split.keys()).filter((i) => data.split[i] === 1);
    const [direct] = directProbes(compiled, data, document, validation);
    if (!direct) throw new Error('no direct probe');
    const meanAudio = Array.from(direct).filter((_, i) => i % 2 === 0).reduce((a, b) => a + b, 0) / validation.length;
    console.log(`uniqueness: val acc ${done.metrics.validation?.accuracy.toFixed(3)}, mean α(audio) ${start.toFixed(3)} after one batch, ${ui.toFixed(3)} on the probe set, ${meanAudio.toFixed(3)} on validation; probe samples ${perSample.map((x) => x.toFixed(2)).join(' ')}`);
    expect(done.metrics.validation?.accuracy).toBeGreaterThan(0.9);
    expect(ui - start).toBeGreaterThan(0.2);
    expect(ui).toBeGreaterThan(0.8);
    expect(meanAudio).toBeGreaterThan(0.8);
    await dispose();
  });
});
