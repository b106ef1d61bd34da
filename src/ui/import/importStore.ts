// The import flow's own small store: which step the dialog is on and what it holds. Transient UI
// state (never in the project, never undoable), so it lives beside the dialog, not in the app store.
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { DatasetInfo, DatasetPreview, ImportInspection, ImportMapping, ImportProgress, ImportReport, ImportSources } from '../../train/protocol.ts';

/** Files people chose for the images or audio: a zip, or a folder (with the paths inside it). */
export type ChosenFiles =
  | { readonly kind: 'zip'; readonly file: File }
  | { readonly kind: 'folder'; readonly name: string; readonly files: readonly File[]; readonly bytes: number };

export type ImportMode = 'csv' | 'folder';

export type ImportFlow =
  | { readonly step: 'closed' }
  | {
      readonly step: 'pick';
      readonly mode: ImportMode;
      readonly csv: File | null;
      readonly files: ChosenFiles | null;
      readonly error: string | null;
      /** Set while the worker inspects the files. */
      readonly inspecting: { readonly requestId: number; readonly progress: ImportProgress | null; readonly eta: string } | null;
    }
  | {
      readonly step: 'mapping';
      readonly mode: ImportMode;
      readonly csv: File | null;
      readonly files: ChosenFiles | null;
      readonly sources: ImportSources;
      readonly inspection: ImportInspection;
      readonly mapping: ImportMapping;
      readonly error: string | null;
    }
  | {
      readonly step: 'importing';
      readonly requestId: number;
      readonly previous: Extract<ImportFlow, { step: 'mapping' }>;
      readonly progress: ImportProgress | null;
      /** "about 12 s left", or '' while unknown. */
      readonly eta: string;
      readonly cancelling: boolean;
    }
  | { readonly step: 'report'; readonly report: ImportReport; readonly info: DatasetInfo; readonly preview: DatasetPreview };

export interface ImportState {
  readonly flow: ImportFlow;
}

export const importStore = createStore<ImportState>()(() => ({ flow: { step: 'closed' } }));

export function setFlow(flow: ImportFlow): void {
  importStore.setState({ flow });
}

export function getFlow(): ImportFlow {
  return importStore.getState().flow;
}

export function useImportFlow<T>(selector: (flow: ImportFlow) => T): T {
  return useStore(importStore, (s) => selector(s.flow));
}
