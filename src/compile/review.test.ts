// Review of the compiler: the math of the fusion kinds through compiled graphs, shapes and parameter
// counts at edge cases, training-mode behaviour, error messages, save/load with non-default configs,
// and graphs with unused inputs or several heads. Tiny shapes, tfjs cpu backend.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { inferShapes, type Graph, type GraphEdge, type GraphNode } from '../graph/index.ts';
import { builders } from './builders/index.ts';
import { compileGraph } from './compileGraph.ts';
import { CompileError } from './errors.ts';
import {
  FusionBilinear,
  FusionCrossAttention,
  FusionGated,
  FusionLateCombine,
  FusionLowRank,
  FusionModalityAttention,
  FusionModalityDropout,
  FusionPositions,
  FusionTokenJoin,
  FusionTransformerBlock,
} from './layers/index.ts';
import { headLoss } from './loss.ts';
import { asList, edge, graphOf, node, roundTrip } from './testing.ts';
import type { CompiledModel } from './types.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => {
  vi.restoreAllMocks();
});

let edges = 0;
const e = (source: string, target: string, targetPort = 'in', sourcePort = 'out'): GraphEdge => edge(`r${++edges}`, source, target, targetPort, sourcePort);
const tab = (id: string, features: number): GraphNode => node(id, 'input.tabular', { features });
const mlp = (id: string, units: number): GraphNode => node(id, 'encoder.mlp', { layers: 1, units, activation: 'tanh' });
const seqIn = (id: string, steps: number, features: number): GraphNode => node(id, 'input.sequence', { steps, features });

/** Gaussian float inputs, or token ids 0/1, one per model input. */
function inputsFor(c: CompiledModel, batch: number, seed = 1): tf.Tensor[] {
  return c.inputs.map((i, k) =>
    i.dtype === 'int32' ? tf.randomUniform([batch, ...i.shape], 0, 2, 'int32', seed + k) : tf.randomNormal([batch, ...i.shape], 0, 1, 'float32', seed + k),
  );
}
/** One-hot / 0-1 / value targets, one per head. */
function targetsFor(c: CompiledModel, batch: number): tf.Tensor[] {
  return c.outputs.map((h) => {
    const k = h.shape[0] ?? 1;
    if (h.decision === 'softmax') return tf.oneHot(tf.tensor1d(Array.from({ length: batch }, (_, i) => i % k), 'int32'), k).toFloat();
    return tf.tensor2d(Array.from({ length: batch }, (_, i) => Array.from({ length: k }, (_, j) => (i + j) % 2)));
  });
}
/** Gradients of the summed head losses for every trainable weight (throws what tfjs throws). */
function oneStep(c: CompiledModel, batch = 4): Map<string, Float32Array> {
  const xs = inputsFor(c, batch);
  const ys = targetsFor(c, batch);
  const vars = c.model.trainableWeights.map((w) => w.read() as tf.Variable);
  try {
    const { value, grads } = tf.variableGrads(() => headLoss(c.outputs, asList(c.model.apply(xs, { training: true }) as tf.Tensor | tf.Tensor[]), ys), vars);
    const out = new Map(c.model.trainableWeights.map((w) => [w.originalName, (grads[(w.read() as tf.Variable).name] as tf.Tensor).dataSync() as Float32Array]));
    tf.dispose([value, ...Object.values(grads)]);
    return out;
  } finally {
    tf.dispose([...xs, ...ys]);
  }
}
const maxAbs = (a: Float32Array): number => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

