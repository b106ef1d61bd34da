import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeShareHash, exampleProject, newProject } from '../graph/index.ts';
import { createAppStore } from './createAppStore.ts';
import {
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
} from './persist.ts';

let dbCount = 0;
const freshIdb = () => createIdbStorage(`test-db-${++dbCount}`);

afterEach(() => {
  vi.useRealTimers();
});

describe('IndexedDB storage', () => {
  it('sets, gets and deletes strings', async () => {
    const storage = freshIdb();
    expect(await storage.get('k')).toBeUndefined();
    await storage.set('k', 'v1');
    await storage.set('k', 'v2');
    expect(await storage.get('k')).toBe('v2');
    await storage.delete('k');
    expect(await storage.get('k')).toBeUndefined();
  });

  it('round-trips an autosaved document', async () => {
    const storage = freshIdb();
    const doc = { ...exampleProject(), name: 'Kept' };
    await saveAutosave(storage, doc);
    const loaded = await loadAutosave(storage);
    expect(loaded?.name).toBe('Kept');
    expect(loaded?.graph.nodes).toHaveLength(doc.graph.nodes.length);
  });

  it('ignores an unreadable autosave', async () => {
    const storage = createMemoryStorage();
    await storage.set(AUTOSAVE_KEY, '{"not":"a project"}');
    expect(await loadAutosave(storage)).toBeNull();
  });

  it('rejects clearly when IndexedDB is missing', async () => {
    const storage = createIdbStorage('x', 'kv', null);
    await expect(storage.get('k')).rejects.toThrow(/IndexedDB/);
  });
});

describe('autosave', () => {
  it('saves once, debounced, after a burst of changes', async () => {
    vi.useFakeTimers();
    const store = createAppStore(exampleProject());
    const storage = createMemoryStorage();
    const set = vi.spyOn(storage, 'set');
    const autosave = startAutosave(store, storage);
    store.getState().moveNodes({ n1: { x: 1, y: 1 } }, 'drag');
    store.getState().moveNodes({ n1: { x: 2, y: 2 } }, 'drag');
    store.getState().moveNodes({ n1: { x: 3, y: 3 } }, 'end');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS - 50);
    expect(set).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(100);
    expect(set).toHaveBeenCalledTimes(1);
    const saved = await loadAutosave(storage);
    expect(saved?.graph.nodes.find((n) => n.id === 'n1')?.position).toEqual({ x: 3, y: 3 });
    autosave.stop();
  });

  it('does not save for selection-only changes, and flush writes pending changes now', async () => {
    const store = createAppStore(exampleProject());
    const storage = createMemoryStorage();
    const autosave = startAutosave(store, storage, { delayMs: 10_000 });
    store.getState().selectNode('n1');
    await autosave.flush();
    expect(storage.data.has(AUTOSAVE_KEY)).toBe(false);
    store.getState().renameProject('Flushed');
    await autosave.flush();
    expect((await loadAutosave(storage))?.name).toBe('Flushed');
    autosave.stop();
  });

  it('reports write errors and keeps going', async () => {
    const store = createAppStore(exampleProject());
    const storage = createMemoryStorage();
    const onError = vi.fn();
    vi.spyOn(storage, 'set').mockRejectedValueOnce(new Error('quota'));
    const autosave = startAutosave(store, storage, { delayMs: 0, onError });
    store.getState().renameProject('A');
    await autosave.flush();
    expect(onError).toHaveBeenCalledTimes(1);
    store.getState().renameProject('B');
    await autosave.flush();
    expect((await loadAutosave(storage))?.name).toBe('B');
    autosave.stop();
  });
});

describe('restoreOnStartup', () => {
  it('prefers a share link', async () => {
    const storage = createMemoryStorage();
    await saveAutosave(storage, newProject('Autosaved'));
    const hash = encodeShareHash(newProject('Shared'));
    const result = await restoreOnStartup(hash, storage);
    expect(result).toMatchObject({ source: 'share', clearHash: true });
    expect(result.doc.name).toBe('Shared');
    expect(result.shareError).toBeUndefined();
  });

  it('falls back to the autosave with a reason when the link is damaged', async () => {
    const storage = createMemoryStorage();
    await saveAutosave(storage, newProject('Autosaved'));
    const result = await restoreOnStartup('#project=garbage!!!', storage);
    expect(result.source).toBe('autosave');
    expect(result.doc.name).toBe('Autosaved');
    expect(result.clearHash).toBe(true);
    expect(result.shareError).toMatch(/damaged|could not/i);
  });

  it('uses the autosave without a link, and the example with nothing', async () => {
    const storage = createMemoryStorage();
    expect((await restoreOnStartup('', storage)).source).toBe('example');
    await saveAutosave(storage, newProject('Autosaved'));
    const result = await restoreOnStartup('', storage);
    expect(result).toMatchObject({ source: 'autosave', clearHash: false });
  });

  it('survives a broken store', async () => {
    const storage = createMemoryStorage();
    vi.spyOn(storage, 'get').mockRejectedValue(new Error('boom'));
    expect((await restoreOnStartup('#other=1', storage)).source).toBe('example');
    expect((await restoreOnStartup('', null)).source).toBe('example');
  });
});

describe('file names and hashes', () => {
  it('names files after the project', () => {
    expect(projectFileName('My model')).toBe('My model.fusion.json');
    expect(projectFileName('a/b: c?')).toBe('a-b- c-.fusion.json');
    expect(projectFileName('   ')).toBe('project.fusion.json');
  });

  it('recognises share hashes', () => {
    expect(isShareHash('#project=abc')).toBe(true);
    expect(isShareHash('project=abc')).toBe(true);
    expect(isShareHash('#other')).toBe(false);
    expect(isShareHash('')).toBe(false);
  });
});
