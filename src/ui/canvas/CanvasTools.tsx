// The canvas's own tools, on the canvas: arrange the nodes, fit the graph in view.
import { Panel } from '@xyflow/react';
import { actions } from '../hooks/useAppStore.ts';

export function CanvasTools() {
  return (
    <Panel position="top-left" className="canvas-tools" aria-label="Canvas tools">
      <button type="button" className="btn btn-small" onClick={() => actions().autoLayout()} data-testid="toolbar.layout" title="Arrange the nodes left to right (undoable)">
        Auto-layout
      </button>
      <button type="button" className="btn btn-small" onClick={() => actions().requestFitView()} data-testid="toolbar.fit" title="Fit the whole graph in view (F)">
        Fit view
      </button>
    </Panel>
  );
}
