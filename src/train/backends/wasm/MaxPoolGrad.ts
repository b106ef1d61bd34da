// MaxPoolGrad for the wasm backend. tfjs 4.22 ships one, but it is wrong: its C++ starts each
// window's running maximum at std::numeric_limits<float>::min() (the smallest POSITIVE float) with
// index 0 and keeps the LAST maximum, so a window whose values are all ≤ 0 — e.g. an all-zero
// window after ReLU — sends its gradient to element 0 of the whole tensor, and ties go to the
// last maximum instead of the first (as on cpu and in TensorFlow). Its MaxPoolWithArgmax shares
// the bug. This kernel composes the backend's own kernels instead.
//
// Windows that tile the input (pool size = stride, as in every catalogue pool: 2×2 / 2 and 2 / 2
// over time) — "tiled": x padded with −∞ / cropped to exactly the windows' extent, then XNNPACK
// max pooling and element-wise kernels on views of it, no transpose and no arg-max (see `tiled`:
// each element gets an integer key that is largest at the first maximum of its window).
//
// Other windows (overlapping or with gaps) — "windowed", slower, correct:
//   xp      = PadV2(x, −∞)                           only if the windows reach past x
//   s[p,q]  = StridedSlice(xp, start (p, q), step (sh, sw))        [B, oh, ow, C]
//   m       = max over (p, q) of s[p,q]                (Maximum)
//   r = dy; for (p, q) in window order:                (first maximum takes the gradient)
//     g[p,q] = Select(s[p,q] == m, r, 0);  r = Select(s[p,q] == m, 0, r)
//   dx      = Σ over (p, q) of g[p,q] placed at rows i·sh + p, columns j·sw + q
//             (PadV2 of a [B·oh, 1, ow, 1, C] view spreads it onto the stride grid;
//             AddN sums overlapping windows), then cropped / zero-padded back to x's extent.
import * as tf from '@tensorflow/tfjs';
import type { KernelConfig, KernelFunc, MaxPoolGradAttrs, TensorInfo } from '@tensorflow/tfjs';
import { asWasm, constantWasm, release, runWasm, view } from './util.ts';
import type { WasmBackend } from './util.ts';

interface Pool {
  B: number;
  H: number;
  W: number;
  C: number;
  oh: number;
  ow: number;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  top: number;
  left: number;
}

/** Intermediates of one kernel call, released together; `handOver` exempts the result. */
class Scope {
  readonly owned: TensorInfo[] = [];
  constructor(readonly backend: WasmBackend) {}
  run(name: string, inputs: Record<string, TensorInfo>, attrs: tf.NamedAttrMap = {}): TensorInfo {
    const t = runWasm(name, this.backend, inputs, attrs);
    this.owned.push(t);
    return t;
  }
  /** Returns `t` (viewed with `shape`) to the caller instead of releasing it. */
  handOver(t: TensorInfo, shape: number[]): TensorInfo {
    const i = this.owned.findIndex((o) => o.dataId === t.dataId);
    if (i < 0) return runWasm('Identity', this.backend, { x: view(t, shape) }); // not ours: copy
    this.owned.splice(i, 1);
    return view(t, shape);
  }
  release(): void {
    release(this.backend, ...this.owned);
  }
}

const pads = (h: [number, number], w: [number, number]): number[][] => [[0, 0], h, w, [0, 0]];

/** x padded with −∞ and/or cropped to rows [−top, rows − top) and columns [−left, cols − left). */
function toExtent(scope: Scope, x: TensorInfo, p: Pool, rows: number, cols: number): TensorInfo {
  const padBottom = Math.max(0, rows - p.top - p.H);
  const padRight = Math.max(0, cols - p.left - p.W);
  let out = x;
  if (p.top > 0 || p.left > 0 || padBottom > 0 || padRight > 0) {
    out = scope.run('PadV2', { x }, { paddings: pads([p.top, padBottom], [p.left, padRight]), constantValue: -Infinity });
  }
  const [h, w] = [out.shape[1] as number, out.shape[2] as number];
  if (h !== rows || w !== cols) out = scope.run('Slice', { x: out }, { begin: [0, 0, 0, 0], size: [p.B, rows, cols, p.C] });
  return out;
}

