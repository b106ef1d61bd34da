// The ui slice: selection, toasts, the banner, dialogs and viewport requests. Not undoable.
import type { StateCreator } from 'zustand/vanilla';
import { DEFAULT_PROBE_CHOICE } from './probeChoice.ts';
import type { AppState, Selection, UiSlice } from './types.ts';

/** Most toasts shown at once; older ones are dropped. */
export const TOAST_LIMIT = 4;

const sameIds = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((id, i) => id === b[i]);

const toggle = (ids: readonly string[], id: string): string[] =>
  ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id];

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set, get) => {
  let toastSeq = 0;
  let viewSeq = 0;

  const setSel = (next: Selection): void => {
    const cur = get().selection;
    if (sameIds(cur.nodeIds, next.nodeIds) && sameIds(cur.edgeIds, next.edgeIds)) return;
    // A new selection ends any run of coalesced typing.
    set({ selection: next, coalesceKey: null });
  };

  return {
    selection: { nodeIds: [], edgeIds: [] },
    toasts: [],
    banner: null,
    dialog: null,
    viewRequest: null,
    autosave: { state: 'off' },
    probeChoice: DEFAULT_PROBE_CHOICE,

    setAutosave(status) {
      set({ autosave: status });
    },
    setProbeChoice(choice) {
      set({ probeChoice: choice });
    },

    setSelection(partial) {
      const cur = get().selection;
      setSel({ nodeIds: partial.nodeIds ?? cur.nodeIds, edgeIds: partial.edgeIds ?? cur.edgeIds });
    },
    selectNode(nodeId, additive = false) {
      const cur = get().selection;
      setSel(additive ? { nodeIds: toggle(cur.nodeIds, nodeId), edgeIds: cur.edgeIds } : { nodeIds: [nodeId], edgeIds: [] });
    },
    selectEdge(edgeId, additive = false) {
      const cur = get().selection;
      setSel(additive ? { nodeIds: cur.nodeIds, edgeIds: toggle(cur.edgeIds, edgeId) } : { nodeIds: [], edgeIds: [edgeId] });
    },
    selectAll() {
      const { graph } = get().doc;
      setSel({ nodeIds: graph.nodes.map((n) => n.id), edgeIds: graph.edges.map((e) => e.id) });
    },
    clearSelection() {
      setSel({ nodeIds: [], edgeIds: [] });
    },

    pushToast(kind, message) {
      toastSeq += 1;
      const id = toastSeq;
      set({ toasts: [...get().toasts, { id, kind, message }].slice(-TOAST_LIMIT) });
      return id;
    },
    dismissToast(id) {
      const toasts = get().toasts;
      if (toasts.some((t) => t.id === id)) set({ toasts: toasts.filter((t) => t.id !== id) });
    },

    showBanner(banner) {
      set({ banner });
    },
    dismissBanner() {
      set({ banner: null });
    },

    openDialog(dialog) {
      set({ dialog });
    },
    closeDialog() {
      set({ dialog: null });
    },

    requestFitView() {
      viewSeq += 1;
      set({ viewRequest: { seq: viewSeq, kind: 'fit' } });
    },
    requestFocus(nodeId) {
      viewSeq += 1;
      set({ viewRequest: { seq: viewSeq, kind: 'focus', nodeId } });
    },
  };
};
