// Startup without React: restore the project (share link > autosave > example), start the
// autosave, and follow share links pasted into the address bar of a running tab.
import { decodeShareHash } from '../graph/index.ts';
import { appStore, createIdbStorage, isShareHash, restoreOnStartup, saveAutosave, startAutosave } from '../store/index.ts';
import type { KeyValueStorage } from '../store/index.ts';

function clearHash(): void {
  const { pathname, search } = window.location;
  window.history.replaceState(window.history.state, '', `${pathname}${search}`);
}

function fallbackNote(source: 'autosave' | 'example' | 'share'): string {
  return source === 'autosave' ? 'Your last autosaved project is shown instead.' : 'The example project is shown instead.';
}

export async function boot(): Promise<void> {
  const storage: KeyValueStorage | null = typeof indexedDB === 'undefined' ? null : createIdbStorage();
  const startup = await restoreOnStartup(window.location.hash, storage);
  const store = appStore.getState();
  const doc = startup.doc;
  store.resetProject(doc);
  if (startup.clearHash) clearHash();
  if (startup.shareError !== undefined) {
    store.showBanner({
      kind: 'error',
      title: 'Could not open the share link',
      message: `${startup.shareError} ${fallbackNote(startup.source)}`,
    });
  } else if (startup.source === 'share') {
    store.pushToast('info', `Opened "${startup.doc.name}" from a share link.`);
  }

  if (storage !== null) {
    // A project opened from a link replaces the autosave at once (the link itself is gone from the URL).
    if (startup.source === 'share') void saveAutosave(storage, startup.doc).catch(() => undefined);
    store.setAutosave({ state: 'saved', at: Date.now() });
    let warned = false;
    const autosave = startAutosave(appStore, storage, {
      onSaved() {
        appStore.getState().setAutosave({ state: 'saved', at: Date.now() });
      },
      onError(error) {
        const message = error instanceof Error ? error.message : String(error);
        appStore.getState().setAutosave({ state: 'error', message });
        if (warned) return;
        warned = true;
        appStore
          .getState()
          .pushToast('error', `Autosave failed (${error instanceof Error ? error.message : String(error)}). Use Save to keep a copy.`);
      },
    });
    window.addEventListener('pagehide', () => void autosave.flush());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') void autosave.flush();
    });
  }

  window.addEventListener('hashchange', () => {
    const { hash } = window.location;
    if (!isShareHash(hash)) return;
    const decoded = decodeShareHash(hash);
    clearHash();
    const s = appStore.getState();
    if (decoded.ok) {
      s.loadProject(decoded.document);
      s.pushToast('info', `Opened "${decoded.document.name}" from a share link. Undo brings back your previous project.`);
    } else {
      s.showBanner({ kind: 'error', title: 'Could not open the share link', message: `${decoded.message} Your current project is unchanged.` });
    }
  });
}