/** The inverse of {@link toExtent} for gradients: crops the padding, zero-fills what was cropped. */
function fromExtent(scope: Scope, g: TensorInfo, p: Pool): TensorInfo {
  const [rows, cols] = [g.shape[1] as number, g.shape[2] as number];
  const keepH = Math.min(rows, p.top + p.H) - p.top;
  const keepW = Math.min(cols, p.left + p.W) - p.left;
  let out = g;
  if (p.top > 0 || p.left > 0 || keepH !== rows || keepW !== cols) {
    out = scope.run('Slice', { x: out }, { begin: [0, p.top, p.left, 0], size: [p.B, keepH, keepW, p.C] });
  }
  if (keepH !== p.H || keepW !== p.W) {
    out = scope.run('PadV2', { x: out }, { paddings: pads([0, p.H - keepH], [0, p.W - keepW]), constantValue: 0 });
  }
  return scope.handOver(out, [p.B, p.H, p.W, p.C]);
}

/** A constant float32 tensor on the wasm heap (a handful of values: window offsets, thresholds). */
function constant(scope: Scope, values: Float32Array, shape: number[]): TensorInfo {
  const t = constantWasm(scope.backend, values, shape);
  scope.owned.push(t);
  return t;
}

/**
 * Pool size = stride: every input element is in at most one window. One transpose puts each
 * window's elements one after another (k = i·kw + j, row-major): xt [R = B·oh, kk, ow·C]; every
 * per-window value then broadcasts over the kk axis in runs of ow·C values (XNNPACK's broadcasting
 * kernels cost per run: in x's own layout the runs would be only C long). Then XNNPACK max pooling
 * and element-wise kernels, no arg-max:
 *   m    = the forward output y (or MaxPool(xt over kk)): the window maxima [R, 1, ow·C]
 *   u    = Step(m − xt, alpha ½)               ½ at a maximum, 1 elsewhere
 *   key  = u · c,  c[k] = −2·(kk + k)          a maximum at offset k scores −(kk + k), any other
 *          element ≤ −2·kk: all distinct integers, and the best (largest) key of a window is its
 *          FIRST maximum
 *   best = MaxPool(key over kk) − 1
 *   g    = Step(key − best) · dy               1 exactly at the first maximum of each window
 *   dx   = g transposed back to x's layout
 * Every value is a small integer, so nothing is rounded.
 */
function tiled(scope: Scope, x: TensorInfo, dy: TensorInfo, y: TensorInfo | undefined, p: Pool): TensorInfo {
  const { B, C, oh, ow, kh, kw } = p;
  const kk = kh * kw;
  const R = B * oh;
  const rows = [R, kk, ow * C];
  const perWindow = [R, 1, ow * C];
  const pool = { filterSize: [kk, 1], strides: [kk, 1], pad: 'valid' };
  const xr = toExtent(scope, x, p, oh * kh, ow * kw);
  const xt = scope.run('Transpose', { x: view(xr, [R * kh, ow, kw, C]) }, { perm: [0, 2, 1, 3] }); // [R·kh, kw, ow, C] = [R, kk, ow, C]
  // The forward output is the window maxima (max is exact on every backend): recomputed only when absent.
  const m = y?.dtype === 'float32' && tf.util.sizeFromShape(y.shape) === R * ow * C ? y : scope.run('MaxPool', { x: view(xt, [R, kk, ow, C]) }, pool);
  const u = scope.run('Step', { x: scope.run('Sub', { a: view(m, perWindow), b: view(xt, rows) }) }, { alpha: 0.5 });
  const offsets = Float32Array.from({ length: kk }, (_, k) => -2 * (kk + k));
  const key = scope.run('Multiply', { a: u, b: constant(scope, offsets, [1, kk, 1]) });
  const top = scope.run('MaxPool', { x: view(key, [R, kk, ow, C]) }, pool);
  const best = scope.run('Sub', { a: top, b: constant(scope, Float32Array.of(1), [1]) });
  const first = scope.run('Step', { x: scope.run('Sub', { a: key, b: view(best, perWindow) }) }, { alpha: 0 });
  const g = scope.run('Multiply', { a: first, b: view(dy, perWindow) });
  const gx = scope.run('Transpose', { x: view(g, [R * kh, kw, ow, C]) }, { perm: [0, 2, 1, 3] }); // x's layout
  return fromExtent(scope, view(gx, [B, oh * kh, ow * kw, C]), p);
}

