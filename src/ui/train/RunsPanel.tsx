// The Runs tab: the run history on the left, two picked runs compared on the right.
import { selectRunHistory } from '../../store/index.ts';
import type { AppState } from '../../store/index.ts';
import { actions, useAppStore } from '../hooks/useAppStore.ts';
import { RunCompare } from './RunCompare.tsx';
import { RunHistoryList } from './RunHistoryList.tsx';

const selectCount = (s: AppState): number => selectRunHistory(s).length;

export function RunsPanel() {
  const count = useAppStore(selectCount);
  return (
    <div className="runs-panel" data-testid="runs.panel">
      <div className="runs-left">
        <div className="runs-bar">
          <span className="muted small">
            {count} {count === 1 ? 'run' : 'runs'} kept in this browser
          </span>
          <button type="button" className="btn btn-small" onClick={() => actions().clearRunHistory()} disabled={count === 0}>
            Clear history
          </button>
        </div>
        <RunHistoryList />
      </div>
      <RunCompare />
    </div>
  );
}
