// Maps the document's nodes and edges to React Flow's, keeping object identity for everything
// that did not change, so React Flow re-renders only the nodes and edges that did.
import type { Edge, Node } from '@xyflow/react';
import { getKind } from '../../graph/index.ts';
import type { Category, GraphEdge, GraphNode } from '../../graph/index.ts';

export interface FusionNodeData extends Record<string, unknown> {
  readonly category: Category | null;
}
export type FusionFlowNode = Node<FusionNodeData, 'fusion'>;
export type ShapeFlowEdge = Edge<Record<string, never>, 'shape'>;

export interface Dimensions {
  readonly width: number;
  readonly height: number;
}

interface NodeEntry {
  readonly selected: boolean;
  readonly measured: Dimensions | undefined;
  readonly flow: FusionFlowNode;
}
const nodeCache = new WeakMap<GraphNode, NodeEntry>();

export function toFlowNode(node: GraphNode, selected: boolean, measured: Dimensions | undefined): FusionFlowNode {
  const hit = nodeCache.get(node);
  if (hit !== undefined && hit.selected === selected && hit.measured === measured) return hit.flow;
  const category = getKind(node.kind)?.category ?? null;
  const data = hit?.flow.data.category === category && hit !== undefined ? hit.flow.data : { category };
  const flow: FusionFlowNode = {
    id: node.id,
    type: 'fusion',
    position: node.position,
    data,
    selected,
    ...(measured !== undefined ? { measured } : {}),
  };
  nodeCache.set(node, { selected, measured, flow });
  return flow;
}

interface EdgeEntry {
  readonly selected: boolean;
  readonly flow: ShapeFlowEdge;
}
const edgeCache = new WeakMap<GraphEdge, EdgeEntry>();
const NO_DATA: Record<string, never> = {};

export function toFlowEdge(edge: GraphEdge, selected: boolean): ShapeFlowEdge {
  const hit = edgeCache.get(edge);
  if (hit !== undefined && hit.selected === selected) return hit.flow;
  const flow: ShapeFlowEdge = {
    id: edge.id,
    type: 'shape',
    source: edge.source,
    sourceHandle: edge.sourcePort,
    target: edge.target,
    targetHandle: edge.targetPort,
    data: NO_DATA,
    selected,
  };
  edgeCache.set(edge, { selected, flow });
  return flow;
}
