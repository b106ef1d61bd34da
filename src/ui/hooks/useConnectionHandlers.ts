// Connecting handles: validity comes from the graph core's checkConnection; a drop on an
// incompatible handle shows the reason.
import type { Connection, Edge, FinalConnectionState, HandleType, InternalNode } from '@xyflow/react';
import { useMemo } from 'react';
import { checkConnection } from '../../graph/index.ts';
import type { ConnectionRequest } from '../../graph/index.ts';
import { appStore, shapesOf } from '../../store/index.ts';
import { actions } from './useAppStore.ts';

function toRequest(c: Connection | Edge): ConnectionRequest {
  return { source: c.source, sourcePort: c.sourceHandle ?? 'out', target: c.target, targetPort: c.targetHandle ?? 'in' };
}

interface HandleRef {
  readonly nodeId: string;
  readonly id?: string | null;
  readonly type: HandleType;
}

/** The connection two handles would make, whichever end the user started from. */
function requestBetween(from: HandleRef, to: HandleRef): ConnectionRequest | null {
  if (from.type === to.type) return null;
  const [source, target] = from.type === 'source' ? [from, to] : [to, from];
  return {
    source: source.nodeId,
    sourcePort: source.id ?? 'out',
    target: target.nodeId,
    targetPort: target.id ?? 'in',
  };
}

export function canConnect(c: Connection | Edge): boolean {
  const { graph } = appStore.getState().doc;
  return checkConnection(graph, toRequest(c), shapesOf(graph)).ok;
}

export function useConnectionHandlers() {
  return useMemo(
    () => ({
      isValidConnection: canConnect,
      onConnect(c: Connection) {
        const result = actions().connect(toRequest(c));
        if (!result.ok) actions().pushToast('error', `Can't connect: ${result.reason}`);
      },
      onConnectEnd(_event: MouseEvent | TouchEvent, state: FinalConnectionState<InternalNode>) {
        if (state.isValid !== false || state.toHandle === null || state.fromHandle === null) return;
        const req = requestBetween(state.fromHandle, state.toHandle);
        if (req === null) {
          const what = state.fromHandle.type === 'source' ? 'an output to an output' : 'an input to an input';
          actions().pushToast('error', `Can't connect ${what}: drag from an output (right side) to an input (left side).`);
          return;
        }
        const { graph } = appStore.getState().doc;
        const check = checkConnection(graph, req, shapesOf(graph));
        if (!check.ok) actions().pushToast('error', `Can't connect: ${check.reason}`);
      },
    }),
    [],
  );
}
