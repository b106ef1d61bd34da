// The one node component: renders any kind from its declaration. It subscribes to its own node
// (by id) and its own derived data, so other nodes' changes do not re-render it.
import { Handle, Position } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import { memo, useCallback } from 'react';
import type { CSSProperties } from 'react';
import { formatShape, getKind } from '../../graph/index.ts';
import type { InputPortSpec, OutputPortSpec } from '../../graph/index.ts';
import { selectShapes } from '../../store/index.ts';
import type { AppState } from '../../store/index.ts';
import type { FusionFlowNode } from '../canvas/flowModel.ts';
import { AttentionThumbnail, PROBE_KINDS } from '../heatmaps/AttentionThumbnail.tsx';
import { useAppStore } from '../hooks/useAppStore.ts';
import { useGraphNode, useNodeDiagnostics, useParamCount } from '../hooks/useGraphNode.ts';
import { CATEGORY_COLORS, formatParams } from '../theme.ts';
import './FusionNode.css';

function portCountHint(min: number, max: number): string {
  if (max === Infinity) return `takes ${min} or more connections`;
  if (min === max) return max === 1 ? 'takes one connection' : `takes ${max} connections`;
  return `takes ${min} to ${max} connections`;
}

function InputPort({ nodeId, port }: { nodeId: string; port: InputPortSpec }) {
  return (
    <div className="fnode-port">
      <Handle
        type="target"
        position={Position.Left}
        id={port.name}
        className="fnode-handle"
        data-testid={`node.${nodeId}.in.${port.name}`}
        title={`${port.label}: accepts ${port.accepts.join(', ')}; ${portCountHint(port.min, port.max)}`}
        aria-label={`${port.label} input`}
      />
      <span className="fnode-port-label">
        {port.label}
        {port.max === Infinity ? <span className="fnode-port-many"> {port.min}+</span> : null}
      </span>
    </div>
  );
}

function OutputPort({ nodeId, port }: { nodeId: string; port: OutputPortSpec }) {
  return (
    <div className="fnode-port">
      <span className="fnode-port-label">{port.label}</span>
      <Handle
        type="source"
        position={Position.Right}
        id={port.name}
        className="fnode-handle"
        data-testid={`node.${nodeId}.out.${port.name}`}
        title={`${port.label}: gives ${port.type}`}
        aria-label={`${port.label} output`}
      />
    </div>
  );
}

function FusionNodeView({ id, selected }: NodeProps<FusionFlowNode>) {
  const node = useGraphNode(id);
  const diagnostics = useNodeDiagnostics(id);
  const paramCount = useParamCount(id);
  const outputs = useAppStore(useCallback((s: AppState) => selectShapes(s).nodeOutputs[id], [id]));
  if (node === undefined) return null;
  const kind = getKind(node.kind);
  const severity =
    diagnostics.length === 0 ? null : diagnostics.some((d) => d.severity === 'error') ? 'error' : 'warning';
  const markerTitle = diagnostics.map((d) => `${d.number}: ${d.message}`).join('\n');
  const className = ['fnode', selected ? 'is-selected' : '', severity !== null ? `has-${severity}` : '']
    .filter(Boolean)
    .join(' ');
  const marker = severity !== null && (
    <span
      className={`fnode-marker is-${severity}`}
      title={markerTitle}
      role="img"
      aria-label={`${diagnostics.length} ${diagnostics.length === 1 ? 'problem' : 'problems'}`}
      data-testid={`node.${id}.marker`}
      data-severity={severity}
    >
      {severity === 'error' ? '!' : '?'}
    </span>
  );

  if (kind === undefined) {
    return (
      <div className={`${className} fnode-unknown`} data-testid={`node.${id}`}>
        <div className="fnode-head">
          <div className="fnode-title">{node.label ?? 'Unknown node'}</div>
          <div className="fnode-kind">{node.kind}</div>
          {marker}
        </div>
        <div className="fnode-foot">This kind is not known to this version.</div>
      </div>
    );
  }

  return (
    <div
      className={className}
      data-testid={`node.${id}`}
      data-kind={kind.id}
      style={{ '--cat': CATEGORY_COLORS[kind.category] } as CSSProperties}
    >
      <div className="fnode-strip" aria-hidden="true" />
      <div className="fnode-head">
        <div className="fnode-title" title={node.label !== undefined ? `${node.label} (${kind.title})` : kind.title}>
          {node.label ?? kind.title}
        </div>
        <div className="fnode-kind">{kind.id}</div>
        {marker}
      </div>
      {(kind.inputs.length > 0 || kind.outputs.length > 0) && (
        <div className="fnode-ports">
          {kind.inputs.length > 0 && (
            <div className="fnode-col fnode-in">
              {kind.inputs.map((port) => (
                <InputPort key={port.name} nodeId={id} port={port} />
              ))}
            </div>
          )}
          {kind.outputs.length > 0 && (
            <div className="fnode-col fnode-out">
              {kind.outputs.map((port) => (
                <OutputPort key={port.name} nodeId={id} port={port} />
              ))}
            </div>
          )}
        </div>
      )}
      {PROBE_KINDS.has(kind.id) && <AttentionThumbnail node={node} />}
      <div className="fnode-foot">
        {kind.category === 'input' ? (
          <span data-testid={`node.${id}.shape`}>
            {outputs !== undefined ? Object.values(outputs).map(formatShape).join(', ') : 'shape unknown'}
          </span>
        ) : (
          <span data-testid={`node.${id}.params`}>
            {paramCount !== undefined ? formatParams(paramCount) : 'params unknown'}
          </span>
        )}
      </div>
    </div>
  );
}

export const FusionNode = memo(FusionNodeView);
