// Memory: no tensor leaks from predict loops, eager calls (inference and training), fit steps, or a
// probe model that reads only the weights output of a shared two-output layer.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FusionCrossAttention } from './index.ts';
import { applyEager, asList, CASES, caseInputs, caseModel } from './testing.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.each(CASES)('$name tensors', (c) => {
  it('a predict loop leaves tf.memory().numTensors unchanged', () => {
    const model = caseModel(c);
    const xs = caseInputs(c, 4);
    const predict = (): void => tf.dispose(asList(model.predict(xs.length === 1 ? (xs[0] as tf.Tensor) : xs) as tf.Tensor | tf.Tensor[]));
    predict(); // warm-up
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) predict();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(xs);
    model.dispose();
  });

  it('eager calls (inference and training) leave only their outputs', () => {
    const layer = c.make();
    const xs = caseInputs(c, 4);
    tf.dispose(applyEager(layer, xs)); // build
    const before = tf.memory().numTensors;
    for (const training of [false, true]) tf.dispose(applyEager(layer, xs, { training }));
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(xs);
  });
});

describe('shared-layer models', () => {
  it('fit steps, and the probe model on the unused weights output, do not leak', async () => {
    const a = tf.input({ shape: [3, 4] });
    const b = tf.input({ shape: [2, 6] });
    const cross = new FusionCrossAttention({ dModel: 4, heads: 2, ffDim: 8, dropout: 0.1, returnWeights: true });
    const [fused, attention] = cross.apply([a, b]) as tf.SymbolicTensor[];
    if (!fused || !attention) throw new Error('expected two outputs');
    const flat = tf.layers.flatten().apply(fused) as tf.SymbolicTensor;
    const model = tf.model({ inputs: [a, b], outputs: tf.layers.dense({ units: 2 }).apply(flat) as tf.SymbolicTensor });
    const probe = tf.model({ inputs: [a, b], outputs: attention });
    model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
    const xs = [tf.randomNormal([8, 3, 4]), tf.randomNormal([8, 2, 6])];
    const y = tf.randomNormal([8, 2]);
    await model.fit(xs, y, { epochs: 1, batchSize: 4, verbose: 0 }); // optimizer slots created here
    tf.dispose(probe.predict(xs) as tf.Tensor);
    tf.dispose(model.predict(xs) as tf.Tensor);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      await model.fit(xs, y, { epochs: 1, batchSize: 4, verbose: 0 });
      tf.dispose(probe.predict(xs) as tf.Tensor);
      tf.dispose(model.predict(xs) as tf.Tensor);
    }
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([...xs, y]);
  });
});
