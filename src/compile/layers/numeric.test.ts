// Numeric tests: each layer against a plain-JS loop implementation of FUSION.md's formula, on
// small seeded inputs with seeded (non-default) weights.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  FusionBilinear,
  FusionCrossAttention,
  FusionFiLM,
  FusionGated,
  FusionLateCombine,
  FusionLowRank,
  FusionModalityAttention,
  FusionModalityDropout,
  FusionTensor,
  FusionTokenJoin,
  FusionTransformerBlock,
} from './index.ts';
import {
  applyEager,
  el,
  expectClose,
  layerNormJs,
  mat,
  randomiseWeights,
  randomTensor,
  row,
  softmaxJs,
  vec,
  vecMat,
  weightsByName,
  type Matrix,
} from './testing.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** Builds the layer on `xs`, randomises its weights, runs it again and returns outputs as arrays. */
function run(layer: tf.layers.Layer, xs: tf.Tensor[], seed = 11): unknown[] {
  tf.dispose(applyEager(layer, xs));
  randomiseWeights(layer, seed);
  const out = applyEager(layer, xs);
  const arrays = out.map((t) => t.arraySync());
  tf.dispose(out);
  return arrays;
}

const arr3 = (t: tf.Tensor): number[][][] => t.arraySync() as number[][][];

/** Loop reference of the post-LN attention block for one sample. */
function blockRef(
  w: Map<string, tf.Tensor>,
  xq: Matrix,
  xkv: Matrix,
  heads: number,
  eps: number,
): { out: Matrix; attention: number[][][] } {
  const project = (x: Matrix, k: string, b?: string): Matrix => x.map((r) => vecMat(r, mat(w.get(k)), b ? vec(w.get(b)) : undefined));
  const q = project(xq, 'q_kernel', 'q_bias');
  const k = project(xkv, 'k_kernel', 'k_bias');
  const v = project(xkv, 'v_kernel', 'v_bias');
  const d = row(q, 0).length;
  const dh = d / heads;
  const attention: number[][][] = [];
  const context: Matrix = q.map(() => new Array<number>(d).fill(0));
  for (let h = 0; h < heads; h++) {
    const cols = Array.from({ length: dh }, (_, c) => h * dh + c);
    const a = q.map((qi) =>
      softmaxJs(k.map((kj) => sum(cols.map((c) => el(qi, c) * el(kj, c))) / Math.sqrt(dh))),
    );
    attention.push(a);
    a.forEach((ai, i) =>
      cols.forEach((c) => (row(context, i)[c] = sum(ai.map((aij, j) => aij * el(row(v, j), c))))),
    );
  }
  const attended = project(context, 'out_kernel', 'out_bias');
  const residual = w.has('residual_kernel') ? project(xq, 'residual_kernel') : xq;
  const y = residual.map((r, i) =>
    layerNormJs(r.map((x, c) => x + el(row(attended, i), c)), vec(w.get('ln1_gamma')), vec(w.get('ln1_beta')), eps),
  );
  const hidden = project(y, 'ffn1_kernel', 'ffn1_bias').map((r) => r.map((x) => Math.max(0, x)));
  const ffn = project(hidden, 'ffn2_kernel', 'ffn2_bias');
  const out = y.map((r, i) =>
    layerNormJs(r.map((x, c) => x + el(row(ffn, i), c)), vec(w.get('ln2_gamma')), vec(w.get('ln2_beta')), eps),
  );
  return { out, attention };
}

describe('FusionModalityAttention numerics', () => {
  it('α sums to 1 and z = Σ α_m (W_m z_m + b_m) with α = softmax(W_a [z_1;…;z_M] + b_a)', () => {
    const xs = [randomTensor([3, 3], 1), randomTensor([3, 5], 2), randomTensor([3, 2], 3)];
    const layer = new FusionModalityAttention({ units: 4, returnWeights: true });
    const [z, alpha] = run(layer, xs) as [Matrix, Matrix];
    const w = weightsByName(layer);
    const inputs = xs.map((x) => x.arraySync() as Matrix);
    for (let b = 0; b < 3; b++) {
      const zs = inputs.map((x) => row(x, b));
      const a = softmaxJs(vecMat(zs.flat(), mat(w.get('score_kernel')), vec(w.get('score_bias'))));
      const us = zs.map((zm, m) => vecMat(zm, mat(w.get(`proj_kernel_${m}`)), vec(w.get(`proj_bias_${m}`))));
      const fused = row(us, 0).map((_, j) => sum(us.map((u, m) => el(a, m) * el(u, j))));
      expect(sum(row(alpha, b))).toBeCloseTo(1, 5);
      expectClose(row(alpha, b), a, 1e-5, `alpha[${b}]`);
      expectClose(row(z, b), fused, 1e-4, `z[${b}]`);
    }
    tf.dispose(xs);
  });
});

