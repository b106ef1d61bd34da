// Review of the node catalogue: shape inference and parameter counts at edge cases, and refusals
// that say what to change (the advice must be something that actually fixes the graph).
import { describe, expect, it } from 'vitest';
import { resolveParams } from '../params.ts';
import { getKind } from '../registry.ts';
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
const img = (h: number, w: number, c: number): TypedShape => ({ type: 'image', shape: [h, w, c] });

describe('attention widths: layer norm over a width of 1 is constant', () => {
  // LN(x) = (x − mean(x)) / σ · γ + β is exactly β when x has one value, so a post-LN block of width
  // 1 outputs a constant and nothing before it can learn. The node must refuse d = 1 and say why.
  it.each([
    ['encoder.transformer', { dModel: 1, heads: 1 }, { in: [tok(3, 4)] }],
    ['fusion.crossAttention', { dModel: 1, heads: 1 }, { query: [tok(3, 4)], context: [tok(2, 4)] }],
    ['fusion.transformer', { dModel: 1, heads: 1 }, { in: [tok(3, 4), vec(2)] }],
  ] as const)('%s refuses d = 1', (id, params, inputs) => {
    const m = message(infer(id, params, inputs as InputShapes));
    expect(m).toContain('layer norm');
    expect(m).toContain('at least 2');
  });

  it('d = 2 is accepted', () => {
    expect(okOut(infer('fusion.crossAttention', { dModel: 2, heads: 2, ffDim: 2 }, { query: [vec(3)], context: [tok(2, 4)] })).out).toEqual(vec(2));
  });
});

describe('refusals give advice that fixes the graph', () => {
  it('encoder.cnn1d on a single step cannot pool even once (not "at most 0 blocks")', () => {
    const m = message(infer('encoder.cnn1d', { blocks: 1 }, [seq(1, 3)]));
    expect(m).not.toContain('0 blocks');
    expect(m).toContain('at least 2 steps');
    // Later blocks keep the existing advice.
    expect(message(infer('encoder.cnn1d', { blocks: 2 }, [seq(3, 3)]))).toContain('Use at most 1 block');
  });

  it('fusion.elementwise: a projection only helps when widths differ', () => {
    // Same width, different token counts: a projection changes widths, not counts.
    const counts = message(infer('fusion.elementwise', { op: 'sum' }, [tok(3, 8), tok(5, 8)]));
    expect(counts).not.toContain('encoder.project');
    expect(counts).toContain('tokens 3×8, tokens 5×8');
    // Vectors and tokens: a projection keeps the kind.
    const kinds = message(infer('fusion.elementwise', { op: 'max' }, [vec(8), tok(5, 8)]));
    expect(kinds).not.toContain('encoder.project');
    expect(kinds).toContain('Pool the tokens');
    // Widths only: the projection advice stays.
    expect(message(infer('fusion.elementwise', { op: 'sum' }, [vec(64), vec(32)]))).toContain('Insert an encoder.project (width 64)');
  });

  it('fusion.concat of tokens of different lengths does not suggest a projection', () => {
    const m = message(infer('fusion.concat', {}, [tok(3, 8), tok(5, 8)]));
    expect(m).not.toContain('encoder.project');
    expect(m).toContain('Pool them into vectors first');
  });
});

