import { actions } from '../hooks/useAppStore.ts';

/** A button that removes the current selection (one undo step). */
export function InspectorDelete({ label }: { label: string }) {
  return (
    <button type="button" className="btn btn-danger" onClick={() => actions().removeSelected()} data-testid="inspector.delete">
      {label}
    </button>
  );
}
