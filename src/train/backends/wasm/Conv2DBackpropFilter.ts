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
import * as tf from '@tensorflow/tfjs';
import type { Conv2DBackpropFilterAttrs, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { asWasm, release, runWasm, transposeWasm } from './util.ts';

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