describe('recurrent encoders over a single step train', () => {
  // tfjs-layers' GRU/LSTM unstack their input over time; tfjs-core 4.22 hands Unpack's gradient a
  // bare tensor (not a list) when there is one step, and the backward pass threw "Argument tensors
  // passed to stack must be a `Tensor[]`". A 1-D CNN that pools down to one step, a one-token text or
  // a one-patch image in front of an RNN could not be trained.
  it.each([
    ['gru', false],
    ['gru', true],
    ['lstm', false],
    ['lstm', true],
  ] as const)('%s (returnSequences %s) after a trainable projection', (cell, returnSequences) => {
    // One step of 2 features → projection (trainable) → RNN → head (through a transformer for tokens).
    const graph = graphOf(
      [
        seqIn('s', 1, 2),
        node('p', 'encoder.project', { units: 3 }),
        node('r', 'encoder.rnn', { cell, units: 2, returnSequences }),
        node('t', 'encoder.transformer', { dModel: 2, heads: 1, layers: 1, ffDim: 2, pooling: 'mean', positions: false }),
        node('h', 'head.classify', { classes: 2 }),
      ].filter((n) => returnSequences || n.id !== 't'),
      returnSequences ? [e('s', 'p'), e('p', 'r'), e('r', 't'), e('t', 'h')] : [e('s', 'p'), e('p', 'r'), e('r', 'h')],
    );
    const c = compileGraph(graph, { seed: 1 });
    const grads = oneStep(c);
    for (const [name, g2] of grads) expect(g2.every(Number.isFinite), name).toBe(true);
    // The projection in front of the RNN is reached.
    expect(maxAbs(grads.get('p__dense/kernel') as Float32Array)).toBeGreaterThan(0);
    c.model.dispose();
  });

  it('a 1-D CNN pooled down to one step, then a GRU', () => {
    const c = compileGraph(
      graphOf(
        [seqIn('s', 3, 2), node('c', 'encoder.cnn1d', { blocks: 1, filters: 2, kernelSize: 3, pooling: 'none' }), node('r', 'encoder.rnn', { units: 2 }), node('h', 'head.regress', { targets: 1 })],
        [e('s', 'c'), e('c', 'r'), e('r', 'h')],
      ),
      { seed: 2 },
    );
    expect(c.tensors['c']?.['out']?.shape).toEqual([null, 1, 2]);
    const grads = oneStep(c);
    expect(maxAbs(grads.get('c__conv_1/kernel') as Float32Array)).toBeGreaterThan(0);
    c.model.dispose();
  });
});

