// Selectors, all at module scope. Derived data (shapes, diagnostics, parameter counts) is computed
// here with memoisation keyed on the graph's structure, never stored: moving a node makes a new
// graph object but keeps every node's params and the edges array, so nothing is recomputed.
import { estimateTrainingMemory, inferShapes, validateGraph } from '../graph/index.ts';
import type { MemoryEstimate } from '../graph/index.ts';
import type {
  Diagnostic,
  Graph,
  GraphEdge,
  GraphNode,
  GraphShapes,
  ProjectDocument,
  Severity,
  TrainingSettings,
  TypedShape,
} from '../graph/index.ts';
import type { AppState, Selection } from './types.ts';

// ---------- plain state ----------
export const selectDoc = (s: AppState): ProjectDocument => s.doc;
export const selectGraph = (s: AppState): Graph => s.doc.graph;
export const selectNodes = (s: AppState): readonly GraphNode[] => s.doc.graph.nodes;
export const selectEdges = (s: AppState): readonly GraphEdge[] => s.doc.graph.edges;
export const selectProjectName = (s: AppState): string => s.doc.name;
export const selectTraining = (s: AppState): TrainingSettings => s.doc.training;
export const selectCanUndo = (s: AppState): boolean =>
  s.past.length > 0 || (s.dragBase !== null && s.dragBase !== s.doc);
export const selectCanRedo = (s: AppState): boolean => s.future.length > 0;
export const selectSelection = (s: AppState): Selection => s.selection;
export const selectSelectedNodeIds = (s: AppState): readonly string[] => s.selection.nodeIds;
export const selectSelectedEdgeIds = (s: AppState): readonly string[] => s.selection.edgeIds;
export const selectToasts = (s: AppState) => s.toasts;
export const selectBanner = (s: AppState) => s.banner;
export const selectDialog = (s: AppState) => s.dialog;
export const selectViewRequest = (s: AppState) => s.viewRequest;

/** The one selected node's id, or null when zero or several nodes are selected. */
export const selectSingleSelectedNodeId = (s: AppState): string | null =>
  s.selection.nodeIds.length === 1 ? (s.selection.nodeIds[0] ?? null) : null;

// ---------- lookups ----------
const idSets = new WeakMap<readonly string[], ReadonlySet<string>>();
/** The ids as a Set, memoised per array. */
export function idSet(ids: readonly string[]): ReadonlySet<string> {
  let set = idSets.get(ids);
  if (set === undefined) {
    set = new Set(ids);
    idSets.set(ids, set);
  }
  return set;
}

const nodeMaps = new WeakMap<readonly GraphNode[], ReadonlyMap<string, GraphNode>>();
export function nodeLookup(nodes: readonly GraphNode[]): ReadonlyMap<string, GraphNode> {
  let map = nodeMaps.get(nodes);
  if (map === undefined) {
    map = new Map(nodes.map((n) => [n.id, n]));
    nodeMaps.set(nodes, map);
  }
  return map;
}

const edgeMaps = new WeakMap<readonly GraphEdge[], ReadonlyMap<string, GraphEdge>>();
export function edgeLookup(edges: readonly GraphEdge[]): ReadonlyMap<string, GraphEdge> {
  let map = edgeMaps.get(edges);
  if (map === undefined) {
    map = new Map(edges.map((e) => [e.id, e]));
    edgeMaps.set(edges, map);
  }
  return map;
}

export const selectNodeById = (s: AppState, nodeId: string): GraphNode | undefined =>
  nodeLookup(s.doc.graph.nodes).get(nodeId);
export const selectEdgeById = (s: AppState, edgeId: string): GraphEdge | undefined =>
  edgeLookup(s.doc.graph.edges).get(edgeId);
export const selectIsNodeSelected = (s: AppState, nodeId: string): boolean =>
  idSet(s.selection.nodeIds).has(nodeId);

// ---------- derived (memoised on structure) ----------
/** True when two node lists differ at most in positions. */
function sameStructure(a: readonly GraphNode[], b: readonly GraphNode[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined || y === undefined) return false;
    if (x.id !== y.id || x.kind !== y.kind || x.params !== y.params || x.label !== y.label) return false;
  }
  return true;
}

/**
 * Memoise a function of a graph on its structure (nodes' ids, kinds, params, labels and the edges
 * array), ignoring positions. Remembers the last few graphs so undo/redo stays cheap.
 */
export function memoOnStructure<T>(compute: (graph: Graph) => T, size = 4): (graph: Graph) => T {
  const cache: { graph: Graph; value: T }[] = [];
  return (graph) => {
    for (const entry of cache) {
      if (entry.graph === graph) return entry.value;
    }
    for (const entry of cache) {
      if (entry.graph.edges === graph.edges && sameStructure(entry.graph.nodes, graph.nodes)) {
        entry.graph = graph;
        return entry.value;
      }
    }
    const value = compute(graph);
    cache.unshift({ graph, value });
    if (cache.length > size) cache.pop();
    return value;
  };
}

export const shapesOf = memoOnStructure(inferShapes);
export const diagnosticsOf = memoOnStructure((graph: Graph): readonly Diagnostic[] => validateGraph(graph, shapesOf(graph)));

