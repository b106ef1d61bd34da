// Where the files named in a CSV (or a folder dataset) come from: a zip, or a folder people picked.
// One interface for both, name matching that forgives a leading folder, and the size limits.
import { ZipArchive } from './zip.ts';
import type { ZipEntry } from './zip.ts';

export { MB, SIZE_LIMITS, sizeLimitMessage } from './limits.ts';

/** A file people picked in a folder (<input webkitdirectory>): its path inside the folder. */
export interface PickedFile {
  readonly path: string;
  readonly file: Blob;
}

export interface FileSource {
  readonly kind: 'zip' | 'folder';
  /** The zip's file name or the folder's name, for messages ("is not in pets.zip"). */
  readonly name: string;
  readonly bytes: number;
  /** Every file path (no directories, no system files), '/'-separated. */
  readonly paths: readonly string[];
  /** System files left out of `paths` (__MACOSX, .DS_Store, Thumbs.db). */
  readonly systemFiles: number;
  read(path: string): Promise<Uint8Array>;
}

/** Files that operating systems add to zips and folders: never data. */
export function isSystemFile(path: string): boolean {
  const parts = path.split('/');
  const base = parts[parts.length - 1] ?? '';
  return parts.some((p) => p === '__MACOSX') || base.startsWith('.') || base === 'Thumbs.db' || base === 'desktop.ini';
}

export async function zipSource(file: Blob, name: string): Promise<FileSource> {
  const zip = await ZipArchive.open(file, name);
  const byPath = new Map<string, ZipEntry>();
  let systemFiles = 0;
  for (const e of zip.entries) {
    if (e.name.endsWith('/')) continue;
    const path = e.name.replace(/\\/g, '/');
    if (isSystemFile(path)) {
      systemFiles++;
      continue;
    }
    byPath.set(path, e);
  }
  // Paths in offset order, so reading them in this order walks the zip front to back.
  const paths = [...byPath.entries()].sort((a, b) => a[1].localHeaderOffset - b[1].localHeaderOffset).map(([p]) => p);
  return {
    kind: 'zip',
    name,
    bytes: file.size,
    paths,
    systemFiles,
    read(path) {
      const entry = byPath.get(path);
      if (entry === undefined) return Promise.reject(new Error(`'${path}' is not in ${name}`));
      return zip.read(entry);
    },
  };
}

export function folderSource(files: readonly PickedFile[], name?: string): FileSource {
  const byPath = new Map<string, Blob>();
  let systemFiles = 0;
  let bytes = 0;
  for (const f of files) {
    const path = f.path.replace(/\\/g, '/').replace(/^\/+/, '');
    if (isSystemFile(path)) {
      systemFiles++;
      continue;
    }
    byPath.set(path, f.file);
    bytes += f.file.size;
  }
  const paths = [...byPath.keys()].sort();
  const top = commonTopFolder(paths);
  return {
    kind: 'folder',
    name: name ?? (top === '' ? 'the folder' : top),
    bytes,
    paths,
    systemFiles,
    async read(path) {
      const blob = byPath.get(path);
      if (blob === undefined) throw new Error(`'${path}' is not in the folder`);
      return new Uint8Array(await blob.arrayBuffer());
    },
  };
}

/** The one folder every path starts with ("pets" for pets/cat/1.png, pets/dog/2.png), or ''. */
export function commonTopFolder(paths: readonly string[]): string {
  let top: string | null = null;
  for (const p of paths) {
    const slash = p.indexOf('/');
    if (slash === -1) return '';
    const first = p.slice(0, slash);
    if (top === null) top = first;
    else if (top !== first) return '';
  }
  return top ?? '';
}

export type Resolved = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly reason: 'missing' | 'ambiguous'; readonly candidates: readonly string[] };

/**
 * Finds the file a CSV cell names: the exact path; else the path below the source's common top
 * folder; else the only file with that base name. Two files with the base name are ambiguous.
 */
export class FileNameIndex {
  private readonly exact = new Set<string>();
  private readonly lower = new Map<string, string[]>();
  private readonly byBase = new Map<string, string[]>();
  private readonly top: string;

  constructor(paths: readonly string[]) {
    this.top = commonTopFolder(paths);
    for (const p of paths) {
      this.exact.add(p);
      push(this.lower, p.toLowerCase(), p);
      const base = p.slice(p.lastIndexOf('/') + 1);
      push(this.byBase, base, p);
    }
  }

  resolve(cell: string): Resolved {
    const name = cell.trim().replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\/+/, '');
    if (this.exact.has(name)) return { ok: true, path: name };
    if (this.top !== '' && this.exact.has(`${this.top}/${name}`)) return { ok: true, path: `${this.top}/${name}` };
    const lower = this.lower.get(name.toLowerCase());
    if (lower !== undefined && lower.length === 1) return { ok: true, path: lower[0] as string };
    const base = name.slice(name.lastIndexOf('/') + 1);
    const same = this.byBase.get(base) ?? [];
    if (same.length === 1) return { ok: true, path: same[0] as string };
    if (same.length > 1) {
      // A partial path may still pick one ("b/cat.png" among "a/b/cat.png" and "c/cat.png").
      const ends = same.filter((p) => p.endsWith(`/${name}`));
      if (ends.length === 1) return { ok: true, path: ends[0] as string };
      return { ok: false, reason: 'ambiguous', candidates: same.slice(0, 3) };
    }
    return { ok: false, reason: 'missing', candidates: [] };
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
