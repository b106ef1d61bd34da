// Graph structure helpers shared by inferShapes, validate, connect and layout. Pure and deterministic.
import type { Graph, GraphEdge, GraphNode } from './types.ts';

export interface GraphIndex {
  /** Node by id (the first node when an id repeats). */
  readonly nodes: ReadonlyMap<string, GraphNode>;
  /** Position of each node id in graph.nodes (first occurrence). */
  readonly order: ReadonlyMap<string, number>;
  /** Edges whose two ends exist, that are not self-loops and not repeats of an earlier edge. */
  readonly linked: readonly GraphEdge[];
  /** Ids of edges that connect the same ports as an earlier edge. */
  readonly duplicates: ReadonlySet<string>;
}

export function edgeKey(e: { source: string; sourcePort: string; target: string; targetPort: string }): string {
  return JSON.stringify([e.source, e.sourcePort, e.target, e.targetPort]);
}

export function indexGraph(graph: Graph): GraphIndex {
  const nodes = new Map<string, GraphNode>();
  const order = new Map<string, number>();
  graph.nodes.forEach((n, i) => {
    if (!nodes.has(n.id)) {
      nodes.set(n.id, n);
      order.set(n.id, i);
    }
  });
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  const linked: GraphEdge[] = [];
  for (const e of graph.edges) {
    if (!nodes.has(e.source) || !nodes.has(e.target) || e.source === e.target) continue;
    const key = edgeKey(e);
    if (seen.has(key)) {
      duplicates.add(e.id);
      continue;
    }
    seen.add(key);
    linked.push(e);
  }
  return { nodes, order, linked, duplicates };
}

/** Successor / predecessor lists over `edges`, for every node id in `ids`. */
export function adjacency(
  ids: Iterable<string>,
  edges: readonly GraphEdge[],
): { succ: Map<string, string[]>; pred: Map<string, string[]> } {
  const succ = new Map<string, string[]>();
  const pred = new Map<string, string[]>();
  for (const id of ids) {
    succ.set(id, []);
    pred.set(id, []);
  }
  for (const e of edges) {
    succ.get(e.source)?.push(e.target);
    pred.get(e.target)?.push(e.source);
  }
  return { succ, pred };
}

/**
 * Kahn's algorithm, always taking the ready node that comes first in `ids`. Nodes on or downstream of
 * a cycle are left out of `order` and listed in `blocked`.
 */
export function topoOrder(ids: readonly string[], edges: readonly GraphEdge[]): { order: string[]; blocked: string[] } {
  const { succ } = adjacency(ids, edges);
  const indegree = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const e of edges) indegree.set(e.target, (indegree.get(e.target) ?? 0) + 1);
  const rank = new Map(ids.map((id, i) => [id, i]));
  const ready = ids.filter((id) => indegree.get(id) === 0);
  const order: string[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
    const id = ready.shift() as string;
    order.push(id);
    for (const t of succ.get(id) ?? []) {
      const d = (indegree.get(t) ?? 0) - 1;
      indegree.set(t, d);
      if (d === 0) ready.push(t);
    }
  }
  const done = new Set(order);
  return { order, blocked: ids.filter((id) => !done.has(id)) };
}

/** Strongly connected components with more than one node (Tarjan), each in discovery order. */
export function cyclicComponents(ids: readonly string[], edges: readonly GraphEdge[]): string[][] {
  const { succ } = adjacency(ids, edges);
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result: string[][] = [];

  // Iterative Tarjan to stay safe on long chains.
  for (const root of ids) {
    if (index.has(root)) continue;
    const work: { id: string; next: number }[] = [{ id: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter);
    counter++;
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { id: string; next: number };
      const outs = succ.get(frame.id) ?? [];
      if (frame.next < outs.length) {
        const w = outs[frame.next++] as string;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter);
          counter++;
          stack.push(w);
          onStack.add(w);
          work.push({ id: w, next: 0 });
        } else if (onStack.has(w)) {
          low.set(frame.id, Math.min(low.get(frame.id) ?? 0, index.get(w) ?? 0));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id) ?? 0, low.get(frame.id) ?? 0));
      if (low.get(frame.id) === index.get(frame.id)) {
        const comp: string[] = [];
        let w: string | undefined;
        do {
          w = stack.pop();
          if (w === undefined) break;
          onStack.delete(w);
          comp.push(w);
        } while (w !== frame.id);
        if (comp.length > 1) {
          const rank = new Map(ids.map((id, i) => [id, i]));
          comp.sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
          result.push(comp);
        }
      }
    }
  }
  return result;
}

/** A path of node ids from `from` to `to` following `edges` (breadth-first, so shortest), or null. */
export function findPath(from: string, to: string, edges: readonly GraphEdge[]): string[] | null {
  const prev = new Map<string, string>();
  const queue = [from];
  const seen = new Set([from]);
  while (queue.length > 0) {
    const id = queue.shift() as string;
    if (id === to) {
      const path = [to];
      let cur = to;
      while (cur !== from) {
        cur = prev.get(cur) as string;
        path.unshift(cur);
      }
      return path;
    }
    for (const e of edges) {
      if (e.source !== id || seen.has(e.target)) continue;
      seen.add(e.target);
      prev.set(e.target, id);
      queue.push(e.target);
    }
  }
  return null;
}
