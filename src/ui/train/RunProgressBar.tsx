// The progress bar: phase, epoch, batch, throughput and ETA. Reads the run slice, whose progress
// the worker's batches reach a few times a second (runSync.ts), never per batch.
import { selectArena, selectRun } from '../../store/index.ts';
import type { ArenaState, RunState } from '../../store/index.ts';
import { useAppStore } from '../hooks/useAppStore.ts';
import { formatDuration, formatRate } from './format.ts';
import { STRATEGY_TITLES } from './strategies.ts';

interface View {
  readonly label: string;
  readonly detail: string;
  /** 0..1, or null for an indeterminate bar. */
  readonly fraction: number | null;
  readonly tone: 'idle' | 'busy' | 'paused' | 'ok' | 'stopped' | 'error';
}

function variantLabel(arena: ArenaState | null): string {
  const v = arena?.current;
  return v ? ` · ${STRATEGY_TITLES[v.strategy]} (${v.index + 1} of ${v.total})` : '';
}

export function progressView(run: RunState, arena: ArenaState | null): View {
  switch (run.phase) {
    case 'idle':
      return { label: 'Ready', detail: 'Press Train to start.', fraction: 0, tone: 'idle' };
    case 'compiling':
      return { label: run.pending === 'stop' ? 'Stopping…' : 'Compiling…', detail: 'Building the model and binding the dataset.', fraction: null, tone: 'busy' };
    case 'choosing-backend':
      return { label: 'Choosing the backend…', detail: run.backend.message ?? 'Timing a few training steps on each backend.', fraction: null, tone: 'busy' };
    case 'training':
    case 'paused':
    case 'evaluating': {
      const p = run.progress;
      const fraction = p.epochs > 0 && p.batches > 0 ? Math.min(1, (p.epoch - 1 + p.batch / p.batches) / p.epochs) : null;
      const parts = [`Epoch ${p.epoch}/${p.epochs || '?'}`, p.batches > 0 ? `batch ${p.batch}/${p.batches}` : 'starting…'];
      if (p.samplesPerSec !== null) parts.push(`${formatRate(p.samplesPerSec)} samples/s`);
      if (run.phase !== 'evaluating' && p.etaSeconds !== null) parts.push(`ETA ${formatDuration(p.etaSeconds)}`);
      const arenaPart = run.mode === 'arena' ? variantLabel(arena) : '';
      const label =
        run.phase === 'evaluating'
          ? 'Evaluating…'
          : run.phase === 'paused'
            ? run.pending === 'resume' ? 'Resuming…' : 'Paused'
            : run.pending === 'pause' ? 'Pausing…' : run.pending === 'stop' ? 'Stopping…' : 'Training';
      return { label, detail: parts.join(' · ') + arenaPart, fraction: run.phase === 'evaluating' ? 1 : fraction, tone: run.phase === 'paused' ? 'paused' : 'busy' };
    }
    case 'done':
      return { label: 'Done', detail: `Finished in ${formatDuration((run.finishedAt - run.startedAt) / 1000)}.`, fraction: 1, tone: 'ok' };
    case 'stopped':
      return { label: 'Stopped', detail: run.message ?? 'Stopped; the model and its memory were released.', fraction: null, tone: 'stopped' };
    case 'error':
      return { label: 'Failed', detail: 'See the message below.', fraction: null, tone: 'error' };
  }
}

export function RunProgressBar() {
  const run = useAppStore(selectRun);
  const arena = useAppStore(selectArena);
  const view = progressView(run, arena);
  const pct = view.fraction === null ? null : Math.round(view.fraction * 100);
  return (
    <div className={`run-progress is-${view.tone}`} data-testid="run.progress" data-phase={run.phase}>
      <div className="run-progress-text">
        <strong className="run-progress-label">{view.label}</strong>
        <span className="run-progress-detail">{view.detail}</span>
      </div>
      <div
        className={`run-progress-track${pct === null && view.tone === 'busy' ? ' is-indeterminate' : ''}`}
        role="progressbar"
        aria-label="Training progress"
        aria-valuemin={0}
        aria-valuemax={100}
        {...(pct === null ? {} : { 'aria-valuenow': pct })}
        aria-valuetext={`${view.label}. ${view.detail}`}
      >
        <div className="run-progress-fill" style={{ width: `${pct ?? (view.tone === 'busy' ? 30 : 0)}%` }} />
      </div>
    </div>
  );
}