describe('fusion math through compiled graphs (FUSION.md)', () => {
  /** Two tabular branches → classifiers with K classes → fusion.late. */
  function lateGraph(combine: string, k = 3): Graph {
    return graphOf(
      [tab('a', 2), tab('b', 3), mlp('ma', 3), mlp('mb', 3), node('ha', 'head.classify', { classes: k }), node('hb', 'head.classify', { classes: k }), node('l', 'fusion.late', { combine })],
      [e('a', 'ma'), e('b', 'mb'), e('ma', 'ha'), e('mb', 'hb'), e('ha', 'l'), e('hb', 'l')],
    );
  }
  function branchLogits(c: CompiledModel, xs: tf.Tensor[]): tf.Tensor[] {
    const m = tf.model({ inputs: c.model.inputs, outputs: [c.tensors['ha']?.['out'], c.tensors['hb']?.['out']] as tf.SymbolicTensor[] });
    return asList(m.predict(xs) as tf.Tensor[]);
  }

  it("late 'mean' outputs log of the mean probability, trained by softmax cross-entropy from logits (= NLL of that mean)", () => {
    const c = compileGraph(lateGraph('mean'), { seed: 3, probes: false });
    expect(c.outputs.map((o) => [o.nodeId, o.decision, o.loss])).toEqual([['l', 'softmax', 'softmaxCrossEntropy']]);
    const xs = inputsFor(c, 5);
    const [la, lb] = branchLogits(c, xs) as [tf.Tensor, tf.Tensor];
    const p = tf.div(tf.add(tf.softmax(la), tf.softmax(lb)), 2);
    const out = c.model.predict(xs) as tf.Tensor;
    expect(out.sub(tf.log(p)).abs().max().dataSync()[0]).toBeLessThan(1e-5);
    // softmax(log p) = p: the cross-entropy of the output is −log p_y.
    const y = targetsFor(c, 5);
    const loss = headLoss(c.outputs, [out], y).dataSync()[0] ?? NaN;
    const nll = -tf.mean(tf.sum(tf.mul(y[0] as tf.Tensor, tf.log(p)), 1)).dataSync()[0]!;
    expect(loss).toBeCloseTo(nll, 5);
    tf.dispose([...xs, la, lb, p, out, ...y]);
    c.model.dispose();
  });

  it("late 'weighted' starts as the mean; 'stacking' is a dense layer over the concatenated logits", () => {
    const w = compileGraph(lateGraph('weighted'), { seed: 4, probes: true });
    const xs = inputsFor(w, 4);
    const [la, lb] = branchLogits(w, xs) as [tf.Tensor, tf.Tensor];
    const [out, weights] = asList(w.model.predict(xs) as tf.Tensor[]) as [tf.Tensor, tf.Tensor];
    const mean = tf.log(tf.div(tf.add(tf.softmax(la), tf.softmax(lb)), 2));
    expect(out.sub(mean).abs().max().dataSync()[0]).toBeLessThan(1e-5);
    expect(Array.from(weights.dataSync())).toEqual(new Array(8).fill(0.5));
    tf.dispose([...xs, la, lb, out, weights, mean]);
    w.model.dispose();

    const s = compileGraph(lateGraph('stacking', 2), { seed: 5 });
    const layer = s.model.getLayer('l__combine');
    const [kernel, bias] = layer.getWeights() as [tf.Tensor, tf.Tensor];
    expect(kernel.shape).toEqual([2 * 2, 2]);
    const xs2 = inputsFor(s, 3);
    const [sa, sb] = branchLogits(s, xs2) as [tf.Tensor, tf.Tensor];
    const expected = tf.add(tf.matMul(tf.concat([sa, sb], 1), kernel), bias);
    const got = s.model.predict(xs2) as tf.Tensor;
    expect(got.sub(expected).abs().max().dataSync()[0]).toBeLessThan(1e-5);
    tf.dispose([...xs2, sa, sb, expected, got]);
    s.model.dispose();
  });

  it('cross-attention scales scores by √d_head (2 heads of width 2)', () => {
    const c = compileGraph(
      graphOf(
        [seqIn('q', 3, 4), seqIn('k', 2, 4), node('x', 'fusion.crossAttention', { dModel: 4, heads: 2, ffDim: 2 }), node('r', 'encoder.rnn', { units: 2 }), node('h', 'head.classify', { classes: 2 })],
        [e('q', 'x', 'query'), e('k', 'x', 'context'), e('x', 'r'), e('r', 'h')],
      ),
      { seed: 6 },
    );
    const xs = inputsFor(c, 2);
    const outs = asList(c.model.predict(xs) as tf.Tensor[]);
    const probe = c.probes[0];
    if (!probe) throw new Error('expected a probe');
    const [wq, bq, wk, bk] = c.model.getLayer('x__cross').getWeights() as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
    const [xq, xk] = xs as [tf.Tensor, tf.Tensor];
    // [B, T, d] → [B, heads, T, d_head]
    const heads = (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor, t: number): tf.Tensor => tf.add(tf.matMul(x.reshape([-1, 4]), w), b).reshape([2, t, 2, 2]).transpose([0, 2, 1, 3]);
    const expected = tf.softmax(tf.div(tf.matMul(heads(xq, wq, bq, 3), heads(xk, wk, bk, 2), false, true), Math.sqrt(2)));
    const a = outs[probe.outputIndex] as tf.Tensor;
    expect(a.shape).toEqual([2, 2, 3, 2]);
    expect(a.sub(expected).abs().max().dataSync()[0]).toBeLessThan(1e-5);
    tf.dispose([...xs, ...outs, expected]);
    c.model.dispose();
  });

  it('cross-attention of a node with itself (self-attention) runs with its attention probe; a single token gets weight 1', () => {
    // The same tensor as query and context of a layer with two outputs: tfjs's executor counted that
    // input once per output but released it once per use, freed it after the first call and crashed
    // with "Cannot read properties of undefined (reading 'backend')" in predict and apply.
    const graph = graphOf(
        [tab('v', 3), mlp('mv', 4), seqIn('s', 3, 4), node('xv', 'fusion.crossAttention', { dModel: 4, heads: 2, ffDim: 2 }), node('xs', 'fusion.crossAttention', { dModel: 4, heads: 1, ffDim: 2 }), node('r', 'encoder.rnn', { units: 2 }), node('cat', 'fusion.concat'), node('h', 'head.classify', { classes: 2 })],
        [e('v', 'mv'), e('mv', 'xv', 'query'), e('mv', 'xv', 'context'), e('s', 'xs', 'query'), e('s', 'xs', 'context'), e('xs', 'r'), e('xv', 'cat'), e('r', 'cat'), e('cat', 'h')],
      );
    const c = compileGraph(graph, { seed: 12 });
    expect(c.paramCounts).toEqual(inferShapes(graph).paramCounts);
    const xs = inputsFor(c, 2);
    const predicted = asList(c.model.predict(xs) as tf.Tensor[]);
    const applied = asList(c.model.apply(xs, { training: false }) as tf.Tensor[]);
    expect(applied.map((t) => t.arraySync())).toEqual(predicted.map((t) => t.arraySync()));
    const [pv, ps] = c.probes;
    if (!pv || !ps) throw new Error('expected two probes');
    expect(pv.shape).toEqual([2, 1, 1]);
    expect(Array.from((predicted[pv.outputIndex] as tf.Tensor).dataSync())).toEqual([1, 1, 1, 1]);
    for (const s of Array.from(tf.sum(predicted[ps.outputIndex] as tf.Tensor, -1).dataSync())) expect(s).toBeCloseTo(1, 5);
    tf.dispose([...xs, ...predicted, ...applied]);
    c.model.dispose();
  });

  it('FiLM broadcasts γ(c), β(c) over every token; MFB rows have unit L2 norm; tensor fusion ends in the appended 1', () => {
    const c = compileGraph(
      graphOf(
        [
          seqIn('s', 3, 2),
          tab('a', 2),
          tab('b', 3),
          node('p', 'encoder.project', { units: 2 }),
          mlp('ma', 2),
          mlp('mb', 3),
          node('film', 'fusion.film'),
          node('r', 'encoder.rnn', { units: 2 }),
          node('h1', 'head.classify', { classes: 2 }),
          node('bil', 'fusion.bilinear', { factor: 2, units: 3 }),
          node('h2', 'head.classify', { classes: 2 }),
          node('ten', 'fusion.tensor', { units: 2 }),
          node('h3', 'head.classify', { classes: 2 }),
        ],
        [e('s', 'p'), e('a', 'ma'), e('b', 'mb'), e('p', 'film', 'features'), e('ma', 'film', 'condition'), e('film', 'r'), e('r', 'h1'), e('ma', 'bil'), e('mb', 'bil'), e('bil', 'h2'), e('ma', 'ten'), e('mb', 'ten'), e('ten', 'h3')],
      ),
      { seed: 7 },
    );
    const outer = c.model.getLayer('ten__outer').output as tf.SymbolicTensor;
    const t = c.tensors;
    const m = tf.model({ inputs: c.model.inputs, outputs: [t['p']?.['out'], t['ma']?.['out'], t['film']?.['out'], t['bil']?.['out'], outer] as tf.SymbolicTensor[] });
    const xs = inputsFor(c, 2);
    const [f, cond, film, bil, prod] = asList(m.predict(xs) as tf.Tensor[]) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
    const [gk, gb, bk, bb] = c.model.getLayer('film__film').getWeights() as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
    const gamma = tf.add(tf.matMul(cond, gk), gb).reshape([2, 1, 2]);
    const beta = tf.add(tf.matMul(cond, bk), bb).reshape([2, 1, 2]);
    expect(film.sub(tf.add(tf.mul(gamma, f), beta)).abs().max().dataSync()[0]).toBeLessThan(1e-5);
    for (const n of Array.from(tf.norm(bil, 'euclidean', 1).dataSync())) expect(n).toBeCloseTo(1, 4);
    expect(prod.shape).toEqual([2, 3 * 4]);
    expect(Array.from(tf.slice(prod, [0, 11], [2, 1]).dataSync())).toEqual([1, 1]);
    tf.dispose([...xs, f, cond, film, bil, prod, gamma, beta]);
    c.model.dispose();
  });
});

