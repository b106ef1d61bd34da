// The list of lessons: the built-in ones in teaching order, and a teacher's own from a file.
import { useRef } from 'react';
import type { ChangeEvent } from 'react';
import { BUILTIN_LESSONS } from '../../graph/lessons/index.ts';
import { selectCatalogue } from '../../store/index.ts';
import { actions, useAppStore } from '../hooks/useAppStore.ts';
import { beginLesson, openLessonFile } from './lessonActions.ts';

export function LessonList() {
  const catalogue = useAppStore(selectCatalogue);
  const file = useRef<HTMLInputElement>(null);
  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    e.target.value = '';
    if (f !== undefined) void openLessonFile(f);
  };
  return (
    <>
      <div className="lessons-header">
        <h2>Lessons</h2>
        <button type="button" className="lessons-close" onClick={() => actions().closeLessons()} aria-label="Close the lessons" title="Close the lessons" data-testid="lesson.close">
          ×
        </button>
      </div>
      <div className="lessons-scroll">
        <p className="lessons-intro">
          Guided experiments on fusion. Each lesson loads a model and its data, tells you what to try, and checks the result against your own runs.
        </p>
        <ol className="lesson-list" data-testid="lesson.list">
          {BUILTIN_LESSONS.map((l, i) => (
            <li key={l.id}>
              <button type="button" className="lesson-card" onClick={() => void beginLesson(l, 'builtin')} data-testid={`lesson.item.${l.id}`}>
                <span className="lesson-card-number" aria-hidden="true">
                  {i + 1}
                </span>
                <span className="lesson-card-body">
                  <span className="lesson-card-title">{l.title}</span>
                  <span className="lesson-card-summary">{l.summary}</span>
                  <span className="lesson-card-meta">
                    {catalogue?.find((d) => d.id === l.dataset.id)?.title ?? l.dataset.id}
                    {l.minutes !== undefined ? ` · about ${l.minutes} min` : ''}
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ol>
        <div className="lessons-own">
          <button type="button" className="btn" onClick={() => file.current?.click()} data-testid="lesson.openFile">
            Open a lesson file…
          </button>
          <input ref={file} type="file" accept=".json,.lesson.json" hidden onChange={onFile} aria-label="Open lesson file" data-testid="lesson.file" />
          <p className="muted small">Teachers can write their own lessons as .lesson.json files (the format is in docs/lessons.md) and share them by link.</p>
        </div>
      </div>
    </>
  );
}
