// The validation confusion matrix as a heatmap (rows: true class, columns: predicted), with the
// counts in the cells and each class's accuracy at the end of its row.
import type { CSSProperties } from 'react';
import { formatAcc } from './format.ts';

interface Props {
  readonly classes: readonly string[];
  /** confusion[true][predicted] */
  readonly confusion: readonly (readonly number[])[];
  readonly perClass: readonly (number | null)[];
}

/** Cell colour: the share of the true class's samples, blue for the diagonal, orange off it. */
function cellStyle(share: number, diagonal: boolean): CSSProperties {
  const a = share <= 0 ? 0 : 0.08 + 0.85 * share;
  const rgb = diagonal ? '59, 111, 224' : '224, 112, 27';
  return { background: `rgba(${rgb}, ${a.toFixed(3)})`, color: a > 0.55 ? '#fff' : 'var(--text)' };
}

export function ConfusionMatrix({ classes, confusion, perClass }: Props) {
  const k = confusion.length;
  const cols = `fit-content(92px) repeat(${k}, minmax(30px, 1fr)) minmax(52px, max-content)`;
  return (
    <div className="confusion" data-testid="run.confusion">
      <div className="confusion-grid" style={{ gridTemplateColumns: cols }} role="table" aria-label="Confusion matrix on the validation split">
        <div role="row" className="confusion-row">
          <span role="columnheader" className="confusion-corner" title="Rows: the true class. Columns: the predicted class.">
            true ↓ · predicted →
          </span>
          {classes.slice(0, k).map((c) => (
            <span role="columnheader" key={c} className="confusion-col" title={c}>
              {c}
            </span>
          ))}
          <span role="columnheader" className="confusion-col is-acc">
            accuracy
          </span>
        </div>
        {confusion.map((row, t) => {
          const total = row.reduce((a, b) => a + b, 0);
          const name = classes[t] ?? `class ${t}`;
          return (
            <div role="row" className="confusion-row" key={name}>
              <span role="rowheader" className="confusion-rowhead" title={name}>
                {name}
              </span>
              {row.map((n, p) => (
                <span
                  role="cell"
                  key={p}
                  className="confusion-cell"
                  style={cellStyle(total > 0 ? n / total : 0, p === t)}
                  title={`${n} of ${total} “${name}” predicted as “${classes[p] ?? p}”`}
                  data-testid={`run.confusion.cell.${t}.${p}`}
                >
                  {n}
                </span>
              ))}
              <span role="cell" className="confusion-acc">
                <span className="confusion-acc-bar" style={{ width: `${Math.round((perClass[t] ?? 0) * 100)}%` }} />
                <span className="confusion-acc-value">{formatAcc(perClass[t] ?? null)}</span>
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