describe('shapes and parameter counts at edge cases', () => {
  const cases: [string, Graph][] = [
    [
      'odd image sizes with pooling, flatten and a dense layer',
      graphOf([node('i', 'input.image', { height: 7, width: 5, channels: 2 }), node('c', 'encoder.cnn2d', { blocks: 2, filters: 2, kernelSize: 5, pooling: 'flatten', units: 3 }), node('h', 'head.classify', { classes: 2, hidden: 2 })], [e('i', 'c'), e('c', 'h')]),
    ],
    [
      'patches on a non-square image, no positions',
      graphOf(
        [node('i', 'input.image', { height: 6, width: 4, channels: 3 }), node('p', 'encoder.patches', { patchSize: 2, dim: 3, positions: false }), node('t', 'encoder.transformer', { dModel: 3, heads: 3, layers: 1, ffDim: 2, pooling: 'cls', positions: false }), node('h', 'head.classify', { classes: 2 })],
        [e('i', 'p'), e('p', 't'), e('t', 'h')],
      ),
    ],
    [
      'vector query into cross-attention with a vector and a token context',
      graphOf(
        [tab('a', 2), tab('b', 2), seqIn('s', 2, 3), mlp('ma', 5), mlp('mb', 3), node('x', 'fusion.crossAttention', { dModel: 4, heads: 2, ffDim: 3 }), node('h', 'head.regress', { targets: 2 })],
        [e('a', 'ma'), e('b', 'mb'), e('ma', 'x', 'query'), e('mb', 'x', 'context'), e('s', 'x', 'context'), e('x', 'h')],
      ),
    ],
    [
      'three modalities into tensor, low-rank, gated and modality attention',
      graphOf(
        [
          tab('a', 2),
          tab('b', 2),
          tab('c', 2),
          mlp('ma', 2),
          mlp('mb', 3),
          mlp('mc', 1),
          node('ten', 'fusion.tensor', { units: 2, activation: 'linear' }),
          node('lr', 'fusion.lowRank', { rank: 3, units: 2 }),
          node('g', 'fusion.gated', { units: 2 }),
          node('att', 'fusion.modalityAttention', { units: 2 }),
          node('cat', 'fusion.concat'),
          node('h', 'head.multilabel', { labels: 2 }),
        ],
        [
          e('a', 'ma'),
          e('b', 'mb'),
          e('c', 'mc'),
          ...['ten', 'lr', 'g', 'att'].flatMap((f) => [e('ma', f), e('mb', f), e('mc', f)]),
          ...['ten', 'lr', 'g', 'att'].map((f) => e(f, 'cat')),
          e('cat', 'h'),
        ],
      ),
    ],
    [
      'modality dropout over three modalities of different kinds',
      graphOf(
        [
          tab('a', 2),
          node('i', 'input.image', { height: 2, width: 2, channels: 1 }),
          seqIn('s', 3, 2),
          node('md', 'reg.modalityDropout', { rate: 0.5 }),
          mlp('ma', 2),
          node('ci', 'encoder.cnn2d', { blocks: 1, filters: 2, units: 2 }),
          node('rs', 'encoder.rnn', { cell: 'lstm', units: 2 }),
          node('cat', 'fusion.concat'),
          node('h', 'head.classify', { classes: 3 }),
        ],
        [e('a', 'md', 'in_1'), e('i', 'md', 'in_2'), e('s', 'md', 'in_3'), e('md', 'ma', 'in', 'out_1'), e('md', 'ci', 'in', 'out_2'), e('md', 'rs', 'in', 'out_3'), e('ma', 'cat'), e('ci', 'cat'), e('rs', 'cat'), e('cat', 'h')],
      ),
    ],
  ];

  it.each(cases)('%s', (_name, graph) => {
    const shapes = inferShapes(graph);
    const c = compileGraph(graph, { seed: 8 });
    expect(c.paramCounts).toEqual(shapes.paramCounts);
    const ports = Object.entries(c.tensors).flatMap(([id, outs]) => Object.entries(outs).map(([port, t]) => ({ id, port, t })));
    const all = tf.model({ inputs: c.model.inputs, outputs: ports.map((p) => p.t) });
    const xs = inputsFor(c, 2);
    const ys = asList(all.predict(xs) as tf.Tensor | tf.Tensor[]);
    ports.forEach((p, i) => expect([p.id, p.port, ys[i]?.shape]).toEqual([p.id, p.port, [2, ...(shapes.nodeOutputs[p.id]?.[p.port]?.shape ?? [])]]));
    tf.dispose([...xs, ...ys]);
    c.model.dispose();
  });
});

