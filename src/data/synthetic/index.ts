// The synthetic teaching suite: one dataset per interaction type of the partial information
// decomposition (Liang et al. 2023, arXiv 2302.12247), each with two modalities.
import type { SyntheticDataset } from './common.ts';
import { mixed } from './mixed.ts';
import { redundancy } from './redundancy.ts';
import { synergy } from './synergy.ts';
import { uniqueness } from './uniqueness.ts';

export const SYNTHETIC_DATASETS: readonly SyntheticDataset[] = [synergy, redundancy, uniqueness, mixed];

export { generateSynthetic, syntheticOptions, describeSynthetic, SYNTHETIC_OPTION_SPECS, type SyntheticDataset, type SyntheticOptions } from './common.ts';
export { mixed, redundancy, synergy, uniqueness };
