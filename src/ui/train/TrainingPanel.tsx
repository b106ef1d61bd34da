// The Training tab of the dock: settings on the left; progress, backend, memory, messages and the
// live curves in the middle; the validation results on the right once a run has finished.
import { selectRunEvaluation } from '../../store/index.ts';
import type { AppState } from '../../store/index.ts';
import { useAppStore } from '../hooks/useAppStore.ts';
import { BackendLine } from './BackendLine.tsx';
import { MemoryLine } from './MemoryLine.tsx';
import { MetricChart } from './MetricChart.tsx';
import { MetricsText } from './MetricsText.tsx';
import { RunResults } from './RunResults.tsx';
import { FallbackNotice, RunError } from './RunNotices.tsx';
import { RunProgressBar } from './RunProgressBar.tsx';
import { TrainingSettings } from './TrainingSettings.tsx';

const selectHasResults = (s: AppState): boolean => selectRunEvaluation(s) !== null;

export function TrainingPanel() {
  const hasResults = useAppStore(selectHasResults);
  return (
    <div className={`train-panel${hasResults ? ' has-results' : ''}`} data-testid="train.panel">
      <TrainingSettings />
      <div className="train-main">
        <RunProgressBar />
        <div className="run-lines">
          <BackendLine />
          <MemoryLine />
        </div>
        <MetricsText />
        <RunError />
        <FallbackNotice />
        <div className="train-charts">
          <MetricChart metric="loss" />
          <MetricChart metric="accuracy" />
        </div>
      </div>
      {hasResults && <RunResults />}
    </div>
  );
}
