// Every node kind of the catalogue trains on wasm (Node): each graph of src/compile/testing.ts
// (together they use every node kind) is compiled, and from the same weights, inputs and dropout
// masks (withSeed) the gradient of every trainable weight on wasm matches cpu within 1e-4 of its
// largest value; then three Adam steps on wasm give finite losses, move every weight and leave no
// tensor or wasm buffer behind.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileGraph, headLoss, withSeed } from '../../../compile/index.ts';
import { asList, randomInputs, randomTargets, TEST_GRAPHS } from '../../../compile/testing.ts';
import { NODE_KIND_IDS } from '../../../graph/index.ts';
import type { Graph } from '../../../graph/index.ts';
import { registerWasmTrainingKernels } from './index.ts';
import { loadWasmBackend, relativeError, wasmDataIds } from './testing.ts';

const BATCH = 16;

beforeAll(async () => {
  await loadWasmBackend();
  registerWasmTrainingKernels();
});

interface Gradients {
  names: string[];
  values: Float32Array[];
  weights: tf.Tensor[];
}

/** The loss gradient of every trainable weight, on the current backend, from `weights` if given. */
async function gradients(graph: Graph, weights?: tf.Tensor[]): Promise<Gradients> {
  const compiled = compileGraph(graph, { seed: 4 });
  if (weights) compiled.model.setWeights(weights);
  const xs = randomInputs(compiled, graph, BATCH, 5);
  const targets = tf.tidy(() => randomTargets(compiled, BATCH, 6)); // (it leaks an int32 one-hot per head otherwise)
  const vars = compiled.model.trainableWeights.map((w) => w.read() as tf.Variable);
  const { value, grads } = withSeed(7, () =>
    tf.variableGrads(() => headLoss(compiled.outputs, asList(compiled.model.apply(xs, { training: true }) as tf.Tensor | tf.Tensor[]), targets), vars),
  );
  const values = await Promise.all(vars.map(async (v) => (await (grads[v.name] as tf.Tensor).data()) as Float32Array));
  const names = compiled.model.trainableWeights.map((w) => w.originalName);
  const initial = weights ? [] : compiled.model.getWeights().map((w) => w.clone());
  tf.dispose([value, ...Object.values(grads), ...xs, ...targets]);
  compiled.model.dispose();
  return { names, values, weights: initial };
}

/** Three Adam steps on the current backend: the losses, and how far each weight moved. */
async function train(graph: Graph): Promise<{ losses: number[]; moved: number[] }> {
  const compiled = compileGraph(graph, { seed: 8 });
  const xs = randomInputs(compiled, graph, BATCH, 9);
  const targets = tf.tidy(() => randomTargets(compiled, BATCH, 10));
  const before = compiled.model.trainableWeights.map((w) => w.read().dataSync().slice());
  const optimizer = tf.train.adam(0.01);
  const losses: number[] = [];
  for (let step = 0; step < 3; step++) {
    const loss = optimizer.minimize(() => headLoss(compiled.outputs, asList(compiled.model.apply(xs, { training: true }) as tf.Tensor | tf.Tensor[]), targets), true);
    losses.push((await (loss as tf.Scalar).data())[0] as number);
    loss?.dispose();
  }
  const moved = compiled.model.trainableWeights.map((w, i) => {
    const now = w.read().dataSync();
    return Math.max(...Array.from(now, (v, j) => Math.abs(v - ((before[i] as Float32Array)[j] as number))));
  });
  optimizer.dispose();
  tf.dispose([...xs, ...targets]);
  compiled.model.dispose();
  return { losses, moved };
}

it('the graphs use every node kind', () => {
  const used = new Set(TEST_GRAPHS.flatMap(({ graph }) => graph.nodes.map((n) => n.kind)));
  expect([...used].sort()).toEqual([...NODE_KIND_IDS].sort());
});

describe.each(TEST_GRAPHS)('$name', ({ graph }) => {
  it('has the same gradients on wasm as on cpu', async () => {
    await tf.setBackend('cpu');
    const cpu = await gradients(graph);
    await tf.setBackend('wasm');
    const weights = cpu.weights.map((w) => tf.tensor(w.dataSync(), w.shape, w.dtype));
    tf.dispose(cpu.weights);
    const wasm = await gradients(graph, weights);
    tf.dispose(weights);
    expect(wasm.names).toEqual(cpu.names);
    const scale = Math.max(...cpu.values.map((g) => Math.max(...Array.from(g, Math.abs))));
    cpu.values.forEach((g, i) => {
      const name = cpu.names[i] as string;
      const w = wasm.values[i] as Float32Array;
      // The key bias of attention gets no gradient by construction (softmax ignores a constant
      // per row): both backends give round-off there, so compare it with the largest gradient.
      const error = name.endsWith('/k_bias') ? relativeError(g, w) * (Math.max(...Array.from(g, Math.abs)) / scale) : relativeError(g, w);
      expect(error, `gradient of ${name}`).toBeLessThanOrEqual(1e-4);
    });
  });

  it('trains on wasm: finite losses, every weight moves, nothing leaks', async () => {
    await tf.setBackend('wasm');
    await train(graph); // warm-up: layers and the engine cache a few scalars
    const tensors = tf.memory().numTensors;
    const buffers = wasmDataIds();
    const { losses, moved } = await train(graph);
    expect(tf.memory().numTensors, 'tensors leaked').toBe(tensors);
    expect(wasmDataIds(), 'wasm buffers leaked').toBe(buffers);
    for (const l of losses) expect(Number.isFinite(l)).toBe(true);
    moved.forEach((m, i) => expect(m, `weight ${i} moved`).toBeGreaterThan(0));
  });
});
