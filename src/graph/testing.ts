// Small builders for tests (not part of the public API).
import { getKind } from './registry.ts';
import { defaultParams } from './params.ts';
import type { Graph, GraphEdge, GraphNode, Params } from './types.ts';

/** A node at the origin with its kind's defaults, overridden by `params`. */
export function node(id: string, kind: string, params: Params = {}, label?: string): GraphNode {
  const k = getKind(kind);
  const base: GraphNode = { id, kind, params: { ...(k ? defaultParams(k) : {}), ...params }, position: { x: 0, y: 0 } };
  return label === undefined ? base : { ...base, label };
}

export function edge(id: string, source: string, target: string, targetPort = 'in', sourcePort = 'out'): GraphEdge {
  return { id, source, sourcePort, target, targetPort };
}

export function graphOf(nodes: readonly GraphNode[], edges: readonly GraphEdge[] = []): Graph {
  return { nodes, edges };
}