/** Any windows (overlapping, or with gaps between them). */
function windowed(scope: Scope, x: TensorInfo, dy: TensorInfo, p: Pool): TensorInfo {
  const { B, C, oh, ow, kh, kw, sh, sw } = p;
  // Rows are in padded coordinates; window i starts at row i·sh. The canvas of placed gradients
  // spans (oh + aMax)·sh rows so every offset p = a·sh + r (r < sh) fits after a shift of a·sh.
  const aMaxH = Math.floor((kh - 1) / sh);
  const aMaxW = Math.floor((kw - 1) / sw);
  const xp = toExtent(scope, x, p, Math.max((oh - 1) * sh + kh, p.top + p.H), Math.max((ow - 1) * sw + kw, p.left + p.W));
  const slabs: TensorInfo[] = [];
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const s = scope.run(
        'StridedSlice',
        { x: xp },
        {
          begin: [0, i, j, 0],
          end: [B, i + (oh - 1) * sh + 1, j + (ow - 1) * sw + 1, C],
          strides: [1, sh, sw, 1],
          beginMask: 0,
          endMask: 0,
          ellipsisMask: 0,
          newAxisMask: 0,
          shrinkAxisMask: 0,
        },
      );
      slabs.push(view(s, [B, oh, ow, C]));
    }
  }
  let max = slabs[0] as TensorInfo;
  for (let j = 1; j < slabs.length; j++) max = scope.run('Maximum', { a: max, b: slabs[j] as TensorInfo });
  const zeros = scope.run('Fill', {}, { shape: [B, oh, ow, C], value: 0, dtype: 'float32' });
  const canvasH = (oh + aMaxH) * sh;
  const canvasW = (ow + aMaxW) * sw;
  const placed: TensorInfo[] = [];
  let rest = view(dy, [B, oh, ow, C]);
  for (let j = 0; j < slabs.length; j++) {
    const [ah, rh] = [Math.floor(Math.floor(j / kw) / sh), Math.floor(j / kw) % sh];
    const [aw, rw] = [Math.floor((j % kw) / sw), (j % kw) % sw];
    const isMax = scope.run('Equal', { a: slabs[j] as TensorInfo, b: max });
    const g = scope.run('Select', { condition: isMax, t: rest, e: zeros });
    if (j + 1 < slabs.length) rest = scope.run('Select', { condition: isMax, t: zeros, e: rest });
    const spread = scope.run(
      'PadV2',
      { x: view(g, [B * oh, 1, ow, 1, C]) },
      { paddings: [[0, 0], [rh, sh - 1 - rh], [0, 0], [rw, sw - 1 - rw], [0, 0]], constantValue: 0 },
    );
    let onCanvas = view(spread, [B, oh * sh, ow * sw, C]);
    if (canvasH !== oh * sh || canvasW !== ow * sw) {
      onCanvas = scope.run('PadV2', { x: onCanvas }, { paddings: pads([ah * sh, (aMaxH - ah) * sh], [aw * sw, (aMaxW - aw) * sw]), constantValue: 0 });
    }
    placed.push(onCanvas);
  }
  // AddN takes its inputs as an array (as tf.addN passes them).
  const canvas = placed.length === 1 ? (placed[0] as TensorInfo) : scope.run('AddN', placed as unknown as Record<string, TensorInfo>);
  return fromExtent(scope, canvas, p);
}

export const maxPoolGrad: KernelFunc = ({ inputs, backend: kernelBackend, attrs }) => {
  const backend = asWasm(kernelBackend);
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as MaxPoolGradAttrs;
  const dy = inputs['dy'];
  const x = inputs['input'];
  if (!dy || !x) throw new Error('MaxPoolGrad (wasm): inputs dy and input are required.');
  if (x.dtype !== 'float32' || dy.dtype !== 'float32') throw new Error('MaxPoolGrad (wasm): float32 inputs only.');
  const info = tf.backend_util.computePool2DInfo(x.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode);
  const p: Pool = {
    B: info.batchSize,
    H: info.inHeight,
    W: info.inWidth,
    C: info.inChannels,
    oh: info.outHeight,
    ow: info.outWidth,
    kh: info.filterHeight,
    kw: info.filterWidth,
    sh: info.strideHeight,
    sw: info.strideWidth,
    top: info.padInfo.top,
    left: info.padInfo.left,
  };
  const scope = new Scope(backend);
  try {
    return p.kh === p.sh && p.kw === p.sw ? tiled(scope, x, dy, inputs['output'], p) : windowed(scope, x, dy, p);
  } finally {
    scope.release();
  }
};

export const maxPoolGradConfig: KernelConfig = {
  kernelName: tf.MaxPoolGrad,
  backendName: 'wasm',
  kernelFunc: maxPoolGrad,
};
