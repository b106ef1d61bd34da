// A progress bar for long reads: label, bar, "done of total", and an estimate of the time left
// (computed where the progress arrives: see importActions.ts).
import type { ImportProgress } from '../../train/protocol.ts';
import { formatBytes, formatCount } from './format.ts';

function amount(p: ImportProgress): string {
  if (p.unit === 'bytes') return `${formatBytes(p.done)} of ${formatBytes(p.total)}`;
  return `${formatCount(p.done)} of ${formatCount(p.total)} ${p.unit}`;
}

export function ProgressBar({ progress, fallback, testId, eta = '' }: { progress: ImportProgress | null; fallback: string; testId: string; eta?: string }) {
  const share = progress === null || progress.total === 0 ? null : Math.min(1, progress.done / progress.total);
  return (
    <div className="import-progress" data-testid={testId}>
      <div className="import-progress-text">
        <span>{progress?.label ?? fallback}</span>
        <span className="muted small">{[progress === null ? '' : amount(progress), eta].filter((s) => s !== '').join(' · ')}</span>
      </div>
      <div
        className={`import-progress-track${share === null ? ' is-indeterminate' : ''}`}
        role="progressbar"
        aria-label={progress?.label ?? fallback}
        aria-valuemin={0}
        aria-valuemax={100}
        {...(share === null ? {} : { 'aria-valuenow': Math.round(share * 100) })}
      >
        <div className="import-progress-fill" style={share === null ? undefined : { width: `${share * 100}%` }} />
      </div>
    </div>
  );
}
