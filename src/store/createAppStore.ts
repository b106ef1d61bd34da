// One store, composed from slices, on zustand's vanilla core (React binds to it in src/ui/hooks).
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import { newProject } from '../graph/index.ts';
import type { ProjectDocument } from '../graph/index.ts';
import { createDataSlice } from './dataSlice.ts';
import { createGraphSlice } from './graphSlice.ts';
import { createLessonSlice } from './lessonSlice.ts';
import { createRunSlice } from './runSlice.ts';
import type { AppState } from './types.ts';
import { createUiSlice } from './uiSlice.ts';

export type AppStore = StoreApi<AppState>;

/** A fresh store (tests make one each; the app uses the `appStore` singleton). */
export function createAppStore(initial: ProjectDocument = newProject()): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createGraphSlice(initial)(...a),
    ...createUiSlice(...a),
    ...createDataSlice(...a),
    ...createRunSlice(...a),
    ...createLessonSlice(...a),
  }));
}

/** The app's store. */
export const appStore: AppStore = createAppStore();
