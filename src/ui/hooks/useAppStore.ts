// The thin React binding over the vanilla store. Components subscribe to exactly what they draw.
import { useStore } from 'zustand';
import { appStore } from '../../store/index.ts';
import type { AppState } from '../../store/index.ts';

/** Subscribe to a slice of the app store (re-renders only when the selected value changes, by Object.is). */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}

/** The store's actions. They never change, so reading them does not subscribe. */
export function actions(): AppState {
  return appStore.getState();
}
