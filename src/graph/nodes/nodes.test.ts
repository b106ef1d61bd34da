// Shape inference and parameter counts of every registered kind, computed by hand.
import { describe, expect, it } from 'vitest';
import { resolveParams } from '../params.ts';
import { getKind } from '../registry.ts';
import type { InferResult, InputShapes, Params, TypedShape } from '../types.ts';

function infer(id: string, params: Params = {}, inputs: readonly TypedShape[] = []): InferResult {
  const kind = getKind(id);
  if (!kind) throw new Error(`no kind ${id}`);
  const shapes: InputShapes = kind.inputs.length ? { in: inputs } : {};
  return kind.infer(resolveParams(kind, params), shapes);
}
function okOut(r: InferResult): { out: TypedShape | undefined; params: number } {
  if (!r.ok) throw new Error(`expected ok, got: ${r.message}`);
  return { out: r.outputs['out'], params: r.paramCount };
}
function message(r: InferResult): string {
  if (r.ok) throw new Error('expected a failure');
  return r.message;
}
const vec = (d: number): TypedShape => ({ type: 'vector', shape: [d] });
const tok = (t: number, d: number): TypedShape => ({ type: 'tokens', shape: [t, d] });
const img = (h: number, w: number, c: number): TypedShape => ({ type: 'image', shape: [h, w, c] });

describe('inputs', () => {
  it('input.image gives [H, W, C] and no parameters', () => {
    expect(okOut(infer('input.image', { height: 32, width: 48, channels: 3 }))).toEqual({ out: img(32, 48, 3), params: 0 });
  });

  it('input.audio matches tf.signal.stft frame and bin counts', () => {
    // (8000 − 256) / 128 = 60.5 → 60 + 1 = 61 frames; fft 256 → 129 bins.
    expect(okOut(infer('input.audio')).out).toEqual({ type: 'audio', shape: [61, 129] });
    // frame 200 → fft 256 (next power of two) → 129 bins; (8000 − 200)/128 = 60.9 → 61 frames.
    expect(okOut(infer('input.audio', { frameLength: 200 })).out).toEqual({ type: 'audio', shape: [61, 129] });
    // 16 kHz, 1 s, 25 ms / 10 ms: fft 512 → 257 bins; 15600/160 = 97.5 → 98 frames.
    expect(okOut(infer('input.audio', { sampleRate: 16000, clipSamples: 16000, frameLength: 400, frameStep: 160 })).out).toEqual({
      type: 'audio',
      shape: [98, 257],
    });
    // Exactly one frame.
    expect(okOut(infer('input.audio', { clipSamples: 256 })).out).toEqual({ type: 'audio', shape: [1, 129] });
  });

  it('input.audio refuses a clip shorter than a frame', () => {
    expect(message(infer('input.audio', { clipSamples: 100 }))).toBe(
      'A clip of 100 samples is shorter than one frame (256 samples), so the spectrogram would be empty. Make the clip longer or the frame length shorter.',
    );
  });

  it('input.text, input.tabular and input.sequence', () => {
    expect(okOut(infer('input.text', { maxLength: 50, vocabSize: 300 }))).toEqual({ out: { type: 'text', shape: [50], vocabSize: 300 }, params: 0 });
    expect(okOut(infer('input.tabular', { features: 13 }))).toEqual({ out: { type: 'tabular', shape: [13] }, params: 0 });
    expect(okOut(infer('input.sequence', { steps: 30, features: 6 }))).toEqual({ out: { type: 'sequence', shape: [30, 6] }, params: 0 });
  });
});

describe('encoder.mlp', () => {
  it('flattens its input and counts dense weights + biases', () => {
    // 784 → 128 → 128
    const p = 784 * 128 + 128 + (128 * 128 + 128);
    expect(okOut(infer('encoder.mlp', { layers: 2, units: 128 }, [img(28, 28, 1)]))).toEqual({ out: vec(128), params: p });
    expect(okOut(infer('encoder.mlp', { layers: 2, units: 128 }, [{ type: 'tabular', shape: [784] }])).params).toBe(p);
  });

  it('one layer, and a spectrogram input', () => {
    expect(okOut(infer('encoder.mlp', { layers: 1, units: 10 }, [vec(5)]))).toEqual({ out: vec(10), params: 5 * 10 + 10 });
    // 61 × 129 = 7869 inputs → 64 → 64 → 64
    expect(okOut(infer('encoder.mlp', { layers: 3, units: 64 }, [{ type: 'audio', shape: [61, 129] }])).params).toBe(
      7869 * 64 + 64 + 2 * (64 * 64 + 64),
    );
  });

  it('accepts raw modalities and vectors but not text, tokens or predictions', () => {
    expect(getKind('encoder.mlp')?.inputs[0]?.accepts).toEqual(['tabular', 'vector', 'image', 'audio', 'sequence']);
  });
});

