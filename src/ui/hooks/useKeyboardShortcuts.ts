// Global keyboard shortcuts. None fire while the user types in a field (Ctrl/Cmd+S excepted:
// saving never changes the text being typed).
import { useEffect } from 'react';
import { appStore } from '../../store/index.ts';
import { saveProjectToFile } from '../projectActions.ts';

/** True when keys go to a text field, a select, or an editable element. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

function hasTextSelection(): boolean {
  const selection = window.getSelection();
  return selection !== null && !selection.isCollapsed && selection.toString().trim() !== '';
}

export function handleShortcut(e: KeyboardEvent): boolean {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  const store = appStore.getState();
  if (mod && !e.altKey && key === 's') {
    saveProjectToFile();
    return true;
  }
  if (e.defaultPrevented || isTypingTarget(e.target) || store.dialog !== null) return false;
  if (mod && !e.altKey) {
    switch (key) {
      case 'z':
        if (e.shiftKey) store.redo();
        else store.undo();
        return true;
      case 'y':
        store.redo();
        return true;
      case 'c':
        if (hasTextSelection()) return false;
        return store.copySelection() > 0;
      case 'v':
        return store.paste().length > 0;
      case 'd':
        store.duplicateSelection();
        return true;
      case 'a':
        store.selectAll();
        return true;
      default:
        return false;
    }
  }
  if (e.altKey || mod) return false;
  if (e.key === 'Delete' || e.key === 'Backspace') {
    if (store.selection.nodeIds.length === 0 && store.selection.edgeIds.length === 0) return false;
    store.removeSelected();
    return true;
  }
  if (key === 'f' && !e.shiftKey) {
    store.requestFitView();
    return true;
  }
  if (e.key === 'Escape' && (store.selection.nodeIds.length > 0 || store.selection.edgeIds.length > 0)) {
    store.clearSelection();
    return true;
  }
  return false;
}

export function useKeyboardShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (handleShortcut(e)) e.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