describe('training mode', () => {
  it('dropout, transformer dropout and modality dropout act only while training', () => {
    const c = compileGraph(
      graphOf(
        [
          tab('a', 4),
          tab('b', 4),
          tab('c', 4),
          node('md', 'reg.modalityDropout', { rate: 0.6 }),
          node('d', 'reg.dropout', { rate: 0.5 }),
          node('ma', 'encoder.mlp', { layers: 1, units: 4, dropout: 0.5 }),
          mlp('mb', 4),
          mlp('mc', 4),
          node('ft', 'fusion.transformer', { dModel: 4, heads: 2, layers: 1, ffDim: 4, dropout: 0.5 }),
          node('h', 'head.regress', { targets: 1 }),
        ],
        [e('a', 'md', 'in_1'), e('b', 'md', 'in_2'), e('c', 'md', 'in_3'), e('md', 'd', 'in', 'out_1'), e('d', 'ma'), e('md', 'mb', 'in', 'out_2'), e('md', 'mc', 'in', 'out_3'), e('ma', 'ft'), e('mb', 'ft'), e('mc', 'ft'), e('ft', 'h')],
      ),
      { seed: 9, probes: false },
    );
    const xs = inputsFor(c, 8);
    const run = (training?: boolean): number[] => {
      const y = (training === undefined ? c.model.predict(xs) : c.model.apply(xs, { training })) as tf.Tensor;
      const v = Array.from(y.dataSync());
      y.dispose();
      return v;
    };
    const inference = run();
    expect(run()).toEqual(inference);
    expect(run(false)).toEqual(inference);
    expect(run(true)).not.toEqual(inference);
    expect(run(true)).not.toEqual(run(true));
    tf.dispose(xs);
    c.model.dispose();
  });

  it('modality dropout of three modalities never drops all of them in one sample', () => {
    const c = compileGraph(
      graphOf(
        [tab('a', 2), tab('b', 2), tab('c', 2), node('md', 'reg.modalityDropout', { rate: 0.8 }), node('cat', 'fusion.concat'), mlp('m', 2), node('h', 'head.classify', { classes: 2 }), node('p', 'encoder.project', { units: 2 }), node('q', 'encoder.project', { units: 2 }), node('r', 'encoder.project', { units: 2 })],
        [e('a', 'md', 'in_1'), e('b', 'md', 'in_2'), e('c', 'md', 'in_3'), e('md', 'p', 'in', 'out_1'), e('md', 'q', 'in', 'out_2'), e('md', 'r', 'in', 'out_3'), e('p', 'cat'), e('q', 'cat'), e('r', 'cat'), e('cat', 'm'), e('m', 'h')],
      ),
      { seed: 10 },
    );
    const outs = c.tensors['md'] ?? {};
    const probe = tf.model({ inputs: c.model.inputs, outputs: [outs['out_1'], outs['out_2'], outs['out_3']] as tf.SymbolicTensor[] });
    const B = 400;
    const xs = [tf.ones([B, 2]), tf.ones([B, 2]), tf.ones([B, 2])];
    const ys = asList(probe.apply(xs, { training: true }) as tf.Tensor[]);
    const kept = ys.map((y) => Array.from(tf.max(y, 1).dataSync()));
    for (let s = 0; s < B; s++) expect(kept.some((k) => k[s] === 1), `sample ${s}`).toBe(true);
    // Each modality is dropped in about p − p³/3 of the samples (the all-dropped case keeps one).
    for (const k of kept) expect(1 - k.reduce((a, b) => a + b, 0) / B).toBeGreaterThan(0.5);
    tf.dispose([...xs, ...ys]);
    c.model.dispose();
  });
});

