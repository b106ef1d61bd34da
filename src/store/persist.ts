// Persistence without React: a tiny IndexedDB key-value wrapper, the debounced autosave, the
// startup choice (share link > autosave > example) and file naming.
import { decodeShareHash, exampleProject, parseProject, serializeProject } from '../graph/index.ts';
import type { ProjectDocument } from '../graph/index.ts';
import type { AppStore } from './createAppStore.ts';

/** A minimal async key-value store (IndexedDB in the app, memory in tests). */
export interface KeyValueStorage {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export const DB_NAME = 'fusion-designer';
export const DB_STORE = 'kv';
export const AUTOSAVE_KEY = 'autosave';
export const AUTOSAVE_DELAY_MS = 300;

function promisify<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/** A key-value store in IndexedDB (one database, one object store). Opens lazily, once. */
export function createIdbStorage(
  dbName = DB_NAME,
  storeName = DB_STORE,
  factory: IDBFactory | null = typeof indexedDB === 'undefined' ? null : indexedDB,
): KeyValueStorage {
  let db: Promise<IDBDatabase> | null = null;
  const open = (): Promise<IDBDatabase> => {
    if (factory === null) return Promise.reject(new Error('IndexedDB is not available in this browser'));
    db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(dbName, 1);
      request.onupgradeneeded = () => {
        if (!request.result.objectStoreNames.contains(storeName)) request.result.createObjectStore(storeName);
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('Could not open IndexedDB'));
      request.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
    });
    return db;
  };
  const run = async <T>(mode: IDBTransactionMode, op: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const tx = (await open()).transaction(storeName, mode);
    const result = await promisify(op(tx.objectStore(storeName)));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
    return result;
  };
  return {
    async get(key) {
      const value: unknown = await run('readonly', (s) => s.get(key));
      return typeof value === 'string' ? value : undefined;
    },
    async set(key, value) {
      await run('readwrite', (s) => s.put(value, key));
    },
    async delete(key) {
      await run('readwrite', (s) => s.delete(key));
    },
  };
}

/** A key-value store in memory (tests, or when IndexedDB is unavailable). */
export function createMemoryStorage(): KeyValueStorage & { readonly data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get: (key) => Promise.resolve(data.get(key)),
    set: (key, value) => {
      data.set(key, value);
      return Promise.resolve();
    },
    delete: (key) => {
      data.delete(key);
      return Promise.resolve();
    },
  };
}

export async function saveAutosave(storage: KeyValueStorage, doc: ProjectDocument): Promise<void> {
  await storage.set(AUTOSAVE_KEY, serializeProject(doc));
}

/** The autosaved document, or null when there is none or it can no longer be read. */
export async function loadAutosave(storage: KeyValueStorage): Promise<ProjectDocument | null> {
  const text = await storage.get(AUTOSAVE_KEY);
  if (text === undefined) return null;
  const parsed = parseProject(text);
  return parsed.ok ? parsed.document : null;
}

export interface Autosave {
  /** Write any pending change now (e.g. on pagehide). */
  flush(): Promise<void>;
  stop(): void;
}

/**
 * Save the store's document `delayMs` after each change (debounced). Write errors go to `onError`
 * and do not stop later saves.
 */
export function startAutosave(
  store: AppStore,
  storage: KeyValueStorage,
  opts: { delayMs?: number; onError?: (error: unknown) => void; onSaved?: () => void } = {},
): Autosave {
  const delayMs = opts.delayMs ?? AUTOSAVE_DELAY_MS;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: ProjectDocument | null = null;
  let writing: Promise<void> = Promise.resolve();

  const write = (): Promise<void> => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const doc = pending;
    pending = null;
    if (doc === null) return writing;
    writing = writing
      .then(() => saveAutosave(storage, doc))
      .then(() => {
        if (pending === null) opts.onSaved?.();
      })
      .catch((error: unknown) => opts.onError?.(error));
    return writing;
  };

  const unsubscribe = store.subscribe((state, prev) => {
    if (state.doc === prev.doc) return;
    pending = state.doc;
    if (state.autosave.state !== 'pending') store.getState().setAutosave({ state: 'pending' });
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => void write(), delayMs);
  });

  return {
    flush: write,
    stop() {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}

export type StartupSource = 'share' | 'autosave' | 'example';

export interface StartupResult {
  readonly doc: ProjectDocument;
  readonly source: StartupSource;
  /** True when location.hash held a share link (good or damaged) that should now be cleared. */
  readonly clearHash: boolean;
  /** Why the share link could not be opened (the app shows it and falls back). */
  readonly shareError?: string;
}

/** True when a location hash carries a share link. */
export const isShareHash = (hash: string): boolean => /^#?project=/.test(hash);

/**
 * Choose the document to open at startup: a share link in the hash, else the autosave, else the
 * example project. A damaged link falls back and reports why; an unreadable store is ignored.
 */
export async function restoreOnStartup(hash: string, storage: KeyValueStorage | null): Promise<StartupResult> {
  let shareError: string | undefined;
  const hasShare = isShareHash(hash);
  if (hasShare) {
    const decoded = decodeShareHash(hash);
    if (decoded.ok) return { doc: decoded.document, source: 'share', clearHash: true };
    shareError = decoded.message;
  }
  let autosaved: ProjectDocument | null = null;
  if (storage !== null) {
    try {
      autosaved = await loadAutosave(storage);
    } catch {
      autosaved = null;
    }
  }
  const fallback = autosaved !== null
    ? { doc: autosaved, source: 'autosave' as const }
    : { doc: exampleProject(), source: 'example' as const };
  return { ...fallback, clearHash: hasShare, ...(shareError !== undefined ? { shareError } : {}) };
}

/** "<project name>.fusion.json", with characters that file systems refuse replaced. */
export function projectFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const safe = name.replace(/[\u0000-\u001f<>:"/\\|?*]+/g, '-').replace(/^[\s.]+|[\s.]+$/g, '');
  return `${safe === '' ? 'project' : safe}.fusion.json`;
}
