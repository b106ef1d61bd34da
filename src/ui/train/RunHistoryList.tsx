// Every finished run (training and arena variants), newest first: graph or strategy, dataset,
// validation accuracy, parameters, duration and when; tick two to compare them.
import { selectCatalogue, selectCompareIds, selectRunHistory } from '../../store/index.ts';
import { actions, useAppStore } from '../hooks/useAppStore.ts';
import { formatAcc, formatCount, formatDuration, formatWhen } from './format.ts';
import { datasetTitle, runTitle } from './runNames.ts';

export function RunHistoryList() {
  const runs = useAppStore(selectRunHistory);
  const picked = useAppStore(selectCompareIds);
  const catalogue = useAppStore(selectCatalogue);
  if (runs.length === 0) {
    return (
      <div className="runs-history is-empty" data-testid="runs.history">
        <p className="muted">Finished runs appear here with the graph that produced them, kept in this browser.</p>
      </div>
    );
  }
  return (
    <div className="runs-history" data-testid="runs.history">
      <table className="runs-table" aria-label="Run history">
        <thead>
          <tr>
            <th aria-label="Compare" />
            <th>Run</th>
            <th>Dataset</th>
            <th className="num">Val acc</th>
            <th className="num">Params</th>
            <th className="num">Time</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => {
            const name = runTitle(r);
            const checked = picked.includes(r.runId);
            return (
              <tr key={r.runId} className={checked ? 'is-picked' : undefined} data-testid="runs.item" data-run={r.runId}>
                <td>
                  <input type="checkbox" checked={checked} onChange={() => actions().toggleCompare(r.runId)} aria-label={`Compare ${name}, finished ${formatWhen(r.finishedAt)}`} />
                </td>
                <td className="runs-name" title={r.document.name}>
                  {name}
                  {r.status !== 'done' && <span className={`status-chip is-${r.status}`}>{r.status}</span>}
                </td>
                <td className="runs-dataset">{datasetTitle(r.datasetId, catalogue)}</td>
                <td className="num">{formatAcc(r.metrics.validation?.accuracy ?? null)}</td>
                <td className="num">{formatCount(r.metrics.paramCount)}</td>
                <td className="num" title={`Finished ${formatWhen(r.finishedAt)}`}>
                  {formatDuration((r.finishedAt - r.startedAt) / 1000)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