describe('FusionCrossAttention numerics', () => {
  it('matches a loop implementation (d_A ≠ d: residual projection; 2 heads)', () => {
    const xa = randomTensor([2, 4, 6], 4);
    const xb = randomTensor([2, 3, 5], 5);
    const layer = new FusionCrossAttention({ dModel: 8, heads: 2, ffDim: 16, returnWeights: true });
    const [out, att] = run(layer, [xa, xb]) as [number[][][], number[][][][]];
    const w = weightsByName(layer);
    const [a, b] = [arr3(xa), arr3(xb)];
    for (let s = 0; s < 2; s++) {
      const ref = blockRef(w, a[s] ?? [], b[s] ?? [], 2, 1e-5);
      expectClose(out[s], ref.out, 2e-4, `out[${s}]`);
      expectClose(att[s], ref.attention, 1e-5, `A[${s}]`);
    }
    tf.dispose([xa, xb]);
  });

  it('a vector query is one token and gives a vector', () => {
    const xa = randomTensor([2, 8], 6);
    const xb = randomTensor([2, 5, 8], 7);
    const layer = new FusionCrossAttention({ dModel: 8, heads: 4, ffDim: 8, returnWeights: true });
    const [out, att] = run(layer, [xa, xb]) as [Matrix, number[][][][]];
    const w = weightsByName(layer);
    const [a, b] = [xa.arraySync() as Matrix, arr3(xb)];
    for (let s = 0; s < 2; s++) {
      const ref = blockRef(w, [row(a, s)], b[s] ?? [], 4, 1e-5);
      expectClose(row(out, s), row(ref.out, 0), 2e-4, `out[${s}]`);
      expectClose(att[s], ref.attention, 1e-5, `A[${s}]`);
    }
    tf.dispose([xa, xb]);
  });
});

describe('FusionTransformerBlock numerics', () => {
  it('matches the loop implementation of self-attention + LN + FFN + LN', () => {
    const x = randomTensor([2, 5, 8], 8);
    const layer = new FusionTransformerBlock({ heads: 2, ffDim: 12, returnWeights: true });
    const [out, att] = run(layer, [x]) as [number[][][], number[][][][]];
    const w = weightsByName(layer);
    const xs = arr3(x);
    for (let s = 0; s < 2; s++) {
      const ref = blockRef(w, xs[s] ?? [], xs[s] ?? [], 2, 1e-5);
      expectClose(out[s], ref.out, 2e-4, `out[${s}]`);
      expectClose(att[s], ref.attention, 1e-5, `A[${s}]`);
      att[s]?.forEach((head) => head.forEach((r) => expect(sum(r)).toBeCloseTo(1, 5)));
    }
    x.dispose();
  });

  it('dropout is inactive at inference and active in training', () => {
    const x = randomTensor([2, 4, 8], 9);
    const layer = new FusionTransformerBlock({ heads: 2, ffDim: 8, dropout: 0.5 });
    const [a] = applyEager(layer, [x]);
    const [b] = applyEager(layer, [x]);
    const [c] = applyEager(layer, [x], { training: true });
    if (!a || !b || !c) throw new Error('no output');
    expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBe(0);
    expect(tf.max(tf.abs(tf.sub(a, c))).dataSync()[0]).toBeGreaterThan(1e-3);
    tf.dispose([x, a, b, c]);
  });
});

