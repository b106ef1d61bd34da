// Sum and Mean over leading or middle axes for the wasm backend. tfjs 4.22's wasm reductions only
// reduce innermost axes: for any other axes they first transpose the whole input (a scalar C++
// loop), then sum. Every convolution's bias gradient is such a sum (dy [B, H, W, C] over B, H, W)
// and global average pooling is a mean over H, W. Reducing a contiguous block of axes that leaves
// the last axis alone is an average pooling, which XNNPACK runs without any transpose:
//
//   x viewed as [outer, R, 1, inner]   (R = the product of the reduced axes)
//   mean = AvgPool(window R × 1, stride 1, valid)   → [outer, 1, 1, inner]
//   sum  = mean · R
//
// Other reductions (the last axis included, non-contiguous axes, int32, tiny tensors) go to the
// shipped kernels unchanged.
import * as tf from '@tensorflow/tfjs';
import type { KernelConfig, KernelFunc, SumAttrs, TensorInfo } from '@tensorflow/tfjs';
import { asWasm, constantWasm, release, runWasm, view } from './util.ts';

/** Below this many elements the shipped transpose-and-reduce is as fast. */
const MIN_SIZE = 4096;

function reduceKernel(name: 'Sum' | 'Mean'): KernelFunc {
  return ({ inputs, backend: kernelBackend, attrs }) => {
    const backend = asWasm(kernelBackend);
    const x = inputs['x'];
    if (!x) throw new Error(`${name} (wasm): input x is required.`);
    const { axis, keepDims } = attrs as unknown as SumAttrs;
    const rank = x.shape.length;
    const axes = [...new Set(tf.util.parseAxisParam(axis, x.shape))].sort((a, b) => a - b);
    const lo = axes[0];
    const hi = axes[axes.length - 1];
    const size = tf.util.sizeFromShape(x.shape);
    if (x.dtype !== 'float32' || lo === undefined || hi === undefined || hi === rank - 1 || hi - lo + 1 !== axes.length || size < MIN_SIZE) {
      return runWasm(name, backend, { x }, { axis, keepDims });
    }
    const outer = tf.util.sizeFromShape(x.shape.slice(0, lo));
    const reduced = tf.util.sizeFromShape(x.shape.slice(lo, hi + 1));
    const inner = tf.util.sizeFromShape(x.shape.slice(hi + 1));
    const outShape = keepDims ? x.shape.map((d, i) => (i >= lo && i <= hi ? 1 : d)) : x.shape.filter((_, i) => i < lo || i > hi);
    if (reduced === 1) return runWasm('Identity', backend, { x: view(x, outShape) });
    const mean = runWasm('AvgPool', backend, { x: view(x, [outer, reduced, 1, inner]) }, { filterSize: [reduced, 1], strides: [1, 1], pad: 'valid' });
    if (name === 'Mean') return view(mean, outShape);
    const count = constantWasm(backend, Float32Array.of(reduced), []);
    try {
      const sum: TensorInfo = runWasm('Multiply', backend, { a: mean, b: count });
      return view(sum, outShape);
    } finally {
      release(backend, mean, count);
    }
  };
}

export const sum = reduceKernel('Sum');
export const mean = reduceKernel('Mean');

export const sumConfig: KernelConfig = { kernelName: tf.Sum, backendName: 'wasm', kernelFunc: sum };
export const meanConfig: KernelConfig = { kernelName: tf.Mean, backendName: 'wasm', kernelFunc: mean };
