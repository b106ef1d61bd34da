// Conv2DBackpropFilter as ONE forward convolution of transposed tensors, on any backend whose
// Conv2D, Transpose, Reverse and Slice kernels it is given (`Kernels`). The wasm backend (which
// ships no Conv2DBackpropFilter) and the cpu backend (whose one is a scalar loop, ~20× slower
// than its own forward convolution) both use it.
//
//   dW[p, q, ci, co] = Σ_{b, i, j} x[b, i·sh − top + p, j·sw − left + q, ci] · dy[b, i, j, co]
//
// "transposed": a convolution whose "batch" is ci, whose "input channels" are b and whose kernel
// is dy:
//   input  x'  = transpose(x,  [3, 1, 2, 0])  → [ci, H, W, B]
//   filter dy' = transpose(dy, [1, 2, 0, 3])  → [oh, ow, B, co]
//   z = conv2d(x', dy', strides 1, dilations [sh, sw], pad [[top, bottom'], [left, right']])
//                                               → [ci, ≥fh, ≥fw, co]
//   dW = transpose(slice(z, fh × fw), [1, 2, 0, 3]) → [fh, fw, ci, co]
// bottom'/right' are chosen so the output covers fh × fw (any extra rows/columns — when the
// forward pass ignored the last rows of x — are sliced off). NCHW input goes straight to the
// same layouts. (tfjs's conv2d gradient rejects dilations > 1 on every backend, so forward
// dilation never reaches these kernels.)
//
// "rotated" (stride 1): the same correlation the other way round, x as the kernel:
//   z  = conv2d(dyT = transpose(dy) [co, oh, ow, B], xT = transpose(x) [H, W, B, ci],
//               stride 1, pad [fh − 1 − top, top + H − oh] × [fw − 1 − left, left + W − ow])
//                                              → [co, fh, fw, ci], z[o, fh − 1 − p, fw − 1 − q, c]
//   dW = transpose(reverse(z, [1, 2]), [1, 2, 3, 0])                     = dW[p, q, c, o]
// Where a backend copies and repacks a convolution's kernel on every call (wasm/XNNPACK), this
// is cheaper when x is smaller than dy.
import * as tf from '@tensorflow/tfjs';
import type { Conv2DBackpropFilterAttrs, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';

/** A backend's own kernels, run directly (no engine): outputs are owned by the caller. */
export interface Kernels {
  run(name: string, inputs: Record<string, TensorInfo>, attrs?: NamedAttrMap): TensorInfo;
  release(...infos: TensorInfo[]): void;
}

/** The kernels registered for `backend` under `backendName`, or `registered` when given (the originals of kernels we replace). */
export function backendKernels(backendName: string, backend: tf.KernelBackend, registered: ReadonlyMap<string, tf.KernelConfig> = new Map()): Kernels {
  return {
    run(name, inputs, attrs = {}) {
      const kernel = registered.get(name) ?? tf.getKernel(name, backendName);
      if (!kernel) throw new Error(`Conv2DBackpropFilter (${backendName}): the backend has no '${name}' kernel to build on.`);
      const out = kernel.kernelFunc({ inputs, backend, attrs });
      if (Array.isArray(out)) throw new Error(`Conv2DBackpropFilter (${backendName}): '${name}' returned ${out.length} outputs, expected one.`);
      return out;
    },
    release(...infos) {
      for (const t of infos) backend.disposeData(t.dataId);
    },
  };
}

/** The geometry of a Conv2DBackpropFilter call (its inputs checked). */
export function filterGradInfo(inputs: Record<string, TensorInfo | undefined>, attrs: NamedAttrMap | undefined, label: string): { x: TensorInfo; dy: TensorInfo; info: tf.backend_util.Conv2DInfo; channelsFirst: boolean } {
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = (attrs ?? {}) as unknown as Conv2DBackpropFilterAttrs;
  const x = inputs['x'];
  const dy = inputs['dy'];
  if (!x || !dy) throw new Error(`Conv2DBackpropFilter (${label}): inputs x and dy are required.`);
  if (x.dtype !== 'float32' || dy.dtype !== 'float32') throw new Error(`Conv2DBackpropFilter (${label}): float32 inputs only.`);
  const format = tf.backend_util.convertConv2DDataFormat(dataFormat);
  const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], filterShape, strides, 1, pad, dimRoundingMode, false, format);
  return { x, dy, info, channelsFirst: format === 'channelsFirst' };
}

