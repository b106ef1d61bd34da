// With nothing selected: the project at a glance, and its training settings (read-only for now).
import { formatBytes } from '../../graph/index.ts';
import { describeCounts, selectDiagnosticCounts, selectDoc, selectMemoryEstimate, selectTotalParams } from '../../store/index.ts';
import { useAppStore } from '../hooks/useAppStore.ts';
import { formatInteger, formatParams } from '../theme.ts';

export function ProjectSummary() {
  const doc = useAppStore(selectDoc);
  const total = useAppStore(selectTotalParams);
  const counts = useAppStore(selectDiagnosticCounts);
  const memory = useAppStore(selectMemoryEstimate);
  const t = doc.training;
  return (
    <>
      <div className="panel-header">
        <h2>Project</h2>
      </div>
      <div className="inspector-body" data-testid="inspector.summary">
        <dl className="summary-grid">
          <div>
            <dt>Nodes</dt>
            <dd data-testid="summary.nodes">{formatInteger(doc.graph.nodes.length)}</dd>
          </div>
          <div>
            <dt>Connections</dt>
            <dd>{formatInteger(doc.graph.edges.length)}</dd>
          </div>
          <div>
            <dt>Parameters</dt>
            <dd data-testid="summary.params">{formatParams(total)}</dd>
          </div>
          <div>
            <dt title="Weights, gradients and Adam's moments, plus every node's outputs for one batch">Training memory</dt>
            <dd data-testid="summary.memory">≈ {formatBytes(memory.totalBytes)}</dd>
          </div>
          <div>
            <dt>Batch size</dt>
            <dd>{formatInteger(memory.batchSize)}</dd>
          </div>
          <div>
            <dt>Problems</dt>
            <dd data-testid="summary.problems" className={counts.errors > 0 ? 'text-error' : counts.warnings > 0 ? 'text-warning' : 'text-ok'}>
              {describeCounts(counts)}
            </dd>
          </div>
        </dl>

        <section className="inspector-section" aria-labelledby="summary-training">
          <h3 id="summary-training">Training settings</h3>
          <dl className="inspector-shapes" data-testid="summary.training">
            <div><dt>Dataset</dt><dd>{doc.dataset?.id ?? <span className="muted">none chosen</span>}</dd></div>
            <div><dt>Optimizer</dt><dd>{t.optimizer}</dd></div>
            <div><dt>Learning rate</dt><dd>{t.learningRate}</dd></div>
            <div><dt>Batch size</dt><dd>{t.batchSize}</dd></div>
            <div><dt>Epochs</dt><dd>{t.epochs}</dd></div>
            <div><dt>Validation split</dt><dd>{t.validationSplit}</dd></div>
            <div><dt>Early stopping</dt><dd>{t.earlyStoppingPatience > 0 ? `after ${t.earlyStoppingPatience} epochs without progress` : 'off'}</dd></div>
            <div><dt>Seed</dt><dd>{t.seed}</dd></div>
          </dl>
          <p className="muted small">Change them in the Training tab under the canvas.</p>
        </section>
        <p className="muted small">Select a node to edit it. Drag nodes from the palette; connect an output (right) to an input (left).</p>
      </div>
    </>
  );
}
