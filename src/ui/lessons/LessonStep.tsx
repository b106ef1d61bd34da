// One step of a lesson: its title and status; when it is the step in front, the instruction, the
// action buttons, and what the check found (confirmed, still to do, or different, with the reasons).
import { stepActions } from '../../graph/lessons/index.ts';
import type { CheckResult, Lesson, LessonStep as Step, StepStatus } from '../../graph/lessons/index.ts';
import { selectDataStatus, selectRunActive, selectTrainBlocker } from '../../store/index.ts';
import { actions, useAppStore } from '../hooks/useAppStore.ts';
import { actionLabel, hasButton, performAction } from './lessonActions.ts';

const STATUS_TEXT: Record<StepStatus, string> = {
  pass: 'done',
  differs: 'differs from the lesson',
  waiting: 'to do',
  manual: 'read',
};

function StatusMark({ status, index }: { status: StepStatus; index: number }) {
  return (
    <span className={`lesson-mark is-${status}`} aria-hidden="true">
      {status === 'pass' ? '✓' : status === 'differs' ? '!' : index + 1}
    </span>
  );
}

function ActionButtons({ lesson, step }: { lesson: Lesson; step: Step }) {
  const runActive = useAppStore(selectRunActive);
  const trainBlocker = useAppStore(selectTrainBlocker);
  const list = stepActions(step).filter(hasButton);
  if (list.length === 0) return null;
  const blockerOf = (type: string): string | null => (type === 'train' || type === 'arena' ? (runActive ? 'A run is in progress.' : trainBlocker) : null);
  const blockers = [...new Set(list.map((a) => blockerOf(a.type)).filter((b): b is string => b !== null))];
  return (
    <div className="lesson-actions">
      <div className="lesson-action-row">
        {list.map((a, j) => {
          const blocked = blockerOf(a.type);
          const primary = a.type === 'train' || a.type === 'arena';
          return (
            <button
              key={j}
              type="button"
              className={`btn ${primary ? 'btn-primary' : ''}`}
              disabled={blocked !== null}
              title={blocked ?? undefined}
              onClick={() => performAction(a)}
              data-testid={`lesson.action.${a.type}`}
            >
              {actionLabel(a, lesson)}
            </button>
          );
        })}
      </div>
      {blockers.length > 0 && !runActive && <p className="lesson-blocker">{blockers.join(' ')}</p>}
    </div>
  );
}

function FitButton() {
  const data = useAppStore(selectDataStatus);
  const ready = data.state === 'ready';
  return (
    <button
      type="button"
      className="btn btn-small"
      disabled={!ready}
      title={ready ? 'Set the inputs’ shapes and the classifiers’ classes from the dataset' : 'Wait for the dataset to load'}
      onClick={() => (data.state === 'ready' ? actions().fitGraphToData(data.info) : undefined)}
      data-testid="lesson.fit"
    >
      Fit to data
    </button>
  );
}

export function CheckView({ result, step, earlier }: { result: CheckResult; step: Step; earlier: boolean }) {
  if (earlier) {
    return (
      <div className="lesson-check is-pass" role="status" data-testid="lesson.check" data-status="pass">
        <p className="lesson-check-title">{step.success}</p>
        <p className="lesson-check-message">Done earlier; the graph has changed since.</p>
      </div>
    );
  }
  const title = result.status === 'pass' ? step.success : result.status === 'differs' ? 'Your result differs from the lesson' : result.message;
  return (
    <div className={`lesson-check is-${result.status}`} role="status" data-testid="lesson.check" data-status={result.status}>
      <p className="lesson-check-title">{title}</p>
      {result.status === 'differs' && <p className="lesson-check-message">{result.message}</p>}
      {result.needsFit === true && <FitButton />}
      {result.details.length > 0 && (
        <ul className="lesson-check-details">
          {result.details.map((d, i) => (
            <li key={i} className={d.ok === null ? 'is-unknown' : d.ok ? 'is-ok' : 'is-bad'}>
              <span aria-hidden="true">{d.ok === null ? '–' : d.ok ? '✓' : '✗'}</span> {d.text}
            </li>
          ))}
        </ul>
      )}
      {result.reasons.length > 0 && (
        <div className="lesson-reasons" data-testid="lesson.reasons">
          <p className="lesson-reasons-title">Why it may differ</p>
          <ul>
            {result.reasons.map((r, i) => (
              <li key={i}>
                {r.found !== undefined && <strong>{r.found} </strong>}
                {r.text}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

interface Props {
  readonly lesson: Lesson;
  readonly step: Step;
  readonly index: number;
  readonly status: StepStatus;
  readonly check: CheckResult | null;
  /** Passed earlier; the check no longer holds because the graph moved on. */
  readonly earlier: boolean;
  readonly current: boolean;
}

export function LessonStepView({ lesson, step, index, status, check, earlier, current }: Props) {
  return (
    <li className={`lesson-step is-${status}${current ? ' is-current' : ''}`} data-testid={`lesson.step.${index}`} data-status={status} aria-current={current ? 'step' : undefined}>
      <button type="button" className="lesson-step-head" onClick={() => actions().setLessonStep(index)} aria-expanded={current}>
        <StatusMark status={status} index={index} />
        <span className="lesson-step-title">{step.title}</span>
        <span className="visually-hidden">, {STATUS_TEXT[status]}</span>
      </button>
      {current && (
        <div className="lesson-step-body">
          <p className="lesson-instruction">{step.instruction}</p>
          <ActionButtons lesson={lesson} step={step} />
          {check !== null && <CheckView result={check} step={step} earlier={earlier} />}
        </div>
      )}
    </li>
  );
}
