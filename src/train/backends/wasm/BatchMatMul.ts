// BatchMatMul for the wasm backend. The shipped kernel hands a product to XNNPACK only when
// neither operand is transposed and both are unbatched; every other case — including the two
// products of every dense layer's gradient, dy·Wᵀ and xᵀ·dy — runs a blocked scalar C++ loop that
// is 10–20× slower. This kernel turns the common cases into that fast form:
//
//   A [...batchA, M, K] (or [..., K, M] with transposeA), B [K, N] (or [N, K] with transposeB),
//   B unbatched (batch size 1):
//     Aᵗ = transposeA ? Transpose(A, swap last two) : A      viewed as [batchA·M, K]
//     Bᵗ = transposeB ? Transpose(B)                : B      [K, N]
//     out = shipped BatchMatMul(Aᵗ, Bᵗ) on XNNPACK            viewed as [...batchA, M, N]
//
// (A batch folds into the rows because the rows of consecutive batch entries are contiguous.)
// Batched B (both operands batched, or B broadcast against A), non-float32, and products too small
// for the transposes to pay off go to the shipped kernel unchanged.
import * as tf from '@tensorflow/tfjs';
import type { BatchMatMulAttrs, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { asWasm, release, runWasm, transposeWasm, view } from './util.ts';

/** Below this many multiply-adds the shipped loop is as fast as transposing first. */
const MIN_MACS = 4096;

export const batchMatMul: KernelFunc = ({ inputs, backend: kernelBackend, attrs }) => {
  const backend = asWasm(kernelBackend);
  const { transposeA, transposeB } = attrs as unknown as BatchMatMulAttrs;
  const a = inputs['a'];
  const b = inputs['b'];
  if (!a || !b) throw new Error('BatchMatMul (wasm): inputs a and b are required.');
  const aRank = a.shape.length;
  const bRank = b.shape.length;
  const batchA = tf.util.sizeFromShape(a.shape.slice(0, -2));
  const batchB = tf.util.sizeFromShape(b.shape.slice(0, -2));
  const m = a.shape[transposeA ? aRank - 1 : aRank - 2] as number;
  const k = a.shape[transposeA ? aRank - 2 : aRank - 1] as number;
  const kb = b.shape[transposeB ? bRank - 1 : bRank - 2] as number;
  const n = b.shape[transposeB ? bRank - 2 : bRank - 1] as number;
  const alreadyFast = !transposeA && !transposeB && batchA === 1 && batchB === 1;
  const fastable =
    a.dtype === 'float32' && b.dtype === 'float32' && batchB === 1 && bRank <= aRank && k === kb && batchA * m * k * n >= MIN_MACS;
  if (alreadyFast || !fastable) return runWasm('BatchMatMul', backend, { a, b }, { transposeA, transposeB });

  const outShape = [...a.shape.slice(0, -2), m, n];
  const owned: TensorInfo[] = [];
  try {
    let a2 = view(a, [batchA, transposeA ? k : m, transposeA ? m : k]);
    if (transposeA) {
      a2 = transposeWasm(backend, a2, [0, 2, 1]);
      owned.push(a2);
    }
    let b2 = view(b, [1, transposeB ? n : k, transposeB ? k : n]);
    if (transposeB) {
      b2 = transposeWasm(backend, b2, [0, 2, 1]);
      owned.push(b2);
    }
    const out = runWasm('BatchMatMul', backend, { a: view(a2, [1, batchA * m, k]), b: view(b2, [1, k, n]) }, { transposeA: false, transposeB: false });
    return { dataId: out.dataId, shape: outShape, dtype: out.dtype };
  } finally {
    release(backend, ...owned);
  }
};

export const batchMatMulConfig: KernelConfig = {
  kernelName: tf.BatchMatMul,
  backendName: 'wasm',
  kernelFunc: batchMatMul,
};
