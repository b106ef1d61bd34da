// The inspector for one connection: where it runs and what flows along it.
import { useCallback } from 'react';
import { formatShape, getKind } from '../../graph/index.ts';
import { selectEdgeById, selectEdgeShape, selectNodeById } from '../../store/index.ts';
import type { AppState } from '../../store/index.ts';
import { useAppStore } from '../hooks/useAppStore.ts';
import { InspectorDelete } from './InspectorDelete.tsx';

function useEndpointName(nodeId: string | undefined): string {
  const node = useAppStore(useCallback((s: AppState) => (nodeId === undefined ? undefined : selectNodeById(s, nodeId)), [nodeId]));
  if (node === undefined) return nodeId ?? '?';
  return node.label ?? getKind(node.kind)?.title ?? node.kind;
}

export function EdgeInspector({ edgeId }: { edgeId: string }) {
  const edge = useAppStore(useCallback((s: AppState) => selectEdgeById(s, edgeId), [edgeId]));
  const shape = useAppStore(useCallback((s: AppState) => selectEdgeShape(s, edgeId), [edgeId]));
  const from = useEndpointName(edge?.source);
  const to = useEndpointName(edge?.target);
  if (edge === undefined) return null;
  return (
    <>
      <div className="panel-header">
        <h2>Connection</h2>
      </div>
      <div className="inspector-body">
        <dl className="inspector-shapes">
          <div>
            <dt>From</dt>
            <dd>{from}</dd>
          </div>
          <div>
            <dt>To</dt>
            <dd>{to}</dd>
          </div>
          <div>
            <dt>Carries</dt>
            <dd>{shape !== undefined ? formatShape(shape) : <span className="muted">unknown (upstream problem)</span>}</dd>
          </div>
        </dl>
        <InspectorDelete label="Delete connection" />
      </div>
    </>
  );
}
