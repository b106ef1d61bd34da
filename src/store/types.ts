// The store's state: one zustand store composed from the graph slice (the undoable document)
// and the ui slice (selection, toasts, banner, dialogs, view requests).
import type { ConnectionCheck, ConnectionRequest, ParamValue, ProjectDocument, XY } from '../graph/index.ts';
import type { DatasetDescriptor, DatasetInfo, ParamChange } from '../graph/dataset.ts';
import type { ClipboardContent } from './graphEdits.ts';
import type { LessonSlice } from './lessonSlice.ts';
import type { ProbeChoice } from './probeChoice.ts';
import type { RunSlice } from './runSlice.ts';

export interface GraphSlice {
  /** The project being edited. Every edit replaces it with a new object (structural sharing). */
  readonly doc: ProjectDocument;
  /** Undo stack (most recent last), capped at HISTORY_LIMIT. */
  readonly past: readonly ProjectDocument[];
  /** Redo stack (most recent last). */
  readonly future: readonly ProjectDocument[];
  /** The document as it was when the current drag began (null when no drag is in progress). */
  readonly dragBase: ProjectDocument | null;
  /** Consecutive edits with the same key (typing in a field) share one undo step until sealed. */
  readonly coalesceKey: string | null;
  readonly clipboard: ClipboardContent | null;
  /** How many times the clipboard has been pasted (each paste moves a little further). */
  readonly pasteCount: number;

  /** Add a node of a kind at a flow position, select it and return its id (null for an unknown or unavailable kind). */
  addNode(kindId: string, position: XY): string | null;
  /** Remove the selected nodes (with their edges) and the selected edges. */
  removeSelected(): void;
  removeNodes(nodeIds: readonly string[]): void;
  removeEdge(edgeId: string): void;
  /** Connect two ports; a refused connection leaves the document untouched and returns the reason. */
  connect(req: ConnectionRequest): ConnectionCheck;
  /**
   * Move nodes. phase 'drag' updates positions without recording (the first drag update remembers
   * the document as it was); phase 'end' records ONE undo step for the whole drag.
   */
  moveNodes(positions: Readonly<Record<string, XY>>, phase?: 'drag' | 'end'): void;
  /** Finish a drag (records its undo step if anything moved). */
  endDrag(): void;
  /** Set a parameter; the raw value is kept even when invalid (diagnostics report it). */
  setParam(nodeId: string, name: string, value: ParamValue, opts?: { coalesce?: boolean }): void;
  /** Set a node's label (blank removes it). Typing coalesces into one undo step. */
  setLabel(nodeId: string, label: string): void;
  renameProject(name: string): void;
  /** Copy the selected nodes (and the edges between them); returns how many nodes were copied. */
  copySelection(): number;
  /** Paste the clipboard with fresh ids, offset, and select the pasted nodes; returns their ids. */
  paste(): string[];
  /** Copy-and-paste the selection in one step without touching the clipboard; returns the new ids. */
  duplicateSelection(): string[];
  autoLayout(): void;
  /** Replace the whole document (file, template, share link): undoable, and fits the view. */
  loadProject(doc: ProjectDocument): void;
  /** Replace the document and forget history (startup). */
  resetProject(doc: ProjectDocument): void;
  /**
   * Replace the document with an edited version as one undo step, keeping the selection (pruned).
   * Edits with the same coalesceKey in a row share one step (typing, dragging a slider).
   */
  editDocument(next: ProjectDocument, coalesceKey?: string): void;
  undo(): void;
  redo(): void;
  /** End the current coalescing run: the next edit starts a new undo step (call on blur). */
  sealHistory(): void;
}

export type ToastKind = 'error' | 'info' | 'success';

export interface Toast {
  readonly id: number;
  readonly kind: ToastKind;
  readonly message: string;
}

/** A persistent message at the top of the app (damaged share link, unreadable file). */
export interface Banner {
  readonly kind: 'error' | 'info';
  readonly title: string;
  readonly message: string;
  readonly details?: readonly string[];
}

export type Dialog = { readonly kind: 'share'; readonly url: string; readonly copied: boolean };

/** A request for the canvas to move its viewport; `seq` makes repeated requests distinct. */
export type ViewRequest =
  | { readonly seq: number; readonly kind: 'fit' }
  | { readonly seq: number; readonly kind: 'focus'; readonly nodeId: string };

export interface Selection {
  readonly nodeIds: readonly string[];
  readonly edgeIds: readonly string[];
}

export type AutosaveStatus =
  | { readonly state: 'off' }
  | { readonly state: 'pending' }
  | { readonly state: 'saved'; readonly at: number }
  | { readonly state: 'error'; readonly message: string };

export interface UiSlice {
  readonly selection: Selection;
  readonly toasts: readonly Toast[];
  readonly banner: Banner | null;
  readonly dialog: Dialog | null;
  readonly viewRequest: ViewRequest | null;
  /** Where the autosave stands: shown in the top bar so people know their work is kept. */
  readonly autosave: AutosaveStatus;
  /** Which validation samples the next run's attention heatmaps probe (not saved with the project). */
  readonly probeChoice: ProbeChoice;

  setAutosave(status: AutosaveStatus): void;
  setProbeChoice(choice: ProbeChoice): void;
  setSelection(selection: Partial<Selection>): void;
  /** Select one node (additive: toggle it in the current selection). */
  selectNode(nodeId: string, additive?: boolean): void;
  selectEdge(edgeId: string, additive?: boolean): void;
  selectAll(): void;
  clearSelection(): void;
  pushToast(kind: ToastKind, message: string): number;
  dismissToast(id: number): void;
  showBanner(banner: Banner): void;
  dismissBanner(): void;
  openDialog(dialog: Dialog): void;
  closeDialog(): void;
  requestFitView(): void;
  requestFocus(nodeId: string): void;
}

/** Where loading the document's dataset stands (the worker reports; the data panel shows). */
export type DataStatus =
  | { readonly state: 'idle' }
  | { readonly state: 'loading'; readonly key: string; readonly done: number; readonly total: number; readonly label: string }
  | { readonly state: 'ready'; readonly key: string; readonly info: DatasetInfo; readonly ms: number; readonly cached: boolean }
  | { readonly state: 'error'; readonly key: string; readonly message: string; readonly where: string };

export interface DataSlice {
  readonly data: DataStatus;
  /** The built-in datasets (from the worker's handshake); null until the worker is ready. */
  readonly catalogue: readonly DatasetDescriptor[] | null;

  setCatalogue(catalogue: readonly DatasetDescriptor[]): void;
  setDataStatus(status: DataStatus): void;
  /**
   * Choose a dataset (null for none): one undo step that sets doc.dataset with the bindings of
   * input nodes to modalities, and sets the params of bound input nodes and classifier heads so the
   * graph fits it. Returns the param edits made.
   */
  chooseDataset(id: string | null): readonly ParamChange[];
  /** Change one dataset option (coalesced undo steps per option); drops the recorded preprocessing. */
  setDatasetOption(name: string, value: ParamValue): void;
  /** Make the graph fit a loaded dataset (bindings, input and head params): one undo step. Returns the edits. */
  fitGraphToData(info: DatasetInfo): readonly ParamChange[];
  /** Record the loaded dataset's preprocessing in doc.dataset (no undo step) when `key` is still the choice. */
  recordPreprocessing(key: string, info: DatasetInfo): void;
}

export type AppState = GraphSlice & UiSlice & DataSlice & RunSlice & LessonSlice;
