// Shape inference and parameter counts of the kinds added with the full catalogue, by hand.
// (The compile tests check the same counts against the built tfjs layers.)
import { describe, expect, it } from 'vitest';
import { resolveParams } from '../params.ts';
import { NODE_KIND_IDS, getKind } from '../registry.ts';
import type { InferResult, InputShapes, Params, TypedShape } from '../types.ts';

function infer(id: string, params: Params, inputs: InputShapes | readonly TypedShape[]): InferResult {
  const kind = getKind(id);
  if (!kind) throw new Error(`no kind ${id}`);
  const shapes: InputShapes = Array.isArray(inputs) ? { in: inputs as readonly TypedShape[] } : (inputs as InputShapes);
  return kind.infer(resolveParams(kind, params), shapes);
}
function okOut(r: InferResult, port = 'out'): { out: TypedShape | undefined; params: number } {
  if (!r.ok) throw new Error(`expected ok, got: ${r.message}`);
  return { out: r.outputs[port], params: r.paramCount };
}
function message(r: InferResult): string {
  if (r.ok) throw new Error('expected a failure');
  return r.message;
}
const vec = (d: number): TypedShape => ({ type: 'vector', shape: [d] });
const tok = (t: number, d: number): TypedShape => ({ type: 'tokens', shape: [t, d] });
const seq = (t: number, f: number): TypedShape => ({ type: 'sequence', shape: [t, f] });
const aud = (t: number, f: number): TypedShape => ({ type: 'audio', shape: [t, f] });
const img = (h: number, w: number, c: number): TypedShape => ({ type: 'image', shape: [h, w, c] });
const txt = (t: number, v: number): TypedShape => ({ type: 'text', shape: [t], vocabSize: v });
const cls = (k: number): TypedShape => ({ type: 'prediction', shape: [k], decision: 'softmax' });
/** One post-LN block, written out: Q,K,V,O + 4 biases, FFN, two layer norms (no residual projection). */
const block = (d: number, ff: number): number => 4 * d * d + 4 * d + (2 * d * ff + ff + d) + 4 * d;

