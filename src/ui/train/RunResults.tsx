// After training: the validation confusion matrix with per-class accuracy, and the modality ablation.
import { selectRunEvaluation } from '../../store/index.ts';
import type { AppState } from '../../store/index.ts';
import type { EarlyStop } from '../../train/trainingProtocol.ts';
import { useAppStore } from '../hooks/useAppStore.ts';
import { AblationBars } from './AblationBars.tsx';
import { ConfusionMatrix } from './ConfusionMatrix.tsx';

const selectEarlyStop = (s: AppState): EarlyStop | null => (s.run.phase === 'done' ? (s.run.record?.earlyStop ?? null) : null);

export function RunResults() {
  const evaluation = useAppStore(selectRunEvaluation);
  const earlyStop = useAppStore(selectEarlyStop);
  if (evaluation === null) return null;
  const val = evaluation.metrics.validation;
  return (
    <div className="train-results">
      <h3 className="train-subhead">
        Validation{val ? <span className="muted"> · {val.samples} samples</span> : null}
      </h3>
      <ConfusionMatrix classes={evaluation.classes} confusion={evaluation.confusion} perClass={evaluation.perClass} />
      {earlyStop !== null && (
        <p className="muted small">
          Early stopping after epoch {earlyStop.epoch}; the weights of epoch {earlyStop.bestEpoch} were restored.
        </p>
      )}
      <h3 className="train-subhead">What each modality contributes</h3>
      <AblationBars full={val?.accuracy ?? null} rows={evaluation.ablation} />
    </div>
  );
}
