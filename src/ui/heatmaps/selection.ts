// What the person picked in the Attention tab (map, head, sample, query): a tiny store of its own,
// kept while the tab is closed, that only the tab's controls and canvas read.
import { useSyncExternalStore } from 'react';
import { DEFAULT_SELECTION, type Selection } from './views.ts';

let selection: Selection = DEFAULT_SELECTION;
const listeners = new Set<() => void>();

export function currentSelection(): Selection {
  return selection;
}

/** Changes some of the choices (a new map starts on the mean of heads and queries). */
export function select(change: Partial<Selection>): void {
  const newMap = change.nodeId !== undefined && change.nodeId !== selection.nodeId;
  const next: Selection = { ...selection, ...change, ...(newMap ? { head: change.head ?? 'mean', query: change.query ?? null } : {}) };
  if (next.nodeId === selection.nodeId && next.head === selection.head && next.sample === selection.sample && next.query === selection.query) return;
  selection = next;
  for (const l of listeners) l();
}

export function resetSelection(): void {
  selection = DEFAULT_SELECTION;
  for (const l of listeners) l();
}

export function subscribeSelection(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function useSelection(): Selection {
  return useSyncExternalStore(subscribeSelection, currentSelection);
}
