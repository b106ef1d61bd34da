// From a probe's raw values ([samples, …shape], row-major) to the matrices the views draw: pure
// functions, no DOM, so the tests can check what the UI shows against a direct forward pass.
import type { ProbeInfo } from '../../train/trainingProtocol.ts';

/** A labelled stretch of a matrix axis (the tokens of one modality). */
export interface Band {
  readonly label: string;
  readonly start: number;
  readonly end: number;
}

/** A rows × cols matrix, row-major. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly values: Float32Array;
}

/**
 * How a probe is shown:
 * - weights: one weight per modality and sample (modality attention α, late fusion's branch weights);
 * - cross: queries × context tokens per head (cross-attention; a transformer encoder's self-attention);
 * - cls: the CLS token's attention over every token per head (fusion transformer);
 * - gate: gate values per feature (gated fusion).
 */
export type ViewKind = 'weights' | 'cross' | 'cls' | 'gate';

export function viewKindOf(info: ProbeInfo): ViewKind {
  switch (info.kind) {
    case 'fusion.modalityAttention':
    case 'fusion.late':
      return 'weights';
    case 'fusion.crossAttention':
    case 'encoder.transformer':
      return 'cross';
    case 'fusion.transformer':
      return 'cls';
    case 'fusion.gated':
      return 'gate';
  }
  if (info.shape.length === 3) return 'cross';
  if (info.shape.length === 2 && info.axes[0] === 'head') return 'cls';
  if (info.shape.length === 1 && info.groups?.axis === 0) return 'weights';
  return 'gate';
}

/** Heads of a probe with a head axis (1 otherwise). */
export function headCount(info: ProbeInfo): number {
  return info.axes[0] === 'head' ? (info.shape[0] ?? 1) : 1;
}

const product = (xs: readonly number[]): number => xs.reduce((a, b) => a * b, 1);

/** Number of samples in a frame of this probe. */
export function sampleCount(info: ProbeInfo, values: Float32Array): number {
  const per = product(info.shape);
  return per > 0 ? Math.floor(values.length / per) : 0;
}

/** The values of one sample ([…shape], a view, not a copy). */
export function sampleValues(info: ProbeInfo, values: Float32Array, sample: number): Float32Array {
  const per = product(info.shape);
  return values.subarray(sample * per, (sample + 1) * per);
}

/** weights: samples × modalities (the frame as it is). */
export function sampleWeights(info: ProbeInfo, values: Float32Array): Matrix {
  const cols = info.shape[0] ?? 1;
  return { rows: sampleCount(info, values), cols, values };
}

/** Mean of the rows of each class: classes × cols (NaN rows for a class with no sample). */
export function classMeans(m: Matrix, labels: readonly number[], classes: number): Matrix {
  const out = new Float32Array(classes * m.cols);
  const counts = new Array<number>(classes).fill(0);
  for (let r = 0; r < m.rows; r++) {
    const c = labels[r];
    if (c === undefined || c < 0 || c >= classes) continue;
    counts[c] = (counts[c] ?? 0) + 1;
    for (let j = 0; j < m.cols; j++) out[c * m.cols + j] = (out[c * m.cols + j] as number) + (m.values[r * m.cols + j] as number);
  }
  for (let c = 0; c < classes; c++) {
    const k = counts[c] ?? 0;
    for (let j = 0; j < m.cols; j++) out[c * m.cols + j] = k > 0 ? (out[c * m.cols + j] as number) / k : Number.NaN;
  }
  return { rows: classes, cols: m.cols, values: out };
}

/** Mean over every row: 1 × cols. */
export function columnMeans(m: Matrix): Matrix {
  const out = new Float32Array(m.cols);
  for (let r = 0; r < m.rows; r++) for (let j = 0; j < m.cols; j++) out[j] = (out[j] as number) + (m.values[r * m.cols + j] as number);
  for (let j = 0; j < m.cols; j++) out[j] = m.rows > 0 ? (out[j] as number) / m.rows : Number.NaN;
  return { rows: 1, cols: m.cols, values: out };
}

/**
 * cross: the queries × keys map of one sample for one head, or the mean over heads ('mean').
 * Probe shape [heads, T_query, T_context].
 */
