// Conv2DBackpropFilter for the wasm backend (tfjs 4.22 ships none), computed as ONE forward
// convolution of transposed tensors on the backend's XNNPACK Conv2D:
//
//   dW[p, q, ci, co] = Σ_{b, i, j} x[b, i·sh − top + p, j·sw − left + q, ci] · dy[b, i, j, co]
//
// is a convolution whose "batch" is ci, whose "input channels" are b and whose kernel is dy:
//   input  x'  = transpose(x,  [3, 1, 2, 0])  → [ci, H, W, B]
//   filter dy' = transpose(dy, [1, 2, 0, 3])  → [oh, ow, B, co]
//   z = conv2d(x', dy', strides 1, dilations [sh, sw], pad [[top, bottom'], [left, right']])
//                                               → [ci, ≥fh, ≥fw, co]
//   dW = transpose(slice(z, fh × fw), [1, 2, 0, 3]) → [fh, fw, ci, co]
// bottom'/right' are chosen so the output covers fh × fw (any extra rows/columns — when the
// forward pass ignored the last rows of x — are sliced off).
//
// That convolution's filter is dy: XNNPACK packs it on every call (tfjs first transposes it, then
// XNNPACK repacks it; together ~8 ns per value), which dominates when x has few channels (a first
// layer on grey images: dy is 16× larger than x). Then the patches path is cheaper:
//   P   = Conv2D(x, E)                 E one-hot [fh, fw, ci, fh·fw·ci]: P [B, oh, ow, fh·fw·ci]
//                                      holds every input patch (im2col by XNNPACK, exact)
//   dWᵀ = dyᵀ · P                      [co, K] · [K, fh·fw·ci], K = B·oh·ow (XNNPACK packs P)
//   dW  = transpose(dWᵀ)               [fh·fw·ci, co] = [fh, fw, ci, co]
// (or dW = Pᵀ · dy when dy is the smaller operand to pack). `patchesPay` picks the path by cost.
//
// With stride 1 and fewer input than output channels, x is the smaller operand: the same
// correlation the other way round packs x instead of dy ("rotated"):
//   z  = conv2d(dyT = transpose(dy) [co, oh, ow, B], xT = transpose(x) [H, W, B, ci],
//               stride 1, pad [fh − 1 − top, top + H − oh] × [fw − 1 − left, left + W − ow])
//                                              → [co, fh, fw, ci], z[o, fh − 1 − p, fw − 1 − q, c]
//   dW = transpose(reverse(z, [1, 2]), [1, 2, 3, 0])                     = dW[p, q, c, o]
import * as tf from '@tensorflow/tfjs';
import type { Conv2DBackpropFilterAttrs, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
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

/** The rotated path (see the top of this file), stride 1; null when a padding exceeds the filter. */
function viaRotated(backend: WasmBackend, x: TensorInfo, dy: TensorInfo, info: tf.backend_util.Conv2DInfo, channelsFirst: boolean): TensorInfo | null {
  const { inHeight: H, inWidth: W, outHeight: oh, outWidth: ow, filterHeight: fh, filterWidth: fw } = info;
  const { top, left } = info.padInfo;
  const pads = [fh - 1 - top, top + H - oh, fw - 1 - left, left + W - ow];
  if (pads.some((p) => p < 0)) return null;
  const [padTop, padBottom, padLeft, padRight] = pads as [number, number, number, number];
  const owned: TensorInfo[] = [];
  const keep = (t: TensorInfo): TensorInfo => {
    owned.push(t);
    return t;
  };
  try {
    const dyT = keep(transposeWasm(backend, dy, channelsFirst ? [1, 2, 3, 0] : [3, 1, 2, 0])); // [co, oh, ow, B]
    const xT = keep(transposeWasm(backend, x, channelsFirst ? [2, 3, 0, 1] : [1, 2, 0, 3])); // [H, W, B, ci]
    const pad = [[0, 0], [padTop, padBottom], [padLeft, padRight], [0, 0]];
    const z = keep(runWasm('Conv2D', backend, { x: dyT, filter: xT }, { strides: [1, 1], pad, dataFormat: 'NHWC', dilations: [1, 1], dimRoundingMode: 'floor' }));
    const flipped = keep(runWasm('Reverse', backend, { x: z }, { dims: [1, 2] }));
    return transposeWasm(backend, flipped, [1, 2, 3, 0]); // [fh, fw, ci, co]
  } finally {
    release(backend, ...owned);
  }
}

export const conv2DBackpropFilter: KernelFunc = ({ inputs, backend: kernelBackend, attrs }) => {
  const backend = asWasm(kernelBackend);
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as Conv2DBackpropFilterAttrs;
  const x0 = inputs['x'];
  const dy0 = inputs['dy'];
  if (!x0 || !dy0) throw new Error('Conv2DBackpropFilter (wasm): inputs x and dy are required.');
  if (x0.dtype !== 'float32' || dy0.dtype !== 'float32') throw new Error('Conv2DBackpropFilter (wasm): float32 inputs only.');
  const format = tf.backend_util.convertConv2DDataFormat(dataFormat);
  const info = tf.backend_util.computeConv2DInfo(
    x0.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    format,
  );
  const { inHeight: H, inWidth: W, outHeight: oh, outWidth: ow, filterHeight: fh, filterWidth: fw } = info;
  const { inChannels: ci, outChannels: co, strideHeight: sh, strideWidth: sw } = info;
  const { top, left } = info.padInfo;

  const path = preferredPath(ci, co, fh * fw, sh * sw, format === 'channelsFirst');
  const fast = path === 'patches' ? viaPatches(backend, x0, dy0, info) : path === 'rotated' ? viaRotated(backend, x0, dy0, info, format === 'channelsFirst') : null;
  if (fast) return fast;

  const owned: TensorInfo[] = [];
  try {
    // channelsFirst ([B, C, H, W]) goes straight to the layouts we need; channelsLast is [B, H, W, C].
    const cf = format === 'channelsFirst';
    const xT = transposeWasm(backend, x0, cf ? [1, 2, 3, 0] : [3, 1, 2, 0]); // [ci, H, W, B]
    owned.push(xT);
    const dyT = transposeWasm(backend, dy0, cf ? [2, 3, 0, 1] : [1, 2, 0, 3]); // [oh, ow, B, co]
    owned.push(dyT);
    const bottom = Math.max(0, fh + (oh - 1) * sh - H - top);
    const right = Math.max(0, fw + (ow - 1) * sw - W - left);
    const z = runWasm(
      'Conv2D',
      backend,
      { x: xT, filter: dyT },
      {
        strides: [1, 1],
        pad: [
          [0, 0],
          [top, bottom],
          [left, right],
          [0, 0],
        ],
        dataFormat: 'NHWC',
        dilations: [sh, sw],
        dimRoundingMode: 'floor',
      },
    ); // [ci, zh, zw, co]
    owned.push(z);
    let zc = z;
    if (z.shape[1] !== fh || z.shape[2] !== fw) {
      zc = runWasm('Slice', backend, { x: z }, { begin: [0, 0, 0, 0], size: [ci, fh, fw, co] });
      owned.push(zc);
    }
    return transposeWasm(backend, zc, [1, 2, 0, 3]); // [fh, fw, ci, co]
  } finally {
    release(backend, ...owned);
  }
};

export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilter,
};
