// The run buttons in the top bar: Train (enabled when the graph has no errors and a dataset is
// chosen; otherwise its tooltip says why), and while a run is on, Pause / Resume and Stop.
import { selectRunMode, selectRunPending, selectRunPhase, selectTrainBlocker } from '../../store/index.ts';
import { useAppStore } from '../hooks/useAppStore.ts';
import { ExportMenu } from './ExportMenu.tsx';
import { pauseRun, resumeRun, startTraining, stopRun } from './runActions.ts';

export function RunControls() {
  const blocker = useAppStore(selectTrainBlocker);
  const phase = useAppStore(selectRunPhase);
  const mode = useAppStore(selectRunMode);
  const pending = useAppStore(selectRunPending);
  const active = phase === 'compiling' || phase === 'choosing-backend' || phase === 'training' || phase === 'paused' || phase === 'evaluating';
  const canPause = active && mode === 'train' && phase === 'training' && pending === null;
  return (
    <div className="run-controls" role="group" aria-label="Run">
      {active && mode === 'train' && (phase === 'paused' ? (
        <button type="button" className="btn" onClick={resumeRun} disabled={pending !== null} data-testid="toolbar.resume" title="Continue training from where it paused">
          Resume
        </button>
      ) : (
        <button type="button" className="btn" onClick={pauseRun} disabled={!canPause} data-testid="toolbar.pause" title="Pause after the current batch (the model and optimizer are kept)">
          Pause
        </button>
      ))}
      {active && (
        <button type="button" className="btn btn-danger-solid" onClick={stopRun} disabled={pending === 'stop'} data-testid="toolbar.stop" title={mode === 'arena' ? 'Stop the fusion arena (the rows so far stay)' : 'Stop training and free its memory'}>
          Stop
        </button>
      )}
      <ExportMenu />
      <span className="run-train-wrap" title={blocker ?? 'Train this graph on the chosen dataset with the Training tab’s settings'}>
        <button
          type="button"
          className="btn btn-primary"
          onClick={startTraining}
          disabled={blocker !== null}
          aria-describedby={blocker !== null ? 'train-blocker' : undefined}
          data-testid="toolbar.train"
          title={blocker ?? 'Train this graph on the chosen dataset with the Training tab’s settings'}
        >
          Train
        </button>
      </span>
      {blocker !== null && (
        <span id="train-blocker" className="visually-hidden">
          {blocker}
        </span>
      )}
    </div>
  );
}
