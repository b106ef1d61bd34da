// The graph slice: the project document, its undo/redo history and every edit of it.
import type { StateCreator } from 'zustand/vanilla';
import { autoLayout, checkConnection, defaultParams, getKind } from '../graph/index.ts';
import type { ConnectionCheck, Graph, ProjectDocument } from '../graph/index.ts';
import {
  extractClipboard,
  freshId,
  EDGE_ID_PREFIX,
  NODE_ID_PREFIX,
  moveNodesIn,
  pasteInto,
  removeFromGraph,
  setLabelIn,
  setParamIn,
  takenIds,
} from './graphEdits.ts';
import type { ClipboardContent } from './graphEdits.ts';
import { record, stepBack, stepForward } from './history.ts';
import { shapesOf } from './selectors.ts';
import type { AppState, GraphSlice, Selection } from './types.ts';

/** How far each paste or duplicate moves the copies (flow units). */
export const PASTE_OFFSET = 40;

const withGraph = (doc: ProjectDocument, graph: Graph): ProjectDocument =>
  graph === doc.graph ? doc : { ...doc, graph };

/** Keep only the selected ids that still exist in the graph. */
function pruneSelection(selection: Selection, graph: Graph): Selection {
  const nodeIds = new Set(graph.nodes.map((n) => n.id));
  const edgeIds = new Set(graph.edges.map((e) => e.id));
  const keptNodes = selection.nodeIds.filter((id) => nodeIds.has(id));
  const keptEdges = selection.edgeIds.filter((id) => edgeIds.has(id));
  if (keptNodes.length === selection.nodeIds.length && keptEdges.length === selection.edgeIds.length) {
    return selection;
  }
  return { nodeIds: keptNodes, edgeIds: keptEdges };
}

