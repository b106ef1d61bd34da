import { useMemo } from 'react';
import { idSet, selectEdges, selectNodes, selectSelectedEdgeIds, selectSelectedNodeIds } from '../../store/index.ts';
import { toFlowEdge, toFlowNode } from '../canvas/flowModel.ts';
import type { Dimensions, FusionFlowNode, ShapeFlowEdge } from '../canvas/flowModel.ts';
import { useAppStore } from './useAppStore.ts';

/** React Flow nodes derived from the store; unchanged nodes keep their object identity. */
export function useFlowNodes(measured: ReadonlyMap<string, Dimensions>): FusionFlowNode[] {
  const nodes = useAppStore(selectNodes);
  const selectedIds = useAppStore(selectSelectedNodeIds);
  return useMemo(() => {
    const selected = idSet(selectedIds);
    return nodes.map((n) => toFlowNode(n, selected.has(n.id), measured.get(n.id)));
  }, [nodes, selectedIds, measured]);
}

/** React Flow edges derived from the store; unchanged edges keep their object identity. */
export function useFlowEdges(): ShapeFlowEdge[] {
  const edges = useAppStore(selectEdges);
  const selectedIds = useAppStore(selectSelectedEdgeIds);
  return useMemo(() => {
    const selected = idSet(selectedIds);
    return edges.map((e) => toFlowEdge(e, selected.has(e.id)));
  }, [edges, selectedIds]);
}
