// Undo/redo over project documents: a past stack and a future stack, most recent last.
// Pure functions; the graph slice decides when to record.
import type { ProjectDocument } from '../graph/index.ts';

/** Most undo steps kept; the oldest are dropped beyond this. */
export const HISTORY_LIMIT = 200;

export interface HistoryState {
  readonly past: readonly ProjectDocument[];
  readonly future: readonly ProjectDocument[];
}

export const emptyHistory: HistoryState = { past: [], future: [] };

/** Record `previous` as an undo step (dropping the oldest past the limit) and forget the redo stack. */
export function record(history: HistoryState, previous: ProjectDocument, limit = HISTORY_LIMIT): HistoryState {
  const past = [...history.past, previous];
  if (past.length > limit) past.splice(0, past.length - limit);
  return { past, future: [] };
}

/** Step back: the document to show and the new stacks, or null when there is nothing to undo. */
export function stepBack(
  history: HistoryState,
  current: ProjectDocument,
): { doc: ProjectDocument; history: HistoryState } | null {
  const doc = history.past.at(-1);
  if (doc === undefined) return null;
  return { doc, history: { past: history.past.slice(0, -1), future: [...history.future, current] } };
}

/** Step forward again: the inverse of stepBack. */
export function stepForward(
  history: HistoryState,
  current: ProjectDocument,
): { doc: ProjectDocument; history: HistoryState } | null {
  const doc = history.future.at(-1);
  if (doc === undefined) return null;
  return { doc, history: { past: [...history.past, current], future: history.future.slice(0, -1) } };
}
