// Every kind of layer the catalogue builds trains on wasm: a small model per layer family takes two
// Adam steps on wasm and on cpu from the same initial weights and data; the gradients of every
// weight at the start agree within 1e-4 (relative to the largest), the losses (before, between and
// after the steps) within 1e-3; the wasm run leaves no tensor or buffer behind.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmTrainingKernels } from './index.ts';
import { randomValues, relativeError, loadWasmBackend, wasmDataIds } from './testing.ts';

const L = tf.layers;
const BATCH = 6;
const CLASSES = 3;

interface Family {
  name: string;
  inputs: { shape: number[]; vocab?: number }[];
  make: (inputs: tf.SymbolicTensor[]) => tf.SymbolicTensor;
}

const seq = (x: tf.SymbolicTensor, ...layers: tf.layers.Layer[]): tf.SymbolicTensor =>
  layers.reduce((t, layer) => layer.apply(t) as tf.SymbolicTensor, x);
const first = (xs: tf.SymbolicTensor[]): tf.SymbolicTensor => xs[0] as tf.SymbolicTensor;
const head = (): tf.layers.Layer => L.dense({ units: CLASSES });

const FAMILIES: Family[] = [
  {
    // encoder.cnn2d: [conv k same + ReLU, 2×2 max-pool] × 2, global average, dense.
    name: 'conv2d CNN (k3 same, max-pool 2, global average)',
    inputs: [{ shape: [12, 12, 1] }],
    make: (xs) =>
      seq(
        first(xs),
        L.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }),
        L.maxPooling2d({ poolSize: 2, strides: 2 }),
        L.conv2d({ filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' }),
        L.maxPooling2d({ poolSize: 2, strides: 2 }),
        L.globalAveragePooling2d({}),
        L.dense({ units: 8, activation: 'relu' }),
        head(),
      ),
  },
  {
    name: 'conv2d CNN (rgb, k5, odd size, flatten)',
    inputs: [{ shape: [9, 11, 3] }],
    make: (xs) =>
      seq(
        first(xs),
        L.conv2d({ filters: 4, kernelSize: 5, padding: 'same', activation: 'relu' }),
        L.maxPooling2d({ poolSize: 2, strides: 2 }),
        L.flatten(),
        head(),
      ),
  },
  {
    name: 'conv2d stride 2 (same and valid) after a trainable layer',
    inputs: [{ shape: [10, 9, 2] }],
    make: (xs) =>
      seq(
        first(xs),
        L.dense({ units: 3 }),
        L.conv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }),
        L.conv2d({ filters: 4, kernelSize: 2, strides: 2, padding: 'valid' }),
        L.flatten(),
        head(),
      ),
  },
  {
    // encoder.patches: conv with kernel = stride = p, valid; tokens; mean.
    name: 'patches (conv k = stride = 4, valid)',
    inputs: [{ shape: [8, 8, 3] }],
    make: (xs) =>
      seq(
        first(xs),
        L.conv2d({ filters: 6, kernelSize: 4, strides: 4, padding: 'valid' }),
        L.reshape({ targetShape: [4, 6] }),
        L.globalAveragePooling1d({}),
        head(),
      ),
  },
  {
    // encoder.cnn1d: [conv1d k same + ReLU, max-pool 2] × 2, global max.
    name: 'conv1d (k3 same, max-pool 2, global max)',
    inputs: [{ shape: [16, 5] }],
    make: (xs) =>
      seq(
        first(xs),
        L.conv1d({ filters: 6, kernelSize: 3, padding: 'same', activation: 'relu' }),
        L.maxPooling1d({ poolSize: 2, strides: 2 }),
        L.conv1d({ filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' }),
        L.maxPooling1d({ poolSize: 2, strides: 2 }),
        L.globalMaxPooling1d({}),
        head(),
      ),
  },
  {
    // Max-pooling of signed values (no ReLU before it): where the shipped MaxPoolGrad fails.
    name: 'max-pool of signed values (2d and 1d)',
    inputs: [{ shape: [6, 6, 2] }],
    make: (xs) => {
      const x = seq(first(xs), L.dense({ units: 3, activation: 'tanh' }));
      const a = seq(x, L.maxPooling2d({ poolSize: 2, strides: 2 }), L.flatten());
      const b = seq(x, L.reshape({ targetShape: [36, 3] }), L.maxPooling1d({ poolSize: 2, strides: 2 }), L.flatten());
      return seq(L.concatenate().apply([a, b]) as tf.SymbolicTensor, head());
    },
  },
  {
    name: 'average pooling (2d, 1d) and global max / average',
    inputs: [{ shape: [8, 8, 2] }],
    make: (xs) => {
      const x = seq(first(xs), L.dense({ units: 3 }));
      const a = seq(x, L.averagePooling2d({ poolSize: 2, strides: 2 }), L.flatten());
      const b = seq(x, L.globalMaxPooling2d({}));
      const c = seq(x, L.reshape({ targetShape: [64, 3] }), L.averagePooling1d({ poolSize: 2, strides: 2 }), L.globalAveragePooling1d({}));
      return seq(L.concatenate().apply([a, b, c]) as tf.SymbolicTensor, head());
    },
  },
  {
    // encoder.embedding: token ids → table → mean (and tokens flattened).
    name: 'embedding (mean and flatten)',
    inputs: [{ shape: [7], vocab: 20 }],
    make: (xs) => {
      const e = seq(first(xs), L.embedding({ inputDim: 20, outputDim: 8 }));
      const pooled = seq(e, L.globalAveragePooling1d({}));
      const flat = seq(e, L.flatten());
      return seq(L.concatenate().apply([pooled, flat]) as tf.SymbolicTensor, head());
    },
  },
  {
    name: 'GRU (last state)',
    inputs: [{ shape: [5, 4] }],
    make: (xs) => seq(first(xs), L.gru({ units: 6, recurrentActivation: 'sigmoid' }), head()),
  },
  {
    name: 'LSTM (all states, mean)',
    inputs: [{ shape: [5, 4] }],
    make: (xs) => seq(first(xs), L.lstm({ units: 6, recurrentActivation: 'sigmoid', returnSequences: true }), L.globalAveragePooling1d({}), head()),
  },
  {
    name: 'layer normalization (vectors and sequences)',
    inputs: [{ shape: [6] }, { shape: [5, 4] }],
    make: ([a, b]) => {
      const x = seq(a as tf.SymbolicTensor, L.dense({ units: 8 }), L.layerNormalization({}));
      const y = seq(b as tf.SymbolicTensor, L.dense({ units: 4 }), L.layerNormalization({}), L.globalAveragePooling1d({}));
      return seq(L.concatenate().apply([x, y]) as tf.SymbolicTensor, head());
    },
  },
  {
    name: 'dense (relu, gelu, tanh, sigmoid, softmax)',
    inputs: [{ shape: [10] }],
    make: (xs) =>
      seq(
        first(xs),
        L.dense({ units: 8, activation: 'relu' }),
        L.dense({ units: 8, activation: 'gelu' }),
        L.dense({ units: 8, activation: 'tanh' }),
        L.dense({ units: 8, activation: 'sigmoid' }),
        L.dense({ units: 8, activation: 'softmax' }),
        head(),
      ),
  },
  {
    name: 'dropout (seeded) and merges (add, multiply, average, maximum, cropping)',
    inputs: [{ shape: [8] }, { shape: [6, 6, 1] }],
    make: ([a, b]) => {
      const x = seq(a as tf.SymbolicTensor, L.dense({ units: 8, activation: 'relu' }), L.dropout({ rate: 0.3, seed: 7 }));
      const y = seq(b as tf.SymbolicTensor, L.dense({ units: 2 }), L.cropping2D({ cropping: [[1, 1], [1, 1]] }), L.flatten(), L.dense({ units: 8 }));
      const merged = [L.add(), L.multiply(), L.average(), L.maximum()].map((m) => m.apply([x, y]) as tf.SymbolicTensor);
      return seq(L.concatenate().apply(merged) as tf.SymbolicTensor, head());
    },
  },
];

beforeAll(async () => {
  await loadWasmBackend();
  registerWasmTrainingKernels();
});

interface Data {
  xs: { values: Float32Array | Int32Array; shape: number[]; int: boolean }[];
  labels: Int32Array;
}

function dataFor(f: Family): Data {
  const xs = f.inputs.map((input, i) => {
    const shape = [BATCH, ...input.shape];
    const values = randomValues(tf.util.sizeFromShape(shape), 100 + i);
    const vocab = input.vocab;
    return vocab ? { values: Int32Array.from(values, (v) => Math.floor(((v + 1) / 2) * vocab)), shape, int: true } : { values, shape, int: false };
  });
  const labels = Int32Array.from(randomValues(BATCH, 99), (v) => Math.floor(((v + 1) / 2) * CLASSES));
  return { xs, labels };
}

interface Run {
  losses: number[];
  /** Gradients of the loss at the initial weights, one per trainable weight. */
  grads: Float32Array[];
  weights: { values: Float32Array; shape: number[] }[];
}

/** Builds the family's model on `backend` (with `weights` if given) and takes two Adam steps. */
async function train(backend: string, f: Family, data: Data, weights?: Run['weights']): Promise<Run> {
  await tf.setBackend(backend);
  const inputs = f.inputs.map((input) => tf.input({ shape: input.shape, dtype: input.vocab ? 'int32' : 'float32' }));
  const model = tf.model({ inputs, outputs: f.make(inputs) });
  if (weights) {
    const ws = weights.map((w) => tf.tensor(w.values, w.shape));
    model.setWeights(ws);
    tf.dispose(ws);
  }
  const initial = await Promise.all(model.getWeights().map(async (w) => ({ values: (await w.data()) as Float32Array, shape: w.shape })));
  const xs = data.xs.map((x) => tf.tensor(x.values, x.shape, x.int ? 'int32' : 'float32'));
  const labels = tf.tidy(() => tf.oneHot(tf.tensor1d(data.labels, 'int32'), CLASSES));
  const lossFn = (): tf.Scalar => tf.losses.softmaxCrossEntropy(labels, model.apply(xs, { training: true }) as tf.Tensor) as tf.Scalar;
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const { value, grads: gradMap } = tf.variableGrads(lossFn, vars);
  const grads = await Promise.all(vars.map(async (v) => (await (gradMap[v.name] as tf.Tensor).data()) as Float32Array));
  tf.dispose([value, ...Object.values(gradMap)]);
  const optimizer = tf.train.adam(0.01);
  const losses: number[] = [];
  for (let step = 0; step < 2; step++) {
    const loss = optimizer.minimize(lossFn, true);
    if (!loss) throw new Error('no loss');
    losses.push((await loss.data())[0] as number);
    loss.dispose();
  }
  const after = tf.tidy(lossFn);
  losses.push((await after.data())[0] as number);
  tf.dispose([after, labels, ...xs]);
  optimizer.dispose();
  model.dispose();
  return { losses, grads, weights: initial };
}

describe('every kind of layer trains on wasm like on cpu', () => {
  it.each(FAMILIES)('$name', async (f) => {
    const data = dataFor(f);
    const cpu = await train('cpu', f, data);
    await tf.setBackend('wasm');
    await train('wasm', f, data, cpu.weights); // warm-up: layers and the engine cache a few scalars
    const tensors = tf.memory().numTensors;
    const buffers = wasmDataIds();
    const wasm = await train('wasm', f, data, cpu.weights);
    expect(tf.memory().numTensors, 'tensors leaked').toBe(tensors);
    expect(wasmDataIds(), 'wasm buffers leaked').toBe(buffers);
    for (const l of wasm.losses) expect(Number.isFinite(l)).toBe(true);
    expect(cpu.losses[2]).not.toBe(cpu.losses[0]); // the steps changed something
    expect(wasm.grads.length).toBe(cpu.grads.length);
    cpu.grads.forEach((g, i) => expect(relativeError(g, wasm.grads[i] as Float32Array), `gradient of weight ${i}`).toBeLessThanOrEqual(1e-4));
    for (let i = 0; i < cpu.losses.length; i++) {
      const [c, w] = [cpu.losses[i] as number, wasm.losses[i] as number];
      expect(Math.abs(c - w), `loss ${i}: cpu ${c}, wasm ${w}`).toBeLessThanOrEqual(1e-3 * Math.max(1, Math.abs(c)));
    }
  });
});
