// The XOR synergy setting of FUSION.md: y = a XOR b, modality 1 carries only bit a, modality 2
// only bit b (8-dim Gaussian prototypes, σ 0.5). Feature-level fusion with interactions (tensor
// fusion, GMU) learns it; decision-level late fusion (mean of probabilities) cannot.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FusionGated, FusionLateCombine, FusionTensor } from './index.ts';
import { gaussian, rng } from './testing.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const DIM = 8;
const SIGMA = 0.5;

interface XorData {
  x1: tf.Tensor2D;
  x2: tf.Tensor2D;
  y: tf.Tensor2D;
  labels: number[];
}

function prototypes(seed: number): [number[], number[]] {
  const g = gaussian(rng(seed));
  return [Array.from({ length: DIM }, g), Array.from({ length: DIM }, g)];
}

function xorData(n: number, seed: number): XorData {
  const protos = [prototypes(1), prototypes(2)];
  const rand = rng(seed);
  const g = gaussian(rng(seed + 1));
  const rows: [number[], number[]] = [[], []];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const bits = [rand() < 0.5 ? 0 : 1, rand() < 0.5 ? 0 : 1];
    bits.forEach((bit, m) => {
      const proto = protos[m]?.[bit] ?? [];
      rows[m === 0 ? 0 : 1].push(...proto.map((p) => p + SIGMA * g()));
    });
    labels.push((bits[0] ?? 0) ^ (bits[1] ?? 0));
  }
  return {
    x1: tf.tensor2d(rows[0], [n, DIM]),
    x2: tf.tensor2d(rows[1], [n, DIM]),
    y: tf.oneHot(labels, 2).toFloat() as tf.Tensor2D,
    labels,
  };
}

/** Logits (or log-probabilities) out; softmax cross-entropy from logits for every model. */
async function trainAndScore(build: (a: tf.SymbolicTensor, b: tf.SymbolicTensor) => tf.SymbolicTensor): Promise<number> {
  const train = xorData(400, 10);
  const test = xorData(300, 20);
  const a = tf.input({ shape: [DIM] });
  const b = tf.input({ shape: [DIM] });
  const model = tf.model({ inputs: [a, b], outputs: build(a, b) });
  model.compile({ optimizer: tf.train.adam(0.01), loss: (y, logits) => tf.losses.softmaxCrossEntropy(y, logits) });
  await model.fit([train.x1, train.x2], train.y, { epochs: 40, batchSize: 32, verbose: 0 });
  const predicted = tf.tidy(() => (tf.argMax(model.predict([test.x1, test.x2]) as tf.Tensor, 1).arraySync() as number[]));
  tf.dispose([train.x1, train.x2, train.y, test.x1, test.x2, test.y]);
  model.dispose();
  return predicted.filter((p, i) => p === test.labels[i]).length / test.labels.length;
}

const dense = (units: number, activation?: 'relu') =>
  tf.layers.dense(activation ? { units, activation } : { units });

describe('XOR synergy (FUSION.md)', () => {
  it('tensor fusion + dense reaches ≥ 0.9', async () => {
    const acc = await trainAndScore((a, b) => dense(2).apply(new FusionTensor().apply([a, b])) as tf.SymbolicTensor);
    expect(acc).toBeGreaterThanOrEqual(0.9);
  });

  it('GMU + dense reaches ≥ 0.9', async () => {
    const acc = await trainAndScore(
      (a, b) => dense(2).apply(new FusionGated({ units: 16 }).apply([a, b]) as tf.SymbolicTensor) as tf.SymbolicTensor,
    );
    expect(acc).toBeGreaterThanOrEqual(0.9);
  });

  it('decision-level late fusion (mean of two branch probabilities) stays below 0.65', async () => {
    const branch = (x: tf.SymbolicTensor): tf.SymbolicTensor => dense(2).apply(dense(16, 'relu').apply(x)) as tf.SymbolicTensor;
    const acc = await trainAndScore(
      (a, b) => new FusionLateCombine({ mode: 'mean' }).apply([branch(a), branch(b)]) as tf.SymbolicTensor,
    );
    expect(acc).toBeLessThan(0.65);
  });
});
