import type { SymbolicTensor } from '@tensorflow/tfjs';
import { FusionTokenJoin, FusionTransformerBlock } from '../layers/index.ts';
import type { Builder, ProbeSpec } from '../types.ts';
import { apply1, applyN, blockHidden, dimsOf, many, nth, num, takeQueryRow, takeToken } from './util.ts';

/**
 * fusion.transformer: FusionTokenJoin (projection, modality-type embedding, CLS), `layers` ×
 * FusionTransformerBlock, CLS token out. Probe: the last block's CLS attention [heads, 1 + Σ Tₘ].
 */
export const fusionTransformer: Builder = (ctx) => {
  const xs = many(ctx);
  const d = num(ctx.params, 'dModel');
  const heads = num(ctx.params, 'heads');
  const ffDim = num(ctx.params, 'ffDim');
  const dropout = num(ctx.params, 'dropout');
  const layers = num(ctx.params, 'layers');
  let x = apply1(new FusionTokenJoin({ dModel: d, name: ctx.name('join') }), xs);
  const t = dimsOf(x)[0] ?? 0;
  let attention: SymbolicTensor | null = null;
  for (let l = 1; l <= layers; l++) {
    const last = l === layers;
    const outs = applyN(new FusionTransformerBlock({ heads, ffDim, dropout, returnWeights: last && ctx.probes, name: ctx.name(`block_${l}`) }), x);
    x = nth(outs, 0, 'The block output');
    if (last && ctx.probes) attention = nth(outs, 1, 'The attention map');
  }
  const out = takeToken(ctx, x, 0, 'cls');
  const hiddenActivations = layers * blockHidden(t, t, d, heads, ffDim);
  if (attention === null) return { outputs: { out }, hiddenActivations };
  const ranges: { nodeId: string | null; start: number; end: number }[] = [{ nodeId: null, start: 0, end: 1 }];
  (ctx.sources['in'] ?? []).forEach((s, i) => {
    const input = nth(xs, i, 'An input');
    const count = input.shape.length === 2 ? 1 : (dimsOf(input)[0] ?? 0);
    const start = ranges[ranges.length - 1]?.end ?? 1;
    ranges.push({ nodeId: s.nodeId, start, end: start + count });
  });
  const probe: ProbeSpec = {
    tensor: takeQueryRow(ctx, attention, 0, 'cls_attention'),
    meaning: 'CLS attention of the last block per head: how much the fused CLS token reads each token (rows sum to 1); token 0 is CLS itself, then each modality’s tokens in edge order',
    axes: ['head', 'token'],
    groups: { axis: 1, ranges },
  };
  return { outputs: { out }, hiddenActivations, probes: [probe] };
};
