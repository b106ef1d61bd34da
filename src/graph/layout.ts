// Layered left-to-right auto layout. Pure and deterministic.
import { adjacency, indexGraph, topoOrder } from './structure.ts';
import type { Graph, GraphEdge, GraphNode, XY } from './types.ts';

export const LAYOUT_COLUMN_GAP = 340;
export const LAYOUT_ROW_GAP = 150;

/** Drops the edges that close a loop (found by depth-first search in node order) so layering terminates. */
function acyclic(ids: readonly string[], edges: readonly GraphEdge[]): GraphEdge[] {
  const out = new Map<string, GraphEdge[]>(ids.map((id) => [id, []]));
  for (const e of edges) out.get(e.source)?.push(e);
  const state = new Map<string, 1 | 2>(); // 1 on the DFS stack, 2 finished
  const back = new Set<GraphEdge>();
  for (const root of ids) {
    if (state.has(root)) continue;
    const stack: { id: string; next: number }[] = [{ id: root, next: 0 }];
    state.set(root, 1);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as { id: string; next: number };
      const list = out.get(frame.id) ?? [];
      if (frame.next >= list.length) {
        state.set(frame.id, 2);
        stack.pop();
        continue;
      }
      const e = list[frame.next++] as GraphEdge;
      const s = state.get(e.target);
      if (s === 1) back.add(e);
      else if (s === undefined) {
        state.set(e.target, 1);
        stack.push({ id: e.target, next: 0 });
      }
    }
  }
  return edges.filter((e) => !back.has(e));
}

/**
 * Places nodes in columns by their longest path from an input (column gap 340 px, row gap 150 px),
 * orders each column by the barycentre of its neighbours to reduce crossings, and centres columns
 * vertically. Returns a new graph; edges and every other node field are kept.
 */
export function autoLayout(graph: Graph): Graph {
  const idx = indexGraph(graph);
  const ids = [...idx.nodes.keys()];
  const edges = acyclic(ids, idx.linked);
  const { succ, pred } = adjacency(ids, edges);
  const { order } = topoOrder(ids, edges);

  const layer = new Map<string, number>();
  for (const id of order) {
    const ps = pred.get(id) ?? [];
    layer.set(id, ps.length === 0 ? 0 : Math.max(...ps.map((p) => (layer.get(p) ?? 0) + 1)));
  }
  const depth = Math.max(0, ...layer.values());
  const columns: string[][] = Array.from({ length: depth + 1 }, () => []);
  for (const id of ids) columns[layer.get(id) ?? 0]?.push(id);

  // Row position centred on 0, so columns of different heights compare.
  const pos = new Map<string, number>();
  const place = (col: readonly string[]): void => col.forEach((id, i) => pos.set(id, i - (col.length - 1) / 2));
  columns.forEach(place);

  const sweep = (col: string[], neighbours: Map<string, string[]>): void => {
    const bary = new Map<string, number>();
    col.forEach((id) => {
      const ns = (neighbours.get(id) ?? []).filter((n) => pos.has(n));
      bary.set(id, ns.length ? ns.reduce((a, n) => a + (pos.get(n) ?? 0), 0) / ns.length : (pos.get(id) ?? 0));
    });
    const before = new Map(col.map((id, i) => [id, i]));
    col.sort((a, b) => (bary.get(a) ?? 0) - (bary.get(b) ?? 0) || (before.get(a) ?? 0) - (before.get(b) ?? 0));
    place(col);
  };
  for (let pass = 0; pass < 2; pass++) {
    for (let l = 1; l <= depth; l++) sweep(columns[l] ?? [], pred);
    for (let l = depth - 1; l >= 0; l--) sweep(columns[l] ?? [], succ);
  }
  for (let l = 1; l <= depth; l++) sweep(columns[l] ?? [], pred);

  const tallest = Math.max(1, ...columns.map((c) => c.length));
  const positions = new Map<string, XY>();
  columns.forEach((col, l) =>
    col.forEach((id, i) => positions.set(id, { x: l * LAYOUT_COLUMN_GAP, y: (i + (tallest - col.length) / 2) * LAYOUT_ROW_GAP })),
  );

  const nodes = graph.nodes.map((n, i): GraphNode => {
    const p = idx.order.get(n.id) === i ? positions.get(n.id) : undefined;
    return p ? { ...n, position: p } : n;
  });
  return { nodes, edges: graph.edges };
}