describe('encoder.cnn2d', () => {
  it('global average pooling, no dense layer', () => {
    // block 1: 3·3·1·16 + 16 = 160; block 2: 3·3·16·32 + 32 = 4640
    expect(okOut(infer('encoder.cnn2d', { blocks: 2, filters: 16, kernelSize: 3, pooling: 'global-avg', units: 0 }, [img(28, 28, 1)]))).toEqual({
      out: vec(32),
      params: 160 + 4640,
    });
  });

  it('flatten keeps the pooled grid (28 → 14 → 7), then an optional dense layer', () => {
    expect(okOut(infer('encoder.cnn2d', { blocks: 2, filters: 16, kernelSize: 3, pooling: 'flatten', units: 0 }, [img(28, 28, 1)]))).toEqual({
      out: vec(7 * 7 * 32),
      params: 4800,
    });
    expect(okOut(infer('encoder.cnn2d', { blocks: 2, filters: 16, kernelSize: 3, pooling: 'flatten', units: 64 }, [img(28, 28, 1)]))).toEqual({
      out: vec(64),
      params: 4800 + 1568 * 64 + 64,
    });
  });

  it('colour images, larger kernels and odd sizes (floor pooling)', () => {
    // 5·5·3·8+8 = 608; 5·5·8·16+16 = 3216; 5·5·16·32+32 = 12832
    expect(okOut(infer('encoder.cnn2d', { blocks: 3, filters: 8, kernelSize: 5, pooling: 'global-avg', units: 0 }, [img(32, 32, 3)])).params).toBe(
      608 + 3216 + 12832,
    );
    // 15×9 → 7×4 → 3×2 ; flatten 3·2·32
    expect(okOut(infer('encoder.cnn2d', { blocks: 2, filters: 16, kernelSize: 1, pooling: 'flatten', units: 0 }, [img(15, 9, 1)])).out).toEqual(vec(192));
  });

  it('says when the image is too small for the blocks', () => {
    expect(message(infer('encoder.cnn2d', { blocks: 3 }, [img(4, 4, 1)]))).toBe(
      'Each block halves the image, and a 4×4 image is down to 1×1 before block 3, too small to pool again. Use at most 2 blocks, or a larger image.',
    );
    expect(message(infer('encoder.cnn2d', { blocks: 1 }, [img(1, 8, 1)]))).toBe(
      'Each block halves the image with 2×2 pooling, but a 1×8 image is too small to pool even once. Make it at least 2×2.',
    );
  });
});

describe('fusion.concat', () => {
  it('adds vector widths', () => {
    expect(okOut(infer('fusion.concat', {}, [vec(64), vec(32), vec(4)]))).toEqual({ out: vec(100), params: 0 });
  });

  it('joins tokens of the same length along features', () => {
    expect(okOut(infer('fusion.concat', {}, [tok(16, 32), tok(16, 8)])).out).toEqual(tok(16, 40));
  });

  it('refuses to mix vectors and tokens, naming the shapes and the fix', () => {
    expect(message(infer('fusion.concat', {}, [vec(64), tok(16, 32)]))).toBe(
      "Concatenate can't mix vectors and tokens (it got vector 64, tokens 16×32). Pool the tokens into a vector first, or add an encoder.project so every input is the same kind.",
    );
  });

  it('refuses tokens of different lengths', () => {
    const m = message(infer('fusion.concat', {}, [tok(16, 32), tok(20, 32)]));
    expect(m).toContain('tokens 16×32, tokens 20×32');
    // A projection changes widths, not token counts: the advice is to pool or match the lengths.
    expect(m).toContain('Pool them into vectors first, or give the inputs the same number of steps.');
  });

  it('takes two or more inputs', () => {
    expect(getKind('fusion.concat')?.inputs[0]).toMatchObject({ min: 2, max: Infinity, accepts: ['vector', 'tokens'] });
  });
});

describe('head.classify', () => {
  it('one dense layer to K logits', () => {
    expect(okOut(infer('head.classify', { classes: 10, hidden: 0 }, [vec(128)]))).toEqual({
      out: { type: 'prediction', shape: [10], decision: 'softmax' },
      params: 128 * 10 + 10,
    });
  });

  it('with a hidden layer', () => {
    expect(okOut(infer('head.classify', { classes: 10, hidden: 64 }, [vec(128)])).params).toBe(128 * 64 + 64 + 64 * 10 + 10);
  });
});