describe('encoders', () => {
  it('encoder.cnn1d: halves time per block; vector or tokens', () => {
    // 3·4·8+8 = 104; 3·8·16+16 = 400; 20 → 10 → 5
    expect(okOut(infer('encoder.cnn1d', { blocks: 2, filters: 8, kernelSize: 3, pooling: 'global-avg' }, [seq(20, 4)]))).toEqual({ out: vec(16), params: 504 });
    expect(okOut(infer('encoder.cnn1d', { blocks: 2, filters: 8, kernelSize: 3, pooling: 'none' }, [aud(20, 4)])).out).toEqual(tok(5, 16));
    expect(message(infer('encoder.cnn1d', { blocks: 3 }, [seq(4, 2)]))).toBe(
      'Each block halves the number of steps, and 4 steps are down to 1 before block 3, too few to pool again. Use at most 2 blocks, or a longer input.',
    );
  });

  it('encoder.embedding: V·d, pooled or tokens; needs the vocabulary from input.text', () => {
    expect(okOut(infer('encoder.embedding', { dim: 16, pooling: 'mean' }, [txt(12, 500)]))).toEqual({ out: vec(16), params: 8000 });
    expect(okOut(infer('encoder.embedding', { dim: 16, pooling: 'none' }, [txt(12, 500)])).out).toEqual(tok(12, 16));
    expect(message(infer('encoder.embedding', {}, [{ type: 'text', shape: [12] }]))).toContain('vocabulary size');
  });

  it('encoder.transformer: projection, CLS, positions and L blocks', () => {
    // proj 6·8+8 = 56, CLS 8, positions (5+1)·8 = 48, 2 blocks
    const p = 56 + 8 + 48 + 2 * block(8, 16);
    expect(okOut(infer('encoder.transformer', { dModel: 8, heads: 2, layers: 2, ffDim: 16, pooling: 'cls', positions: true }, [tok(5, 6)]))).toEqual({ out: vec(8), params: p });
    expect(okOut(infer('encoder.transformer', { dModel: 8, heads: 2, layers: 1, ffDim: 16, pooling: 'none', positions: false }, [seq(5, 6)]))).toEqual({
      out: tok(5, 8),
      params: 56 + block(8, 16),
    });
    expect(okOut(infer('encoder.transformer', { dModel: 8, heads: 2, layers: 1, ffDim: 16, pooling: 'mean', positions: true }, [seq(5, 6)])).params).toBe(56 + 40 + block(8, 16));
    expect(message(infer('encoder.transformer', { dModel: 10, heads: 4 }, [tok(5, 6)]))).toBe(
      'Width d = 10 must be divisible by the number of heads (4). Change d to a multiple of 4, or the heads to a divisor of 10.',
    );
  });

  it('encoder.rnn: GRU 3(Fu + u² + u), LSTM 4(Fu + u² + u)', () => {
    expect(okOut(infer('encoder.rnn', { cell: 'gru', units: 8 }, [seq(10, 3)]))).toEqual({ out: vec(8), params: 3 * (24 + 64 + 8) });
    expect(okOut(infer('encoder.rnn', { cell: 'lstm', units: 8, returnSequences: true }, [aud(10, 3)]))).toEqual({ out: tok(10, 8), params: 4 * (24 + 64 + 8) });
  });

  it('encoder.patches: T = (H/p)(W/p), p²·C·d + d + T·d', () => {
    expect(okOut(infer('encoder.patches', { patchSize: 4, dim: 8, positions: true }, [img(8, 12, 3)]))).toEqual({ out: tok(6, 8), params: 16 * 3 * 8 + 8 + 48 });
    expect(okOut(infer('encoder.patches', { patchSize: 7, dim: 8, positions: false }, [img(28, 28, 1)]))).toEqual({ out: tok(16, 8), params: 49 * 8 + 8 });
    expect(message(infer('encoder.patches', { patchSize: 5 }, [img(28, 28, 1)]))).toBe(
      "A 28×28 image doesn't split into whole 5×5 patches (28 is not a multiple of 5). Use a patch size that divides both, such as 2, 4, 7, 14, 28.",
    );
  });

  it('encoder.project: vectors stay vectors, tokens and sequences become tokens', () => {
    expect(okOut(infer('encoder.project', { units: 4 }, [vec(6)]))).toEqual({ out: vec(4), params: 28 });
    expect(okOut(infer('encoder.project', { units: 4 }, [{ type: 'tabular', shape: [6] }]))).toEqual({ out: vec(4), params: 28 });
    expect(okOut(infer('encoder.project', { units: 4 }, [seq(3, 6)]))).toEqual({ out: tok(3, 4), params: 28 });
  });
});

