// The inspector for one node: label, what the kind does, its parameters, shapes and problems.
import { useMemo } from 'react';
import { formatBytes, formatShape, getKind, infoCard } from '../../graph/index.ts';
import { nodeIoShapes, selectGraph, selectMemoryEstimate, selectShapes } from '../../store/index.ts';
import { actions, useAppStore } from '../hooks/useAppStore.ts';
import { useGraphNode, useNodeDiagnostics, useParamCount } from '../hooks/useGraphNode.ts';
import { CATEGORY_COLORS, formatParams } from '../theme.ts';
import { DiagnosticIcon } from './DiagnosticIcon.tsx';
import { InspectorDelete } from './InspectorDelete.tsx';
import { NodeInfoDetails } from './NodeInfoCard.tsx';
import { ParamField } from './ParamField.tsx';

export function NodeInspector({ nodeId }: { nodeId: string }) {
  const node = useGraphNode(nodeId);
  const graph = useAppStore(selectGraph);
  const shapes = useAppStore(selectShapes);
  const paramCount = useParamCount(nodeId);
  const estimate = useAppStore(selectMemoryEstimate);
  const nodeBytes = estimate.perNode[nodeId];
  const memory = nodeBytes !== undefined ? { bytes: nodeBytes, batch: estimate.batchSize } : undefined;
  const diagnostics = useNodeDiagnostics(nodeId);
  const io = useMemo(() => nodeIoShapes(graph, shapes, nodeId), [graph, shapes, nodeId]);

  if (node === undefined) return null;
  const kind = getKind(node.kind);
  const card = infoCard(node.kind);
  if (kind === undefined) {
    return (
      <div className="inspector-body">
        <p>Unknown node kind “{node.kind}”.</p>
        <InspectorDelete label="Delete node" />
      </div>
    );
  }

  return (
    <>
      <div className="panel-header inspector-kind" style={{ borderTopColor: CATEGORY_COLORS[kind.category] }}>
        <h2 data-testid="inspector.title">{kind.title}</h2>
        <span className="inspector-kind-id">{kind.id}</span>
      </div>
      <div className="inspector-body">
        <div className="field">
          <label htmlFor="inspector-label">Label</label>
          <input
            id="inspector-label"
            value={node.label ?? ''}
            placeholder={kind.title}
            onChange={(e) => actions().setLabel(nodeId, e.target.value)}
            onBlur={() => actions().sealHistory()}
            data-testid="inspector.label"
          />
        </div>

        <p className="inspector-desc">{kind.description}</p>
        <pre className="inspector-math" aria-label="Math">{kind.math}</pre>
        {card !== undefined && <NodeInfoDetails card={card} />}

        {kind.params.length > 0 && (
          <section className="inspector-section" aria-labelledby="inspector-params">
            <h3 id="inspector-params">Parameters</h3>
            {kind.params.map((spec) => (
              <ParamField key={spec.name} nodeId={nodeId} spec={spec} value={node.params[spec.name]} />
            ))}
          </section>
        )}

        <section className="inspector-section" aria-labelledby="inspector-shapes">
          <h3 id="inspector-shapes">Shapes</h3>
          <dl className="inspector-shapes" data-testid="inspector.shapes">
            {kind.inputs.map((port) => (
              <div key={`in-${port.name}`}>
                <dt>In · {port.label}</dt>
                <dd>{io.inputs[port.name]?.map(formatShape).join(' + ') ?? <span className="muted">not connected</span>}</dd>
              </div>
            ))}
            {kind.outputs.map((port) => {
              const shape = io.outputs[port.name];
              return (
                <div key={`out-${port.name}`}>
                  <dt>Out · {port.label}</dt>
                  <dd>{shape !== undefined ? formatShape(shape) : <span className="muted">unknown</span>}</dd>
                </div>
              );
            })}
            <div>
              <dt>Parameters</dt>
              <dd data-testid="inspector.paramCount">{paramCount !== undefined ? formatParams(paramCount) : <span className="muted">unknown</span>}</dd>
            </div>
            <div>
              <dt title="Weights, gradients and Adam's moments, plus this node's outputs for one batch">Training memory</dt>
              <dd data-testid="inspector.memory">
                {memory !== undefined ? `≈ ${formatBytes(memory.bytes)} (batch ${memory.batch})` : <span className="muted">unknown</span>}
              </dd>
            </div>
          </dl>
        </section>

        {diagnostics.length > 0 && (
          <section className="inspector-section" aria-labelledby="inspector-problems">
            <h3 id="inspector-problems">Problems</h3>
            <ul className="inspector-problems">
              {diagnostics.map((d, i) => (
                <li key={`${d.number}-${i}`} className={`is-${d.severity}`}>
                  <DiagnosticIcon severity={d.severity} />
                  <span>
                    <span className="diag-number">{d.number}</span> {d.message}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        )}

        <InspectorDelete label="Delete node" />
      </div>
    </>
  );
}