export const createGraphSlice =
  (initial: ProjectDocument): StateCreator<AppState, [], [], GraphSlice> =>
  (set, get) => {
    /** Fold a pending drag into history (so any other edit starts from a settled state). */
    const settleDrag = (): void => {
      const s = get();
      if (s.dragBase === null) return;
      if (s.dragBase === s.doc) {
        set({ dragBase: null });
        return;
      }
      set({ ...record(s, s.dragBase), dragBase: null });
    };

    /**
     * Replace the document, recording one undo step, unless `coalesceKey` matches the previous
     * edit's key (then the previous step absorbs this one).
     */
    const commit = (
      next: ProjectDocument,
      opts: { coalesceKey?: string; selection?: Selection } = {},
    ): void => {
      settleDrag();
      const s = get();
      if (next === s.doc) {
        if (opts.selection !== undefined) set({ selection: opts.selection });
        return;
      }
      const key = opts.coalesceKey ?? null;
      const history = key !== null && key === s.coalesceKey ? { past: s.past, future: [] } : record(s, s.doc);
      set({
        doc: next,
        ...history,
        coalesceKey: key,
        selection: opts.selection ?? pruneSelection(s.selection, next.graph),
      });
    };

    const pasteContent = (content: ClipboardContent, times: number): string[] => {
      const s = get();
      if (content.nodes.length === 0) return [];
      const offset = { x: PASTE_OFFSET * times, y: PASTE_OFFSET * times };
      const result = pasteInto(s.doc.graph, content, offset);
      commit(withGraph(s.doc, result.graph), { selection: { nodeIds: result.nodeIds, edgeIds: [] } });
      return result.nodeIds;
    };

    return {
      doc: initial,
      past: [],
      future: [],
      dragBase: null,
      coalesceKey: null,
      clipboard: null,
      pasteCount: 0,

      addNode(kindId, position) {
        const kind = getKind(kindId);
        if (kind === undefined || kind.unavailable !== undefined) return null;
        const s = get();
        const id = freshId(NODE_ID_PREFIX, takenIds(s.doc.graph));
        const node = { id, kind: kind.id, params: defaultParams(kind), position: { x: position.x, y: position.y } };
        const graph = { ...s.doc.graph, nodes: [...s.doc.graph.nodes, node] };
        commit(withGraph(s.doc, graph), { selection: { nodeIds: [id], edgeIds: [] } });
        return id;
      },

      removeSelected() {
        const s = get();
        const graph = removeFromGraph(s.doc.graph, s.selection.nodeIds, s.selection.edgeIds);
        commit(withGraph(s.doc, graph), { selection: { nodeIds: [], edgeIds: [] } });
      },

      removeNodes(nodeIds) {
        const s = get();
        commit(withGraph(s.doc, removeFromGraph(s.doc.graph, nodeIds, [])));
      },

      removeEdge(edgeId) {
        const s = get();
        commit(withGraph(s.doc, removeFromGraph(s.doc.graph, [], [edgeId])));
      },

      connect(req): ConnectionCheck {
        const s = get();
        const check = checkConnection(s.doc.graph, req, shapesOf(s.doc.graph));
        if (!check.ok) return check;
        const id = freshId(EDGE_ID_PREFIX, takenIds(s.doc.graph));
        const edge = { id, source: req.source, sourcePort: req.sourcePort, target: req.target, targetPort: req.targetPort };
        commit(withGraph(s.doc, { ...s.doc.graph, edges: [...s.doc.graph.edges, edge] }));
        return check;
      },

      moveNodes(positions, phase = 'end') {
        const s = get();
        const graph = moveNodesIn(s.doc.graph, positions);
        if (phase === 'drag') {
          if (graph === s.doc.graph) return;
          set({ doc: withGraph(s.doc, graph), dragBase: s.dragBase ?? s.doc, coalesceKey: null });
          return;
        }
        if (s.dragBase === null) {
          commit(withGraph(s.doc, graph));
          return;
        }
        // End of a drag: one undo step from the document as it was before the drag began.
        const base = s.dragBase;
        const doc = withGraph(s.doc, graph);
        if (doc === base) {
          set({ dragBase: null });
          return;
        }
        set({ doc, ...record(s, base), dragBase: null, coalesceKey: null });
      },

      endDrag() {
        settleDrag();
      },

      setParam(nodeId, name, value, opts = {}) {
        const s = get();
        const graph = setParamIn(s.doc.graph, nodeId, name, value);
        commit(withGraph(s.doc, graph), opts.coalesce === true ? { coalesceKey: `param:${nodeId}:${name}` } : {});
      },

      setLabel(nodeId, label) {
        const s = get();
        commit(withGraph(s.doc, setLabelIn(s.doc.graph, nodeId, label)), { coalesceKey: `label:${nodeId}` });
      },

      renameProject(name) {
        const s = get();
        if (s.doc.name === name) return;
        commit({ ...s.doc, name }, { coalesceKey: 'project-name' });
      },

      copySelection() {
        const s = get();
        const content = extractClipboard(s.doc.graph, s.selection.nodeIds);
        if (content.nodes.length === 0) return 0;
        set({ clipboard: content, pasteCount: 0 });
        return content.nodes.length;
      },

      paste() {
        const s = get();
        if (s.clipboard === null) return [];
        const times = s.pasteCount + 1;
        set({ pasteCount: times });
        return pasteContent(s.clipboard, times);
      },

      duplicateSelection() {
        const s = get();
        return pasteContent(extractClipboard(s.doc.graph, s.selection.nodeIds), 1);
      },

      autoLayout() {
        const s = get();
        commit(withGraph(s.doc, autoLayout(s.doc.graph)));
      },

      loadProject(doc) {
        commit(doc, { selection: { nodeIds: [], edgeIds: [] } });
        get().requestFitView();
      },

      resetProject(doc) {
        set({
          doc,
          past: [],
          future: [],
          dragBase: null,
          coalesceKey: null,
          selection: { nodeIds: [], edgeIds: [] },
        });
      },

      editDocument(next, coalesceKey) {
        commit(next, coalesceKey === undefined ? {} : { coalesceKey });
      },

      undo() {
        settleDrag();
        const s = get();
        const step = stepBack(s, s.doc);
        if (step === null) return;
        set({ doc: step.doc, ...step.history, coalesceKey: null, selection: pruneSelection(s.selection, step.doc.graph) });
      },

      redo() {
        settleDrag();
        const s = get();
        const step = stepForward(s, s.doc);
        if (step === null) return;
        set({ doc: step.doc, ...step.history, coalesceKey: null, selection: pruneSelection(s.selection, step.doc.graph) });
      },

      sealHistory() {
        if (get().coalesceKey !== null) set({ coalesceKey: null });
      },
    };
  };
