// Carries out the store's viewport requests (fit view, centre on a node) inside React Flow, and
// refits when the canvas changes size (the dock opens or closes, the window is resized) while the
// whole graph was in view; a view the user zoomed into is left alone.
import { useReactFlow, useStore } from '@xyflow/react';
import type { ReactFlowState } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { inView } from './viewport.ts';
import { selectViewRequest } from '../../store/index.ts';
import { useAppStore } from '../hooks/useAppStore.ts';

const DURATION = 250;
const FIT = { padding: 0.08, duration: DURATION, maxZoom: 1.25 } as const;

const selectSize = (s: ReactFlowState): string => `${s.width}x${s.height}`;
/** The dock opening or closing moves the canvas edge by ~240 px; a line of text in a panel, by ~20. */
const REFIT_MIN_CHANGE = 100;

/**
 * Refits after a large resize (the dock opening or closing, a window resize) when the whole graph
 * was in view before it. Small changes are ignored: a view must not jump while the user builds.
 */
function useRefitOnResize(): void {
  const flow = useReactFlow();
  const size = useStore(selectSize);
  const previous = useRef<readonly [number, number] | null>(null);
  useEffect(() => {
    const [width = 0, height = 0] = size.split('x').map(Number);
    const before = previous.current;
    if (before !== null && Math.abs(before[0] - width) < REFIT_MIN_CHANGE && Math.abs(before[1] - height) < REFIT_MIN_CHANGE) return;
    previous.current = [width, height];
    if (before === null || width === 0 || height === 0) return;
    const nodes = flow.getNodes();
    if (nodes.length === 0) return;
    const bounds = flow.getNodesBounds(nodes);
    const viewport = flow.getViewport();
    if (inView(bounds, viewport, before[0], before[1])) void flow.fitView(FIT);
  }, [size, flow]);
}

export function ViewController() {
  const request = useAppStore(selectViewRequest);
  const flow = useReactFlow();
  useRefitOnResize();
  useEffect(() => {
    if (request === null) return;
    if (request.kind === 'fit') {
      // An empty canvas starts at 100 % from the origin, so new nodes land at their natural size.
      if (flow.getNodes().length === 0) {
        void flow.setViewport({ x: 0, y: 0, zoom: 1 }, { duration: DURATION });
        return;
      }
      void flow.fitView(FIT);
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
