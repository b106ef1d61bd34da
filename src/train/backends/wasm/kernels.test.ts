// Each wasm training kernel against the cpu backend on random inputs (relative error ≤ 1e-4), over
// the strides, paddings, kernel sizes, channel counts and batch sizes the catalogue uses, odd and
// non-square sizes included; and no tensor or wasm buffer is left behind.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONV_CASES, convShapes } from '../convCases.testing.ts';
import { preferredPath } from './Conv2DBackpropFilter.ts';
import { registerWasmTrainingKernels, WASM_FASTER_KERNELS, WASM_FIXED_KERNELS, WASM_MISSING_KERNELS } from './index.ts';
import { randomValues, relativeError, runKernelOn, loadWasmBackend, wasmDataIds } from './testing.ts';
import { shippedKernels } from './util.ts';
import type { KernelRun } from './testing.ts';

const TOL = 1e-4;
type Inputs = Record<string, { values: Float32Array | Int32Array; shape: number[] }>;

beforeAll(async () => {
  await loadWasmBackend();
  registerWasmTrainingKernels();
});

/** Runs `name` on cpu then wasm, checks agreement and that the wasm run leaks nothing. */
async function compare(name: string, inputs: Inputs, attrs: Record<string, unknown>): Promise<{ cpu: KernelRun; wasm: KernelRun; error: number }> {
  const cpu = await runKernelOn('cpu', name, inputs, attrs);
  await tf.setBackend('wasm');
  const tensorsBefore = tf.memory().numTensors;
  const buffersBefore = wasmDataIds();
  const wasm = await runKernelOn('wasm', name, inputs, attrs);
  expect(tf.memory().numTensors, 'tensors leaked').toBe(tensorsBefore);
  expect(wasmDataIds(), 'wasm buffers leaked').toBe(buffersBefore);
  expect(wasm.shape).toEqual(cpu.shape);
  const error = relativeError(cpu.values, wasm.values);
  expect(error).toBeLessThanOrEqual(TOL);
  return { cpu, wasm, error };
}

function random(shape: number[], seed: number): { values: Float32Array; shape: number[] } {
  return { values: randomValues(tf.util.sizeFromShape(shape), seed), shape };
}

describe('the kernels tfjs-backend-wasm 4.22 lacks', () => {
  it('are Conv2DBackpropFilter and UnsortedSegmentSum (registered here)', () => {
    expect(WASM_MISSING_KERNELS.map((k) => k.kernelName)).toEqual(['Conv2DBackpropFilter', 'UnsortedSegmentSum']);
    for (const k of [...WASM_MISSING_KERNELS, ...WASM_FIXED_KERNELS, ...WASM_FASTER_KERNELS]) expect(tf.getKernel(k.kernelName, 'wasm')?.kernelFunc).toBe(k.kernelFunc);
  });

  it('registration is idempotent', () => {
    expect(registerWasmTrainingKernels()).toEqual([]);
  });
});

describe('Conv2DBackpropFilter', () => {
  it('the cases cover every path: patches (either operand packed), rotated, transposed', () => {
    const paths = CONV_CASES.map((c) => {
      const [sh, sw] = typeof c.strides === 'number' ? [c.strides, c.strides] : c.strides;
      return { c, path: preferredPath(c.filter[2], c.filter[3], c.filter[0] * c.filter[1], sh * sw, c.format === 'NCHW') };
    });
    const count = (path: string): number => paths.filter((p) => p.path === path).length;
    expect([count('patches'), count('rotated'), count('transposed')].every((n) => n >= 5)).toBe(true);
    // The patches are packed when they are smaller than dy, dy otherwise: both occur.
    expect(paths.some((p) => p.path === 'patches' && p.c.filter[0] * p.c.filter[1] * p.c.filter[2] > p.c.filter[3])).toBe(true);
    expect(paths.some((p) => p.path === 'rotated' && p.c.format === 'NCHW')).toBe(true);
  });

  it.each(CONV_CASES)('$label', async (c) => {
    const s = convShapes(c);
    await compare(
      'Conv2DBackpropFilter',
      { x: random(s.x, 1), dy: random(s.dy, 2) },
      { strides: c.strides, pad: c.pad, dataFormat: c.format ?? 'NHWC', filterShape: c.filter },
    );
  });
});