const explicit = (rows: [number, number], cols: [number, number]): number[][] => [[0, 0], rows, cols, [0, 0]];

/** Runs `body`, releasing every intermediate it `keep`s, also when it throws. */
function scoped<T>(k: Kernels, body: (keep: (t: TensorInfo) => TensorInfo) => T): T {
  const owned: TensorInfo[] = [];
  try {
    return body((t) => {
      owned.push(t);
      return t;
    });
  } finally {
    k.release(...owned);
  }
}

/** The "transposed" path: any strides and paddings. */
export function filterGradTransposed(k: Kernels, x: TensorInfo, dy: TensorInfo, info: tf.backend_util.Conv2DInfo, channelsFirst: boolean): TensorInfo {
  const { inHeight: H, inWidth: W, outHeight: oh, outWidth: ow, filterHeight: fh, filterWidth: fw } = info;
  const { inChannels: ci, outChannels: co, strideHeight: sh, strideWidth: sw } = info;
  const { top, left } = info.padInfo;
  return scoped(k, (keep) => {
    const xT = keep(k.run('Transpose', { x }, { perm: channelsFirst ? [1, 2, 3, 0] : [3, 1, 2, 0] })); // [ci, H, W, B]
    const dyT = keep(k.run('Transpose', { x: dy }, { perm: channelsFirst ? [2, 3, 0, 1] : [1, 2, 0, 3] })); // [oh, ow, B, co]
    const bottom = Math.max(0, fh + (oh - 1) * sh - H - top);
    const right = Math.max(0, fw + (ow - 1) * sw - W - left);
    const pad = explicit([top, bottom], [left, right]);
    let z = keep(k.run('Conv2D', { x: xT, filter: dyT }, { strides: [1, 1], pad, dataFormat: 'NHWC', dilations: [sh, sw], dimRoundingMode: 'floor' })); // [ci, zh, zw, co]
    if (z.shape[1] !== fh || z.shape[2] !== fw) z = keep(k.run('Slice', { x: z }, { begin: [0, 0, 0, 0], size: [ci, fh, fw, co] }));
    return k.run('Transpose', { x: z }, { perm: [1, 2, 0, 3] }); // [fh, fw, ci, co]
  });
}

/** The "rotated" path: stride 1 only; null when a padding exceeds the filter. */
export function filterGradRotated(k: Kernels, x: TensorInfo, dy: TensorInfo, info: tf.backend_util.Conv2DInfo, channelsFirst: boolean): TensorInfo | null {
  const { inHeight: H, inWidth: W, outHeight: oh, outWidth: ow, filterHeight: fh, filterWidth: fw } = info;
  const { top, left } = info.padInfo;
  const pads = [fh - 1 - top, top + H - oh, fw - 1 - left, left + W - ow];
  if (info.strideHeight !== 1 || info.strideWidth !== 1 || pads.some((p) => p < 0)) return null;
  const [padTop, padBottom, padLeft, padRight] = pads as [number, number, number, number];
  return scoped(k, (keep) => {
    const dyT = keep(k.run('Transpose', { x: dy }, { perm: channelsFirst ? [1, 2, 3, 0] : [3, 1, 2, 0] })); // [co, oh, ow, B]
    const xT = keep(k.run('Transpose', { x }, { perm: channelsFirst ? [2, 3, 0, 1] : [1, 2, 0, 3] })); // [H, W, B, ci]
    const pad = explicit([padTop, padBottom], [padLeft, padRight]);
    const z = keep(k.run('Conv2D', { x: dyT, filter: xT }, { strides: [1, 1], pad, dataFormat: 'NHWC', dilations: [1, 1], dimRoundingMode: 'floor' }));
    const flipped = keep(k.run('Reverse', { x: z }, { dims: [1, 2] }));
    return k.run('Transpose', { x: flipped }, { perm: [1, 2, 3, 0] }); // [fh, fw, ci, co]
  });
}
