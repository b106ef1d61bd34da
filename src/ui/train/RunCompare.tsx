// Two runs side by side: the graph, metrics, settings and size; differing rows stand out, and
// "Open this graph" loads either run's document into the editor (undoable).
import type { ReactNode } from 'react';
import { selectCatalogue, selectCompareRuns } from '../../store/index.ts';
import type { RunRecord } from '../../train/trainingProtocol.ts';
import { actions, useAppStore } from '../hooks/useAppStore.ts';
import { formatAcc, formatCount, formatDuration, formatLoss } from './format.ts';
import { GraphThumbnail } from './GraphThumbnail.tsx';
import { datasetTitle, runTitle } from './runNames.ts';

interface Row {
  readonly label: string;
  readonly value: (r: RunRecord) => string;
}

const ROWS: readonly Row[] = [
  { label: 'Val accuracy', value: (r) => formatAcc(r.metrics.validation?.accuracy ?? null) },
  { label: 'Val loss', value: (r) => formatLoss(r.metrics.validation?.loss ?? null) },
  { label: 'Test accuracy', value: (r) => formatAcc(r.metrics.test?.accuracy ?? null) },
  { label: 'Params', value: (r) => formatCount(r.metrics.paramCount) },
  { label: 'Epochs run', value: (r) => String(r.metrics.epochs) },
  { label: 's/epoch', value: (r) => r.metrics.secondsPerEpoch.toFixed(2) },
  { label: 'Backend', value: (r) => String(r.metrics.backend) },
  { label: 'Time', value: (r) => formatDuration((r.finishedAt - r.startedAt) / 1000) },
  { label: 'Optimizer', value: (r) => r.settings.optimizer },
  { label: 'Learning rate', value: (r) => String(r.settings.learningRate) },
  { label: 'Batch size', value: (r) => String(r.settings.batchSize) },
  { label: 'Epochs set', value: (r) => String(r.settings.epochs) },
  { label: 'Patience', value: (r) => String(r.settings.earlyStoppingPatience) },
  { label: 'Seed', value: (r) => String(r.settings.seed) },
  { label: 'Nodes', value: (r) => String(r.document.graph.nodes.length) },
];

function openGraph(r: RunRecord): void {
  if (actions().openRunGraph(r.runId)) actions().pushToast('info', `Opened the graph of “${runTitle(r)}”. Undo brings back your previous graph.`);
}

export function RunCompare() {
  const runs = useAppStore(selectCompareRuns);
  const catalogue = useAppStore(selectCatalogue);
  if (runs.length < 2) {
    return (
      <div className="runs-compare is-empty" data-testid="runs.compare">
        <p className="muted">
          {runs.length === 0 ? 'Tick two runs in the list to compare them side by side.' : 'Tick one more run to compare.'}
        </p>
      </div>
    );
  }
  const [a, b] = runs as [RunRecord, RunRecord];
  const cell = (content: ReactNode, key: string) => <td key={key}>{content}</td>;
  return (
    <div className="runs-compare" data-testid="runs.compare">
      <table className="compare-table" aria-label="Compare two runs">
        <thead>
          <tr>
            <th />
            {[a, b].map((r, i) => (
              <th key={r.runId} data-testid={`runs.compare.${i}`}>
                <span className="compare-title">{runTitle(r)}</span>
                <span className="muted small compare-sub">{datasetTitle(r.datasetId, catalogue)}</span>
                <button type="button" className="btn btn-small" onClick={() => openGraph(r)} data-testid={`runs.compare.${i}.open`}>
                  Open this graph
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Graph</th>
            {[a, b].map((r) => cell(<GraphThumbnail graph={r.document.graph} label={`The graph of ${runTitle(r)}`} />, r.runId))}
          </tr>
          {ROWS.map((row) => {
            const va = row.value(a);
            const vb = row.value(b);
            return (
              <tr key={row.label} className={va !== vb ? 'is-different' : undefined}>
                <th scope="row">{row.label}</th>
                <td>{va}</td>
                <td>{vb}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