describe('Conv2DBackpropInput', () => {
  it.each(CONV_CASES)('$label', async (c) => {
    const s = convShapes(c);
    await compare(
      'Conv2DBackpropInput',
      { dy: random(s.dy, 3), filter: random(c.filter, 4) },
      { strides: c.strides, pad: c.pad, dataFormat: c.format ?? 'NHWC', inputShape: s.x },
    );
  });
});

interface MatMulCase {
  label: string;
  a: number[];
  b: number[];
  transposeA: boolean;
  transposeB: boolean;
}

// Dense gradients (dy·Wᵀ, xᵀ·dy), dense on sequences (3-D by 2-D), attention-style batched
// products and tiny products (both left to the shipped kernel).
const MATMUL_CASES: MatMulCase[] = [
  { label: 'plain 2-D (shipped XNNPACK path)', a: [64, 37], b: [37, 29], transposeA: false, transposeB: false },
  { label: 'dense dx = dy · Wᵀ', a: [64, 29], b: [37, 29], transposeA: false, transposeB: true },
  { label: 'dense dW = xᵀ · dy', a: [64, 37], b: [64, 29], transposeA: true, transposeB: false },
  { label: 'both transposed', a: [37, 64], b: [29, 37], transposeA: true, transposeB: true },
  { label: 'batch 1 rows, transposed B', a: [1, 784], b: [128, 784], transposeA: false, transposeB: true },
  { label: '3-D by 2-D (tokens × weights)', a: [3, 17, 24], b: [24, 10], transposeA: false, transposeB: false },
  { label: '3-D by 2-D, transposeA', a: [3, 24, 17], b: [24, 10], transposeA: true, transposeB: false },
  { label: '4-D by 2-D, transposeB', a: [2, 3, 9, 24], b: [10, 24], transposeA: false, transposeB: true },
  { label: '4-D by [1, 1, K, N]', a: [2, 3, 9, 24], b: [1, 1, 24, 10], transposeA: false, transposeB: false },
  { label: 'attention scores q·kᵀ (batched both)', a: [8, 12, 16], b: [8, 12, 16], transposeA: false, transposeB: true },
  { label: 'attention grad (batched both, transposeA)', a: [8, 12, 12], b: [8, 12, 16], transposeA: true, transposeB: false },
  { label: '2-D by batched B (broadcast A)', a: [12, 16], b: [4, 16, 8], transposeA: false, transposeB: false },
  { label: '[K, M]ᵀ with B [1, K, N] of higher rank', a: [16, 12], b: [1, 16, 8], transposeA: true, transposeB: false },
  { label: 'tiny', a: [3, 4], b: [5, 4], transposeA: false, transposeB: true },
  { label: 'vector-like (M = 1, transposeA)', a: [50, 1], b: [50, 70], transposeA: true, transposeB: false },
];

describe('BatchMatMul', () => {
  it.each(MATMUL_CASES)('$label', async (c) => {
    await compare('BatchMatMul', { a: random(c.a, 5), b: random(c.b, 6) }, { transposeA: c.transposeA, transposeB: c.transposeB });
  });
});

interface PoolCase {
  label: string;
  x: [number, number, number, number];
  filterSize: number | [number, number];
  strides: number | [number, number];
  pad: 'same' | 'valid' | number;
  /** Many equal values (as after ReLU), to check ties. */
  ties?: boolean;
  /** Every value below zero (where the shipped kernel fails). */
  negative?: boolean;
}

