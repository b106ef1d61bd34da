// Reading packed dataset files (fetch in the worker, the file system in tests) and checking their
// SHA-256 with crypto.subtle.
import { DatasetError, LoadCancelled } from './types.ts';

export interface ReadOptions {
  readonly signal?: AbortSignal;
  /** Bytes read so far, and the total when known. */
  readonly onBytes?: (done: number, total: number | null) => void;
}

/** Where a dataset's files come from. */
export interface AssetSource {
  /** Shown in messages, e.g. "/datasets/avdigits/". */
  readonly where: string;
  read(name: string, options?: ReadOptions): Promise<Uint8Array>;
}

/** Files under a URL, fetched with progress (streamed when the response has a body). */
export function fetchAssets(baseUrl: string): AssetSource {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return {
    where: base,
    async read(name, options = {}) {
      let res: Response;
      try {
        res = await fetch(new URL(name, base), options.signal === undefined ? {} : { signal: options.signal });
      } catch (err) {
        if (options.signal?.aborted === true) throw new LoadCancelled();
        throw new DatasetError(`Could not download ${name} (${err instanceof Error ? err.message : String(err)}). Check the connection and try again.`, name);
      }
      if (!res.ok) throw new DatasetError(`Could not download ${name}: the server answered ${res.status} ${res.statusText}.`, name);
      const header = res.headers.get('content-length');
      const total = header === null ? null : Number(header);
      if (res.body === null) {
        const bytes = new Uint8Array(await res.arrayBuffer());
        options.onBytes?.(bytes.byteLength, bytes.byteLength);
        return bytes;
      }
      const reader = res.body.getReader();
      const chunks: Uint8Array[] = [];
      let done = 0;
      for (;;) {
        if (options.signal?.aborted === true) {
          await reader.cancel().catch(() => undefined);
          throw new LoadCancelled();
        }
        const step = await reader.read();
        if (step.done) break;
        chunks.push(step.value);
        done += step.value.byteLength;
        options.onBytes?.(done, total);
      }
      if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
      const out = new Uint8Array(done);
      let at = 0;
      for (const c of chunks) {
        out.set(c, at);
        at += c.byteLength;
      }
      return out;
    },
  };
}

/** Hex SHA-256 of bytes (crypto.subtle: workers, pages and Node ≥ 20). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Checks a file's size and SHA-256 against the manifest's entry; throws a DatasetError naming the
 * file (where = "<dataset>/<file>") when they differ.
 */
export async function verifyAsset(dataset: string, name: string, bytes: Uint8Array, expected: { readonly bytes: number; readonly sha256: string }): Promise<void> {
  const where = `${dataset}/${name}`;
  if (bytes.byteLength !== expected.bytes) {
    throw new DatasetError(
      `${where} is damaged: it has ${bytes.byteLength.toLocaleString('en-US')} bytes, but the manifest says ${expected.bytes.toLocaleString('en-US')}. Reload the page; if it persists, the packed files need re-packing (npx tsx scripts/pack-avdigits.ts).`,
      where,
    );
  }
  const actual = await sha256Hex(bytes);
  if (actual !== expected.sha256) {
    throw new DatasetError(
      `${where} does not match its checksum (SHA-256 ${actual.slice(0, 12)}…, expected ${expected.sha256.slice(0, 12)}…): the file is damaged or was changed. Reload the page; if it persists, re-pack the dataset (npx tsx scripts/pack-avdigits.ts).`,
      where,
    );
  }
}
