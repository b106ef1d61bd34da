// Fast replacements for two tfjs cpu-backend kernels that the STFT needs.
//
// tfjs 4.22's cpu FFT recurses through tensor objects (a 256-point transform takes about 9 ms, so
// the spectrograms of 3,000 one-second clips would take half an hour), and its SplitV (which
// tf.spectral.rfft uses to drop the mirrored half) copies element by element through index
// arithmetic (about 1.3 s for 6,300 frames). This registers, under the same kernel names for
// backend 'cpu', an iterative radix-2 Cooley–Tukey FFT on typed arrays (sizes that are not powers
// of two go to the original kernel) and a SplitV that copies contiguous blocks. Ops keep their API
// and results (within float rounding; a test compares them with the originals). Installed once
// per realm (the worker, a Node test) before the first spectrogram; other backends are untouched.
import * as tf from '@tensorflow/tfjs';

interface TensorInfoLike {
  readonly dataId: object;
  readonly shape: readonly number[];
  readonly dtype: string;
}
interface CpuBackendLike {
  data: { get(dataId: object): { values?: ArrayLike<number>; complexTensorInfos?: { real: TensorInfoLike; imag: TensorInfoLike } } };
  makeTensorInfo(shape: readonly number[], dtype: string, values: Float32Array): TensorInfoLike;
  disposeIntermediateTensorInfo(info: TensorInfoLike): void;
}

interface FftTable {
  readonly rev: Uint32Array;
  /** Twiddles of every stage from size 8 up, stage after stage: cos, −sin of 2πk/size. */
  readonly cos: Float64Array;
  readonly sin: Float64Array;
}

const tables = new Map<number, FftTable>();

function tableFor(n: number): FftTable {
  let t = tables.get(n);
  if (t !== undefined) return t;
  const bits = Math.round(Math.log2(n));
  const rev = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let b = 0; b < bits; b++) r |= ((i >>> b) & 1) << (bits - 1 - b);
    rev[i] = r;
  }
  const cos = new Float64Array(n);
  const sin = new Float64Array(n);
  let at = 0;
  for (let size = 8; size <= n; size <<= 1) {
    for (let k = 0; k < size / 2; k++) {
      cos[at] = Math.cos((2 * Math.PI * k) / size);
      sin[at] = -Math.sin((2 * Math.PI * k) / size); // forward transform: e^{−2πik/size}
      at++;
    }
  }
  t = { rev, cos, sin };
  tables.set(n, t);
  return t;
}

/** In-place forward FFT of one row already in bit-reversed order (the first two stages without multiplications). */
function butterflies(re: Float64Array, im: Float64Array, n: number, cos: Float64Array, sin: Float64Array): void {
  for (let a = 0; a < n; a += 2) {
    const br = re[a + 1]!;
    const bi = im[a + 1]!;
    const ar = re[a]!;
    const ai = im[a]!;
    re[a] = ar + br;
    im[a] = ai + bi;
    re[a + 1] = ar - br;
    im[a + 1] = ai - bi;
  }
  if (n >= 4) {
    for (let a = 0; a < n; a += 4) {
      let br = re[a + 2]!;
      let bi = im[a + 2]!;
      let ar = re[a]!;
      let ai = im[a]!;
      re[a] = ar + br;
      im[a] = ai + bi;
      re[a + 2] = ar - br;
      im[a + 2] = ai - bi;
      br = im[a + 3]!; // (re + i·im)·(−i) = im − i·re
      bi = -re[a + 3]!;
      ar = re[a + 1]!;
      ai = im[a + 1]!;
      re[a + 1] = ar + br;
      im[a + 1] = ai + bi;
      re[a + 3] = ar - br;
      im[a + 3] = ai - bi;
    }
  }
  let tw = 0;
  for (let size = 8; size <= n; size <<= 1) {
    const half = size >>> 1;
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < half; k++) {
        const wr = cos[tw + k]!;
        const wi = sin[tw + k]!;
        const a = start + k;
        const b = a + half;
        const br = re[b]!;
        const bi = im[b]!;
        const xr = br * wr - bi * wi;
        const xi = br * wi + bi * wr;
        const ar = re[a]!;
        const ai = im[a]!;
        re[a] = ar + xr;
        im[a] = ai + xi;
        re[b] = ar - xr;
        im[b] = ai - xi;
      }
    }
    tw += half;
  }
}

/**
 * Forward FFT of `rows` rows of length n (a power of two ≥ 2): reads reIn/imIn (row-major), writes
 * reOut/imOut.
 */
export function fftRows(reIn: ArrayLike<number>, imIn: ArrayLike<number>, reOut: Float32Array, imOut: Float32Array, n: number, rows: number): void {
  const { rev, cos, sin } = tableFor(n);
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let r = 0; r < rows; r++) {
    const o = r * n;
    for (let i = 0; i < n; i++) {
      const j = rev[i]!;
      re[j] = reIn[o + i]!;
      im[j] = imIn[o + i]!;
    }
    butterflies(re, im, n, cos, sin);
    reOut.set(re, o);
    imOut.set(im, o);
  }
}

/**
 * Forward FFT of real rows (imaginary parts zero), two rows per complex transform: row a goes in
 * the real part and row b in the imaginary part of z, and X_a[k] = (Z[k] + conj Z[n−k]) / 2,
 * X_b[k] = (Z[k] − conj Z[n−k]) / 2i. Half the work of fftRows for the same result.
 */
