// Add, Sub, Multiply and RealDiv of a large tensor and a short vector broadcast over its leading
// axes (a bias: x [B, H, W, C] + b [C]) for the wasm backend. tfjs 4.22 hands these to XNNPACK's
// broadcasting kernels, whose cost grows with the number of contiguous runs of the output: with
// C = 16, one run per 16 values, so a bias add costs 8–10× a same-shape add. Tiling the vector r
// times first (a tiny Tile) and viewing the large tensor as [rows / r, r·C] gives runs of r·C:
//
//   b' = Tile(b as [1, C], [r, 1])          r·C ≈ 1,024 values, r dividing the rows
//   out = op(x as [rows / r, r·C], b' as [r·C])      (operands kept in their order)
//
// Same shapes, scalars, other broadcasts, non-float32 and small tensors go to the shipped kernel.
import * as tf from '@tensorflow/tfjs';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { asWasm, release, runWasm, view } from './util.ts';

/** Below this many output values the shipped kernel is as fast. */
const MIN_SIZE = 16384;
/** The run length to aim for. */
const RUN = 1024;

/** The trailing shape of `small` without its leading 1s, if `small` broadcasts only over leading axes of `big`. */
function trailingVector(big: TensorInfo, small: TensorInfo): number | null {
  const shape = [...small.shape];
  while (shape.length > 0 && shape[0] === 1) shape.shift();
  if (shape.length === 0 || shape.length >= big.shape.length) return null;
  const tail = big.shape.slice(big.shape.length - shape.length);
  return tail.every((d, i) => d === shape[i]) ? tf.util.sizeFromShape(shape) : null;
}

function binaryKernel(name: 'Add' | 'Sub' | 'Multiply' | 'RealDiv'): KernelFunc {
  return ({ inputs, backend: kernelBackend }) => {
    const backend = asWasm(kernelBackend);
    const a = inputs['a'];
    const b = inputs['b'];
    if (!a || !b) throw new Error(`${name} (wasm): inputs a and b are required.`);
    const bigIsA = tf.util.sizeFromShape(a.shape) >= tf.util.sizeFromShape(b.shape);
    const big = bigIsA ? a : b;
    const small = bigIsA ? b : a;
    const size = tf.util.sizeFromShape(big.shape);
    const width = a.dtype === 'float32' && b.dtype === 'float32' && size >= MIN_SIZE ? trailingVector(big, small) : null;
    if (width === null || width > RUN / 8 || small.shape.length > big.shape.length) return runWasm(name, backend, { a, b });
    const rows = size / width;
    let reps = Math.min(rows, Math.floor(RUN / width));
    while (rows % reps !== 0) reps--;
    if (reps < 8) return runWasm(name, backend, { a, b });
    const tiled = runWasm('Tile', backend, { x: view(small, [1, width]) }, { reps: [reps, 1] });
    try {
      const bigView = view(big, [rows / reps, reps * width]);
      const smallView = view(tiled, [reps * width]);
      const out = runWasm(name, backend, bigIsA ? { a: bigView, b: smallView } : { a: smallView, b: bigView });
      return view(out, [...big.shape]);
    } finally {
      release(backend, tiled);
    }
  };
}

export const addConfig: KernelConfig = { kernelName: tf.Add, backendName: 'wasm', kernelFunc: binaryKernel('Add') };
export const subConfig: KernelConfig = { kernelName: tf.Sub, backendName: 'wasm', kernelFunc: binaryKernel('Sub') };
export const multiplyConfig: KernelConfig = { kernelName: tf.Multiply, backendName: 'wasm', kernelFunc: binaryKernel('Multiply') };
export const realDivConfig: KernelConfig = { kernelName: tf.RealDiv, backendName: 'wasm', kernelFunc: binaryKernel('RealDiv') };
