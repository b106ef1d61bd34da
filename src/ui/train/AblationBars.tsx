// Modality ablation: validation accuracy with each modality removed (its input zeroed), next to
// the full model's, and what each modality contributes (full − without it).
import type { AblationRow } from '../../train/trainingProtocol.ts';
import { formatAcc, formatDelta } from './format.ts';

interface Props {
  readonly full: number | null;
  readonly rows: readonly AblationRow[];
}

export function AblationBars({ full, rows }: Props) {
  if (rows.length === 0) {
    return (
      <p className="muted small" data-testid="run.ablation">
        No ablation: the model reads a single modality.
      </p>
    );
  }
  const pct = (x: number | null): string => `${Math.round(Math.max(0, Math.min(1, x ?? 0)) * 100)}%`;
  return (
    <div className="ablation" data-testid="run.ablation">
      <div className="ablation-row is-full">
        <span className="ablation-name">all modalities</span>
        <span className="ablation-track">
          <span className="ablation-bar is-full" style={{ width: pct(full) }} />
        </span>
        <span className="ablation-value">{formatAcc(full)}</span>
        <span className="ablation-delta" />
      </div>
      {rows.map((r) => (
        <div className="ablation-row" key={r.modality} data-testid={`run.ablation.${r.modality}`}>
          <span className="ablation-name" title={`Validation accuracy with ${r.modality} removed`}>
            without {r.modality}
          </span>
          <span className="ablation-track">
            <span className="ablation-bar" style={{ width: pct(r.accuracy) }} />
            {full !== null && full > r.accuracy && (
              <span className="ablation-gap" style={{ left: pct(r.accuracy), width: pct(full - r.accuracy) }} title={`${r.modality} adds ${formatDelta(r.contribution)}`} />
            )}
            {full !== null && <span className="ablation-ref" style={{ left: pct(full) }} />}
          </span>
          <span className="ablation-value">{formatAcc(r.accuracy)}</span>
          <span
            className={`ablation-delta ${r.contribution > 0.005 ? 'is-pos' : r.contribution < -0.005 ? 'is-neg' : ''}`}
            title={`${r.modality} contributes ${formatDelta(r.contribution)} accuracy`}
          >
            {formatDelta(r.contribution)}
          </span>
        </div>
      ))}
    </div>
  );
}
