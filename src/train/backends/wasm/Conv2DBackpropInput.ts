// Conv2DBackpropInput for the wasm backend. tfjs 4.22 ships one, but as a scalar C++ loop that is
// 5–10× slower than the backend's XNNPACK forward convolution of the same size; this one is that
// forward convolution (a "full" correlation with the rotated filter):
//
//   dx[b, h, w, ci] = Σ_{p', q', co} dyD[b, h + p' − pt, w + q' − pl, co] · W'[p', q', co, ci]
//   W'  = transpose(reverse(W, [0, 1]), [0, 1, 3, 2])      [fh, fw, co, ci]
//   pt  = fh − 1 − top,  pl = fw − 1 − left               (the forward padding, mirrored)
//   dyD = dy with stride − 1 zeros inserted after every row / column (only when stride > 1;
//         built as reshape → PadV2 → reshape, no loops)
//
// The convolution's bottom/right padding is chosen so the output covers the input; extra rows
// or columns (and a negative pt/pl, i.e. explicit padding wider than the filter) are sliced off.
import * as tf from '@tensorflow/tfjs';
import type { Conv2DBackpropInputAttrs, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { asWasm, release, runWasm, transposeWasm, view } from './util.ts';

export const conv2DBackpropInput: KernelFunc = ({ inputs, backend: kernelBackend, attrs }) => {
  const backend = asWasm(kernelBackend);
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs as unknown as Conv2DBackpropInputAttrs;
  const dy0 = inputs['dy'];
  const filter = inputs['filter'];
  if (!dy0 || !filter) throw new Error('Conv2DBackpropInput (wasm): inputs dy and filter are required.');
  if (dy0.dtype !== 'float32' || filter.dtype !== 'float32') throw new Error('Conv2DBackpropInput (wasm): float32 inputs only.');
  const format = tf.backend_util.convertConv2DDataFormat(dataFormat);
  const info = tf.backend_util.computeConv2DInfo(
    inputShape,
    filter.shape as [number, number, number, number],
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    format,
  );
  const { batchSize: B, inHeight: H, inWidth: W, outHeight: oh, outWidth: ow, filterHeight: fh, filterWidth: fw } = info;
  const { inChannels: ci, outChannels: co, strideHeight: sh, strideWidth: sw } = info;
  const { top, left } = info.padInfo;
  const cf = format === 'channelsFirst';

  const owned: TensorInfo[] = [];
  const keep = <T extends TensorInfo>(t: T): T => {
    owned.push(t);
    return t;
  };
  try {
    let dy = cf ? keep(transposeWasm(backend, dy0, [0, 2, 3, 1])) : dy0; // [B, oh, ow, co]
    if (sh > 1 || sw > 1) {
      const spread = keep(
        runWasm(
          'PadV2',
          backend,
          { x: view(dy, [B * oh, 1, ow, 1, co]) },
          {
            paddings: [
              [0, 0],
              [0, sh - 1],
              [0, 0],
              [0, sw - 1],
              [0, 0],
            ],
            constantValue: 0,
          },
        ),
      );
      dy = view(spread, [B, oh * sh, ow * sw, co]);
    }
    const dh = dy.shape[1] as number;
    const dw = dy.shape[2] as number;
    const rotated = keep(runWasm('Reverse', backend, { x: filter }, { dims: [0, 1] }));
    const w2 = keep(transposeWasm(backend, rotated, [0, 1, 3, 2])); // [fh, fw, co, ci]
    const pt = fh - 1 - top;
    const pl = fw - 1 - left;
    const cropTop = Math.max(0, -pt);
    const cropLeft = Math.max(0, -pl);
    const padTop = Math.max(0, pt);
    const padLeft = Math.max(0, pl);
    const padBottom = Math.max(0, cropTop + H - dh - padTop + fh - 1);
    const padRight = Math.max(0, cropLeft + W - dw - padLeft + fw - 1);
    let dx = runWasm(
      'Conv2D',
      backend,
      { x: dy, filter: w2 },
      {
        strides: [1, 1],
        pad: [
          [0, 0],
          [padTop, padBottom],
          [padLeft, padRight],
          [0, 0],
        ],
        dataFormat: 'NHWC',
        dilations: [1, 1],
        dimRoundingMode: 'floor',
      },
    );
    if (cropTop > 0 || cropLeft > 0 || dx.shape[1] !== H || dx.shape[2] !== W) {
      keep(dx);
      dx = runWasm('Slice', backend, { x: dx }, { begin: [0, cropTop, cropLeft, 0], size: [B, H, W, ci] });
    }
    if (cf) {
      keep(dx);
      dx = transposeWasm(backend, dx, [0, 3, 1, 2]);
    }
    return dx;
  } finally {
    release(backend, ...owned);
  }
};

export const conv2DBackpropInputConfig: KernelConfig = {
  kernelName: tf.Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropInput,
};
