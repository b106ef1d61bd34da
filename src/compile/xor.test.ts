// The XOR argument (FUSION.md) with compiled graphs: label = a XOR b, modality 1 carries only bit a
// and modality 2 only bit b (8-dim Gaussian prototypes plus noise σ 0.5). Decision-level late
// fusion cannot represent it; concat, tensor, gated and attention fusion can.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../graph/index.ts';
import { compileGraph } from './compileGraph.ts';
import { headLoss } from './loss.ts';
import { mulberry32 } from './seed.ts';
import { asList, edge, graphOf, node } from './testing.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const DIM = 8;
const SIGMA = 0.5;
const HIDDEN = 16;

function gaussian(rand: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

interface XorData {
  x1: tf.Tensor2D;
  x2: tf.Tensor2D;
  y: tf.Tensor2D;
  labels: number[];
}

/** Prototypes are fixed (seed 100); samples and noise come from `seed`. */
function xorData(n: number, seed: number): XorData {
  const g0 = gaussian(mulberry32(100));
  const protos = [0, 1].map(() => [0, 1].map(() => Array.from({ length: DIM }, g0)));
  const rand = mulberry32(seed);
  const g = gaussian(mulberry32(seed + 1));
  const rows: [number[], number[]] = [[], []];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const bits = [rand() < 0.5 ? 0 : 1, rand() < 0.5 ? 0 : 1] as const;
    for (const m of [0, 1] as const) rows[m].push(...(protos[m]?.[bits[m]] ?? []).map((p) => p + SIGMA * g()));
    labels.push(bits[0] ^ bits[1]);
  }
  return { x1: tf.tensor2d(rows[0], [n, DIM]), x2: tf.tensor2d(rows[1], [n, DIM]), y: tf.oneHot(labels, 2).toFloat() as tf.Tensor2D, labels };
}

const inputs = [node('a', 'input.tabular', { features: DIM }, 'Bit a'), node('b', 'input.tabular', { features: DIM }, 'Bit b')];
const encoders = [node('ea', 'encoder.mlp', { layers: 1, units: HIDDEN }), node('eb', 'encoder.mlp', { layers: 1, units: HIDDEN })];
const encode = [edge('e1', 'a', 'ea'), edge('e2', 'b', 'eb')];

/** inputs → MLP encoders → `kind` → classifier with a hidden layer. */
function fused(kind: string, params: Record<string, number> = {}): Graph {
  return graphOf(
    [...inputs, ...encoders, node('f', kind, params), node('h', 'head.classify', { classes: 2, hidden: HIDDEN })],
    [...encode, edge('e3', 'ea', 'f'), edge('e4', 'eb', 'f'), edge('e5', 'f', 'h')],
  );
}

/** Decision level: a full classifier per modality, predictions averaged by fusion.late. */
function late(): Graph {
  return graphOf(
    [...inputs, ...encoders, node('ha', 'head.classify', { classes: 2, hidden: HIDDEN }), node('hb', 'head.classify', { classes: 2, hidden: HIDDEN }), node('l', 'fusion.late', { combine: 'mean' })],
    [...encode, edge('e3', 'ea', 'ha'), edge('e4', 'eb', 'hb'), edge('e5', 'ha', 'l'), edge('e6', 'hb', 'l')],
  );
}

const train = { n: 400, seed: 10 };
const test = { n: 300, seed: 20 };
const EPOCHS = 30;
const BATCH = 32;

async function accuracy(graph: Graph): Promise<number> {
  const compiled = compileGraph(graph, { seed: 7, probes: false });
  const model = compiled.model;
  const tr = xorData(train.n, train.seed);
  const te = xorData(test.n, test.seed);
  const optimizer = tf.train.adam(0.01);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let start = 0; start < train.n; start += BATCH) {
      const size = Math.min(BATCH, train.n - start);
      tf.tidy(() => {
        const xs = [tr.x1.slice([start, 0], [size, DIM]), tr.x2.slice([start, 0], [size, DIM])];
        const y = tr.y.slice([start, 0], [size, 2]);
        optimizer.minimize(() => headLoss(compiled.outputs, asList(model.apply(xs, { training: true }) as tf.Tensor | tf.Tensor[]), [y]));
      });
    }
  }
  const predicted = tf.tidy(() => tf.argMax(model.predict([te.x1, te.x2]) as tf.Tensor, 1).arraySync() as number[]);
  tf.dispose([tr.x1, tr.x2, tr.y, te.x1, te.x2, te.y]);
  optimizer.dispose();
  model.dispose();
  return predicted.filter((p, i) => p === te.labels[i]).length / te.labels.length;
}

describe('XOR synergy through compiled graphs (fixed seeds)', () => {
  it('decision-level late fusion stays at or below 60%', async () => {
    expect(await accuracy(late())).toBeLessThanOrEqual(0.6);
  });

  it.each([
    ['fusion.concat', {}],
    ['fusion.tensor', { units: HIDDEN }],
    ['fusion.gated', { units: HIDDEN }],
    ['fusion.modalityAttention', { units: HIDDEN }],
  ] as const)('%s reaches at least 95%', async (kind, params) => {
    expect(await accuracy(fused(kind, params))).toBeGreaterThanOrEqual(0.95);
  });
});
