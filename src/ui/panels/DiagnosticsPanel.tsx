// The bottom panel: every problem validateGraph finds. Clicking one selects its node (or the
// target of its edge) and centres the view on it.
import { useMemo } from 'react';
import type { Diagnostic } from '../../graph/index.ts';
import { describeCounts, diagnosticNodeId, edgeLookup, selectDiagnosticCounts, selectDiagnostics, selectEdges } from '../../store/index.ts';
import { actions, useAppStore } from '../hooks/useAppStore.ts';
import { DiagnosticIcon } from './DiagnosticIcon.tsx';
import './DiagnosticsPanel.css';

export function DiagnosticsPanel() {
  const diagnostics = useAppStore(selectDiagnostics);
  const counts = useAppStore(selectDiagnosticCounts);
  const edges = useAppStore(selectEdges);
  const lookup = useMemo(() => edgeLookup(edges), [edges]);

  const reveal = (d: Diagnostic) => {
    const nodeId = diagnosticNodeId(d, lookup);
    if (nodeId === undefined) return;
    actions().selectNode(nodeId);
    actions().requestFocus(nodeId);
  };

  const tone = counts.errors > 0 ? 'is-error' : counts.warnings > 0 ? 'is-warning' : 'is-ok';
  return (
    <section className="diagnostics" aria-label="Problems" data-testid="diagnostics">
      <div className="diagnostics-header">
        <h2>Problems</h2>
        <span className={`diagnostics-counts ${tone}`} data-testid="diagnostics.counts" aria-live="polite">
          {describeCounts(counts)}
        </span>
      </div>
      {diagnostics.length === 0 ? (
        <p className="diagnostics-empty">The graph is valid: every input reaches a head and every shape fits.</p>
      ) : (
        <ul className="diagnostics-list">
          {diagnostics.map((d, i) => {
            const target = diagnosticNodeId(d, lookup);
            return (
              <li key={`${d.number}-${d.nodeId ?? d.edgeId ?? ''}-${i}`}>
                <button
                  type="button"
                  className={`diagnostics-item is-${d.severity}`}
                  onClick={() => reveal(d)}
                  disabled={target === undefined}
                  data-testid="diagnostics.item"
                  data-number={d.number}
                  {...(target !== undefined ? { 'data-node': target } : {})}
                >
                  <DiagnosticIcon severity={d.severity} />
                  <span className="diag-number">{d.number}</span>
                  <span className="diagnostics-message">{d.message}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
