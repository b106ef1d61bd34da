// How a run is named in lists: its arena strategy, else the project's name.
import type { DatasetDescriptor } from '../../graph/index.ts';
import type { RunRecord } from '../../train/trainingProtocol.ts';
import { STRATEGY_TITLES } from './strategies.ts';

export function runTitle(r: RunRecord): string {
  return r.strategy !== undefined ? `${STRATEGY_TITLES[r.strategy]} (arena)` : r.document.name || 'Untitled project';
}

export function datasetTitle(id: string, catalogue: readonly DatasetDescriptor[] | null): string {
  return catalogue?.find((d) => d.id === id)?.title ?? id;
}
