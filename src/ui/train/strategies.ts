// Display names of the arena's fusion strategies, from the protocol (shared with the worker).
import { STRATEGY_TITLES } from '../../train/trainingProtocol.ts';
import type { FusionStrategy } from '../../train/trainingProtocol.ts';

export { STRATEGY_TITLES };


export function strategyTitle(s: FusionStrategy | undefined): string {
  return s === undefined ? '' : STRATEGY_TITLES[s];
}
