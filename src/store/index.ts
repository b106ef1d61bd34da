// Public surface of src/store. The React binding lives in src/ui/hooks/useAppStore.ts.
export { appStore, createAppStore, type AppStore } from './createAppStore.ts';
export type { AppState, AutosaveStatus, Banner, DataSlice, DataStatus, Dialog, GraphSlice, Selection, Toast, ToastKind, UiSlice, ViewRequest } from './types.ts';
export { fitFor, selectCatalogue, selectDataStatus, selectDatasetChoice, selectDatasetKey } from './dataSlice.ts';
export * from './runSlice.ts';
export * from './lessonSlice.ts';
export { loadRunHistory, RUN_HISTORY_KEY, saveRunHistory, startRunHistoryPersistence } from './runHistory.ts';
export type { ClipboardContent } from './graphEdits.ts';
export { HISTORY_LIMIT } from './history.ts';
export { PASTE_OFFSET } from './graphSlice.ts';
export * from './selectors.ts';
export { DEFAULT_PROBE_CHOICE, describeProbeChoice, nextShuffle, PROBE_COUNTS, probeChoiceStale, probeRequest, type ProbeChoice, type ProbePickChoice } from './probeChoice.ts';
export {
  AUTOSAVE_DELAY_MS,
  AUTOSAVE_KEY,
  createIdbStorage,
  createMemoryStorage,
  isShareHash,
  loadAutosave,
  projectFileName,
  restoreOnStartup,
  saveAutosave,
  startAutosave,
  type Autosave,
  type KeyValueStorage,
  type StartupResult,
  type StartupSource,
} from './persist.ts';
