// Display names of the arena's fusion strategies (a Record over the protocol's union, so a new
// strategy without a name fails the typecheck). src/train/arena.ts has the same titles for the
// worker; the UI does not import it (it pulls in tfjs).
import type { FusionStrategy } from '../../train/trainingProtocol.ts';

export const STRATEGY_TITLES: Readonly<Record<FusionStrategy, string>> = {
  early: 'Early fusion',
  concat: 'Concatenation',
  late: 'Late fusion',
  modalityAttention: 'Modality attention',
  crossAttention: 'Cross-attention',
  transformer: 'Fusion transformer',
  tensor: 'Tensor fusion',
  lowRank: 'Low-rank fusion',
  gated: 'Gated fusion',
  bilinear: 'Bilinear pooling',
  elementwise: 'Elementwise sum',
};

export function strategyTitle(s: FusionStrategy | undefined): string {
  return s === undefined ? '' : STRATEGY_TITLES[s];
}
