// The canvas: a controlled React Flow whose nodes and edges come from the store. Position changes
// go to the store (one undo step per drag), selection changes to the ui slice.
import { Background, Controls, MiniMap, ReactFlow, useReactFlow, useStore } from '@xyflow/react';
import type { EdgeChange, NodeChange, ReactFlowState } from '@xyflow/react';
import { useCallback, useState } from 'react';
import type { DragEvent } from 'react';
import type { XY } from '../../graph/index.ts';
import { appStore } from '../../store/index.ts';
import { useConnectionHandlers } from '../hooks/useConnectionHandlers.ts';
import { useFlowEdges, useFlowNodes } from '../hooks/useFlowElements.ts';
import { actions } from '../hooks/useAppStore.ts';
import { CATEGORY_COLORS } from '../theme.ts';
import { KIND_MIME } from './dnd.ts';
import { edgeTypes, nodeTypes } from './flowTypes.ts';
import type { Dimensions, FusionFlowNode, ShapeFlowEdge } from './flowModel.ts';
import { placeNode } from './placement.ts';
import { CanvasTools } from './CanvasTools.tsx';
import { ViewController } from './ViewController.tsx';
import { inView } from './viewport.ts';
import './Canvas.css';


const MULTI_SELECT_KEYS = ['Meta', 'Control'];
const FIT_OPTIONS = { padding: 0.08, maxZoom: 1.25 };
const PRO_OPTIONS = { hideAttribution: false };

function miniMapColour(node: FusionFlowNode): string {
  return node.data.category !== null ? CATEGORY_COLORS[node.data.category] : '#94a3b8';
}

function applySelect(current: readonly string[], changes: readonly { id: string; selected: boolean }[]): string[] {
  const set = new Set(current);
  for (const c of changes) {
    if (c.selected) set.add(c.id);
    else set.delete(c.id);
  }
  return [...set];
}

/**
 * The mini map only while part of the graph is out of view: when the whole graph is in view it
 * adds nothing and covers nodes in its corner (with the dock open, the head of a wide graph).
 */
const selectMiniMapUseful = (s: ReactFlowState): boolean => {
  if (s.width < 480 || s.height < 320) return false;
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const node of s.nodeLookup.values()) {
    const { x, y } = node.internals.positionAbsolute;
    left = Math.min(left, x);
    top = Math.min(top, y);
    right = Math.max(right, x + (node.measured.width ?? 0));
    bottom = Math.max(bottom, y + (node.measured.height ?? 0));
  }
  if (!Number.isFinite(left)) return false;
  const [x, y, zoom] = s.transform;
  return !inView({ x: left, y: top, width: right - left, height: bottom - top }, { x, y, zoom }, s.width, s.height);
};

function CanvasMiniMap() {
  const useful = useStore(selectMiniMapUseful);
  if (!useful) return null;
  return (
    <MiniMap<FusionFlowNode>
      pannable
      zoomable
      nodeColor={miniMapColour}
      nodeStrokeWidth={0}
      nodeBorderRadius={6}
      ariaLabel="Mini map"
      className="canvas-minimap"
    />
  );
}

export function Canvas() {
  const [measured, setMeasured] = useState<ReadonlyMap<string, Dimensions>>(() => new Map());
  const nodes = useFlowNodes(measured);
  const edges = useFlowEdges();
  const { screenToFlowPosition } = useReactFlow();
  const connection = useConnectionHandlers();

  const onNodesChange = useCallback((changes: NodeChange<FusionFlowNode>[]) => {
    const positions: Record<string, XY> = {};
    let dragging = false;
    let dragEnded = false;
    const selects: { id: string; selected: boolean }[] = [];
    const removed: string[] = [];
    const dims: [string, Dimensions][] = [];
    for (const c of changes) {
      switch (c.type) {
        case 'position':
          if (c.position !== undefined) positions[c.id] = c.position;
          if (c.dragging === true) dragging = true;
          else dragEnded = true;
          break;
        case 'select':
          selects.push({ id: c.id, selected: c.selected });
          break;
        case 'dimensions':
          if (c.dimensions !== undefined) dims.push([c.id, c.dimensions]);
          break;
        case 'remove':
          removed.push(c.id);
          break;
        default:
          break;
      }
    }
    const store = actions();
    if (Object.keys(positions).length > 0) store.moveNodes(positions, dragging ? 'drag' : 'end');
    else if (dragEnded) store.endDrag();
    if (selects.length > 0) {
      store.setSelection({ nodeIds: applySelect(appStore.getState().selection.nodeIds, selects) });
    }
    if (removed.length > 0) store.removeNodes(removed);
    if (dims.length > 0) {
      setMeasured((prev) => {
        let next: Map<string, Dimensions> | null = null;
        for (const [id, d] of dims) {
          const old = prev.get(id);
          if (old !== undefined && old.width === d.width && old.height === d.height) continue;
          next ??= new Map(prev);
          next.set(id, { width: d.width, height: d.height });
        }
        return next ?? prev;
      });
    }
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<ShapeFlowEdge>[]) => {
    const selects: { id: string; selected: boolean }[] = [];
    for (const c of changes) {
      if (c.type === 'select') selects.push({ id: c.id, selected: c.selected });
      else if (c.type === 'remove') actions().removeEdge(c.id);
    }
    if (selects.length > 0) {
      actions().setSelection({ edgeIds: applySelect(appStore.getState().selection.edgeIds, selects) });
    }
  }, []);

  const onDragStop = useCallback(() => actions().endDrag(), []);

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(KIND_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const kindId = e.dataTransfer.getData(KIND_MIME);
      if (kindId === '') return;
      e.preventDefault();
      const centre = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const id = actions().addNode(kindId, placeNode(appStore.getState().doc.graph, centre));
      if (id === null) actions().pushToast('error', `Can't add "${kindId}": this node kind is not available yet.`);
    },
    [screenToFlowPosition],
  );

  return (
    <div className="canvas" onDragOver={onDragOver} onDrop={onDrop} data-testid="canvas">
      <ReactFlow<FusionFlowNode, ShapeFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStop={onDragStop}
        onSelectionDragStop={onDragStop}
        onConnect={connection.onConnect}
        onConnectEnd={connection.onConnectEnd}
        isValidConnection={connection.isValidConnection}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        fitView
        fitViewOptions={FIT_OPTIONS}
        minZoom={0.2}
        maxZoom={2.5}
        proOptions={PRO_OPTIONS}
        aria-label="Model canvas"
      >
        <Background gap={20} size={1.2} color="#d5dbe5" />
        <CanvasMiniMap />
        <Controls showInteractive={false} className="canvas-controls" />
        <CanvasTools />
        <ViewController />
      </ReactFlow>
    </div>
  );
}