describe('error messages', () => {
  const twoBranch = (): Graph =>
    graphOf([tab('a', 2), tab('b', 2), mlp('ma', 4), mlp('mb', 3), node('f', 'fusion.concat', {}, 'Mixer'), node('h', 'head.classify', { classes: 2 })], [e('a', 'ma'), e('b', 'mb'), e('ma', 'f'), e('mb', 'f'), e('f', 'h')]);

  it('a real tfjs error inside a builder becomes one line naming the node, with no stack', () => {
    // A genuine tfjs failure: concatenating along an axis the inputs do not share.
    vi.spyOn(builders, 'fusion.concat').mockImplementation((ctx) => {
      const xs = [...(ctx.inputs['in'] ?? [])];
      return { outputs: { out: tf.layers.concatenate({ axis: 3, name: ctx.name('concat') }).apply(xs) as tf.SymbolicTensor } };
    });
    let err: unknown;
    try {
      compileGraph(twoBranch());
    } catch (caught) {
      err = caught;
    }
    expect(err).toBeInstanceOf(CompileError);
    const m = (err as CompileError).message;
    expect((err as CompileError).nodeId).toBe('f');
    expect(m).toMatch(/^Concatenate "Mixer" \(f\) could not be built: /);
    expect(m).not.toMatch(/\n|\bat .*\.(ts|js):\d+|Error:/);
  });

  it('a non-Error thrown by a builder is reported the same way', () => {
    vi.spyOn(builders, 'fusion.concat').mockImplementation(() => {
      throw 'boom';
    });
    expect(() => compileGraph(twoBranch())).toThrow(/^Concatenate "Mixer" \(f\) could not be built: boom\. /);
  });
});

