// Our cpu Conv2DBackpropFilter against tfjs's own cpu kernel on random inputs (relative error
// ≤ 1e-4) over the convolution shapes the catalogue uses; registration is idempotent and
// reversible, and nothing leaks.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONV_CASES, convShapes } from '../convCases.testing.ts';
import { randomValues, relativeError } from '../wasm/testing.ts';
import { conv2DBackpropFilter, originalCpuKernel, registerCpuTrainingKernels, unregisterCpuTrainingKernels } from './index.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerCpuTrainingKernels();
});

afterAll(() => {
  unregisterCpuTrainingKernels();
});

/** Runs `func` on the cpu backend directly; the values of its output, which it frees. */
function run(func: tf.KernelFunc, inputs: Record<string, tf.Tensor>, attrs: tf.NamedAttrMap): { values: Float32Array; shape: number[] } {
  const backend = tf.backend();
  const out = func({ inputs, backend, attrs }) as tf.TensorInfo;
  const values = backend.readSync(out.dataId) as Float32Array;
  backend.disposeData(out.dataId);
  return { values, shape: out.shape };
}

describe('registration', () => {
  it('replaces the cpu kernel, is idempotent and can be undone', () => {
    const original = originalCpuKernel('Conv2DBackpropFilter');
    expect(original?.kernelFunc).not.toBe(conv2DBackpropFilter);
    expect(tf.getKernel('Conv2DBackpropFilter', 'cpu')?.kernelFunc).toBe(conv2DBackpropFilter);
    expect(registerCpuTrainingKernels()).toEqual([]);
    unregisterCpuTrainingKernels();
    expect(tf.getKernel('Conv2DBackpropFilter', 'cpu')?.kernelFunc).toBe(original?.kernelFunc);
    expect(registerCpuTrainingKernels()).toEqual(['Conv2DBackpropFilter']);
  });
});

describe('Conv2DBackpropFilter on cpu equals tfjs’s own', () => {
  it.each(CONV_CASES)('$label', (c) => {
    const original = originalCpuKernel('Conv2DBackpropFilter');
    if (!original) throw new Error('no original cpu kernel');
    const s = convShapes(c);
    const x = tf.tensor(randomValues(tf.util.sizeFromShape(s.x), 1), s.x);
    const dy = tf.tensor(randomValues(tf.util.sizeFromShape(s.dy), 2), s.dy);
    const attrs = { strides: c.strides, pad: c.pad, dataFormat: c.format ?? 'NHWC', filterShape: c.filter } as unknown as tf.NamedAttrMap;
    const before = tf.memory().numTensors;
    const dataIds = tf.engine().backend.numDataIds();
    const ours = run(conv2DBackpropFilter, { x, dy }, attrs);
    expect(tf.engine().backend.numDataIds(), 'intermediates freed').toBe(dataIds);
    expect(tf.memory().numTensors).toBe(before);
    const theirs = run(original.kernelFunc, { x, dy }, attrs);
    expect(ours.shape).toEqual(c.filter);
    expect(relativeError(theirs.values, ours.values)).toBeLessThanOrEqual(1e-4);
    tf.dispose([x, dy]);
  });

  it('trains a conv layer through the engine (tf.grad) like the original', () => {
    const x = tf.tensor4d(randomValues(2 * 9 * 9 * 3, 3), [2, 9, 9, 3]);
    const w = tf.tensor4d(randomValues(3 * 3 * 3 * 4, 4), [3, 3, 3, 4]);
    const gradient = (): Float32Array => tf.tidy(() => tf.grad((f: tf.Tensor) => tf.sum(tf.square(tf.conv2d(x, f as tf.Tensor4D, 2, 'same'))))(w).dataSync() as Float32Array);
    const ours = gradient();
    unregisterCpuTrainingKernels();
    const theirs = gradient();
    registerCpuTrainingKernels();
    expect(relativeError(theirs, ours)).toBeLessThanOrEqual(1e-4);
    tf.dispose([x, w]);
  });
});