describe('FusionTokenJoin numerics', () => {
  it('out = [CLS; X_m W_m + b_m + E_m …]', () => {
    const x1 = randomTensor([2, 3, 4], 10);
    const x2 = randomTensor([2, 5], 11);
    const layer = new FusionTokenJoin({ dModel: 6 });
    const [out] = run(layer, [x1, x2]) as [number[][][]];
    const w = weightsByName(layer);
    const cls = (mat(w.get('cls_token')) as unknown as Matrix[])[0]?.[0] ?? [];
    const types = mat(w.get('type_embedding'));
    const [a, b] = [arr3(x1), x2.arraySync() as Matrix];
    for (let s = 0; s < 2; s++) {
      const tokens = [
        ...(a[s] ?? []).map((t) => vecMat(t, mat(w.get('proj_kernel_0')), vec(w.get('proj_bias_0'))).map((v, j) => v + el(row(types, 0), j))),
        vecMat(row(b, s), mat(w.get('proj_kernel_1')), vec(w.get('proj_bias_1'))).map((v, j) => v + el(row(types, 1), j)),
      ];
      expectClose(out[s], [cls, ...tokens], 1e-5, `out[${s}]`);
    }
    tf.dispose([x1, x2]);
  });
});

describe('FusionTensor numerics', () => {
  it('equals the hand-written outer product of [z_m; 1]', () => {
    const xs = [randomTensor([2, 2], 12), randomTensor([2, 3], 13), randomTensor([2, 1], 14)];
    const [out] = run(new FusionTensor(), xs) as [Matrix];
    const zs = xs.map((x) => x.arraySync() as Matrix);
    for (let s = 0; s < 2; s++) {
      const [p, q, r] = zs.map((z) => [...row(z, s), 1]) as [number[], number[], number[]];
      const expected: number[] = [];
      for (const pi of p) for (const qj of q) for (const rk of r) expected.push(pi * qj * rk);
      expectClose(row(out, s), expected, 1e-6, `out[${s}]`);
      expect(row(out, s).at(-1)).toBe(1);
    }
    tf.dispose(xs);
  });
});

describe('FusionLowRank numerics', () => {
  it('h_j = Σ_i λ_i Π_m ([z_m;1] W_m)_{i·h+j} + b_j', () => {
    const xs = [randomTensor([3, 3], 15), randomTensor([3, 4], 16), randomTensor([3, 2], 17)];
    const [r, h] = [3, 5];
    const layer = new FusionLowRank({ units: h, rank: r });
    const [out] = run(layer, xs) as [Matrix];
    const w = weightsByName(layer);
    const lambda = vec(w.get('rank_weights'));
    const bias = vec(w.get('bias'));
    const zs = xs.map((x) => x.arraySync() as Matrix);
    for (let s = 0; s < 3; s++) {
      const factors = zs.map((z, m) => vecMat([...row(z, s), 1], mat(w.get(`factor_${m}`))));
      const expected = Array.from({ length: h }, (_, j) =>
        sum(Array.from({ length: r }, (_, i) => el(lambda, i) * factors.reduce((p, f) => p * el(f, i * h + j), 1))) + el(bias, j),
      );
      expectClose(row(out, s), expected, 1e-4, `out[${s}]`);
    }
    tf.dispose(xs);
  });
});

describe('FusionGated numerics', () => {
  it('M = 2: h = g∘tanh(W_1 z_1 + b_1) + (1 − g)∘tanh(W_2 z_2 + b_2), g = σ(W_g [z_1; z_2] + b_g)', () => {
    const xs = [randomTensor([3, 3], 18), randomTensor([3, 5], 19)];
    const layer = new FusionGated({ units: 4, returnWeights: true });
    const [out, gate] = run(layer, xs) as [Matrix, Matrix];
    const w = weightsByName(layer);
    const zs = xs.map((x) => x.arraySync() as Matrix);
    for (let s = 0; s < 3; s++) {
      const [h1, h2] = zs.map((z, m) => vecMat(row(z, s), mat(w.get(`kernel_${m}`)), vec(w.get(`bias_${m}`))).map(Math.tanh)) as [
        number[],
        number[],
      ];
      const g = vecMat(zs.flatMap((z) => row(z, s)), mat(w.get('gate_kernel')), vec(w.get('gate_bias'))).map(sigmoid);
      expectClose(row(gate, s), g, 1e-5, `g[${s}]`);
      expectClose(row(out, s), g.map((gj, j) => gj * el(h1, j) + (1 - gj) * el(h2, j)), 1e-5, `h[${s}]`);
    }
    tf.dispose(xs);
  });

  it('M = 3: softmax gate over the modalities per unit', () => {
    const xs = [randomTensor([2, 3], 20), randomTensor([2, 5], 21), randomTensor([2, 2], 22)];
    const units = 4;
    const layer = new FusionGated({ units, returnWeights: true });
    const [out, gates] = run(layer, xs) as [Matrix, number[][][]];
    const w = weightsByName(layer);
    const zs = xs.map((x) => x.arraySync() as Matrix);
    for (let s = 0; s < 2; s++) {
      const hs = zs.map((z, m) => vecMat(row(z, s), mat(w.get(`kernel_${m}`)), vec(w.get(`bias_${m}`))).map(Math.tanh));
      const logits = vecMat(zs.flatMap((z) => row(z, s)), mat(w.get('gate_kernel')), vec(w.get('gate_bias')));
      const perUnit = Array.from({ length: units }, (_, j) => softmaxJs([0, 1, 2].map((m) => el(logits, m * units + j))));
      const expectedGates = [0, 1, 2].map((m) => perUnit.map((p) => el(p, m)));
      expectClose(gates[s], expectedGates, 1e-5, `G[${s}]`);
      expectClose(row(out, s), perUnit.map((p, j) => sum(p.map((pm, m) => pm * el(row(hs, m), j)))), 1e-5, `h[${s}]`);
    }
    tf.dispose(xs);
  });
});