describe('save/load with non-default configs', () => {
  const layers: [string, () => tf.layers.Layer, number[][]][] = [
    ['FusionCrossAttention (ε, dropout)', () => new FusionCrossAttention({ dModel: 4, heads: 4, ffDim: 3, dropout: 0.3, epsilon: 1e-3, returnWeights: true }), [[2, 3], [3]]],
    ['FusionTransformerBlock (ε, dropout)', () => new FusionTransformerBlock({ heads: 1, ffDim: 5, dropout: 0.2, epsilon: 1e-2 }), [[3, 2]]],
    ['FusionTokenJoin', () => new FusionTokenJoin({ dModel: 3, tokenCounts: [2, 1, 1] }), [[2, 4], [2], [5]]],
    ['FusionBilinear (ε)', () => new FusionBilinear({ factor: 1, units: 3, epsilon: 1e-4 }), [[2], [3]]],
    ['FusionGated (M = 4)', () => new FusionGated({ units: 2 }), [[1], [2], [3], [1]]],
    ['FusionModalityAttention', () => new FusionModalityAttention({ units: 5 }), [[2], [1]]],
    ['FusionLowRank (rank 5, width 1)', () => new FusionLowRank({ rank: 5, units: 1 }), [[2], [3], [1]]],
    ['FusionLateCombine (mean, no weights)', () => new FusionLateCombine({ mode: 'mean' }), [[3], [3], [3]]],
    ['FusionModalityDropout (rate 0)', () => new FusionModalityDropout({ rate: 0 }), [[2], [2, 2], [1]]],
    ['FusionPositions (CLS only)', () => new FusionPositions({ cls: true, positions: false }), [[3, 2]]],
  ];

  it.each(layers)('%s', async (_name, make, shapes) => {
    const layer = make();
    const inputs = shapes.map((s) => tf.input({ shape: s }));
    const out = layer.apply(inputs.length === 1 ? (inputs[0] as tf.SymbolicTensor) : inputs) as tf.SymbolicTensor | tf.SymbolicTensor[];
    const model = tf.model({ inputs, outputs: asList(out) });
    model.setWeights(model.getWeights().map((w, i) => tf.randomNormal(w.shape, 0, 0.5, 'float32', 20 + i)));
    const loaded = await roundTrip(model);
    expect(loaded.getLayer(layer.name).getConfig()).toEqual(layer.getConfig());
    const xs = shapes.map((s, i) => tf.randomNormal([2, ...s], 0, 1, 'float32', 40 + i));
    const a = asList(model.predict(xs) as tf.Tensor | tf.Tensor[]).map((t) => t.arraySync());
    const b = asList(loaded.predict(xs) as tf.Tensor | tf.Tensor[]).map((t) => t.arraySync());
    expect(b).toEqual(a);
    tf.dispose(xs);
    model.dispose();
    loaded.dispose();
  });
});