export function fftRealRows(reIn: ArrayLike<number>, reOut: Float32Array, imOut: Float32Array, n: number, rows: number): void {
  const { rev, cos, sin } = tableFor(n);
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  let r = 0;
  for (; r + 1 < rows; r += 2) {
    const oa = r * n;
    const ob = oa + n;
    for (let i = 0; i < n; i++) {
      const j = rev[i]!;
      re[j] = reIn[oa + i]!;
      im[j] = reIn[ob + i]!;
    }
    butterflies(re, im, n, cos, sin);
    for (let k = 0; k < n; k++) {
      const m = k === 0 ? 0 : n - k;
      const zr = re[k]!;
      const zi = im[k]!;
      const wr = re[m]!;
      const wi = im[m]!;
      reOut[oa + k] = 0.5 * (zr + wr);
      imOut[oa + k] = 0.5 * (zi - wi);
      reOut[ob + k] = 0.5 * (zi + wi);
      imOut[ob + k] = -0.5 * (zr - wr);
    }
  }
  if (r < rows) {
    const o = r * n;
    for (let i = 0; i < n; i++) {
      re[rev[i]!] = reIn[o + i]!;
      im[rev[i]!] = 0;
    }
    butterflies(re, im, n, cos, sin);
    reOut.set(re, o);
    imOut.set(im, o);
  }
}

let installed = false;

/** Replaces the cpu backend's FFT and SplitV kernels with the fast ones (idempotent). */
export function installFastCpuKernels(): void {
  if (installed) return;
  const original = tf.getKernel('FFT', 'cpu');
  const complexKernel = tf.getKernel('Complex', 'cpu');
  if (original === undefined || complexKernel === undefined) return;
  tf.unregisterKernel('FFT', 'cpu');
  tf.registerKernel({
    kernelName: 'FFT',
    backendName: 'cpu',
    kernelFunc: (args) => {
      const input = (args.inputs as unknown as { input: TensorInfoLike }).input;
      const backend = args.backend as unknown as CpuBackendLike;
      const n = input.shape[input.shape.length - 1] ?? 0;
      const parts = backend.data.get(input.dataId).complexTensorInfos;
      if (n < 2 || (n & (n - 1)) !== 0 || parts === undefined) return original.kernelFunc(args);
      const reIn = backend.data.get(parts.real.dataId).values;
      const imIn = backend.data.get(parts.imag.dataId).values;
      if (reIn === undefined || imIn === undefined) return original.kernelFunc(args);
      const size = reIn.length;
      const re = new Float32Array(size);
      const im = new Float32Array(size);
      let realInput = true;
      for (let i = 0; i < size; i++) {
        if (imIn[i] !== 0) {
          realInput = false;
          break;
        }
      }
      if (realInput) fftRealRows(reIn, re, im, n, size / n);
      else fftRows(reIn, imIn, re, im, n, size / n);
      const real = backend.makeTensorInfo(input.shape, 'float32', re);
      const imag = backend.makeTensorInfo(input.shape, 'float32', im);
      const out = complexKernel.kernelFunc({ inputs: { real, imag } as never, backend: backend as never, attrs: {} });
      backend.disposeIntermediateTensorInfo(real);
      backend.disposeIntermediateTensorInfo(imag);
      return out;
    },
  });
  installSplitV();
  installed = true;
}

function installSplitV(): void {
  const original = tf.getKernel('SplitV', 'cpu');
  if (original === undefined) return;
  tf.unregisterKernel('SplitV', 'cpu');
  tf.registerKernel({
    kernelName: 'SplitV',
    backendName: 'cpu',
    kernelFunc: (args) => {
      const x = (args.inputs as unknown as { x: TensorInfoLike }).x;
      const backend = args.backend as unknown as CpuBackendLike;
      const values = backend.data.get(x.dataId).values;
      if ((x.dtype !== 'float32' && x.dtype !== 'int32') || !(values instanceof Float32Array || values instanceof Int32Array)) {
        return original.kernelFunc(args);
      }
      const attrs = args.attrs as { numOrSizeSplits: number | number[]; axis: number | number[] };
      const axis = tf.util.parseAxisParam(attrs.axis, x.shape as number[])[0] ?? 0;
      const sizes = tf.backend_util.prepareSplitSize(x as never, attrs.numOrSizeSplits, axis);
      let outer = 1;
      for (let i = 0; i < axis; i++) outer *= x.shape[i] ?? 1;
      let inner = 1;
      for (let i = axis + 1; i < x.shape.length; i++) inner *= x.shape[i] ?? 1;
      const dim = x.shape[axis] ?? 0;
      let offset = 0;
      return sizes.map((size) => {
        const out = x.dtype === 'int32' ? new Int32Array(outer * size * inner) : new Float32Array(outer * size * inner);
        const block = size * inner;
        for (let o = 0; o < outer; o++) {
          const from = (o * dim + offset) * inner;
          if (block > 256) out.set(values.subarray(from, from + block), o * block);
          else for (let i = 0, to = o * block; i < block; i++) out[to + i] = values[from + i] as number;
        }
        offset += size;
        const shape = [...x.shape];
        shape[axis] = size;
        return backend.makeTensorInfo(shape, x.dtype, out as Float32Array);
      }) as never;
    },
  });
}