export const selectShapes = (s: AppState): GraphShapes => shapesOf(s.doc.graph);
export const selectDiagnostics = (s: AppState): readonly Diagnostic[] => diagnosticsOf(s.doc.graph);

export interface DiagnosticCounts {
  readonly errors: number;
  readonly warnings: number;
}
const countsCache = new WeakMap<readonly Diagnostic[], DiagnosticCounts>();
export function countDiagnostics(diagnostics: readonly Diagnostic[]): DiagnosticCounts {
  let counts = countsCache.get(diagnostics);
  if (counts === undefined) {
    let errors = 0;
    let warnings = 0;
    for (const d of diagnostics) {
      if (d.severity === 'error') errors++;
      else warnings++;
    }
    counts = { errors, warnings };
    countsCache.set(diagnostics, counts);
  }
  return counts;
}
export const selectDiagnosticCounts = (s: AppState): DiagnosticCounts => countDiagnostics(selectDiagnostics(s));

/** "2 errors, 1 warning" or "No problems". */
export function describeCounts({ errors, warnings }: DiagnosticCounts): string {
  if (errors === 0 && warnings === 0) return 'No problems';
  const parts: string[] = [];
  if (errors > 0) parts.push(`${errors} ${errors === 1 ? 'error' : 'errors'}`);
  if (warnings > 0) parts.push(`${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`);
  return parts.join(', ');
}

const EMPTY: readonly Diagnostic[] = [];
const byNodeCache = new WeakMap<readonly Diagnostic[], ReadonlyMap<string, readonly Diagnostic[]>>();
/** Diagnostics grouped by the node they concern (an edge's diagnostics go to its target node). */
function diagnosticsByNode(graph: Graph, diagnostics: readonly Diagnostic[]): ReadonlyMap<string, readonly Diagnostic[]> {
  let map = byNodeCache.get(diagnostics);
  if (map === undefined) {
    const m = new Map<string, Diagnostic[]>();
    const edges = edgeLookup(graph.edges);
    for (const d of diagnostics) {
      const nodeId = diagnosticNodeId(d, edges);
      if (nodeId === undefined) continue;
      const list = m.get(nodeId);
      if (list === undefined) m.set(nodeId, [d]);
      else list.push(d);
    }
    map = m;
    byNodeCache.set(diagnostics, map);
  }
  return map;
}

/** The node a diagnostic points at: its node, or its edge's target. */
export function diagnosticNodeId(d: Diagnostic, edges: ReadonlyMap<string, GraphEdge>): string | undefined {
  if (d.nodeId !== undefined) return d.nodeId;
  if (d.edgeId !== undefined) return edges.get(d.edgeId)?.target;
  return undefined;
}

export const selectNodeDiagnostics = (s: AppState, nodeId: string): readonly Diagnostic[] =>
  diagnosticsByNode(s.doc.graph, selectDiagnostics(s)).get(nodeId) ?? EMPTY;

/** The worst severity among a node's diagnostics, or null. */
export const selectNodeSeverity = (s: AppState, nodeId: string): Severity | null => {
  const list = selectNodeDiagnostics(s, nodeId);
  if (list.length === 0) return null;
  return list.some((d) => d.severity === 'error') ? 'error' : 'warning';
};

export const selectParamCount = (s: AppState, nodeId: string): number | undefined =>
  selectShapes(s).paramCounts[nodeId];

const totalCache = new WeakMap<GraphShapes, number>();
export const selectTotalParams = (s: AppState): number => {
  const shapes = selectShapes(s);
  let total = totalCache.get(shapes);
  if (total === undefined) {
    total = 0;
    for (const count of Object.values(shapes.paramCounts)) total += count;
    totalCache.set(shapes, total);
  }
  return total;
};

export const selectEdgeShape = (s: AppState, edgeId: string): TypedShape | undefined => selectShapes(s).edges[edgeId];

/** Per port of a node, the shapes arriving (inputs) or leaving (outputs). Pure; memoise in the caller. */
export function nodeIoShapes(
  graph: Graph,
  shapes: GraphShapes,
  nodeId: string,
): { inputs: Record<string, TypedShape[]>; outputs: Readonly<Record<string, TypedShape>> } {
  const inputs: Record<string, TypedShape[]> = {};
  for (const e of graph.edges) {
    if (e.target !== nodeId) continue;
    const shape = shapes.edges[e.id];
    if (shape === undefined) continue;
    (inputs[e.targetPort] ??= []).push(shape);
  }
  return { inputs, outputs: shapes.nodeOutputs[nodeId] ?? {} };
}

export const selectAutosave = (s: AppState): AppState['autosave'] => s.autosave;

const memoryCache = new WeakMap<GraphShapes, Map<number, MemoryEstimate>>();

/** Training memory before training (from shapes; memoised per shapes object and batch size). */
export const selectMemoryEstimate = (s: AppState): MemoryEstimate => {
  const shapes = selectShapes(s);
  const batch = s.doc.training.batchSize;
  let byBatch = memoryCache.get(shapes);
  if (byBatch === undefined) {
    byBatch = new Map();
    memoryCache.set(shapes, byBatch);
  }
  let est = byBatch.get(batch);
  if (est === undefined) {
    est = estimateTrainingMemory(s.doc.graph, shapes, batch);
    byBatch.set(batch, est);
  }
  return est;
};
