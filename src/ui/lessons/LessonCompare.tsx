// The comparison view: the newest of your runs for each run the lesson names, side by side
// (accuracy, test accuracy, worst missing modality, parameters, time per epoch).
import { formatCount } from '../../graph/index.ts';
import { formatPercent, lessonMetrics, runMatches } from '../../graph/lessons/index.ts';
import type { Lesson, LessonRun } from '../../graph/lessons/index.ts';
import { selectCatalogue, selectLessonRuns, selectRunAttention } from '../../store/index.ts';
import { useAppStore } from '../hooks/useAppStore.ts';

interface Row {
  readonly key: string;
  readonly label: string;
  readonly run: LessonRun;
}

const pct = (x: number | null): string => (x === null ? '–' : formatPercent(x));

export function LessonCompare({ lesson }: { lesson: Lesson }) {
  const runs = useAppStore(selectLessonRuns);
  const attention = useAppStore(selectRunAttention);
  const catalogue = useAppStore(selectCatalogue);
  const dataset = catalogue?.find((d) => d.id === lesson.dataset.id);
  const newest = [...runs].sort((a, b) => b.finishedAt - a.finishedAt);
  const rows: Row[] = Object.entries(lesson.runs ?? {}).flatMap(([key, ref]) => {
    const run = newest.find((r) => r.status === 'done' && runMatches(r, ref, lesson, dataset));
    return run === undefined ? [] : [{ key, label: ref.label.replace(/ run$/, ''), run }];
  });
  if (rows.length === 0) return null;
  const metrics = lessonMetrics(lesson);
  const test = (metrics.has('testAccuracy') || metrics.has('gap')) && rows.some((r) => r.run.testAccuracy !== null);
  const worst = (r: LessonRun): number | null => (r.ablation.length === 0 ? null : Math.min(...r.ablation.map((a) => a.accuracy)));
  const ablation = (metrics.has('worstWithout') || metrics.has('accuracyWithout') || metrics.has('drop')) && rows.some((r) => worst(r.run) !== null);
  return (
    <section className="lesson-compare" aria-labelledby="lesson-compare-title" data-testid="lesson.compare">
      <h3 id="lesson-compare-title">Your runs side by side</h3>
      <div className="lesson-compare-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col" title="Validation accuracy">
                Val
              </th>
              {test && (
                <th scope="col" title="Test accuracy">
                  Test
                </th>
              )}
              {ablation && (
                <th scope="col" title="Validation accuracy with the worst missing modality">
                  Missing
                </th>
              )}
              <th scope="col">Params</th>
              <th scope="col" title="Seconds per epoch">
                s/ep
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ key, label, run }) => (
              <tr key={key} data-testid={`lesson.compare.${key}`} data-val-acc={run.valAccuracy ?? ''}>
                <th scope="row" title={run.title}>
                  {label}
                </th>
                <td>{pct(run.valAccuracy)}</td>
                {test && <td>{pct(run.testAccuracy)}</td>}
                {ablation && <td>{pct(worst(run))}</td>}
                <td>{formatCount(run.paramCount)}</td>
                <td>{run.secondsPerEpoch.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.some((r) => r.run.attention !== undefined) && (
        <ul className="lesson-attention">
          {rows.flatMap(({ key, label, run }) =>
            run.attention === undefined
              ? []
              : [
                  <li key={key}>
                    <span className="lesson-attention-label">Attention weights in the {label} run (start → end)</span>
                    {Object.entries(run.attention).map(([m, w]) => {
                      const start = attention[run.runId]?.first[m];
                      return (
                      <span key={m} className="lesson-attention-bar" title={`${m}: ${formatPercent(w)}${start === undefined ? '' : ` (at the start: ${formatPercent(start)})`}`}>
                        <span className="lesson-attention-name">{m}</span>
                        <span className="lesson-attention-track">
                          <span className="lesson-attention-fill" style={{ width: `${Math.round(w * 100)}%` }} />
                        </span>
                        <span className="lesson-attention-value">
                          {start === undefined ? '' : `${formatPercent(start)} → `}
                          {formatPercent(w)}
                        </span>
                      </span>
                      );
                    })}
                  </li>,
                ],
          )}
        </ul>
      )}
    </section>
  );
}