export function crossMap(info: ProbeInfo, values: Float32Array, sample: number, head: number | 'mean'): Matrix {
  const [heads = 1, tq = 1, tk = 1] = info.shape;
  const v = sampleValues(info, values, sample);
  const out = new Float32Array(tq * tk);
  if (head === 'mean') {
    for (let h = 0; h < heads; h++) for (let i = 0; i < tq * tk; i++) out[i] = (out[i] as number) + (v[h * tq * tk + i] as number) / heads;
  } else {
    out.set(v.subarray(head * tq * tk, (head + 1) * tq * tk));
  }
  return { rows: tq, cols: tk, values: out };
}

/** The mean of a map over every sample (and over heads with 'mean'): what a node's thumbnail shows. */
export function meanCrossMap(info: ProbeInfo, values: Float32Array, head: number | 'mean' = 'mean'): Matrix {
  const n = sampleCount(info, values);
  const [, tq = 1, tk = 1] = info.shape;
  const out = new Float32Array(tq * tk);
  for (let s = 0; s < n; s++) {
    const m = crossMap(info, values, s, head);
    for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) + (m.values[i] as number) / n;
  }
  return { rows: tq, cols: tk, values: out };
}

/** cls: one sample's CLS attention, heads × tokens, with the mean over heads as a last row. Probe shape [heads, tokens]. */
export function clsHeads(info: ProbeInfo, values: Float32Array, sample: number): Matrix {
  const [heads = 1, t = 1] = info.shape;
  const v = sampleValues(info, values, sample);
  const out = new Float32Array((heads + 1) * t);
  out.set(v.subarray(0, heads * t));
  for (let h = 0; h < heads; h++) for (let j = 0; j < t; j++) out[heads * t + j] = (out[heads * t + j] as number) + (v[h * t + j] as number) / heads;
  return { rows: heads + 1, cols: t, values: out };
}

/**
 * cls: samples × modalities, the attention the CLS token pays to each group of tokens (summed over
 * the group's tokens, averaged over heads). `groups` are the token ranges, CLS itself included.
 */
export function groupMass(info: ProbeInfo, values: Float32Array, groups: readonly { readonly start: number; readonly end: number }[]): Matrix {
  const [heads = 1, t = 1] = info.shape;
  const n = sampleCount(info, values);
  const out = new Float32Array(n * groups.length);
  for (let s = 0; s < n; s++) {
    const v = sampleValues(info, values, s);
    groups.forEach((g, gi) => {
      let sum = 0;
      for (let h = 0; h < heads; h++) for (let j = Math.max(0, g.start); j < Math.min(t, g.end); j++) sum += v[h * t + j] as number;
      out[s * groups.length + gi] = sum / heads;
    });
  }
  return { rows: n, cols: groups.length, values: out };
}

/** Modalities of a gate probe: 2 for g [features] (g and 1 − g), else the first axis of G [M, features]. */
export function gateModalities(info: ProbeInfo): number {
  return info.shape.length === 1 ? 2 : (info.shape[0] ?? 1);
}

/**
 * gate: samples × features, the share of modality `modality` per feature. For two modalities the
 * probe is g (the first modality's share), so modality 1 gives 1 − g.
 */
export function gateStrip(info: ProbeInfo, values: Float32Array, modality = 0): Matrix {
  const n = sampleCount(info, values);
  const features = info.shape[info.shape.length - 1] ?? 1;
  const out = new Float32Array(n * features);
  for (let s = 0; s < n; s++) {
    const v = sampleValues(info, values, s);
    for (let j = 0; j < features; j++) {
      const x = info.shape.length === 1 ? (v[j] as number) : (v[modality * features + j] as number);
      out[s * features + j] = info.shape.length === 1 && modality === 1 ? 1 - x : x;
    }
  }
  return { rows: n, cols: features, values: out };
}

/** gate: samples × modalities, each modality's share averaged over the features. */
export function gateShares(info: ProbeInfo, values: Float32Array): Matrix {
  const m = gateModalities(info);
  const n = sampleCount(info, values);
  const out = new Float32Array(n * m);
  for (let k = 0; k < m; k++) {
    const strip = gateStrip(info, values, k);
    for (let s = 0; s < n; s++) {
      let sum = 0;
      for (let j = 0; j < strip.cols; j++) sum += strip.values[s * strip.cols + j] as number;
      out[s * m + k] = sum / Math.max(1, strip.cols);
    }
  }
  return { rows: n, cols: m, values: out };
}

/** One row of a matrix (a view). */
export function rowOf(m: Matrix, r: number): Float32Array {
  return m.values.subarray(r * m.cols, (r + 1) * m.cols);
}

/** The largest finite value (0 when there is none). */
export function maxOf(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v) && v > best) best = v;
  }
  return best;
}
