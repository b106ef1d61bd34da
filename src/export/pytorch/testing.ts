/**
 * Test support for the PyTorch export (imported by *.test.ts only): write an export to a directory,
 * perturb a model's weights (so that biases, γ/β and embeddings are all non-trivial), and run
 * Debian's python3 with torch. Node's APIs are loaded dynamically and typed here (the app's
 * tsconfig has no Node types), as src/cli/cli.test.ts does.
 */
import * as tf from '@tensorflow/tfjs';
import { newProject, type Graph, type ProjectDocument } from '../../graph/index.ts';
import type { CompiledModel } from '../../compile/index.ts';
import { mulberry32 } from '../../compile/seed.ts';
import { generatePytorch } from './generate.ts';
import { pytorchSampleBatch } from './samples.ts';
import { pytorchWeightsNpz } from './weights.ts';

/** The few Node APIs the export tests use. */
export interface NodeApis {
  spawnSync(
    cmd: string,
    args: readonly string[],
    opts: { encoding: 'utf8'; cwd?: string; timeout?: number; env?: Record<string, string | undefined>; maxBuffer?: number },
  ): { status: number | null; stdout: string | null; stderr: string | null; error?: Error };
  mkdtempSync(prefix: string): string;
  mkdirSync(path: string, opts?: { recursive?: boolean }): void;
  writeFileSync(path: string, data: string | Uint8Array): void;
  rmSync(path: string, opts: { recursive: boolean; force: boolean }): void;
  existsSync(path: string): boolean;
  readFileSync(path: string): Uint8Array;
  symlinkSync(target: string, path: string, type?: 'dir' | 'file' | 'junction'): void;
  tmpdir(): string;
  join(...parts: string[]): string;
  fileURLToPath(url: URL): string;
  readonly env: Record<string, string | undefined>;
}

let cached: NodeApis | null = null;

export async function nodeApis(): Promise<NodeApis> {
  if (cached) return cached;
  const load = (name: string): Promise<Record<string, unknown>> => import(/* @vite-ignore */ name) as Promise<Record<string, unknown>>;
  const [cp, fs, os, path, url] = await Promise.all(['node:child_process', 'node:fs', 'node:os', 'node:path', 'node:url'].map(load));
  const proc = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process;
  cached = { ...cp, ...fs, ...os, ...path, ...url, env: proc.env } as unknown as NodeApis;
  return cached;
}

/** The interpreter with Debian's python3-torch (not a pyenv / venv python3 on PATH). */
export function pythonPath(node: NodeApis): string {
  return node.env['FD_TORCH_PYTHON'] ?? '/usr/bin/python3';
}

/** check_exports.py, next to this file. */
export function checkScript(node: NodeApis): string {
  return node.fileURLToPath(new URL('./check_exports.py', import.meta.url));
}

/** Throws (so the test fails, never skips) when torch cannot be imported. */
export function requireTorch(node: NodeApis): void {
  const python = pythonPath(node);
  const r = node.spawnSync(python, ['-c', 'import torch, numpy; print(torch.__version__)'], { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(
      `PyTorch is not available to ${python} (${(r.stderr || r.error?.message || '').trim().split('\n').pop() ?? ''}). ` +
        'Install it with: apt-get install -y python3-torch (Debian\'s PyTorch; CI installs it in .ci/run).',
    );
  }
}

export function runPython(node: NodeApis, args: readonly string[], options: { cwd?: string; timeoutMs?: number; env?: Record<string, string> } = {}): { status: number | null; stdout: string; stderr: string } {
  const r = node.spawnSync(pythonPath(node), [...args], {
    encoding: 'utf8',
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    timeout: options.timeoutMs ?? 120_000,
    env: { ...node.env, OMP_NUM_THREADS: '1', ...options.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout ?? '', stderr: `${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

/** A project document around a graph. */
export function docOf(graph: Graph, name = 'test project'): ProjectDocument {
  return { ...newProject(name), graph };
}

/** Adds seeded noise N(0, scale²) to every weight of the model (in place). */
export function perturbWeights(model: tf.LayersModel, seed: number, scale = 0.3): void {
  const rand = mulberry32(seed);
  const gauss = (): number => {
    const u = Math.max(rand(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  };
  for (const v of model.weights) {
    const current = v.read().dataSync();
    const next = Float32Array.from(current, (x) => x + scale * gauss());
    const t = tf.tensor(next, v.shape.map((d) => d ?? 0), 'float32');
    v.write(t);
    t.dispose();
  }
}

/** Writes model.py, train.py, README.md, weights.npz and sample_batch.npz for `inputs` to `dir`. */
export function writeExport(node: NodeApis, dir: string, doc: ProjectDocument, compiled: CompiledModel, inputs: readonly tf.Tensor[]): void {
  node.mkdirSync(dir, { recursive: true });
  const files = generatePytorch(doc, compiled);
  for (const [name, text] of Object.entries(files)) node.writeFileSync(node.join(dir, name), text);
  node.writeFileSync(node.join(dir, 'weights.npz'), pytorchWeightsNpz(doc, compiled));
  node.writeFileSync(node.join(dir, 'sample_batch.npz'), pytorchSampleBatch(doc, compiled, inputs));
}