describe('fusion', () => {
  it('fusion.early: flatten sums sizes; time joins equal-length sequences', () => {
    expect(okOut(infer('fusion.early', { align: 'flatten' }, [img(4, 4, 1), aud(3, 5), { type: 'tabular', shape: [2] }]))).toEqual({ out: vec(16 + 15 + 2), params: 0 });
    expect(okOut(infer('fusion.early', { align: 'time' }, [aud(6, 5), seq(6, 2)])).out).toEqual(seq(6, 7));
    expect(message(infer('fusion.early', { align: 'time' }, [aud(6, 5), seq(7, 2)]))).toBe(
      'Joining along time needs the same number of steps in every input, but it got audio 6×5, sequence 7×2. Give the inputs the same number of steps, or set "Join" to flatten.',
    );
    expect(message(infer('fusion.early', { align: 'time' }, [img(4, 4, 1), seq(7, 2)]))).toContain('Set "Join" to flatten');
  });

  it('fusion.elementwise: equal shapes, else insert encoder.project', () => {
    expect(okOut(infer('fusion.elementwise', { op: 'product' }, [vec(8), vec(8), vec(8)]))).toEqual({ out: vec(8), params: 0 });
    expect(okOut(infer('fusion.elementwise', { op: 'max' }, [tok(3, 8), tok(3, 8)])).out).toEqual(tok(3, 8));
    expect(message(infer('fusion.elementwise', { op: 'sum' }, [vec(64), vec(32)]))).toBe(
      'Elementwise sum combines features position by position, so every input needs the same shape, but it got vector 64, vector 32. Insert an encoder.project (width 64) on the inputs that differ.',
    );
  });

  it('fusion.late: mean 0, weighted M, stacking M·K·K + K; classifier predictions only', () => {
    expect(okOut(infer('fusion.late', { combine: 'mean' }, [cls(3), cls(3)]))).toEqual({ out: cls(3), params: 0 });
    expect(okOut(infer('fusion.late', { combine: 'weighted' }, [cls(3), cls(3), cls(3)])).params).toBe(3);
    expect(okOut(infer('fusion.late', { combine: 'stacking' }, [cls(3), cls(3)])).params).toBe(2 * 9 + 3);
    expect(message(infer('fusion.late', {}, [cls(3), cls(4)]))).toContain('same number of classes');
    expect(message(infer('fusion.late', {}, [cls(3), { type: 'prediction', shape: [3], decision: 'identity' }]))).toContain('Classifier head');
  });

  it('fusion.modalityAttention: Σ dₘ·d + M·d + (Σ dₘ)·M + M', () => {
    expect(okOut(infer('fusion.modalityAttention', { units: 4 }, [vec(3), vec(5), vec(2)]))).toEqual({ out: vec(4), params: 40 + 12 + 30 + 3 });
    expect(message(infer('fusion.modalityAttention', {}, [vec(3), tok(2, 3)]))).toContain('works on feature vectors');
  });

  it('fusion.crossAttention: query keeps its rank; several contexts of one width', () => {
    const q = { query: [tok(4, 6)], context: [tok(3, 5)] };
    // d_A·d + 2·d_B·d + d² + 4d + residual d_A·d + FFN + LNs
    const p = 6 * 8 + 2 * 5 * 8 + 64 + 32 + 6 * 8 + (2 * 8 * 16 + 16 + 8) + 32;
    expect(okOut(infer('fusion.crossAttention', { dModel: 8, heads: 2, ffDim: 16 }, q))).toEqual({ out: tok(4, 8), params: p });
    expect(okOut(infer('fusion.crossAttention', { dModel: 8, heads: 2, ffDim: 16 }, { query: [vec(8)], context: [tok(3, 5), vec(5)] })).out).toEqual(vec(8));
    expect(message(infer('fusion.crossAttention', {}, { query: [vec(8)], context: [tok(3, 5), vec(6)] }))).toContain('same width');
  });

  it('fusion.transformer: token join + L blocks, CLS vector out', () => {
    // join: (6 + 5)·8 + 2·8 + 2·8 + 8
    expect(okOut(infer('fusion.transformer', { dModel: 8, heads: 2, layers: 1, ffDim: 16 }, [tok(4, 6), vec(5)]))).toEqual({
      out: vec(8),
      params: 88 + 16 + 16 + 8 + block(8, 16),
    });
  });

  it('fusion.tensor: Π(dₘ+1)·h + h, with a cost warning above 2M naming fusion.lowRank', () => {
    expect(okOut(infer('fusion.tensor', { units: 4 }, [vec(2), vec(3), vec(1)]))).toEqual({ out: vec(4), params: 24 * 4 + 4 });
    const big = infer('fusion.tensor', { units: 64 }, [vec(32), vec(32), vec(32)]);
    expect(okOut(big).params).toBe(35937 * 64 + 64);
    expect(big.ok && big.warnings?.[0]).toMatch(/^creates 2\.3M parameters .*consider fusion\.lowRank/);
    expect(infer('fusion.tensor', { units: 4 }, [vec(2), vec(3)])).not.toHaveProperty('warnings');
  });

  it('fusion.lowRank: r·h·Σ(dₘ+1) + r + h', () => {
    expect(okOut(infer('fusion.lowRank', { rank: 3, units: 4 }, [vec(3), vec(5)]))).toEqual({ out: vec(4), params: 3 * 4 * 10 + 3 + 4 });
    expect(okOut(infer('fusion.lowRank', { rank: 4, units: 16 }, [vec(32), vec(32), vec(32)])).params).toBe(4 * 16 * 99 + 4 + 16);
  });

  it('fusion.gated: two modalities (sigmoid gate) and more (softmax gate)', () => {
    expect(okOut(infer('fusion.gated', { units: 4 }, [vec(3), vec(5)]))).toEqual({ out: vec(4), params: 8 * 4 * 2 + 3 * 4 });
    expect(okOut(infer('fusion.gated', { units: 4 }, [vec(3), vec(5), vec(2)])).params).toBe(10 * 4 + 12 + 10 * 12 + 12);
  });

  it('fusion.film: 2·C·(d_c + 1), output shaped like the features', () => {
    expect(okOut(infer('fusion.film', {}, { features: [tok(7, 5)], condition: [vec(2)] }))).toEqual({ out: tok(7, 5), params: 2 * 5 * 3 });
    expect(okOut(infer('fusion.film', {}, { features: [vec(6)], condition: [vec(2), vec(3)] }))).toEqual({ out: vec(6), params: 2 * 6 * 6 });
  });

  it('fusion.bilinear: k·o·(d₁ + d₂), exactly two inputs', () => {
    expect(okOut(infer('fusion.bilinear', { factor: 3, units: 4 }, [vec(5), vec(6)]))).toEqual({ out: vec(4), params: 3 * 4 * 11 });
    expect(getKind('fusion.bilinear')?.inputs[0]).toMatchObject({ min: 2, max: 2 });
  });
});