describe('FusionFiLM numerics', () => {
  it('out = γ(c)∘F + β(c), broadcast over the spatial axes', () => {
    const f = randomTensor([2, 3, 2, 4], 23);
    const c = randomTensor([2, 3], 24);
    const layer = new FusionFiLM();
    const [out] = run(layer, [f, c]) as [number[][][][]];
    const w = weightsByName(layer);
    const fs = f.arraySync() as number[][][][];
    const cs = c.arraySync() as Matrix;
    for (let s = 0; s < 2; s++) {
      const gamma = vecMat(row(cs, s), mat(w.get('gamma_kernel')), vec(w.get('gamma_bias')));
      const beta = vecMat(row(cs, s), mat(w.get('beta_kernel')), vec(w.get('beta_bias')));
      const expected = (fs[s] ?? []).map((r) => r.map((px) => px.map((x, ch) => el(gamma, ch) * x + el(beta, ch))));
      expectClose(out[s], expected, 1e-5, `out[${s}]`);
    }
    tf.dispose([f, c]);
  });

  it('starts close to the identity on F (b_γ = 1, β = 0) with small conditions', () => {
    const f = randomTensor([2, 6], 25);
    const [out] = applyEager(new FusionFiLM(), [f, tf.zeros([2, 3])]);
    expectClose(out?.arraySync(), f.arraySync(), 1e-6);
    tf.dispose([f, out].filter((t) => t !== undefined));
  });
});

describe('FusionBilinear numerics', () => {
  it('MFB: sum-pool_k((z_1 U)∘(z_2 V)), signed sqrt, L2 normalisation', () => {
    const xs = [randomTensor([3, 5], 26), randomTensor([3, 6], 27)];
    const [k, o, eps] = [3, 4, 1e-8];
    const layer = new FusionBilinear({ factor: k, units: o });
    const [out] = run(layer, xs) as [Matrix];
    const w = weightsByName(layer);
    const [z1, z2] = xs.map((x) => x.arraySync() as Matrix) as [Matrix, Matrix];
    for (let s = 0; s < 3; s++) {
      const joint = vecMat(row(z1, s), mat(w.get('u_kernel'))).map((a, i) => a * el(vecMat(row(z2, s), mat(w.get('v_kernel'))), i));
      const pooled = Array.from({ length: o }, (_, i) => sum(joint.slice(i * k, (i + 1) * k)));
      const signed = pooled.map((p) => Math.sign(p) * Math.sqrt(Math.abs(p) + eps));
      const norm = Math.sqrt(sum(signed.map((x) => x * x)) + eps);
      expectClose(row(out, s), signed.map((x) => x / norm), 1e-5, `out[${s}]`);
      expect(sum(row(out, s).map((x) => x * x))).toBeCloseTo(1, 4);
    }
    tf.dispose(xs);
  });
});

