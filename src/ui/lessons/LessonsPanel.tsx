// The lessons column, left of the palette: the list of lessons, or the lesson being followed.
// Mounted once in App: it also follows lesson links (#lesson=…), records the attention weights of
// runs for the lesson checks, and remembers steps as done, whether the panel is open or not.
import { useEffect } from 'react';
import { appStore, selectActiveLesson, selectLessonsOpen, selectNewlyPassed } from '../../store/index.ts';
import { useAppStore } from '../hooks/useAppStore.ts';
import { onTrainingMessage } from '../train/trainingClient.ts';
import { captureAttention } from './attentionCapture.ts';
import { openLessonFromHash } from './lessonActions.ts';
import { LessonList } from './LessonList.tsx';
import { LessonView } from './LessonView.tsx';
import './lessons.css';

function useLessonSync(): void {
  useEffect(() => onTrainingMessage(captureAttention, () => undefined), []);
  // A step counts as done once its check has passed, even when the graph moves on afterwards.
  useEffect(
    () =>
      appStore.subscribe((s) => {
        const newly = selectNewlyPassed(s);
        if (newly.length > 0) s.markLessonStepsPassed(newly);
      }),
    [],
  );
  useEffect(() => {
    openLessonFromHash(window.location.hash);
    const onHash = () => openLessonFromHash(window.location.hash);
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
}

export function LessonsPanel() {
  useLessonSync();
  const open = useAppStore(selectLessonsOpen);
  const active = useAppStore(selectActiveLesson);
  if (!open) return null;
  return (
    <aside className="lessons" aria-label="Lessons" data-testid="lesson.panel">
      {active === null ? <LessonList /> : <LessonView />}
    </aside>
  );
}
