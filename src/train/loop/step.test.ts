// The training step's accuracy, counted in JavaScript from the head's output: the same count as
// evaluate's predictedClass on the device, for one-hot and index heads; and no tensor left behind.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../../compile/index.ts';
import { disposeBatch, makeBatch } from './batches.ts';
import { bindDataset, type HeadTarget } from './binding.ts';
import { predictedClass } from './evaluate.ts';
import { countCorrect, trainStep } from './step.ts';
import { toyDataset, toyGraph } from './testing.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const oneHot: HeadTarget = { nodeId: 'h', outputIndex: 0, loss: 'softmaxCrossEntropy', encoding: 'oneHot', width: 4 };
const index: HeadTarget = { nodeId: 'h', outputIndex: 0, loss: 'meanSquaredError', encoding: 'index', width: 1 };

/** The device's count: predictedClass (as evaluate uses it) against the labels. */
function deviceCount(values: Float32Array, shape: [number, number], labels: Int32Array, target: HeadTarget, classes: number): number {
  return tf.tidy(() => {
    const predicted = predictedClass(tf.tensor2d(values, shape), target, classes);
    return tf.sum(tf.cast(tf.equal(predicted, tf.tensor1d(labels, 'int32')), 'float32')).arraySync() as number;
  });
}

describe('countCorrect', () => {
  it('counts the arg max of a one-hot head as the device does, ties to the first class', () => {
    const values = Float32Array.from([0.1, 0.7, 0.1, 0.1, 0.5, 0.5, 0, 0, -3, -1, -2, -5, 0, 0, 0, 9]);
    const labels = Int32Array.from([1, 0, 1, 2]);
    // Row 0: class 1 (right); row 1: a tie, class 0 (right); row 2: class 1 (right); row 3: class 3 (wrong).
    expect(countCorrect(values, labels, oneHot, 4)).toBe(3);
    expect(countCorrect(values, labels, oneHot, 4)).toBe(deviceCount(values, [4, 4], labels, oneHot, 4));
  });

  it('rounds and clips an index head to the classes as the device does', () => {
    const values = Float32Array.from([0.4, 1.6, 7.2, -3, 2.49]);
    const labels = Int32Array.from([0, 2, 3, 0, 3]);
    const counted = countCorrect(values, labels, index, 4);
    expect(counted).toBe(deviceCount(values, [5, 1], labels, index, 4));
    expect(counted).toBe(4);
  });

  it('agrees with the device on random logits', () => {
    const rand = Array.from({ length: 64 * 10 }, (_, i) => Math.sin(i * 12.9898) * 43758.5453 - Math.floor(Math.sin(i * 12.9898) * 43758.5453));
    const values = Float32Array.from(rand);
    const labels = Int32Array.from({ length: 64 }, (_, i) => (i * 7) % 10);
    const target = { ...oneHot, width: 10 };
    expect(countCorrect(values, labels, target, 10)).toBe(deviceCount(values, [64, 10], labels, target, 10));
  });
});

describe('trainStep', () => {
  it('reports the loss and the accuracy of the batch it trained on, and leaves no tensor behind', async () => {
    const data = toyDataset({ kind: 'redundant', n: 64 });
    const graph = toyGraph();
    const compiled = compileGraph(graph, { seed: 3 });
    const binding = bindDataset(graph, compiled, data.info);
    const rows = Int32Array.from({ length: 32 }, (_, i) => i);
    const primary = binding.targets[0] as HeadTarget;
    const before = tf.memory().numTensors;
    const optimizer = tf.train.sgd(0); // no update: the step's output equals a forward pass's
    const batch = makeBatch(data, binding, rows);
    const expected = tf.tidy(() => {
      const out = compiled.model.apply(batch.xs, { training: false }) as tf.Tensor;
      const predicted = Array.from(predictedClass(out, primary, binding.classes).dataSync());
      return predicted.filter((p, i) => p === batch.labels[i]).length;
    });
    const stats = trainStep(compiled, optimizer, batch, primary, binding.classes, 1);
    disposeBatch(batch);
    const { loss, correct } = await stats.read();
    stats.dispose();
    optimizer.dispose();
    expect(Number.isFinite(loss) && loss > 0).toBe(true);
    expect(correct).toBe(expected);
    expect(tf.memory().numTensors).toBe(before);
    compiled.model.dispose();
  });
});