describe('FusionLateCombine numerics', () => {
  const logits = (): tf.Tensor[] => [randomTensor([3, 4], 28, 3), randomTensor([3, 4], 29, 3), randomTensor([3, 4], 30, 3)];

  it('mean: output is log of the mean of the softmax probabilities', () => {
    const ls = logits();
    const [out, weights] = applyEager(new FusionLateCombine({ mode: 'mean', returnWeights: true }), ls);
    const probs = ls.map((l) => (l.arraySync() as Matrix).map(softmaxJs));
    const expected = [0, 1, 2].map((s) => row(probs[0] ?? [], s).map((_, c) => sum(probs.map((p) => el(row(p, s), c))) / 3));
    expectClose((out?.arraySync() as Matrix).map((r) => r.map(Math.exp)), expected, 1e-5);
    expectClose(weights?.arraySync(), [0, 1, 2].map(() => [1 / 3, 1 / 3, 1 / 3]), 1e-6);
    // softmax(output) is the same distribution: softmax cross-entropy from logits applies.
    expectClose(tf.softmax(out ?? tf.zeros([1])).arraySync(), expected, 1e-5);
    tf.dispose([...ls, out, weights].filter((t) => t !== undefined));
  });

  it('weighted: p = Σ softmax(v)_m softmax(l_m)', () => {
    const ls = logits();
    const layer = new FusionLateCombine({ mode: 'weighted', returnWeights: true });
    tf.dispose(applyEager(layer, ls));
    const v = [0.3, -1, 2];
    layer.setWeights([tf.tensor1d(v)]);
    const [out, weights] = applyEager(layer, ls);
    const wv = softmaxJs(v);
    const probs = ls.map((l) => (l.arraySync() as Matrix).map(softmaxJs));
    const expected = [0, 1, 2].map((s) => row(probs[0] ?? [], s).map((_, c) => sum(probs.map((p, m) => el(wv, m) * el(row(p, s), c)))));
    expectClose((out?.arraySync() as Matrix).map((r) => r.map(Math.exp)), expected, 1e-5);
    expectClose(weights?.arraySync(), [wv, wv, wv], 1e-6);
    tf.dispose([...ls, out, weights].filter((t) => t !== undefined));
  });

  it('stacking: logits = [l_1; …; l_M] W + b', () => {
    const ls = logits();
    const layer = new FusionLateCombine({ mode: 'stacking' });
    const [out] = run(layer, ls) as [Matrix];
    const w = weightsByName(layer);
    const rows = ls.map((l) => l.arraySync() as Matrix);
    for (let s = 0; s < 3; s++) {
      expectClose(row(out, s), vecMat(rows.flatMap((r) => row(r, s)), mat(w.get('kernel')), vec(w.get('bias'))), 1e-5);
    }
    tf.dispose(ls);
  });

  it('stays finite for extremely confident branches (no log(0))', () => {
    const ls = [tf.tensor2d([[200, -200]]), tf.tensor2d([[-200, 200]])];
    const [out] = applyEager(new FusionLateCombine({ mode: 'mean' }), ls);
    expectClose(out?.arraySync(), [[Math.log(0.5), Math.log(0.5)]], 1e-5);
    tf.dispose([...ls, out].filter((t) => t !== undefined));
  });
});

