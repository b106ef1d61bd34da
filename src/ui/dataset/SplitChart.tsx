// Split sizes and the class balance of each split, as a small stacked bar chart.
import type { DatasetInfo } from '../../graph/dataset.ts';
import { formatInteger } from '../theme.ts';

const SPLITS = [
  ['train', 'Train'],
  ['validation', 'Validation'],
  ['test', 'Test'],
] as const;

export function SplitChart({ info }: { info: DatasetInfo }) {
  const totals = info.classes.map((_, c) => SPLITS.reduce((a, [s]) => a + (info.classCounts[s][c] ?? 0), 0));
  const max = Math.max(1, ...totals);
  return (
    <div className="data-splits">
      <dl className="data-split-sizes" data-testid="data.splits">
        {SPLITS.map(([s, title]) => (
          <div key={s} className={`is-${s}`}>
            <dt>{title}</dt>
            <dd data-testid={`data.splits.${s}`}>{formatInteger(info.splits[s])}</dd>
          </div>
        ))}
      </dl>
      <figure className="data-balance" data-testid="data.classBalance" aria-label="Class balance per split">
        <figcaption>Class balance</figcaption>
        {info.classes.map((name, c) => (
          <div key={name} className="data-balance-row" title={SPLITS.map(([s, t]) => `${t} ${info.classCounts[s][c] ?? 0}`).join(' · ')}>
            <span className="data-balance-name">{name}</span>
            <span className="data-balance-track">
              {SPLITS.map(([s]) => (
                <span key={s} className={`data-balance-bar is-${s}`} style={{ width: `${((info.classCounts[s][c] ?? 0) / max) * 100}%` }} />
              ))}
            </span>
            <span className="data-balance-count">{formatInteger(totals[c] ?? 0)}</span>
          </div>
        ))}
      </figure>
      <p className="data-split-note muted small">{info.splitNote}</p>
    </div>
  );
}
