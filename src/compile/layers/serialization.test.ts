// Serialisation: a tf.model using each layer saves to memory, loads back through the registered
// class (tf.loadLayersModel) with the same config and weights, and gives the same outputs.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUSION_LAYER_CLASSES, FusionGated, FusionTensor, FusionTokenJoin } from './index.ts';
import { asList, CASES, caseInputs, caseModel, randomiseWeights } from './testing.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function roundTrip(model: tf.LayersModel): Promise<tf.LayersModel> {
  let saved: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (saved === null) throw new Error('nothing saved');
  // Through JSON text, as a real save would.
  const copy = JSON.parse(JSON.stringify({ ...(saved as tf.io.ModelArtifacts), weightData: undefined })) as tf.io.ModelArtifacts;
  copy.weightData = (saved as tf.io.ModelArtifacts).weightData ?? new ArrayBuffer(0);
  return tf.loadLayersModel(tf.io.fromMemory(copy));
}

function predictAll(model: tf.LayersModel, xs: tf.Tensor[]): unknown[] {
  const out = asList(model.predict(xs.length === 1 ? (xs[0] as tf.Tensor) : xs) as tf.Tensor | tf.Tensor[]);
  const arrays = out.map((t) => t.arraySync());
  tf.dispose(out);
  return arrays;
}

describe('registration', () => {
  it('every class has a Fusion* className and is in the serialization registry', () => {
    const names = FUSION_LAYER_CLASSES.map((c) => c.className);
    expect(new Set(names).size).toBe(names.length);
    for (const cls of FUSION_LAYER_CLASSES) {
      expect(cls.className).toMatch(/^Fusion[A-Z]/);
      expect(tf.serialization.SerializationMap.getMap().classNameMap[cls.className]?.[0]).toBe(cls);
    }
  });
});

describe.each(CASES)('$name save/load round trip', (c) => {
  it('reloads with the same config, weights and outputs', async () => {
    const layer = c.make();
    const model = caseModel(c, layer);
    randomiseWeights(layer, 3);
    const loaded = await roundTrip(model);
    const loadedLayer = loaded.getLayer(layer.name);
    expect(loadedLayer.getClassName()).toBe(layer.getClassName());
    expect(loadedLayer.getConfig()).toEqual(layer.getConfig());
    expect(loadedLayer.countParams()).toBe(c.params);
    const xs = caseInputs(c, 3);
    const [a, b] = [predictAll(model, xs), predictAll(loaded, xs)];
    expect(b).toEqual(a);
    tf.dispose(xs);
    model.dispose();
    loaded.dispose();
  });
});

describe('composite models', () => {
  it('fused output onward + a probe model sharing the layer, both survive a round trip', async () => {
    const z1 = tf.input({ shape: [3] });
    const z2 = tf.input({ shape: [4] });
    const gmu = new FusionGated({ units: 5, returnWeights: true });
    const [fused, gate] = gmu.apply([z1, z2]) as tf.SymbolicTensor[];
    if (!fused || !gate) throw new Error('expected two outputs');
    const head = tf.layers.dense({ units: 2 }).apply(fused) as tf.SymbolicTensor;
    const model = tf.model({ inputs: [z1, z2], outputs: head });
    const probe = tf.model({ inputs: [z1, z2], outputs: gate });
    const xs = [tf.randomNormal([4, 3]), tf.randomNormal([4, 4])];
    const before = (probe.predict(xs) as tf.Tensor).arraySync();
    // Training the main model changes what the probe shows: they share the layer.
    model.compile({ optimizer: tf.train.sgd(0.5), loss: 'meanSquaredError' });
    await model.fit(xs, tf.ones([4, 2]), { epochs: 2, verbose: 0 });
    const after = (probe.predict(xs) as tf.Tensor).arraySync();
    expect(after).not.toEqual(before);
    const loaded = await roundTrip(model);
    expect(predictAll(loaded, xs)).toEqual(predictAll(model, xs));
    tf.dispose(xs);
  });

  it('tensor fusion + dense and token join + transformer layers reload', async () => {
    const a = tf.input({ shape: [2, 4] });
    const b = tf.input({ shape: [3] });
    const tokens = new FusionTokenJoin({ dModel: 4 }).apply([a, b]) as tf.SymbolicTensor;
    const flat = tf.layers.flatten().apply(tokens) as tf.SymbolicTensor;
    const tfn = new FusionTensor().apply([flat, b]) as tf.SymbolicTensor;
    const out = tf.layers.dense({ units: 2 }).apply(tfn) as tf.SymbolicTensor;
    const model = tf.model({ inputs: [a, b], outputs: out });
    const loaded = await roundTrip(model);
    const xs = [tf.randomNormal([2, 2, 4]), tf.randomNormal([2, 3])];
    expect(predictAll(loaded, xs)).toEqual(predictAll(model, xs));
    const join = loaded.layers.find((l) => l instanceof FusionTokenJoin);
    expect(join?.getConfig()['tokenCounts']).toEqual([2, 1]);
    tf.dispose(xs);
  });
});