describe('FusionModalityDropout numerics', () => {
  const B = 4000;
  const inputs = (): tf.Tensor[] => [tf.add(tf.abs(randomTensor([B, 3], 31)), 0.1), tf.add(tf.abs(randomTensor([B, 2, 2], 32)), 0.1)];
  /** Per sample, 1 if modality m is kept unchanged, 0 if zeroed (and asserts it is one or the other). */
  const keptOf = (x: tf.Tensor, y: tf.Tensor): number[] => {
    const xs = x.reshape([B, -1]).arraySync() as Matrix;
    const ys = y.reshape([B, -1]).arraySync() as Matrix;
    return ys.map((r, s) => {
      if (r.every((v) => v === 0)) return 0;
      expectClose(r, row(xs, s), 0);
      return 1;
    });
  };

  it('identity at inference', () => {
    const xs = inputs();
    const out = applyEager(new FusionModalityDropout({ rate: 0.5 }), xs);
    out.forEach((y, m) => expectClose(y.arraySync(), xs[m]?.arraySync(), 0));
    tf.dispose([...xs, ...out]);
  });

  it('training: drops whole modalities per sample at rate ≈ p, never all of them', () => {
    const xs = inputs();
    const p = 0.4;
    const out = applyEager(new FusionModalityDropout({ rate: p }), xs, { training: true });
    const kept = out.map((y, m) => keptOf(xs[m] ?? y, y));
    const [k0, k1] = kept as [number[], number[]];
    k0.forEach((k, s) => expect(k + el(k1, s)).toBeGreaterThan(0));
    // P(dropped) = p − p²/2 for M = 2 (the all-dropped case keeps one at random).
    const expectedDrop = p - (p * p) / 2;
    for (const k of kept) expect(1 - sum(k) / B).toBeCloseTo(expectedDrop, 1);
    tf.dispose([...xs, ...out]);
  });

  it('presence mask: missing modalities are zero at inference and in training; a present one is always kept', () => {
    const xs = inputs();
    const present = Array.from({ length: B }, (_, s) => (s % 3 === 0 ? [1, 0] : s % 3 === 1 ? [0, 1] : [1, 1]));
    const mask = tf.tensor2d(present);
    const layer = new FusionModalityDropout({ rate: 0.5, useMask: true });
    for (const training of [false, true]) {
      const out = applyEager(layer, [...xs, mask], { training });
      const kept = out.map((y, m) => keptOf(xs[m] ?? y, y));
      present.forEach((pr, s) => {
        pr.forEach((isPresent, m) => {
          const k = el(kept[m] ?? [], s);
          if (!isPresent) expect(k).toBe(0);
          else if (!training || sum(pr) === 1) expect(k).toBe(1);
        });
        expect(el(kept[0] ?? [], s) + el(kept[1] ?? [], s)).toBeGreaterThan(0);
      });
      tf.dispose(out);
    }
    tf.dispose([...xs, mask]);
  });
});

describe('training flag through tf.LayersModel', () => {
  it('fit calls the layer with training: true, predict without it', async () => {
    const a = tf.input({ shape: [2] });
    const b = tf.input({ shape: [3] });
    const drop = new FusionModalityDropout({ rate: 0.5 });
    const [da, db] = drop.apply([a, b]) as tf.SymbolicTensor[];
    const joined = tf.layers.concatenate().apply([da as tf.SymbolicTensor, db as tf.SymbolicTensor]) as tf.SymbolicTensor;
    const model = tf.model({ inputs: [a, b], outputs: tf.layers.dense({ units: 1 }).apply(joined) as tf.SymbolicTensor });
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const seen: unknown[] = [];
    drop.setCallHook((_inputs, kwargs) => seen.push(kwargs['training']));
    const xs = [tf.ones([4, 2]), tf.ones([4, 3])];
    const y = tf.zeros([4, 1]);
    await model.fit(xs, y, { epochs: 1, batchSize: 4, verbose: 0 });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((t) => t === true)).toBe(true);
    seen.length = 0;
    tf.dispose(model.predict(xs) as tf.Tensor);
    expect(seen.some((t) => t === true)).toBe(false);
    drop.clearCallHook();
    tf.dispose([...xs, y]);
  });
});

describe('multi-output layers inside tf.LayersModel (tfjs executor behaviour)', () => {
  // tfjs-layers' executor calls a layer once per output SymbolicTensor it needs: a model that
  // fetches both [fused, weights] of one layer runs it twice. Hence the design: the main model
  // uses `fused` only and a probe model sharing the layer fetches `weights` only.
  it('a model fetching one output calls the layer once; fetching both calls it twice', () => {
    const x = tf.input({ shape: [3, 4] });
    const layer = new FusionCrossAttention({ dModel: 4, heads: 1, ffDim: 4, returnWeights: true });
    const [fused, weights] = layer.apply([x, x]) as tf.SymbolicTensor[];
    if (!fused || !weights) throw new Error('expected two outputs');
    let calls = 0;
    layer.setCallHook(() => calls++);
    const input = tf.ones([2, 3, 4]);
    for (const outputs of [[fused], [weights], [fused, weights]]) {
      calls = 0;
      tf.dispose(tf.model({ inputs: x, outputs }).predict(input) as tf.Tensor | tf.Tensor[]);
      expect(calls).toBe(outputs.length);
    }
    layer.clearCallHook();
    input.dispose();
  });
});
