// The loaded dataset's preview (typed arrays) lives here, outside React state and the app store;
// components read it with usePreview() and draw it to canvas.
import { useSyncExternalStore } from 'react';
import type { DatasetPreview } from '../../train/protocol.ts';

export interface PreviewEntry {
  readonly key: string;
  readonly preview: DatasetPreview;
}

let current: PreviewEntry | null = null;
const listeners = new Set<() => void>();

export function setPreview(entry: PreviewEntry | null): void {
  current = entry;
  for (const l of listeners) l();
}

export function getPreview(): PreviewEntry | null {
  return current;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function usePreview(): PreviewEntry | null {
  return useSyncExternalStore(subscribe, getPreview, getPreview);
}
