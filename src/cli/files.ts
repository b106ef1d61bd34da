// The file system as the train and export commands use it. bin/fusion-designer.mjs and the tests
// hand in nodeCliFiles(); Node's modules are loaded at run time, so the app's tsconfig (no Node
// types) still type-checks this folder.
import type { AssetSource } from '../data/assets.ts';

export interface CliFiles {
  readBytes(path: string): Promise<Uint8Array>;
  /** Writes a file, creating its folders. */
  writeFile(path: string, data: Uint8Array | string): Promise<void>;
  /** The files below a folder ('/'-separated relative paths), or null when `path` is not a folder. */
  listFolder(path: string): Promise<string[] | null>;
  /** Why `path` cannot be an output folder (it is a file, or below one), or null when it is or can be made one. */
  folderProblem(path: string): Promise<string | null>;
  join(...parts: string[]): string;
  /** Where the built-in datasets' packed files are (public/datasets of the package). */
  readonly datasetsDir: string;
  /** The .wasm binaries of @tensorflow/tfjs-backend-wasm (a file:// URL of their folder). */
  readonly wasmDir: string;
}

interface NodeFsPromises {
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array | string): Promise<void>;
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  stat(path: string): Promise<{ isDirectory(): boolean }>;
  readdir(path: string, options: { withFileTypes: true }): Promise<{ name: string; isDirectory(): boolean }[]>;
}
interface NodePath {
  join(...parts: string[]): string;
  dirname(path: string): string;
}
interface NodeModule {
  createRequire(from: string | URL): { resolve(id: string): string };
}
interface NodeUrl {
  fileURLToPath(url: string | URL): string;
  pathToFileURL(path: string): URL;
}

const load = <T,>(name: string): Promise<T> => import(/* @vite-ignore */ name) as Promise<T>;

/** The real file system; `packageRoot` is the fusion-designer package folder (a file:// URL). */
export async function nodeCliFiles(packageRoot: URL): Promise<CliFiles> {
  const [fs, path, url, mod] = await Promise.all([load<NodeFsPromises>('node:fs/promises'), load<NodePath>('node:path'), load<NodeUrl>('node:url'), load<NodeModule>('node:module')]);
  const root = url.fileURLToPath(packageRoot);
  // Wherever npm put the wasm backend (next to this package or hoisted above it).
  const wasmMain = mod.createRequire(new URL('package.json', packageRoot)).resolve('@tensorflow/tfjs-backend-wasm');
  const list = async (dir: string, prefix: string, out: string[]): Promise<void> => {
    for (const e of await fs.readdir(dir, { withFileTypes: true })) {
      if (e.isDirectory()) await list(path.join(dir, e.name), `${prefix}${e.name}/`, out);
      else out.push(`${prefix}${e.name}`);
    }
  };
  return {
    readBytes: async (p) => new Uint8Array(await fs.readFile(p)),
    async writeFile(p, data) {
      await fs.mkdir(path.dirname(p), { recursive: true });
      await fs.writeFile(p, data);
    },
    async listFolder(p) {
      try {
        if (!(await fs.stat(p)).isDirectory()) return null;
      } catch {
        return null;
      }
      const out: string[] = [];
      await list(p, '', out);
      return out.sort();
    },
    async folderProblem(p) {
      try {
        return (await fs.stat(p)).isDirectory() ? null : `${p} is a file, not a folder`;
      } catch (err) {
        const code = (err as { code?: unknown } | null)?.code;
        if (code === 'ENOENT') return null;
        return code === 'ENOTDIR' ? `${p} is below a file, not a folder` : `${p} cannot be used (${err instanceof Error ? err.message : String(err)})`;
      }
    },
    join: (...parts) => path.join(...parts),
    datasetsDir: path.join(root, 'public', 'datasets'),
    wasmDir: `${url.pathToFileURL(path.dirname(wasmMain)).href}/`,
  };
}

/** Writes `entries` into the folder `out`; resolves to the names written, or to what went wrong with which file. */
export async function writeInto(files: CliFiles, out: string, entries: Iterable<readonly [string, Uint8Array]>): Promise<{ written: string[] } | { problem: string }> {
  const written: string[] = [];
  for (const [name, bytes] of entries) {
    const path = files.join(out, name);
    try {
      await files.writeFile(path, bytes);
    } catch (err) {
      return { problem: `cannot write ${path}: ${err instanceof Error ? err.message : String(err)}. Choose another --out folder.` };
    }
    written.push(name);
  }
  return { written };
}

/** A built-in dataset's packed files, read from disk (with the same progress reports as a download). */
export function diskAssets(files: CliFiles, dataset: string): AssetSource {
  const dir = files.join(files.datasetsDir, dataset);
  return {
    where: dir,
    async read(name, options = {}) {
      const bytes = await files.readBytes(files.join(dir, name));
      options.onBytes?.(bytes.byteLength, bytes.byteLength);
      return bytes;
    },
  };
}
