// The top bar's Lessons button: shows or hides the lessons column.
import { selectLessonsOpen } from '../../store/index.ts';
import { actions, useAppStore } from '../hooks/useAppStore.ts';

export function LessonsButton() {
  const open = useAppStore(selectLessonsOpen);
  return (
    <button
      type="button"
      className={`btn${open ? ' is-pressed' : ''}`}
      aria-pressed={open}
      onClick={() => (open ? actions().closeLessons() : actions().openLessons())}
      data-testid="toolbar.lessons"
      title="Guided lessons on fusion: each loads a model and data and checks your own runs"
    >
      Lessons
    </button>
  );
}