describe('shape inference at edge cases', () => {
  it('odd image sizes floor at every 2×2 pooling', () => {
    // 7×5 → 3×2 → 1×1
    expect(okOut(infer('encoder.cnn2d', { blocks: 2, filters: 2, kernelSize: 3, pooling: 'flatten', units: 0 }, [img(7, 5, 1)])).out).toEqual(vec(1 * 1 * 4));
    expect(message(infer('encoder.cnn2d', { blocks: 3 }, [img(7, 5, 1)]))).toContain('down to 1×1 before block 3');
  });

  it('patches that do not divide the image are refused with sizes that do', () => {
    expect(message(infer('encoder.patches', { patchSize: 4 }, [img(6, 4, 3)]))).toContain('such as 2');
    expect(message(infer('encoder.patches', { patchSize: 2 }, [img(5, 7, 1)]))).toContain('No patch size above 1 divides both sides');
  });

  it('cross-attention: a vector query gives a vector; vector contexts count as one token each', () => {
    const p = 5 * 4 + 2 * 3 * 4 + 16 + 16 + 5 * 4 + (2 * 4 * 2 + 2 + 4) + 16;
    expect(okOut(infer('fusion.crossAttention', { dModel: 4, heads: 2, ffDim: 2 }, { query: [vec(5)], context: [vec(3), tok(2, 3)] }))).toEqual({ out: vec(4), params: p });
  });

  it('concat refuses to mix tokens and vectors', () => {
    expect(message(infer('fusion.concat', {}, [vec(4), tok(2, 4)]))).toContain("can't mix vectors and tokens");
  });

  it('three and four modalities: tensor, low-rank, gated', () => {
    expect(okOut(infer('fusion.tensor', { units: 3 }, [vec(2), vec(3), vec(4), vec(1)])).params).toBe(3 * 4 * 5 * 2 * 3 + 3);
    expect(okOut(infer('fusion.lowRank', { rank: 2, units: 3 }, [vec(2), vec(3), vec(4)])).params).toBe(2 * 3 * (3 + 4 + 5) + 2 + 3);
    // M > 2: softmax gate of width M·h
    expect(okOut(infer('fusion.gated', { units: 3 }, [vec(2), vec(3), vec(4)])).params).toBe(9 * 3 + 3 * 3 + 9 * 9 + 9);
  });

  it('modality dropout with three inputs in slots 1, 2 and 4', () => {
    const r = infer('reg.modalityDropout', { rate: 0.5 }, { in_1: [vec(2)], in_2: [img(2, 2, 1)], in_3: [], in_4: [seq(3, 2)] });
    if (!r.ok) throw new Error(r.message);
    expect(r.outputs).toEqual({ out_1: vec(2), out_2: img(2, 2, 1), out_4: seq(3, 2) });
  });
});

describe('parameter counts with non-default params', () => {
  it('encoder.transformer: CLS without positions, mean with positions', () => {
    const block = (d: number, ff: number): number => 4 * d * d + 4 * d + 2 * d * ff + ff + d + 4 * d;
    expect(okOut(infer('encoder.transformer', { dModel: 4, heads: 2, layers: 2, ffDim: 3, pooling: 'cls', positions: false }, [seq(3, 5)])).params).toBe(
      5 * 4 + 4 + 4 + 2 * block(4, 3),
    );
    expect(okOut(infer('encoder.transformer', { dModel: 4, heads: 4, layers: 1, ffDim: 3, pooling: 'mean', positions: true }, [seq(3, 5)])).params).toBe(
      5 * 4 + 4 + 3 * 4 + block(4, 3),
    );
  });

  it('fusion.late over three branches of four classes', () => {
    const cls = (k: number): TypedShape => ({ type: 'prediction', shape: [k], decision: 'softmax' });
    expect(okOut(infer('fusion.late', { combine: 'stacking' }, [cls(4), cls(4), cls(4)])).params).toBe(3 * 4 * 4 + 4);
    expect(okOut(infer('fusion.late', { combine: 'weighted' }, [cls(4), cls(4), cls(4)])).params).toBe(3);
    expect(okOut(infer('fusion.late', { combine: 'mean' }, [cls(4), cls(4), cls(4)]))).toEqual({ out: cls(4), params: 0 });
  });

  it('fusion.bilinear and fusion.film', () => {
    expect(okOut(infer('fusion.bilinear', { factor: 1, units: 7 }, [vec(2), vec(3)])).params).toBe(7 * 5);
    expect(okOut(infer('fusion.film', {}, { features: [tok(4, 3)], condition: [vec(2), vec(5)] }))).toEqual({ out: tok(4, 3), params: 2 * 3 * 8 });
  });
});
