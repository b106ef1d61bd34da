// Save to file, open from file, share link: plain functions over the store (used by the top bar
// and the keyboard shortcuts).
import { encodeShareHash, parseProject, serializeProject } from '../graph/index.ts';
import { appStore, projectFileName } from '../store/index.ts';

/** Download the project as "<name>.fusion.json". */
export function saveProjectToFile(): void {
  const { doc, pushToast } = appStore.getState();
  const blob = new Blob([serializeProject(doc)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = projectFileName(doc.name);
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  pushToast('success', `Saved ${a.download}`);
}

/** Read a project file; a malformed one shows why in the banner and leaves the graph alone. */
export async function openProjectFile(file: File): Promise<boolean> {
  const store = appStore.getState();
  let text: string;
  try {
    text = await file.text();
  } catch (error) {
    store.showBanner({
      kind: 'error',
      title: `Could not read ${file.name}`,
      message: error instanceof Error ? error.message : String(error),
    });
    return false;
  }
  const parsed = parseProject(text);
  if (!parsed.ok) {
    store.showBanner({
      kind: 'error',
      title: `Could not open ${file.name}`,
      message: `${parsed.message} Your current project is unchanged.`,
      details: parsed.issues.slice(0, 8).map((i) => (i.path === '' || i.message.startsWith(i.path) ? i.message : `${i.path}: ${i.message}`)),
    });
    return false;
  }
  store.dismissBanner();
  store.loadProject(parsed.document);
  const migrated = parsed.migratedFrom !== undefined ? ` (upgraded from format version ${parsed.migratedFrom})` : '';
  store.pushToast('success', `Opened "${parsed.document.name}"${migrated}. Undo brings back the previous project.`);
  return true;
}

/** The full share URL for the current project (throws when the project is too large for a link). */
export function buildShareUrl(): string {
  const hash = encodeShareHash(appStore.getState().doc);
  const { origin, pathname, search } = window.location;
  return `${origin}${pathname}${search}${hash}`;
}

/** Build the share link, show it in the dialog and copy it to the clipboard when allowed. */
export function shareProjectLink(): void {
  const store = appStore.getState();
  let url: string;
  try {
    url = buildShareUrl();
  } catch (error) {
    store.pushToast('error', `Can't make a share link: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  store.openDialog({ kind: 'share', url, copied: false });
  void copyText(url).then((ok) => {
    const dialog = appStore.getState().dialog;
    if (ok && dialog?.kind === 'share' && dialog.url === url) appStore.getState().openDialog({ ...dialog, copied: true });
  });
}

export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard === undefined) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
