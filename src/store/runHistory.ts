// The run history kept in the browser: every finished run with the graph that produced it, in the
// same IndexedDB key-value store as the autosave (key "runs"), written shortly after it changes.
import { parseProject } from '../graph/index.ts';
import type { RunRecord } from '../train/trainingProtocol.ts';
import type { AppStore } from './createAppStore.ts';
import type { KeyValueStorage } from './persist.ts';
import { RUN_HISTORY_LIMIT } from './runSlice.ts';

export const RUN_HISTORY_KEY = 'runs';
const SAVE_DELAY_MS = 500;

interface Stored {
  readonly version: 1;
  readonly runs: readonly RunRecord[];
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A stored record that still reads as one (its document parses, possibly migrated), or null. */
function readRecord(raw: unknown): RunRecord | null {
  if (!isObject(raw)) return null;
  if (typeof raw['runId'] !== 'string' || typeof raw['datasetId'] !== 'string' || typeof raw['finishedAt'] !== 'number') return null;
  if (!isObject(raw['metrics']) || !isObject(raw['settings'])) return null;
  const parsed = parseProject(raw['document']);
  if (!parsed.ok) return null;
  return { ...(raw as unknown as RunRecord), document: parsed.document };
}

/** The stored history (newest first); records that no longer read are dropped, never thrown. */
export async function loadRunHistory(storage: KeyValueStorage): Promise<RunRecord[]> {
  const text = await storage.get(RUN_HISTORY_KEY);
  if (text === undefined) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return [];
  }
  if (!isObject(raw) || !Array.isArray(raw['runs'])) return [];
  return raw['runs'].map(readRecord).filter((r): r is RunRecord => r !== null);
}

export async function saveRunHistory(storage: KeyValueStorage, runs: readonly RunRecord[]): Promise<void> {
  const stored: Stored = { version: 1, runs: runs.slice(0, RUN_HISTORY_LIMIT) };
  await storage.set(RUN_HISTORY_KEY, JSON.stringify(stored));
}

/**
 * Loads the stored history into the store (merged with runs finished meanwhile), then saves it
 * whenever it changes. Returns the stop function; `ready` resolves once the stored runs are in.
 */
export function startRunHistoryPersistence(
  store: AppStore,
  storage: KeyValueStorage,
  onError: (error: unknown) => void = () => undefined,
): { stop(): void; ready: Promise<void> } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let loaded = false;
  const save = (): void => {
    timer = null;
    saveRunHistory(storage, store.getState().runHistory).catch(onError);
  };
  const unsubscribe = store.subscribe((s, prev) => {
    if (!loaded || s.runHistory === prev.runHistory) return;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY_MS);
  });
  const ready = loadRunHistory(storage)
    .catch((error: unknown) => {
      onError(error);
      return [] as RunRecord[];
    })
    .then((runs) => {
      loaded = true;
      const s = store.getState();
      // Runs that finished while loading are kept too (and the merge is saved by the subscription).
      if (runs.length > 0) s.setRunHistory([...s.runHistory, ...runs]);
      else if (s.runHistory.length > 0) save();
    });
  return {
    ready,
    stop() {
      unsubscribe();
      if (timer !== null) {
        clearTimeout(timer);
        save();
      }
    },
  };
}