describe('unused inputs and several heads', () => {
  it('inputs with no edges are left out; two heads keep document order, their own losses and a finite training step', () => {
    const g = graphOf(
      [
        node('unusedImage', 'input.image', { height: 2, width: 2 }),
        tab('a', 3),
        node('unusedText', 'input.text', { vocabSize: 5, maxLength: 2 }),
        tab('b', 2),
        mlp('ma', 3),
        mlp('mb', 2),
        node('cat', 'fusion.concat'),
        node('reg', 'head.regress', { targets: 2 }),
        node('cls', 'head.classify', { classes: 3, hidden: 2 }),
        node('ml', 'head.multilabel', { labels: 2 }),
      ],
      [e('a', 'ma'), e('b', 'mb'), e('ma', 'cat'), e('mb', 'cat'), e('cat', 'reg'), e('cat', 'cls'), e('mb', 'ml')],
    );
    const c = compileGraph(g, { seed: 11 });
    expect(c.inputs.map((i) => [i.nodeId, i.inputIndex, i.shape])).toEqual([
      ['a', 0, [3]],
      ['b', 1, [2]],
    ]);
    expect(c.model.inputs.length).toBe(2);
    expect(c.order).not.toContain('unusedImage');
    expect(c.order).not.toContain('unusedText');
    expect(c.outputs.map((o) => [o.nodeId, o.outputIndex, o.shape, o.loss])).toEqual([
      ['reg', 0, [2], 'meanSquaredError'],
      ['cls', 1, [3], 'softmaxCrossEntropy'],
      ['ml', 2, [2], 'sigmoidCrossEntropy'],
    ]);
    expect(c.model.outputs.length).toBe(3);
    const grads = oneStep(c);
    for (const [name, g2] of grads) {
      expect(g2.every(Number.isFinite), name).toBe(true);
      expect(maxAbs(g2), name).toBeGreaterThan(0);
    }
    c.model.dispose();
  });
});