const POOL_CASES: PoolCase[] = [
  { label: 'cnn2d 2×2/2 valid, 28×28×16, batch 8', x: [8, 28, 28, 16], filterSize: 2, strides: 2, pad: 'valid' },
  { label: '2×2/2 valid, odd 13×11 (last row/column dropped)', x: [3, 13, 11, 4], filterSize: 2, strides: 2, pad: 'valid' },
  { label: '2×2/2 same, odd 13×11', x: [3, 13, 11, 4], filterSize: 2, strides: 2, pad: 'same' },
  { label: '3×3/1 same (overlapping windows)', x: [2, 9, 10, 3], filterSize: 3, strides: 1, pad: 'same' },
  { label: '3×3/2 valid (overlapping windows)', x: [2, 11, 9, 3], filterSize: 3, strides: 2, pad: 'valid' },
  { label: 'cnn1d pool 2 as [B, T, 1, C], odd T, batch 64', x: [64, 25, 1, 8], filterSize: [2, 1], strides: [2, 1], pad: 'valid' },
  { label: 'ties: ReLU-like input, 2×2/2 valid', x: [4, 10, 10, 5], filterSize: 2, strides: 2, pad: 'valid', ties: true },
  { label: 'ties: ReLU-like input, 3×3/1 same', x: [2, 7, 8, 3], filterSize: 3, strides: 1, pad: 'same', ties: true },
  { label: 'numeric padding', x: [2, 8, 8, 3], filterSize: 3, strides: 2, pad: 1 },
  { label: '3×3/3 same (tiled), odd 10×11', x: [2, 10, 11, 3], filterSize: 3, strides: 3, pad: 'same' },
  { label: '3×2/3×2 valid (tiled, non-square windows)', x: [2, 10, 9, 3], filterSize: [3, 2], strides: [3, 2], pad: 'valid' },
  { label: '2×2/3 valid (gaps between windows)', x: [2, 11, 10, 3], filterSize: 2, strides: 3, pad: 'valid' },
  { label: '1×1/1 (identity)', x: [2, 5, 4, 3], filterSize: 1, strides: 1, pad: 'valid' },
  { label: 'all values negative, 2×2/2 same, odd', x: [2, 7, 5, 3], filterSize: 2, strides: 2, pad: 'same', negative: true },
  { label: 'all values negative, 3×3/2 same', x: [2, 7, 9, 3], filterSize: 3, strides: 2, pad: 'same', negative: true },
];

describe('MaxPoolGrad', () => {
  it('the shipped kernel is wrong when a window holds no positive value (why it is replaced)', async () => {
    const shipped = shippedKernels.get('MaxPoolGrad');
    expect(shipped).toBeDefined();
    if (!shipped) return;
    await tf.setBackend('wasm');
    const x = tf.tensor4d([-1, -5, -3, -2, -7, -9, -4, -8, 0, 0, 1, 2, 0, 0, 2, 1], [1, 4, 4, 1]);
    const y = tf.maxPool(x, 2, 2, 'valid');
    const dy = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
    const backend = tf.backend();
    const out = shipped.kernelFunc({ inputs: { dy, input: x, output: y }, backend, attrs: { filterSize: 2, strides: 2, pad: 'valid' } }) as tf.TensorInfo;
    const wrong = Array.from(backend.readSync(out.dataId) as Float32Array);
    backend.disposeData(out.dataId);
    const right = tf.tidy(() => Array.from(tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(t as tf.Tensor4D, 2, 2, 'valid'), dy)))(x).dataSync()));
    expect(right).toEqual([1, 0, 0, 2, 0, 0, 0, 0, 3, 0, 0, 4, 0, 0, 0, 0]);
    expect(wrong).not.toEqual(right);
    tf.dispose([x, y, dy]);
  });

  it('recomputes the window maxima when the forward output is not given', async () => {
    const x = random([3, 10, 12, 4], 17);
    x.values = x.values.map((v) => Math.max(0, Math.round(v * 2) / 2)); // ties, as after ReLU
    await compare('MaxPoolGrad', { dy: random([3, 5, 6, 4], 18), input: x }, { filterSize: 2, strides: 2, pad: 'valid' });
  });

  it.each(POOL_CASES)('$label', async (c) => {
    const x = random(c.x, 7);
    if (c.ties) x.values = x.values.map((v) => Math.max(0, Math.round(v * 2) / 2));
    if (c.negative) x.values = x.values.map((v) => v - 1.5);
    await tf.setBackend('cpu');
    const y = tf.tidy(() => tf.maxPool(tf.tensor4d(x.values, c.x), c.filterSize, c.strides, c.pad));
    const output = { values: (await y.data()) as Float32Array, shape: y.shape as number[] };
    y.dispose();
    await compare('MaxPoolGrad', { dy: random(output.shape, 8), input: x, output }, { filterSize: c.filterSize, strides: c.strides, pad: c.pad });
  });
});

