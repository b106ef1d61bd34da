// Conv2DBackpropFilter for the wasm backend (tfjs 4.22 ships none). Three paths, all on the
// backend's XNNPACK kernels:
//
// "transposed" and "rotated" (../convFilter.ts, shared with the cpu backend): one forward
// convolution of transposed tensors, whose kernel is dy (transposed) or x (rotated, stride 1).
// XNNPACK packs that kernel on every call (tfjs first transposes it, then XNNPACK repacks it;
// together ~8 ns per value), so the rotated path wins when x is the smaller of the two.
//
// "patches", when x has few channels (a first layer on grey images: dy is 16× larger than x):
//   P   = Conv2D(x, E)                 E one-hot [fh, fw, ci, fh·fw·ci]: P [B, oh, ow, fh·fw·ci]
//                                      holds every input patch (im2col by XNNPACK, exact)
//   dWᵀ = dyᵀ · P                      [co, K] · [K, fh·fw·ci], K = B·oh·ow (XNNPACK packs P)
//   dW  = transpose(dWᵀ)               [fh·fw·ci, co] = [fh, fw, ci, co]
// (or dW = Pᵀ · dy when dy is the smaller operand to pack). `preferredPath` picks by cost.
import * as tf from '@tensorflow/tfjs';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { filterGradInfo, filterGradRotated, filterGradTransposed } from '../convFilter.ts';
import type { Kernels } from '../convFilter.ts';
import { asWasm, constantWasm, release, runWasm, transposeWasm, view } from './util.ts';
import type { WasmBackend } from './util.ts';

/**
 * Whether the patches path is cheaper, per output pixel, in nanoseconds as measured on wasm:
 * transposes ~1.5 per value, packing a matrix product's right operand ~4 per value, the tfjs
 * filter transpose before packing ~3 per value, XNNPACK ~11.5 multiply-adds per ns.
 */
export function patchesPay(ci: number, co: number, taps: number): boolean {
  const direct = 1.5 * ci + 1.5 * co + 7 * co;
  const patches = (taps * taps) / 11.5 + 1.5 * Math.min(co, taps) + 4 * Math.min(co, taps);
  return patches < direct;
}

/**
 * The path for these sizes (falling back to 'transposed', the general one, when the chosen path's
 * paddings do not line up): 'patches' for few input channels (NHWC), 'rotated' for stride 1 and
 * fewer input than output channels.
 */
export function preferredPath(ci: number, co: number, window: number, strideArea: number, channelsFirst: boolean): 'patches' | 'rotated' | 'transposed' {
  if (!channelsFirst && patchesPay(ci, co, window * ci)) return 'patches';
  return strideArea === 1 && ci < co ? 'rotated' : 'transposed';
}

/** The patches path (see the top of this file); NHWC x and dy, null when its shapes do not line up. */
function viaPatches(backend: WasmBackend, x: TensorInfo, dy: TensorInfo, info: tf.backend_util.Conv2DInfo): TensorInfo | null {
  const { batchSize: B, outHeight: oh, outWidth: ow, filterHeight: fh, filterWidth: fw, inChannels: ci, outChannels: co } = info;
  const taps = fh * fw * ci;
  const k = B * oh * ow;
  const oneHot = new Float32Array(taps * taps);
  for (let t = 0; t < taps; t++) oneHot[t * taps + t] = 1; // E[p, q, c, (p·fw + q)·ci + c] = 1
  const owned: TensorInfo[] = [];
  const keep = (t: TensorInfo): TensorInfo => {
    owned.push(t);
    return t;
  };
  try {
    const e = keep(constantWasm(backend, oneHot, [fh, fw, ci, taps]));
    const { top, bottom, left, right } = info.padInfo;
    const pad = [[0, 0], [top, bottom], [left, right], [0, 0]];
    const p = keep(runWasm('Conv2D', backend, { x, filter: e }, { strides: [info.strideHeight, info.strideWidth], pad, dataFormat: 'NHWC', dilations: [1, 1], dimRoundingMode: 'floor' }));
    if (p.shape[1] !== oh || p.shape[2] !== ow) return null;
    if (taps <= co) {
      // Pack P (the smaller operand); dWᵀ = dyᵀ · P.
      const dyT = keep(transposeWasm(backend, view(dy, [B, oh, ow, co]), [3, 0, 1, 2])); // [co, K]
      const g = keep(runWasm('BatchMatMul', backend, { a: view(dyT, [1, co, k]), b: view(p, [1, k, taps]) }, { transposeA: false, transposeB: false }));
      return view(transposeWasm(backend, view(g, [co, taps]), [1, 0]), [fh, fw, ci, co]);
    }
    // Pack dy; dW = Pᵀ · dy.
    const pT = keep(transposeWasm(backend, view(p, [B, oh, ow, taps]), [3, 0, 1, 2])); // [taps, K]
    const g = runWasm('BatchMatMul', backend, { a: view(pT, [1, taps, k]), b: view(dy, [1, k, co]) }, { transposeA: false, transposeB: false });
    return view(g, [fh, fw, ci, co]);
  } finally {
    release(backend, ...owned);
  }
}

/** Our kernels on the shipped wasm kernels, for ../convFilter.ts. */
function wasmKernels(backend: WasmBackend): Kernels {
  return { run: (name, inputs, attrs) => runWasm(name, backend, inputs, attrs ?? {}), release: (...infos) => release(backend, ...infos) };
}

export const conv2DBackpropFilter: KernelFunc = ({ inputs, backend: kernelBackend, attrs }) => {
  const backend = asWasm(kernelBackend);
  const { x, dy, info, channelsFirst } = filterGradInfo(inputs, attrs, 'wasm');
  const { inChannels: ci, outChannels: co } = info;
  const path = preferredPath(ci, co, info.filterHeight * info.filterWidth, info.strideHeight * info.strideWidth, channelsFirst);
  const k = wasmKernels(backend);
  const fast = path === 'patches' ? viaPatches(backend, x, dy, info) : path === 'rotated' ? filterGradRotated(k, x, dy, info, channelsFirst) : null;
  return fast ?? filterGradTransposed(k, x, dy, info, channelsFirst);
};

export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilter,
};
