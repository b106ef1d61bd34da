// Gradients: every trainable weight of every layer gets a finite gradient (non-zero unless zero by
// construction) from a small loss; and every kernel the forward and backward passes run (profiled
// on cpu) is also registered for webgl and webgpu, so training works on those backends too.
import * as tf from '@tensorflow/tfjs';
// Registers the webgpu kernels (no adapter is needed for that) so their names can be checked.
import '@tensorflow/tfjs-backend-webgpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyEager, CASES, caseInputs, randomiseWeights, randomTensor } from './testing.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.each(CASES.filter((c) => c.params > 0))('$name gradients', (c) => {
  it('are finite for every trainable weight', () => {
    const layer = c.make();
    const xs = caseInputs(c, 3);
    tf.dispose(applyEager(layer, xs)); // build
    randomiseWeights(layer, 5);
    const shapes = applyEager(layer, xs).map((t) => {
      const s = t.shape;
      t.dispose();
      return s;
    });
    const projections = shapes.map((s, i) => randomTensor(s, 40 + i));
    const vars = layer.trainableWeights.map((w) => w.read() as tf.Variable);
    const { value, grads } = tf.variableGrads(() => {
      const outs = applyEager(layer, xs, { training: true });
      return tf.addN(outs.map((o, i) => tf.sum(tf.mul(o, projections[i] ?? 0)))) as tf.Scalar;
    }, vars);
    expect(Number.isFinite(value.dataSync()[0])).toBe(true);
    expect(Object.keys(grads).length).toBe(vars.length);
    for (const w of layer.trainableWeights) {
      const g = grads[(w.read() as tf.Variable).name];
      expect(g, w.name).toBeDefined();
      if (!g) continue;
      const values = Array.from(g.dataSync());
      expect(values.every(Number.isFinite), `${w.name} finite`).toBe(true);
      const short = w.originalName.split('/').pop() ?? '';
      if (!(c.zeroGrad ?? []).includes(short)) {
        expect(Math.max(...values.map(Math.abs)), `${w.name} non-zero`).toBeGreaterThan(0);
      }
    }
    tf.dispose([value, ...Object.values(grads), ...projections, ...xs]);
  });
});

describe('layers without weights', () => {
  it.each(CASES.filter((c) => c.params === 0))('$name has no trainable weights', (c) => {
    const layer = c.make();
    const xs = caseInputs(c, 2);
    tf.dispose(applyEager(layer, xs));
    expect(layer.trainableWeights).toEqual([]);
    tf.dispose(xs);
  });
});

describe('backend coverage', () => {
  const webgl = new Set(tf.getKernelsForBackend('webgl').map((k) => k.kernelName));
  const webgpu = new Set(tf.getKernelsForBackend('webgpu').map((k) => k.kernelName));

  it.each(CASES)('$name: forward + backward kernels exist on webgl and webgpu', async (c) => {
    const layer = c.make();
    const xs = caseInputs(c, 2);
    tf.dispose(applyEager(layer, xs));
    const vars = layer.trainableWeights.map((w) => w.read() as tf.Variable);
    const info = await tf.profile(() => {
      const loss = (): tf.Scalar => tf.addN(applyEager(layer, xs, { training: true }).map((o) => tf.sum(o))) as tf.Scalar;
      if (vars.length === 0) return loss();
      const { value, grads } = tf.variableGrads(loss, vars);
      tf.dispose(Object.values(grads));
      return value;
    });
    // Names ending in __op are customGrad wrappers (e.g. logSoftmax), not kernels.
    const kernels = [...new Set(info.kernelNames)].filter((k) => !k.endsWith('__op'));
    expect(kernels.length).toBeGreaterThan(0);
    expect(kernels.filter((k) => !webgl.has(k)), 'missing on webgl').toEqual([]);
    expect(kernels.filter((k) => !webgpu.has(k)), 'missing on webgpu').toEqual([]);
    tf.dispose(xs);
  });
});
