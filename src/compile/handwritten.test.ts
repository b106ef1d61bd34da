// A graph built in the designer and the same model written by hand in tfjs, with the same weights,
// give identical outputs.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, it } from 'vitest';
import { compileGraph } from './compileGraph.ts';
import { edge, graphOf, node } from './testing.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

it('concat MLP fusion: designer graph = hand-written tfjs model', () => {
  const graph = graphOf(
    [
      node('a', 'input.tabular', { features: 5 }),
      node('b', 'input.sequence', { steps: 2, features: 3 }),
      node('ma', 'encoder.mlp', { layers: 1, units: 4, activation: 'relu', dropout: 0 }),
      node('mb', 'encoder.mlp', { layers: 2, units: 4, activation: 'tanh', dropout: 0 }),
      node('cat', 'fusion.concat'),
      node('head', 'head.classify', { classes: 3, hidden: 6 }),
    ],
    [edge('e1', 'a', 'ma'), edge('e2', 'b', 'mb'), edge('e3', 'ma', 'cat'), edge('e4', 'mb', 'cat'), edge('e5', 'cat', 'head')],
  );
  const compiled = compileGraph(graph, { seed: 11 });

  // The same model by hand.
  const layer = {
    ma__dense_1: tf.layers.dense({ units: 4, activation: 'relu' }),
    mb__dense_1: tf.layers.dense({ units: 4, activation: 'tanh' }),
    mb__dense_2: tf.layers.dense({ units: 4, activation: 'tanh' }),
    head__hidden: tf.layers.dense({ units: 6, activation: 'relu' }),
    head__logits: tf.layers.dense({ units: 3 }),
  };
  const a = tf.input({ shape: [5] });
  const b = tf.input({ shape: [2, 3] });
  const za = layer.ma__dense_1.apply(a) as tf.SymbolicTensor;
  const fb = tf.layers.flatten().apply(b) as tf.SymbolicTensor;
  const zb = layer.mb__dense_2.apply(layer.mb__dense_1.apply(fb)) as tf.SymbolicTensor;
  const z = tf.layers.concatenate().apply([za, zb]) as tf.SymbolicTensor;
  const logits = layer.head__logits.apply(layer.head__hidden.apply(z)) as tf.SymbolicTensor;
  const hand = tf.model({ inputs: [a, b], outputs: logits });

  // Copy the weights layer by layer, by the designer's layer names ("<node id>__<role>").
  for (const [name, l] of Object.entries(layer)) {
    expect(compiled.layers[name.split('__')[0] ?? '']).toContain(name);
    l.setWeights(compiled.model.getLayer(name).getWeights());
  }
  expect(hand.countParams()).toBe(compiled.paramCount);

  const xa = tf.randomNormal([6, 5], 0, 1, 'float32', 1);
  const xb = tf.randomNormal([6, 2, 3], 0, 1, 'float32', 2);
  const designed = compiled.model.predict([xa, xb]) as tf.Tensor;
  const written = hand.predict([xa, xb]) as tf.Tensor;
  expect(designed.shape).toEqual([6, 3]);
  expect(designed.arraySync()).toEqual(written.arraySync());
  tf.dispose([xa, xb, designed, written]);
  compiled.model.dispose();
  hand.dispose();
});
