// The lesson being followed: its goal, the steps (the one in front open, each checked against the
// learner's graph and runs), the comparison of their runs, and, once every checked step holds, what
// they saw and why.
import { useState } from 'react';
import { BUILTIN_LESSONS } from '../../graph/lessons/index.ts';
import type { Lesson } from '../../graph/lessons/index.ts';
import { selectActiveLesson, selectLessonSteps } from '../../store/index.ts';
import type { LessonSource } from '../../store/index.ts';
import { actions, useAppStore } from '../hooks/useAppStore.ts';
import { copyText } from '../projectActions.ts';
import { LessonCompare } from './LessonCompare.tsx';
import { LessonStepView } from './LessonStep.tsx';
import { lessonUrl } from './lessonActions.ts';

function ShareBox({ lesson, source, onClose }: { lesson: Lesson; source: LessonSource; onClose: () => void }) {
  let url: string;
  try {
    url = lessonUrl(lesson, source);
  } catch (error) {
    return (
      <div className="lesson-share" role="alert">
        <p className="text-error small">{error instanceof Error ? error.message : String(error)}</p>
        <button type="button" className="btn btn-small" onClick={onClose}>
          Close
        </button>
      </div>
    );
  }
  return (
    <div className="lesson-share" data-testid="lesson.shareBox">
      <label htmlFor="lesson-share-url" className="small">
        {source === 'builtin' ? 'A link to this lesson:' : 'A link that carries this whole lesson:'}
      </label>
      <input id="lesson-share-url" readOnly value={url} onFocus={(e) => e.currentTarget.select()} data-testid="lesson.shareUrl" />
      <div className="lesson-share-actions">
        <button
          type="button"
          className="btn btn-small"
          onClick={() => void copyText(url).then((ok) => actions().pushToast(ok ? 'success' : 'info', ok ? 'Lesson link copied.' : 'Copying was not allowed: select the link and copy it.'))}
        >
          Copy
        </button>
        <button type="button" className="btn btn-small" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}

function Summary({ lesson, complete }: { lesson: Lesson; complete: boolean }) {
  return (
    <section className={`lesson-summary${complete ? ' is-complete' : ''}`} aria-labelledby="lesson-summary-title" data-testid="lesson.summary" data-complete={complete}>
      <h3 id="lesson-summary-title">{complete ? 'Lesson complete' : 'What you should see'}</h3>
      <p>{lesson.observation}</p>
      <h4>Why</h4>
      <p>{lesson.explanation}</p>
      {lesson.references !== undefined && lesson.references.length > 0 && (
        <>
          <h4>Read more</h4>
          <ul className="lesson-references">
            {lesson.references.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function LessonView() {
  const active = useAppStore(selectActiveLesson);
  const results = useAppStore(selectLessonSteps);
  const [sharing, setSharing] = useState(false);
  if (active === null) return null;
  const { lesson, step, source } = active;
  const number = source === 'builtin' ? BUILTIN_LESSONS.findIndex((l) => l.id === lesson.id) + 1 : 0;
  const checked = results.filter((r) => r.status !== 'manual');
  const complete = checked.length > 0 && checked.every((r) => r.status === 'pass');
  const done = results.filter((r) => r.status === 'pass').length;
  const last = step === lesson.steps.length - 1;
  const current = results[step];

  return (
    <>
      <div className="lessons-header">
        <button type="button" className="lessons-back" onClick={() => actions().leaveLesson()} data-testid="lesson.back" title="Back to the list of lessons">
          ‹ Lessons
        </button>
        <div className="lessons-header-actions">
          <button type="button" className="btn btn-small" onClick={() => setSharing((x) => !x)} data-testid="lesson.share" aria-expanded={sharing}>
            Share link
          </button>
          <button type="button" className="lessons-close" onClick={() => actions().closeLessons()} aria-label="Close the lessons" title="Close the lessons (the lesson stays open)" data-testid="lesson.close">
            ×
          </button>
        </div>
      </div>
      {sharing && <ShareBox lesson={lesson} source={source} onClose={() => setSharing(false)} />}
      <div className="lessons-scroll">
        <p className="lesson-kicker">{number > 0 ? `Lesson ${number}` : source === 'file' ? 'Lesson from a file' : 'Shared lesson'}</p>
        <h2 className="lesson-title" data-testid="lesson.title">
          {lesson.title}
        </h2>
        <p className="lesson-goal">{lesson.goal}</p>
        <div className="lesson-progress" aria-label={`${done} of ${lesson.steps.length} steps done`}>
          <div className="lesson-progress-track">
            <div className="lesson-progress-fill" style={{ width: `${(100 * done) / lesson.steps.length}%` }} />
          </div>
          <span data-testid="lesson.progress">
            {done}/{lesson.steps.length} done
          </span>
        </div>
        <ol className="lesson-steps">
          {lesson.steps.map((s, i) => (
            <LessonStepView
              key={i}
              lesson={lesson}
              step={s}
              index={i}
              status={results[i]?.status ?? 'waiting'}
              check={results[i]?.check ?? null}
              earlier={results[i]?.earlier ?? false}
              current={i === step}
            />
          ))}
        </ol>
        <div className="lesson-nav">
          <button type="button" className="btn" disabled={step === 0} onClick={() => actions().setLessonStep(step - 1)} data-testid="lesson.prev">
            Back
          </button>
          {!last && (
            <button
              type="button"
              className={`btn${current?.status === 'pass' || current?.status === 'manual' ? ' btn-primary' : ''}`}
              onClick={() => actions().setLessonStep(step + 1)}
              data-testid="lesson.next"
            >
              Next step
            </button>
          )}
        </div>
        <LessonCompare lesson={lesson} />
        {(complete || last) && <Summary lesson={lesson} complete={complete} />}
      </div>
    </>
  );
}
