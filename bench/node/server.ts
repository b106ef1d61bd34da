// Builds pages with the project's Vite config (its COOP/COEP headers included) into a temporary
// directory and serves them with `vite preview`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview, type PreviewServer } from 'vite';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Served {
  /** Base URL, ending in "/". */
  readonly url: string;
  readonly buildSeconds: number;
  close(): Promise<void>;
}

/**
 * `vite build` of the given HTML entries (paths relative to the repository root; default: the
 * app's index.html) into a fresh temporary directory, then `vite preview` of it on 127.0.0.1.
 */
export async function buildAndServe(entries: Readonly<Record<string, string>> | null, label: string): Promise<Served> {
  const outDir = mkdtempSync(join(tmpdir(), `fusion-bench-${label}-`));
  const configFile = join(ROOT, 'vite.config.ts');
  const t0 = performance.now();
  await build({
    configFile,
    root: ROOT,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      rolldownOptions: {
        // The build's speed is not what is measured here: no timing warnings in the output.
        checks: { bundlerTimings: false },
        ...(entries ? { input: Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, join(ROOT, v)])) } : {}),
      },
    },
  });
  const buildSeconds = (performance.now() - t0) / 1000;
  let server: PreviewServer;
  try {
    server = await preview({ configFile, root: ROOT, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false } });
  } catch (err) {
    rmSync(outDir, { recursive: true, force: true });
    throw err;
  }
  const address = server.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    buildSeconds,
    close: async () => {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