interface SegmentCase {
  label: string;
  x: number[];
  ids: number[];
  numSegments: number;
  /** Include ids outside [0, numSegments). */
  invalid?: boolean;
  int?: boolean;
}

// Embedding gradients: N = batch × tokens ids into a vocabulary, with many repeats.
const SEGMENT_CASES: SegmentCase[] = [
  { label: 'embedding grad: 64×20 tokens, vocab 100, dim 16', x: [1280, 16], ids: [1280], numSegments: 100 },
  { label: 'more segments than ids', x: [30, 8], ids: [30], numSegments: 1000 },
  { label: '1-D x', x: [40], ids: [40], numSegments: 7 },
  { label: 'x [N, 2, 3]', x: [25, 2, 3], ids: [25], numSegments: 6 },
  { label: 'out-of-range ids are dropped', x: [50, 4], ids: [50], numSegments: 10, invalid: true },
  { label: 'int32 x', x: [30, 3], ids: [30], numSegments: 5, int: true },
];

describe('UnsortedSegmentSum', () => {
  it.each(SEGMENT_CASES)('$label', async (c) => {
    const n = tf.util.sizeFromShape(c.ids);
    const idValues = Int32Array.from(randomValues(n, 9), (v) => Math.floor(((v + 1) / 2) * c.numSegments));
    if (c.invalid) for (let i = 0; i < n; i += 7) idValues[i] = i % 2 === 0 ? -1 - i : c.numSegments + i;
    const x = random(c.x, 10);
    const xValues = c.int ? Int32Array.from(x.values, (v) => Math.round(v * 100)) : x.values;
    const { cpu } = await compare('UnsortedSegmentSum', { x: { values: xValues, shape: c.x }, segmentIds: { values: idValues, shape: c.ids } }, { numSegments: c.numSegments });
    expect(cpu.shape).toEqual([c.numSegments, ...c.x.slice(c.ids.length)]);
  });

  // The cpu kernel mis-broadcasts ids of rank > 1, so this compares with the flattened ids on cpu.
  it('ids of rank 2 (x [4, 5, 3]) equal the flattened ids', async () => {
    const idValues = Int32Array.from(randomValues(20, 11), (v) => Math.floor(((v + 1) / 2) * 9));
    const x = random([4, 5, 3], 12);
    const cpu = await runKernelOn('cpu', 'UnsortedSegmentSum', { x: { values: x.values, shape: [20, 3] }, segmentIds: { values: idValues, shape: [20] } }, { numSegments: 9 });
    await tf.setBackend('wasm');
    const before = [tf.memory().numTensors, wasmDataIds()];
    const wasm = await runKernelOn('wasm', 'UnsortedSegmentSum', { x, segmentIds: { values: idValues, shape: [4, 5] } }, { numSegments: 9 });
    expect([tf.memory().numTensors, wasmDataIds()]).toEqual(before);
    expect(wasm.shape).toEqual([9, 3]);
    expect(relativeError(cpu.values, wasm.values)).toBeLessThanOrEqual(TOL);
  });
});

interface ReduceCase {
  label: string;
  x: number[];
  axis: number[];
  keepDims?: boolean;
}

