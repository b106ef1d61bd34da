// An edge that shows the tensor shape flowing along it, at its midpoint.
import { BaseEdge, EdgeLabelRenderer, getBezierPath } from '@xyflow/react';
import type { EdgeProps } from '@xyflow/react';
import { memo, useCallback } from 'react';
import type { MouseEvent } from 'react';
import { formatShape } from '../../graph/index.ts';
import { selectEdgeShape } from '../../store/index.ts';
import type { AppState } from '../../store/index.ts';
import { actions, useAppStore } from '../hooks/useAppStore.ts';
import type { ShapeFlowEdge } from './flowModel.ts';
import './ShapeEdge.css';

/** Short edges carry their label just above the line, clear of the handles at both ends. */
const SHORT_EDGE_PX = 130;
function labelTransform(sourceX: number, targetX: number, x: number, y: number): string {
  const short = Math.abs(targetX - sourceX) < SHORT_EDGE_PX;
  return short ? `translate(-50%, -100%) translate(${x}px, ${y - 7}px)` : `translate(-50%, -50%) translate(${x}px, ${y}px)`;
}

function ShapeEdgeView(props: EdgeProps<ShapeFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, selected, markerEnd } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const shape = useAppStore(useCallback((s: AppState) => selectEdgeShape(s, id), [id]));
  const onClick = useCallback(
    (e: MouseEvent) => actions().selectEdge(id, e.shiftKey || e.ctrlKey || e.metaKey),
    [id],
  );
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        interactionWidth={18}
        className={selected === true ? 'shape-edge is-selected' : 'shape-edge'}
        {...(markerEnd !== undefined ? { markerEnd } : {})}
      />
      {shape !== undefined && (
        <EdgeLabelRenderer>
          <div
            className={selected === true ? 'edge-shape nodrag nopan is-selected' : 'edge-shape nodrag nopan'}
            style={{ transform: labelTransform(sourceX, targetX, labelX, labelY) }}
            data-testid={`edge.${id}.shape`}
            onClick={onClick}
          >
            {formatShape(shape)}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const ShapeEdge = memo(ShapeEdgeView);
