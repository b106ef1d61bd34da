// Test support (imported by *.test.ts only): small classifiers to measure what a modality carries.
import * as tf from '@tensorflow/tfjs';
import type { DatasetArrays } from './types.ts';
import { sizeOf } from './modalities.ts';
import { mulberry32 } from './random.ts';

/** Mean over blocks of `by` along each of the first two axes of [A, B, C] rows (C kept). */
function pool(arr: Float32Array, n: number, [A, B, C = 1]: readonly number[], by: number): { x: Float32Array; d: number } {
  const a = Math.ceil((A ?? 1) / by);
  const b = Math.ceil((B ?? 1) / by);
  const d = a * b * C;
  const row = (A ?? 1) * (B ?? 1) * C;
  const out = new Float32Array(n * d);
  const cnt = new Float32Array(d);
  for (let u = 0; u < (A ?? 1); u++) for (let v = 0; v < (B ?? 1); v++) for (let c = 0; c < C; c++) cnt[(Math.floor(u / by) * b + Math.floor(v / by)) * C + c] = (cnt[(Math.floor(u / by) * b + Math.floor(v / by)) * C + c] ?? 0) + 1;
  for (let i = 0; i < n; i++) {
    for (let u = 0; u < (A ?? 1); u++) {
      for (let v = 0; v < (B ?? 1); v++) {
        for (let c = 0; c < C; c++) {
          const k = (Math.floor(u / by) * b + Math.floor(v / by)) * C + c;
          out[i * d + k] = (out[i * d + k] ?? 0) + (arr[i * row + (u * (B ?? 1) + v) * C + c] ?? 0) / (cnt[k] ?? 1);
        }
      }
    }
  }
  return { x: out, d };
}

/**
 * Per-sample feature rows of some modalities, concatenated: text as counts of each token id,
 * images and spectrograms mean-pooled over 4 × 4 (image) or 3 × 3 (spectrogram) blocks to keep the
 * classifiers small and fast; tabular rows as they are.
 */
export function features(data: DatasetArrays, modalities: readonly string[]): { x: Float32Array; d: number } {
  const parts = modalities.map((name) => {
    const m = data.info.modalities.find((s) => s.name === name);
    if (m === undefined) throw new Error(`no modality ${name}`);
    const arr = data.inputs[name] as Float32Array | Int32Array;
    if (m.preprocessing.kind === 'text') {
      const V = m.preprocessing.vocabulary.length;
      const T = m.shape[0] ?? 0;
      const out = new Float32Array(data.labels.length * V);
      for (let i = 0; i < data.labels.length; i++) for (let t = 0; t < T; t++) out[i * V + (arr[i * T + t] ?? 0)] = (out[i * V + (arr[i * T + t] ?? 0)] ?? 0) + 1;
      return { x: out, d: V };
    }
    if (m.kind === 'image') return pool(arr as Float32Array, data.labels.length, m.shape, 4);
    if (m.kind === 'audio') return pool(arr as Float32Array, data.labels.length, [...m.shape, 1], 3);
    return { x: Float32Array.from(arr), d: sizeOf(m.shape) };
  });
  const d = parts.reduce((a, p) => a + p.d, 0);
  const n = data.labels.length;
  const x = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    let at = i * d;
    for (const p of parts) {
      x.set(p.x.subarray(i * p.d, (i + 1) * p.d), at);
      at += p.d;
    }
  }
  return { x, d };
}

/** Accuracy on the test split of a softmax regression trained with SGD on the train split (plain JS). */
export function logisticAccuracy(data: DatasetArrays, modalities: readonly string[], epochs = 8, rate = 0.05): number {
  const { x, d } = features(data, modalities);
  const K = data.info.classes.length;
  const W = new Float64Array(d * K);
  const b = new Float64Array(K);
  const p = new Float64Array(K);
  const train: number[] = [];
  const test: number[] = [];
  data.split.forEach((s, i) => (s === 0 ? train : s === 2 ? test : null)?.push(i));
  const rand = mulberry32(5);
  const scores = (i: number) => {
    for (let k = 0; k < K; k++) {
      let s = b[k] ?? 0;
      for (let j = 0; j < d; j++) s += (W[j * K + k] ?? 0) * (x[i * d + j] ?? 0);
      p[k] = s;
    }
  };
  for (let e = 0; e < epochs; e++) {
    for (let n = train.length - 1; n > 0; n--) {
      const j = Math.floor(rand() * (n + 1));
      [train[n], train[j]] = [train[j] as number, train[n] as number];
    }
    for (const i of train) {
      scores(i);
      const m = Math.max(...p);
      let z = 0;
      for (let k = 0; k < K; k++) z += (p[k] = Math.exp((p[k] ?? 0) - m));
      for (let k = 0; k < K; k++) {
        const g = (p[k] ?? 0) / z - (data.labels[i] === k ? 1 : 0);
        b[k] = (b[k] ?? 0) - rate * g;
        for (let j = 0; j < d; j++) W[j * K + k] = (W[j * K + k] ?? 0) - rate * (g * (x[i * d + j] ?? 0) + 1e-4 * (W[j * K + k] ?? 0));
      }
    }
  }
  let ok = 0;
  for (const i of test) {
    scores(i);
    if (p.indexOf(Math.max(...p)) === data.labels[i]) ok++;
  }
  return ok / test.length;
}

/** Accuracy on the test split of a one-hidden-layer MLP (tfjs, cpu) on the concatenated modalities. */
export async function mlpAccuracy(data: DatasetArrays, modalities: readonly string[], epochs = 30, hidden = 32): Promise<number> {
  const { x, d } = features(data, modalities);
  const K = data.info.classes.length;
  const idx = (s: number) => Array.from(data.split.keys()).filter((i) => data.split[i] === s);
  const take = (ids: number[]) => {
    const out = new Float32Array(ids.length * d);
    ids.forEach((i, r) => out.set(x.subarray(i * d, (i + 1) * d), r * d));
    return out;
  };
  const train = idx(0);
  const test = idx(2);
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [d], units: hidden, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
      tf.layers.dense({ units: K, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const xs = tf.tensor2d(take(train), [train.length, d]);
  const ys = tf.oneHot(tf.tensor1d(train.map((i) => data.labels[i] ?? 0), 'int32'), K);
  const xt = tf.tensor2d(take(test), [test.length, d]);
  try {
    await model.fit(xs, ys, { epochs, batchSize: 64, shuffle: true, verbose: 0 });
    const pred = tf.tidy(() => (model.predict(xt) as tf.Tensor).argMax(-1).dataSync());
    let ok = 0;
    test.forEach((i, r) => (pred[r] === data.labels[i] ? ok++ : 0));
    return ok / test.length;
  } finally {
    tf.dispose([xs, ys, xt]);
    model.dispose();
  }
}
