// Convolution shapes for the gradient-kernel tests of every backend (imported by *.test.ts only):
// the strides, paddings, kernel sizes, channel counts and batch sizes the catalogue uses, odd and
// non-square sizes included.
import * as tf from '@tensorflow/tfjs';

export type Pad = 'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]];

/** Explicit NHWC padding: [top, bottom] × [left, right]. */
function explicit(rows: [number, number], cols: [number, number]): Pad {
  return [[0, 0], rows, cols, [0, 0]];
}

export interface ConvCase {
  label: string;
  x: [number, number, number, number]; // NHWC
  filter: [number, number, number, number];
  strides: number | [number, number];
  pad: Pad;
  format?: 'NHWC' | 'NCHW';
}

// conv2d 'same' k ∈ {1, 3, 5, 7} (encoder.cnn2d), patches k = stride = p 'valid' (encoder.patches),
// conv1d as conv2d on [B, 1, T, C] with a [1, k, C, F] filter (encoder.cnn1d), stride 2 both
// paddings, explicit padding, odd and non-square sizes, batch 1 to 64, channels 1 to 64.
export const CONV_CASES: ConvCase[] = [
  { label: 'cnn2d k3 same, grey 28×28 → 16, batch 8', x: [8, 28, 28, 1], filter: [3, 3, 1, 16], strides: 1, pad: 'same' },
  { label: 'cnn2d k3 same, block 2 (8 → 16), batch 64', x: [64, 5, 4, 8], filter: [3, 3, 8, 16], strides: 1, pad: 'same' },
  { label: 'cnn2d k1 same, rgb', x: [3, 9, 11, 3], filter: [1, 1, 3, 8], strides: 1, pad: 'same' },
  { label: 'cnn2d k5 same, odd non-square', x: [2, 13, 9, 3], filter: [5, 5, 3, 4], strides: 1, pad: 'same' },
  { label: 'cnn2d k7 same, batch 1', x: [1, 15, 12, 2], filter: [7, 7, 2, 5], strides: 1, pad: 'same' },
  { label: 'k3 valid', x: [2, 10, 7, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'valid' },
  { label: 'k3 stride 2 same, odd', x: [3, 11, 9, 3], filter: [3, 3, 3, 6], strides: 2, pad: 'same' },
  { label: 'k3 stride 2 valid, even (last row unused)', x: [3, 10, 12, 2], filter: [3, 3, 2, 5], strides: 2, pad: 'valid' },
  { label: 'k4 stride 2 same, even', x: [2, 8, 10, 3], filter: [4, 4, 3, 4], strides: 2, pad: 'same' },
  { label: 'strides [2, 1] valid, k 3×2', x: [2, 9, 8, 3], filter: [3, 2, 3, 4], strides: [2, 1], pad: 'valid' },
  { label: 'patches p4 (k = stride = 4) valid, 28×28 rgb', x: [4, 28, 28, 3], filter: [4, 4, 3, 16], strides: 4, pad: 'valid' },
  { label: 'patches p7 valid, 28×28 grey', x: [2, 28, 28, 1], filter: [7, 7, 1, 8], strides: 7, pad: 'valid' },
  { label: 'patches p4 on 30×30 (rows left over)', x: [2, 30, 30, 1], filter: [4, 4, 1, 6], strides: 4, pad: 'valid' },
  { label: 'conv1d k3 same (T = 50, 40 mels → 32)', x: [4, 1, 50, 40], filter: [1, 3, 40, 32], strides: 1, pad: 'same' },
  { label: 'conv1d k15 same, odd T', x: [2, 1, 37, 5], filter: [1, 15, 5, 8], strides: 1, pad: 'same' },
  { label: 'conv1d k4 same (even kernel)', x: [3, 1, 21, 6], filter: [1, 4, 6, 7], strides: 1, pad: 'same' },
  { label: 'explicit padding [1, 2] × [0, 3]', x: [2, 8, 9, 3], filter: [3, 3, 3, 4], strides: 1, pad: explicit([1, 2], [0, 3]) },
  { label: 'explicit padding wider than the filter, stride 2', x: [2, 7, 8, 2], filter: [3, 3, 2, 3], strides: 2, pad: explicit([4, 1], [3, 0]) },
  // Few input channels: Conv2DBackpropFilter takes its patches path (patchesPay).
  { label: 'grey k3 stride 2 same, odd → 8 (patches, dy packed)', x: [3, 11, 9, 1], filter: [3, 3, 1, 8], strides: 2, pad: 'same' },
  { label: 'grey k3 stride 2 valid, rows left over (patches)', x: [2, 10, 12, 1], filter: [3, 3, 1, 16], strides: 2, pad: 'valid' },
  { label: 'two channels k3 same → 32 (patches)', x: [4, 9, 8, 2], filter: [3, 3, 2, 32], strides: 1, pad: 'same' },
  { label: 'conv1d on one feature k5 same → 16 (patches)', x: [4, 1, 30, 1], filter: [1, 5, 1, 16], strides: 1, pad: 'same' },
  { label: 'grey, explicit padding [1, 2] × [0, 3] (patches)', x: [2, 8, 9, 1], filter: [3, 3, 1, 16], strides: 1, pad: explicit([1, 2], [0, 3]) },
  { label: 'grey, explicit padding wider than the filter, stride 2 (patches)', x: [2, 7, 8, 1], filter: [3, 3, 1, 12], strides: 2, pad: explicit([4, 1], [3, 0]) },
  { label: 'NCHW k3 same', x: [2, 9, 7, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'same', format: 'NCHW' },
  { label: 'NCHW k3 stride 2 valid', x: [2, 10, 9, 3], filter: [3, 3, 3, 4], strides: 2, pad: 'valid', format: 'NCHW' },
];

export function convShapes(c: ConvCase): { x: number[]; dy: number[] } {
  const [b, h, w, ch] = c.x;
  const format = c.format ?? 'NHWC';
  const info = tf.backend_util.computeConv2DInfo(c.x, c.filter, c.strides, 1, c.pad, undefined, false, 'channelsLast');
  const dy = [b, info.outHeight, info.outWidth, info.outChannels];
  return format === 'NHWC' ? { x: c.x, dy } : { x: [b, ch, h, w], dy: [b, info.outChannels, info.outHeight, info.outWidth] };
}
