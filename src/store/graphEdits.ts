// Pure graph edits used by the graph slice: each takes a graph and returns a new one (or the same
// object when nothing changed), keeping the identity of every node and edge it did not touch.
import { newId } from '../graph/index.ts';
import type { Graph, GraphEdge, GraphNode, ParamValue, XY } from '../graph/index.ts';

/** Node ids are "n1", "n2", …; edge ids "e1", "e2", … (the graph core's convention). */
export const NODE_ID_PREFIX = 'n';
export const EDGE_ID_PREFIX = 'e';

export function takenIds(graph: Graph): Set<string> {
  const taken = new Set<string>();
  for (const n of graph.nodes) taken.add(n.id);
  for (const e of graph.edges) taken.add(e.id);
  return taken;
}

/** A fresh id with the prefix, not in `taken`; the id is added to `taken`. */
export function freshId(prefix: string, taken: Set<string>): string {
  const id = newId(prefix, taken);
  taken.add(id);
  return id;
}

export function withNodes(graph: Graph, nodes: readonly GraphNode[]): Graph {
  return { ...graph, nodes };
}

/** Apply new positions (by node id); unchanged nodes keep their identity. */
export function moveNodesIn(graph: Graph, positions: Readonly<Record<string, XY>>): Graph {
  let changed = false;
  const nodes = graph.nodes.map((n) => {
    const p = positions[n.id];
    if (p === undefined || (p.x === n.position.x && p.y === n.position.y)) return n;
    changed = true;
    return { ...n, position: { x: p.x, y: p.y } };
  });
  return changed ? withNodes(graph, nodes) : graph;
}

/** Remove nodes (with every edge touching them) and edges. */
export function removeFromGraph(graph: Graph, nodeIds: Iterable<string>, edgeIds: Iterable<string>): Graph {
  const nodeSet = new Set(nodeIds);
  const edgeSet = new Set(edgeIds);
  if (nodeSet.size === 0 && edgeSet.size === 0) return graph;
  const nodes = graph.nodes.filter((n) => !nodeSet.has(n.id));
  const edges = graph.edges.filter(
    (e) => !edgeSet.has(e.id) && !nodeSet.has(e.source) && !nodeSet.has(e.target),
  );
  if (nodes.length === graph.nodes.length && edges.length === graph.edges.length) return graph;
  return { ...graph, nodes, edges };
}

export function updateNode(graph: Graph, nodeId: string, update: (n: GraphNode) => GraphNode): Graph {
  let changed = false;
  const nodes = graph.nodes.map((n) => {
    if (n.id !== nodeId) return n;
    const next = update(n);
    if (next !== n) changed = true;
    return next;
  });
  return changed ? withNodes(graph, nodes) : graph;
}

export function setParamIn(graph: Graph, nodeId: string, name: string, value: ParamValue): Graph {
  return updateNode(graph, nodeId, (n) =>
    Object.is(n.params[name], value) ? n : { ...n, params: { ...n.params, [name]: value } },
  );
}

/** Set a node's label; an empty (or blank) label removes it so the kind's title shows. */
export function setLabelIn(graph: Graph, nodeId: string, label: string): Graph {
  return updateNode(graph, nodeId, (n) => {
    if (label.trim() === '') {
      if (n.label === undefined) return n;
      const { label: _drop, ...rest } = n;
      return rest;
    }
    return n.label === label ? n : { ...n, label };
  });
}

/** What copy puts on the clipboard: the nodes and the edges that run between two of them. */
export interface ClipboardContent {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

export function extractClipboard(graph: Graph, nodeIds: Iterable<string>): ClipboardContent {
  const ids = new Set(nodeIds);
  return {
    nodes: graph.nodes.filter((n) => ids.has(n.id)),
    edges: graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
  };
}

/**
 * Paste clipboard content into a graph: every node and edge gets a fresh id, nodes move by
 * `offset`, and edges are rewired to the new node ids.
 */
export function pasteInto(
  graph: Graph,
  content: ClipboardContent,
  offset: XY,
): { graph: Graph; nodeIds: string[]; edgeIds: string[] } {
  const taken = takenIds(graph);
  const idMap = new Map<string, string>();
  const nodes: GraphNode[] = content.nodes.map((n) => {
    const id = freshId(NODE_ID_PREFIX, taken);
    idMap.set(n.id, id);
    return { ...n, id, position: { x: n.position.x + offset.x, y: n.position.y + offset.y } };
  });
  const edges: GraphEdge[] = [];
  for (const e of content.edges) {
    const source = idMap.get(e.source);
    const target = idMap.get(e.target);
    if (source === undefined || target === undefined) continue;
    edges.push({ ...e, id: freshId(EDGE_ID_PREFIX, taken), source, target });
  }
  return {
    graph: { ...graph, nodes: [...graph.nodes, ...nodes], edges: [...graph.edges, ...edges] },
    nodeIds: nodes.map((n) => n.id),
    edgeIds: edges.map((e) => e.id),
  };
}
