// The Fusion arena tab: one button trains the dataset with every fusion strategy in turn (same
// splits, seed and settings) and the leaderboard fills row by row; the current variant's curves
// on the right.
import { selectArena, selectArenaStrategies, selectRunActive, selectRunMode, selectTrainBlocker, selectTraining } from '../../store/index.ts';
import { useAppStore } from '../hooks/useAppStore.ts';
import { ArenaLeaderboard } from './ArenaLeaderboard.tsx';
import { formatDuration } from './format.ts';
import { MetricChart } from './MetricChart.tsx';
import { RunProgressBar } from './RunProgressBar.tsx';
import { startArena, stopRun } from './runActions.ts';
import { ArenaStrategies } from './ArenaStrategies.tsx';

export function ArenaPanel() {
  const arena = useAppStore(selectArena);
  const blocker = useAppStore(selectTrainBlocker);
  const active = useAppStore(selectRunActive);
  const mode = useAppStore(selectRunMode);
  const training = useAppStore(selectTraining);
  const running = active && mode === 'arena' && arena?.status === 'running';
  const strategies = useAppStore(selectArenaStrategies);
  const count = strategies.length;
  const reason = blocker ?? (count < 2 ? 'Choose at least two strategies to compare.' : null);
  return (
    <div className="arena-panel" data-testid="arena.panel">
      <div className="arena-main">
        <div className="arena-bar">
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => startArena(strategies)}
            disabled={reason !== null}
            title={reason ?? `Train the dataset with each of the ${count} strategies below, ${training.epochs} epochs each`}
            data-testid="arena.start"
          >
            Run arena
          </button>
          <button type="button" className="btn" onClick={stopRun} disabled={!running} data-testid="arena.stop">
            Stop arena
          </button>
          <p className="arena-caption muted small">
            Same dataset, splits, seed and settings for every strategy: {training.epochs} epochs each, batch {training.batchSize}.
            {arena && arena.finishedAt !== null && (
              <>
                {' '}
                Last arena: {arena.status} in {formatDuration((arena.finishedAt - arena.startedAt) / 1000)}.
              </>
            )}
          </p>
        </div>
        <ArenaStrategies disabled={running} />
        {arena?.message && <p className="run-error-message arena-message">{arena.message}</p>}
        <div className="arena-table-wrap">
          {arena === null ? (
            <p className="muted arena-empty">
              Run the arena to compare early, intermediate and late fusion, attention, tensor, low-rank and gated fusion on your dataset. The
              leaderboard fills in as each strategy finishes.
            </p>
          ) : (
            <ArenaLeaderboard arena={arena} />
          )}
        </div>
      </div>
      <aside className="arena-side">
        {running || mode === 'arena' ? <RunProgressBar /> : null}
        <MetricChart metric="accuracy" />
      </aside>
    </div>
  );
}
