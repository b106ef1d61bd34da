// Carries out the store's viewport requests (fit view, centre on a node) inside React Flow.
import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { selectViewRequest } from '../../store/index.ts';
import { useAppStore } from '../hooks/useAppStore.ts';

const DURATION = 250;

export function ViewController() {
  const request = useAppStore(selectViewRequest);
  const flow = useReactFlow();
  useEffect(() => {
    if (request === null) return;
    if (request.kind === 'fit') {
      // An empty canvas starts at 100 % from the origin, so new nodes land at their natural size.
      if (flow.getNodes().length === 0) {
        void flow.setViewport({ x: 0, y: 0, zoom: 1 }, { duration: DURATION });
        return;
      }
      void flow.fitView({ padding: 0.08, duration: DURATION, maxZoom: 1.25 });
      return;
    }
    const node = flow.getInternalNode(request.nodeId);
    if (node === undefined) return;
    const { x, y } = node.internals.positionAbsolute;
    const w = node.measured.width ?? 0;
    const h = node.measured.height ?? 0;
    void flow.setCenter(x + w / 2, y + h / 2, { zoom: Math.max(flow.getZoom(), 1), duration: DURATION });
  }, [request, flow]);
  return null;
}