describe('heads and regularisation', () => {
  it('head.regress and head.multilabel', () => {
    expect(okOut(infer('head.regress', { targets: 2, hidden: 0 }, [vec(8)]))).toEqual({ out: { type: 'prediction', shape: [2], decision: 'identity' }, params: 18 });
    expect(okOut(infer('head.multilabel', { labels: 5, hidden: 4 }, [vec(8)]))).toEqual({
      out: { type: 'prediction', shape: [5], decision: 'sigmoid' },
      params: 36 + 25,
    });
  });

  it('reg.dropout keeps type and shape', () => {
    expect(okOut(infer('reg.dropout', {}, [tok(3, 4)]))).toEqual({ out: tok(3, 4), params: 0 });
    expect(okOut(infer('reg.dropout', {}, [img(2, 2, 1)])).out).toEqual(img(2, 2, 1));
  });

  it('reg.modalityDropout mirrors in_k → out_k for the connected slots', () => {
    const r = infer('reg.modalityDropout', { rate: 0.3 }, { in_1: [vec(4)], in_2: [tok(3, 2)], in_3: [], in_4: [seq(5, 1)] });
    if (!r.ok) throw new Error(r.message);
    expect(r.outputs).toEqual({ out_1: vec(4), out_2: tok(3, 2), out_4: seq(5, 1) });
    expect(r.paramCount).toBe(0);
    expect(getKind('reg.modalityDropout')?.inputs.map((p) => [p.name, p.min, p.max])).toEqual([
      ['in_1', 1, 1],
      ['in_2', 1, 1],
      ['in_3', 0, 1],
      ['in_4', 0, 1],
    ]);
  });
});

it('every registered kind is covered by nodes.test.ts or this file', () => {
  expect(NODE_KIND_IDS.length).toBe(30);
});