// Bias gradients (every axis but the channels), global average pooling (H and W), the leading
// axis of a dense activation, the batch of a sequence, and reductions left to the shipped kernel
// (the last axis, non-contiguous axes, tiny inputs).
const REDUCE_CASES: ReduceCase[] = [
  { label: 'conv bias gradient: [64, 28, 28, 16] over B, H, W', x: [64, 28, 28, 16], axis: [0, 1, 2] },
  { label: 'global average: [8, 7, 7, 32] over H, W, keepDims', x: [8, 7, 7, 32], axis: [1, 2], keepDims: true },
  { label: 'dense bias gradient: [512, 64] over the batch', x: [512, 64], axis: [0] },
  { label: 'sequence: [16, 50, 24] over the batch and time', x: [16, 50, 24], axis: [0, 1] },
  { label: 'middle axis only: [6, 40, 30, 5] over axis 1', x: [6, 40, 30, 5], axis: [1] },
  { label: 'a size-1 reduced axis: [1, 80, 70] over axis 0', x: [1, 80, 70], axis: [0] },
  { label: 'last axis (shipped kernel)', x: [64, 200], axis: [1] },
  { label: 'non-contiguous axes (shipped kernel)', x: [8, 20, 10, 4], axis: [0, 2] },
  { label: 'tiny (shipped kernel)', x: [4, 3], axis: [0] },
];

describe.each(['Sum', 'Mean'])('%s', (name) => {
  it.each(REDUCE_CASES)('$label', async (c) => {
    await compare(name, { x: random(c.x, 13) }, { axis: c.axis, keepDims: c.keepDims ?? false });
  });
});

interface BinaryCase {
  label: string;
  a: number[];
  b: number[];
}

// Bias adds (a vector broadcast over every leading axis, either operand first), and broadcasts
// left to the shipped kernel.
const BINARY_CASES: BinaryCase[] = [
  { label: 'conv bias: [64, 28, 28, 16] and [16]', a: [64, 28, 28, 16], b: [16] },
  { label: 'vector first: [32] and [16, 14, 14, 32]', a: [32], b: [16, 14, 14, 32] },
  { label: 'trailing matrix: [40, 30, 7, 5] and [7, 5]', a: [40, 30, 7, 5], b: [7, 5] },
  { label: 'leading ones: [300, 100] and [1, 100]', a: [300, 100], b: [1, 100] },
  { label: 'rows not a multiple of the run: [1021, 48] and [48]', a: [1021, 48], b: [48] },
  { label: 'same shapes (shipped kernel)', a: [64, 300], b: [64, 300] },
  { label: 'scalar (shipped kernel)', a: [64, 300], b: [] },
  { label: 'column broadcast (shipped kernel)', a: [300, 64], b: [300, 1] },
  { label: 'a wide vector (shipped kernel)', a: [100, 784], b: [784] },
];

describe.each(['Add', 'Sub', 'Multiply', 'RealDiv'])('%s', (name) => {
  it.each(BINARY_CASES)('$label', async (c) => {
    const b = random(c.b, 15);
    // Divisors away from zero.
    if (name === 'RealDiv') b.values = b.values.map((v) => (v < 0 ? v - 0.5 : v + 0.5));
    const { cpu } = await compare(name, { a: random(c.a, 14), b }, {});
    expect(cpu.shape).toEqual(tf.broadcast_util.assertAndGetBroadcastShape(c.a, c.b));
  });
});

describe('Identity and Cast', () => {
  it('share the buffer (no copy) and free it only with the last reference', async () => {
    await tf.setBackend('wasm');
    const buffers = wasmDataIds();
    const x = tf.tensor(randomValues(1000, 16), [10, 100]);
    const copy = tf.clone(x);
    const cast = tf.cast(x, 'float32');
    expect(wasmDataIds()).toBe(buffers + 1);
    x.dispose();
    copy.dispose();
    expect(Array.from(await cast.data())).toEqual(Array.from(randomValues(1000, 16)));
    cast.dispose();
    expect(wasmDataIds()).toBe(buffers);
  });

  it('Cast to another dtype still converts', async () => {
    await compare('Cast', { x: { values: Float32Array.from([1.7, -2.2, 0, 3.9]), shape: [4] } }, { dtype: 'int32' });
    await compare('Cast', { x: { values: Int32Array.from([3, -1, 0]), shape: [3] } }, { dtype: 'float32' });
  });
});
